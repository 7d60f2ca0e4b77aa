"""The last weeks as paired bars, with the numbers printed under each week."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from boundary_desk.domain.vocabulary.calendar_names import day_month
from boundary_desk.domain.weekly import WeekFigures
from boundary_desk.reports.fonts import SANS, SANS_BOLD
from boundary_desk.reports.review.charts import BLUE, GRID, ORANGE, draw_text
from boundary_desk.reports.review.words import percent
from boundary_desk.reports.text import visual_line
from boundary_desk.reports.theme import INK, MUTED, RULE, TINT
from boundary_desk.system.i18n import _


class _HatchedBars(VerticalBarChart):  # type: ignore[misc]  # reportlab ships no types
    """Bars whose second series (after hours) is hatched, so it survives greyscale."""

    def makeBars(self) -> Group:
        group = super().makeBars()
        for x, y, width, height in self._barPositions[1]:
            _add_hatch(group, x, y, width, height)
        return group


def _add_hatch(group: Group | Drawing, x: float, y: float, width: float, height: float) -> None:
    """45° lines clipped to the rectangle; each runs y' - y = (x' - x) + offset."""
    step = 2.6
    offset = -width + step / 2
    while height > 0 and offset < height:
        low, high = max(0.0, -offset), min(width, height - offset)
        if high > low:
            group.add(Line(x + low, y + low + offset, x + high, y + high + offset,
                           strokeColor=INK, strokeWidth=0.45))  # fmt: skip
        offset += step


def trend_chart(history: Sequence[WeekFigures], label_width: float, column: float) -> Drawing:
    """Contacts and after-hours contacts per week as paired bars, this week shaded."""
    plot_height, below, above, count = 44 * mm, 9 * mm, 8 * mm, len(history)
    drawing = Drawing(label_width + column * count, below + plot_height + above)
    drawing.add(Rect(label_width + column * (count - 1), below, column, plot_height,
                     fillColor=TINT, strokeColor=None))  # fmt: skip
    chart = _HatchedBars()
    chart.x, chart.y, chart.width, chart.height = label_width, below, column * count, plot_height
    chart.data = [[h.contacts for h in history], [h.after_hours for h in history]]
    chart.barWidth, chart.barSpacing, chart.groupSpacing = 10, 1.5, 9
    chart.bars.strokeColor, chart.bars.strokeWidth = INK, 0.4
    chart.bars[0].fillColor, chart.bars[1].fillColor = BLUE, ORANGE
    axis = chart.valueAxis
    axis.valueMin, axis.labelTextFormat = 0, "%d"
    axis.valueMax, axis.valueStep = _scale(max(h.contacts for h in history))
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = 1, GRID, 0.4
    axis.strokeColor, axis.visibleTicks = RULE, 0
    weeks = chart.categoryAxis
    weeks.categoryNames = [
        f"W{h.week.number:02d}\n{visual_line(day_month(h.week.first_day))}" for h in history
    ]
    weeks.strokeColor, weeks.visibleTicks = RULE, 0
    weeks.labels.boxAnchor, weeks.labels.dy = "n", -2
    for labels, size in ((axis.labels, 7), (weeks.labels, 6.5)):
        labels.fontName, labels.fontSize, labels.fillColor = SANS, size, MUTED
    drawing.add(chart)
    turned = Group(String(0, 0, visual_line(_("Contacts per week")), fontName=SANS,
                          fontSize=7.5, fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    turned.rotate(90)
    turned.translate(below + plot_height / 2, -(label_width - 12 * mm))
    drawing.add(turned)
    y = below + plot_height + 3 * mm
    first = _("Contacts")
    after = label_width + max(26 * mm, stringWidth(first, SANS, 7.5) + 10 * mm)
    for x, fill, text in ((label_width, BLUE, first),
                          (after, ORANGE, _("After-hours contacts"))):  # fmt: skip
        drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=fill, strokeColor=INK, strokeWidth=0.4))
        if fill is ORANGE:
            _add_hatch(drawing, x, y, 5 * mm, 3 * mm)
        draw_text(drawing, x + 6.5 * mm, y + 0.6 * mm, text, 7.5)
    return drawing


def _scale(peak: int) -> tuple[int, int]:
    """A value axis from 0 in at most five whole-number steps of 1, 2, 5, 10, 20...: (top, step)."""
    for magnitude in itertools.count():
        for base in (1, 2, 5):
            step = base * 10**magnitude
            if -(-peak // step) <= 5:
                return max(step * -(-peak // step), 4 if step == 1 else step), step
    raise AssertionError("unreachable")


def _row_labels() -> tuple[str, str, str, str]:
    return _("Contacts"), _("After hours"), _("After-hours share"), _("Minutes")


def numbers_label_width(least: float) -> float:
    """The width of the numbers' label column (and the chart's axis): `least`, or more
    where the app's language has a longer label ("Part hors des heures")."""
    widest = max(float(stringWidth(label, SANS, 7.5)) for label in _row_labels())
    return float(max(least, widest + 2 * mm))


def trend_numbers(history: Sequence[WeekFigures], label_width: float, column: float) -> Table:
    """The chart's numbers, one column under each week's bars."""
    contacts, after_hours, share, minutes = _row_labels()
    rows = [
        [contacts, *(str(h.contacts) for h in history)],
        [after_hours, *(str(h.after_hours) for h in history)],
        [share, *(percent(h.after_hours_share) if h.contacts else "–" for h in history)],
        [minutes, *(str(h.minutes) for h in history)],
    ]
    for row in rows:  # drawn as they stand: Hebrew put in visual order
        row[0] = visual_line(row[0])
    table = Table(rows, colWidths=[label_width] + [column] * len(history), hAlign="LEFT")
    table.setStyle(
        TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS, 7.5, 9.5),
            ("FONT", (-1, 0), (-1, -1), SANS_BOLD, 7.5, 9.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("BACKGROUND", (-1, 0), (-1, -1), TINT),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])
    )  # fmt: skip
    return table
