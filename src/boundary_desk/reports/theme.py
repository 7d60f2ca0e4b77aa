"""The look every document shares: its colours and the paragraph styles it builds on.

Documents take their colours and base styles from here rather than from one
another, so each stays independent of the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from boundary_desk.reports.fonts import MONO, SANS, SANS_BOLD, register_fonts

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
RULE = colors.HexColor("#9AA5B1")
TINT = colors.HexColor("#F3F5F7")
# A dark slate blue: calm on screen, a dark grey on a black-and-white printer.
ACCENT = colors.HexColor("#2E4A62")


@dataclass(frozen=True)
class ReportStyles:
    """The paragraph styles reports share, so every document reads the same."""

    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    mono: ParagraphStyle


def report_styles() -> ReportStyles:
    """Fresh styles (callers may tweak their copy); registers the fonts first."""
    register_fonts()
    # splitLongWords breaks a word wider than the frame instead of letting it overflow.
    base = ParagraphStyle(
        "bd-body", fontName=SANS, fontSize=10, leading=14, textColor=INK, splitLongWords=1
    )
    return ReportStyles(
        title=ParagraphStyle("bd-title", base, fontName=SANS_BOLD, fontSize=20, leading=25),
        heading=ParagraphStyle(
            "bd-heading", base, fontName=SANS_BOLD, fontSize=12, leading=16, spaceBefore=6
        ),
        body=base,
        small=ParagraphStyle("bd-small", base, fontSize=8.5, leading=12, textColor=MUTED),
        label=ParagraphStyle("bd-label", base, fontSize=9, leading=13, textColor=MUTED),
        mono=ParagraphStyle("bd-mono", base, fontName=MONO, fontSize=9.5, leading=13),
    )
