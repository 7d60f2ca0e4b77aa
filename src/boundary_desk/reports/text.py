"""Making text a person typed safe to hand to reportlab, and laying out right-to-left text.

`Paragraph` reads its text as markup, so a client called "<b>Sam</b>" or a practice
called "Smith & Jones" would be rendered as bold or rejected as bad XML. Every piece
of user text goes through `para_text` before it reaches a `Paragraph`.

Long unbroken words (a pasted URL, a 300-character token) are not handled here:
reportlab 5 ignores zero-width spaces as break points (and they would end up in
copied text), but its `splitLongWords` style option, on in every report style,
breaks any word wider than the frame.

Right-to-left text (Hebrew, Arabic) is laid out by reportlab in the order it is
stored, which would print every RTL word backwards and Arabic letters unjoined. So
`para_text` shapes Arabic (arabic-reshaper) and keeps the logical order, and this
module's `Paragraph` wraps the text in that order first, then puts each line into
visual order (the Unicode bidi algorithm, python-bidi) as it is drawn: a long Hebrew
paragraph keeps its lines in reading order, and a Latin name inside Hebrew reads left
to right. A paragraph whose direction is right to left (its style's `direction`, else
its first strong letter) stands against the right margin. Reordering at draw time
only, never in the laid-out lines, keeps a paragraph that splits across pages whole.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import algorithm
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph as _ReportlabParagraph

# Every kind of line ending a pasted text may carry becomes one newline.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_RTL_TYPES = ("R", "AL")
# The invisible marks that steer the bidi algorithm (LRM, RLM, embeddings, isolates).
BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_MARKS = dict.fromkeys(map(ord, BIDI_MARKS))
LTR, RTL = "LTR", "RTL"
# A French time or duration ("22 h 40", "22 h", "5 min") is one word to the eye: its
# spaces never break a line.
_FRENCH_TIME = re.compile(r"(?<=\d) (?=(?:h|min)\b)|(?<=\d h) (?=\d)")


def para_text(user_text: str) -> str:
    """`user_text` as literal `Paragraph` markup: escaped, newlines kept as <br/>."""
    text = _LINE_BREAKS.sub("\n", user_text).replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or not _unprintable(ch))
    lines = [_shaped(_unbroken_times(line)) for line in text.split("\n")]
    return "<br/>".join(escape(line) for line in lines)


def _unbroken_times(line: str) -> str:
    """`line` with the spaces of a French time made no-break: "22\u00a0h\u00a040"."""
    return _FRENCH_TIME.sub("\u00a0", line)


def visual_line(line: str, direction: str | None = None) -> str:
    """One line of text in the order it is seen, for text drawn straight on a canvas."""
    if not has_rtl(line):
        return line
    base = direction or text_direction(line)
    shown = "".join(ch for _, ch in _visual_order(_shaped(line), base == RTL))
    return shown.translate(_MARKS)  # placed the text; drawn, a font may show them as boxes


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_TYPES for ch in text)


def text_direction(text: str) -> str:
    """RTL when the first strong letter of `text` is right-to-left (rules P2, P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_TYPES:
            return RTL
        if kind == "L":
            return LTR
    return LTR


class Paragraph(_ReportlabParagraph):  # type: ignore[misc]
    """reportlab's Paragraph, with right-to-left lines reordered after wrapping."""

    style: Any
    blPara: Any

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        if getattr(self.style, "direction", None) is None:
            plain = "".join(getattr(frag, "text", "") for frag in self.frags)
            if has_rtl(plain):
                # The whole paragraph's direction, which the parts it splits into keep.
                self.style = copy.copy(self.style)
                self.style.direction = text_direction(plain)

    def drawPara(self, debug: int = 0) -> None:
        logical, style = self.blPara, self.style
        plain = _laid_out_text(logical)
        rtl = (getattr(style, "direction", None) or text_direction(plain)) == RTL
        if not rtl and not has_rtl(plain):
            super().drawPara(debug)
            return
        self.blPara = _visual_lines(logical, rtl)
        if rtl and style.alignment == TA_LEFT:
            self.style = copy.copy(style)
            self.style.alignment = TA_RIGHT
        try:
            super().drawPara(debug)
        finally:
            self.blPara, self.style = logical, style


def _laid_out_text(para: Any) -> str:
    if para.kind == 0:
        return " ".join(" ".join(words) for _, words in para.lines)
    return " ".join("".join(getattr(f, "text", "") for f in line.words) for line in para.lines)


def _visual_lines(para: Any, rtl: bool) -> Any:
    """A copy of laid-out lines `para` with each line in visual order."""
    shown = copy.copy(para)
    if para.kind == 0:
        lines = []
        for extra, words in para.lines:
            text = "".join(ch for _, ch in _visual_order(" ".join(words), rtl))
            lines.append((extra, text.split(" ")))
        shown.lines = lines
    else:
        shown.lines = [_visual_frag_line(line, rtl) for line in para.lines]
    return shown


def _visual_frag_line(line: Any, rtl: bool) -> Any:
    """A line of styled fragments, regrouped into fragments in visual order."""
    words = line.words
    if any(not hasattr(frag, "text") or hasattr(frag, "cbDefn") for frag in words):
        return line  # an image or a link target: left as laid out
    owners = [index for index, frag in enumerate(words) for _ in frag.text]
    text = "".join(frag.text for frag in words)
    if not has_rtl(text) and not rtl:
        return line
    runs: list[tuple[int, list[str]]] = []
    for position, ch in _visual_order(text, rtl):
        owner = owners[position]
        if runs and runs[-1][0] == owner:
            runs[-1][1].append(ch)
        else:
            runs.append((owner, [ch]))
    regrouped = []
    for owner, chars in runs:
        frag = copy.copy(words[owner])
        frag.text = "".join(chars)
        regrouped.append(frag)
    shown = copy.copy(line)
    shown.words = regrouped
    return shown


def _visual_order(text: str, rtl: bool) -> list[tuple[int, str]]:
    """(logical position, character as shown) in visual order, for one line of text.

    The bidi algorithm's own steps (python-bidi), with each character's position kept,
    so a styled fragment can follow its letters; brackets are mirrored in RTL runs.
    """
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    for position, char in enumerate(storage["chars"]):
        char["position"] = position
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    return [(char["position"], char["ch"]) for char in storage["chars"]]


def _shaped(line: str) -> str:
    # Arabic letters take their joined forms; the order stays as typed.
    if not any(unicodedata.bidirectional(ch) == "AL" for ch in line):
        return line
    return str(arabic_reshaper.reshape(line))


def _unprintable(ch: str) -> bool:
    # Cc: control characters; Cs: lone surrogates, which cannot be encoded at all.
    return unicodedata.category(ch) in ("Cc", "Cs")
