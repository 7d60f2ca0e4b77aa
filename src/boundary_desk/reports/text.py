"""Making text a person typed safe to hand to reportlab's `Paragraph`.

`Paragraph` reads its text as markup, so a client called "<b>Sam</b>" or a practice
called "Smith & Jones" would be rendered as bold or rejected as bad XML. Every piece
of user text goes through `para_text` before it reaches a `Paragraph`.

Long unbroken words (a pasted URL, a 300-character token) are not handled here:
reportlab 5 ignores zero-width spaces as break points (and they would end up in
copied text), but its `splitLongWords` style option, on in every report style,
breaks any word wider than the frame.

Right-to-left text (Hebrew, Arabic) is laid out by reportlab in the order it is
stored, which prints every RTL word backwards and Arabic letters unjoined. So each
line holding RTL characters is shaped (arabic-reshaper) and put into visual order
(python-bidi, the Unicode bidi algorithm) first. This is right for names and short
lines, which is what clinicians type; a long RTL paragraph that wraps would show
its lines in the wrong order, because the reordering happens before wrapping.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

# Every kind of line ending a pasted text may carry becomes one newline.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def para_text(user_text: str) -> str:
    """`user_text` as literal `Paragraph` markup: escaped, newlines kept as <br/>."""
    text = _LINE_BREAKS.sub("\n", user_text).replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or not _unprintable(ch))
    lines = [_visual_order(line) for line in text.split("\n")]
    return "<br/>".join(escape(line) for line in lines)


def _visual_order(line: str) -> str:
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
        return line
    return str(get_display(arabic_reshaper.reshape(line), base_dir="L"))


def _unprintable(ch: str) -> bool:
    # Cc: control characters; Cs: lone surrogates, which cannot be encoded at all.
    return unicodedata.category(ch) in ("Cc", "Cs")
