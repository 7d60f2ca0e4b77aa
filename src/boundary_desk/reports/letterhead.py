"""The practice letterhead shared by every document: practice, clinician, address, contact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer

from boundary_desk.reports.text import para_text
from boundary_desk.reports.theme import RULE


class LetterheadStyles(Protocol):
    @property
    def practice(self) -> ParagraphStyle: ...
    @property
    def letterhead(self) -> ParagraphStyle: ...
    @property
    def letterhead_small(self) -> ParagraphStyle: ...


def letterhead(
    lines: Sequence[str], styles: LetterheadStyles, space_after: float = 7 * mm
) -> list[Flowable]:
    """The first line (practice, or the clinician without one) prominent, the rest quieter."""
    shown = [line for line in lines if line.strip()]
    if not shown:
        return []
    story: list[Flowable] = [Paragraph(para_text(shown[0]), styles.practice)]
    if len(shown) > 1:
        story.append(Paragraph(para_text(shown[1]), styles.letterhead))
    story += [Paragraph(para_text(line), styles.letterhead_small) for line in shown[2:]]
    rule = HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=3 * mm, spaceAfter=0)
    return [KeepTogether([*story, rule]), Spacer(1, space_after)]
