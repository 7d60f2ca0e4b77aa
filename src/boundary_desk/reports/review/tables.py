"""The review's quiet tables, boxed labels and writing lines."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from boundary_desk.reports.fonts import SANS, SANS_BOLD
from boundary_desk.reports.review.charts import GRID
from boundary_desk.reports.text import Paragraph
from boundary_desk.reports.theme import INK, MUTED


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
    numeric: int = 0,
) -> Table:  # fmt: skip
    """A quiet table: bold muted header, hairlines between rows, the last `numeric` right."""
    table = Table([list(header), *rows], colWidths=list(widths), hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS, 8.5, 11.5),
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5, 11.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (len(header) - numeric, 0), (-1, -1), "RIGHT" if numeric else "LEFT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ])
    )  # fmt: skip
    return table


def writing_lines(width: float, count: int = 2) -> Drawing:
    """Ruled lines under an unanswered question, to answer by hand before supervision."""
    gap = 7 * mm
    drawing = Drawing(width, count * gap)
    for n in range(count):
        drawing.add(Line(0, n * gap, width, n * gap, strokeColor=GRID, strokeWidth=0.5))
    return drawing


def boxed_label(text: str, style: ParagraphStyle) -> tuple[Table, float]:
    """A boxed label (a box, not a colour, so any printer shows it) and its width."""
    width = stringWidth(text, style.fontName, style.fontSize) + 1 + 3 * mm
    badge = Table([[Paragraph(text, style)]], colWidths=[width], hAlign="LEFT")
    badge.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.9, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ])
    )  # fmt: skip
    return badge, width


def plain_style(valign: str = "TOP") -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ])  # fmt: skip
