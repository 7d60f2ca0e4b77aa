"""Small pieces of plain English shared by the app, the command line and the reports."""

from __future__ import annotations


def counted(count: int, one: str, many: str) -> str:
    """E.g. counted(1, "client", "clients") -> "1 client"; counted(3, …) -> "3 clients"."""
    return f"{count} {one if count == 1 else many}"
