"""Shared checks for short free-text fields typed by the clinician."""

from __future__ import annotations

import unicodedata

from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _

# The explicit embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
# invisible, they reorder the text around them, so a printed name or code could read
# differently from what was stored ("Trojan source"). The left-to-right and right-to-left
# marks (U+200E, U+200F) and the Arabic letter mark (U+061C) stay allowed: they only settle
# the direction of neighbouring punctuation and digits, and Hebrew and Arabic text needs them.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def bidi_control_in(text: str) -> str | None:
    """The first embedding, override or isolate control in `text`, if any."""
    return next((ch for ch in text if ch in BIDI_CONTROLS), None)


def refuse_bidi_controls(text: str, *, label: str) -> None:
    """InvalidInput, naming the field, if `text` holds a text-direction control."""
    found = bidi_control_in(text)
    if found is not None:
        raise InvalidInput(
            _(
                "{label} can't hold an invisible text-direction control ({code}), which "
                "would make it print in another order than it reads here. Type it again "
                "without it."
            ).format(label=label, code=f"U+{ord(found):04X}")
        )


def clean_line(text: str, *, label: str, max_len: int, required: bool) -> str:
    """One line of text, stripped and NFC-normalised; control characters refused, and so
    are text-direction controls (see BIDI_CONTROLS)."""
    value = unicodedata.normalize("NFC", text).strip()
    if required and not value:
        raise InvalidInput(_("{label} can't be empty.").format(label=label))
    if len(value) > max_len:
        raise InvalidInput(
            _("{label} can be at most {max_len} characters (this has {count}).").format(
                label=label, max_len=max_len, count=len(value)
            )
        )
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise InvalidInput(
            _("{label} must be a single line without control characters.").format(label=label)
        )
    refuse_bidi_controls(value, label=label)
    return value
