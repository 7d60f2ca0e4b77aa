"""Shared checks for short free-text fields typed by the clinician."""

from __future__ import annotations

import unicodedata

from boundary_desk.errors import InvalidInput


def clean_line(text: str, *, label: str, max_len: int, required: bool) -> str:
    """One line of text, stripped and NFC-normalised; control characters refused."""
    value = unicodedata.normalize("NFC", text).strip()
    if required and not value:
        raise InvalidInput(f"{label} can't be empty.")
    if len(value) > max_len:
        raise InvalidInput(f"{label} can be at most {max_len} characters (this has {len(value)}).")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise InvalidInput(f"{label} must be a single line without control characters.")
    return value
