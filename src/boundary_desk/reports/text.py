"""Making text a person typed safe to hand to reportlab's `Paragraph`.

`Paragraph` reads its text as markup, so a client called "<b>Sam</b>" or a practice
called "Smith & Jones" would be rendered as bold or rejected as bad XML. Every piece
of user text goes through `para_text` before it reaches a `Paragraph`.

Long unbroken words (a pasted URL, a 300-character token) are not handled here:
reportlab 5 ignores zero-width spaces as break points (and they would end up in
copied text), but its `splitLongWords` style option, on in every report style,
breaks any word wider than the frame.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

# Every kind of line ending a pasted text may carry becomes one newline.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def para_text(user_text: str) -> str:
    """`user_text` as literal `Paragraph` markup: escaped, newlines kept as <br/>."""
    text = _LINE_BREAKS.sub("\n", user_text).replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or not _unprintable(ch))
    return escape(text).replace("\n", "<br/>")


def _unprintable(ch: str) -> bool:
    # Cc: control characters; Cs: lone surrogates, which cannot be encoded at all.
    return unicodedata.category(ch) in ("Cc", "Cs")
