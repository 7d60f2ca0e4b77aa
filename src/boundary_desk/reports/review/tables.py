"""The review's quiet tables, boxed labels and writing lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from boundary_desk.reports.fonts import SANS, SANS_BOLD
from boundary_desk.reports.review.charts import GRID
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import INK, MUTED

Cell = TypeVar("Cell")


def in_reading_order(
    cells: Sequence[Cell], widths: Sequence[float | None], rtl: bool
) -> tuple[list[Cell], list[float | None]]:
    """Cells and their widths from the reading start: mirrored for a right-to-left page."""
    if rtl:
        return list(reversed(cells)), list(reversed(widths))
    return list(cells), list(widths)


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
    numeric: int = 0, *, rtl: bool = False,
) -> Table:  # fmt: skip
    """A quiet table: bold muted header, hairlines between rows, the last `numeric` right.

    On a right-to-left page the columns run from the right, the numbers then at the left.
    """
    heads = _header_cells(header, numeric, rtl)
    if rtl:
        table = Table(
            [list(reversed(heads)), *(list(reversed(row)) for row in rows)],
            colWidths=list(reversed(widths)), hAlign="RIGHT", repeatRows=1,
        )  # fmt: skip
        table.setStyle(_grid_style(len(header), numeric, rtl=True))
        return table
    table = Table([heads, *rows], colWidths=list(widths), hAlign="LEFT", repeatRows=1)
    table.setStyle(_grid_style(len(header), numeric, rtl=False))
    return table


_HEADER = ParagraphStyle("rv-table-header", fontName=SANS_BOLD, fontSize=8.5, leading=10.5,
                         textColor=MUTED, splitLongWords=True)  # fmt: skip


def _header_cells(header: Sequence[str], numeric: int, rtl: bool) -> list[Paragraph]:
    """Headers that wrap in a narrow column ("Hors des heures"), a number's at its end."""
    text = ParagraphStyle("rv-table-header-text", _HEADER, alignment=TA_RIGHT if rtl else TA_LEFT)
    end = ParagraphStyle("rv-table-header-number", _HEADER, alignment=TA_LEFT if rtl else TA_RIGHT)
    if rtl:
        text = ParagraphStyle("rv-table-header-rtl", text, direction="RTL")
        end = ParagraphStyle("rv-table-header-number-rtl", end, direction="RTL")
    first_number = len(header) - numeric
    return [
        Paragraph(para_text(words), end if column >= first_number else text)
        for column, words in enumerate(header)
    ]


def _grid_style(columns: int, numeric: int, *, rtl: bool) -> TableStyle:
    if rtl:
        text = ("ALIGN", (numeric, 0), (-1, -1), "RIGHT")
        numbers = ("ALIGN", (0, 0), (numeric - 1, -1), "LEFT") if numeric else text
        pad = [("RIGHTPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm)]
    else:
        text = ("ALIGN", (0, 0), (-1, -1), "LEFT")
        numbers = ("ALIGN", (columns - numeric, 0), (-1, -1), "RIGHT") if numeric else text
        pad = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm)]
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, 8.5, 11.5),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5, 11.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        text,
        numbers,
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
        *pad,
        ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
    ])  # fmt: skip


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
