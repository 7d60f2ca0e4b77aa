"""The text of a Facebook or Instagram download, its mojibake undone.

Both write their JSON with every non-ASCII byte of the UTF-8 text escaped as if it were
a Latin-1 character: "café" arrives as "cafÃ©". A string is re-decoded only when all of
it is in the Latin-1 range and its bytes are valid UTF-8 that says something else, so a
string already right (a newer export, a hand-made file, "café" itself) is left alone.
"""

from __future__ import annotations

from typing import Any


def repaired(text: str) -> str:
    """`text` with the download's mojibake undone, or as it was when it has none."""
    if text.isascii():
        return text
    try:  # a character beyond Latin-1 means the text is already right (in C, not a loop)
        fixed = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    return fixed


def text_of(value: Any) -> str:
    """A JSON value as repaired text: "" for anything that is not a string."""
    return repaired(value) if isinstance(value, str) else ""


def whole_number(value: Any) -> int | None:
    """A JSON integer (not a boolean, not a float with a fraction), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return None
