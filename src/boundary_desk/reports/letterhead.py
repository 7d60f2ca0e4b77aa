"""The practice letterhead shared by every document: practice, clinician, address, contact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import RULE


class LetterheadStyles(Protocol):
    @property
    def practice(self) -> ParagraphStyle: ...
    @property
    def letterhead(self) -> ParagraphStyle: ...
    @property
    def letterhead_small(self) -> ParagraphStyle: ...


def letterhead(
    lines: Sequence[str],
    styles: LetterheadStyles,
    space_after: float = 7 * mm,
    *,
    width: float | None = None,
) -> list[Flowable]:
    """The first line (practice, or the clinician without one) prominent, the rest quieter.

    Given the `width` of the page, the address and contact lines stand at the right,
    beside the names rather than under them, which saves the first page three lines.
    """
    shown = [line for line in lines if line.strip()]
    if not shown:
        return []
    names: list[Flowable] = [Paragraph(para_text(shown[0]), styles.practice)]
    if len(shown) > 1:
        names.append(Paragraph(para_text(shown[1]), styles.letterhead))
    rest = [para_text(line) for line in shown[2:]]
    rule = HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=3 * mm, spaceAfter=0)
    if width is None or not rest:
        story = [*names, *(Paragraph(line, styles.letterhead_small) for line in rest)]
        return [KeepTogether([*story, rule]), Spacer(1, space_after)]
    beside = ParagraphStyle("letterhead-beside", styles.letterhead_small, alignment=TA_RIGHT)
    widest = max(stringWidth(line, beside.fontName, beside.fontSize) for line in shown[2:])
    right = min(widest + 2, width * 0.6)  # a long address wraps rather than crowd the names
    left = width - right
    table = Table(
        [[names, [Paragraph(line, beside) for line in rest]]],
        colWidths=[left, width - left],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (1, 0), (1, 0), 2),  # the small lines sit level with the name
        ])
    )  # fmt: skip
    return [KeepTogether([table, rule]), Spacer(1, space_after)]
