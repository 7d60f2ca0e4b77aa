"""Small pieces of wording shared by the app, the command line and the reports."""

from __future__ import annotations


def counted(count: int, one: str, many: str) -> str:
    """E.g. counted(1, "client", "clients") -> "1 client"; counted(3, …) -> "3 clients"."""
    return f"{count} {one if count == 1 else many}"


def capitalised(words: str) -> str:
    """`words` with its first letter raised, the rest as written: "vendredi à 22 h 40" ->
    "Vendredi à 22 h 40" (str.capitalize would lower the rest: "Lima" inside a line)."""
    return words[:1].upper() + words[1:]
