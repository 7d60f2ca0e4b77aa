"""Tooltips that carry text from a file (a calendar title, a message's summary).

Qt shows a tooltip as rich text when it merely looks like HTML, so a title such as
"<b>x</b>" would be drawn bold, and one with an <img> tag could reach for a file. Such
text is escaped and kept as it was written, line breaks and spaces included.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip shown exactly as written, never read as markup ("" for none)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
