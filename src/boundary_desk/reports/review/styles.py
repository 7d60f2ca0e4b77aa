"""The review's paragraph styles, built on the shared theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from boundary_desk.reports.fonts import SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.theme import ACCENT, MUTED, report_styles


@dataclass(frozen=True)
class ReviewStyles:
    """The paragraph styles of the review's pages; the letterhead matches the agreement's."""

    practice: ParagraphStyle
    letterhead: ParagraphStyle
    letterhead_small: ParagraphStyle
    title: ParagraphStyle
    week: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    quiet: ParagraphStyle
    cell: ParagraphStyle
    count: ParagraphStyle
    question: ParagraphStyle
    badge: ParagraphStyle


def review_styles(*, rtl: bool = False) -> ReviewStyles:
    """The review's styles; the letterhead matches the agreement's. Right to left, every
    paragraph is set right to left against the right margin."""
    body = ParagraphStyle("rv-body", report_styles().body, fontSize=10, leading=14)
    if rtl:  # otherwise each paragraph takes the direction of its first letter
        body = ParagraphStyle("rv-body-rtl", body, direction="RTL", alignment=TA_RIGHT)
    small = ParagraphStyle("rv-small", body, fontSize=9, leading=12.5)
    heading = ParagraphStyle("rv-heading", body, fontName=SANS_BOLD, fontSize=11.5, leading=15,
                             textColor=ACCENT, spaceBefore=7 * mm, spaceAfter=2 * mm)  # fmt: skip
    return ReviewStyles(
        practice=ParagraphStyle(
            "rv-practice", body, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        letterhead=ParagraphStyle("rv-letterhead", body, leading=13.5),
        letterhead_small=ParagraphStyle("rv-letterhead-small", small, textColor=MUTED),
        title=ParagraphStyle("rv-title", body, fontName=SANS_BOLD, fontSize=19, leading=24),
        week=ParagraphStyle("rv-week", body, fontSize=11.5, leading=16, spaceBefore=2),
        heading=heading,
        small=small,
        muted=ParagraphStyle("rv-muted", small, textColor=MUTED),
        quiet=ParagraphStyle("rv-quiet", small, fontName=SANS_OBLIQUE, textColor=MUTED),
        cell=ParagraphStyle("rv-cell", small, fontSize=8.5, leading=11.5),
        count=ParagraphStyle("rv-count", small, fontSize=8.5, leading=11, textColor=MUTED),
        question=ParagraphStyle(
            "rv-question", small, fontName=SANS_BOLD, spaceBefore=3 * mm, spaceAfter=1
        ),
        badge=ParagraphStyle("rv-badge", small, fontName=SANS_BOLD, fontSize=8, leading=10),
    )
