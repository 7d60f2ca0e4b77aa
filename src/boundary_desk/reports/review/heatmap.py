"""When contact came: a weekday by hour grid with the working hours outlined."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from boundary_desk.domain.hours import END_OF_DAY
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import WeeklyReview
from boundary_desk.domain.vocabulary.calendar_names import short_day_name, shown_language
from boundary_desk.domain.vocabulary.hours_grid import closed_days, heat_level, working_spans
from boundary_desk.reports.fonts import SANS, SANS_BOLD
from boundary_desk.reports.review.charts import GRID, HEAT, draw_text
from boundary_desk.reports.theme import INK, MUTED, RULE
from boundary_desk.system.i18n import _


@dataclass(frozen=True)
class _HeatGrid:
    label_width: float
    cell_w: float
    cell_h: float
    top: float  # the y of the grid's upper edge

    def row_y(self, place: int) -> float:
        """The lower edge of the row at `place` (0: the week's first day, at the top)."""
        return self.top - (place + 1) * self.cell_h

    def x(self, hour: float) -> float:
        return self.label_width + hour * self.cell_w


def heatmap_drawing(
    review: WeeklyReview, practice: PracticeSettings, width: float
) -> tuple[bool, Drawing]:
    """Contacts by weekday and hour, working hours outlined; True if a closed day was left out."""
    legend, hours_row = 9 * mm, 5 * mm
    grid = _HeatGrid(16 * mm, (width - 16 * mm) / 24, 6.2 * mm, legend + 7 * 6.2 * mm)
    drawing = Drawing(width, grid.top + hours_row)
    peak = max(max(row) for row in review.heatmap)
    for hour in range(24):
        draw_text(drawing, grid.x(hour + 0.5), grid.top + 1.6 * mm, f"{hour:02d}", 6,
              fillColor=MUTED, textAnchor="middle")  # fmt: skip
    # Rows run as the practice's week does: a week that starts on Sunday prints it first.
    rows = {day: place for place, day in enumerate(review.week.weekdays())}
    for day, row in enumerate(review.heatmap):
        y = grid.row_y(rows[day])
        date = review.week.date_of(day)
        name = short_day_name(date.weekday(), shown_language())
        draw_text(drawing, 0, y + grid.cell_h / 2 - 2.5, f"{name} {date.day}", 7.5)
        for hour, count in enumerate(row):
            drawing.add(Rect(grid.x(hour), y, grid.cell_w, grid.cell_h,
                             fillColor=HEAT[_level(count, peak)], strokeColor=GRID,
                             strokeWidth=0.3))  # fmt: skip
    skipped = _working_hours(drawing, review, practice, grid, rows)
    for day, row in enumerate(review.heatmap):  # counts last, over any outline
        for hour, count in enumerate(row):
            if count:
                _heat_count(drawing, grid, rows[day], hour, count, _level(count, peak))
    _heat_legend(drawing, grid.label_width, 1.5 * mm, peak)
    return skipped, drawing


def _heat_count(
    drawing: Drawing, grid: _HeatGrid, place: int, hour: int, n: int, level: int
) -> None:
    # A patch of the cell's own colour keeps a half-hour outline from crossing the number.
    x, y, text = grid.x(hour + 0.5), grid.row_y(place) + grid.cell_h / 2, str(n)
    half = stringWidth(text, SANS_BOLD, 7) / 2 + 0.6
    drawing.add(Rect(x - half, y - 3, 2 * half, 6.5, fillColor=HEAT[level], strokeColor=None))
    draw_text(drawing, x, y - 2.5, text, 7, fontName=SANS_BOLD, textAnchor="middle",
          fillColor=colors.white if level >= 4 else INK)  # fmt: skip


def _level(n: int, peak: int) -> int:
    return heat_level(n, peak)  # the same shade the screen gives it


def _working_hours(
    drawing: Drawing,
    review: WeeklyReview,
    practice: PracticeSettings,
    grid: _HeatGrid,
    rows: dict[int, int],
) -> bool:
    """Outline each day's working hours (`rows`: each weekday's row); True if a holiday or
    vacation day was left out."""
    for day, ranges in enumerate(working_spans(review.week, practice)):
        for span in ranges:
            first = span.start.hour + span.start.minute / 60
            last = 24.0 if span.end == END_OF_DAY else span.end.hour + span.end.minute / 60
            drawing.add(Rect(grid.x(first), grid.row_y(rows[day]), (last - first) * grid.cell_w,
                             grid.cell_h, fillColor=None, strokeColor=INK,
                             strokeWidth=1.3))  # fmt: skip
    return bool(closed_days(review.week, practice))


def _heat_legend(drawing: Drawing, x: float, y: float, peak: int) -> None:
    ranges: dict[int, list[int]] = {0: [0]}
    for n in range(1, peak + 1):
        ranges.setdefault(_level(n, peak), []).append(n)
    lead = _("Contacts in the hour:")
    draw_text(drawing, x, y + 0.6 * mm, lead, 7, fillColor=MUTED)
    x += max(28 * mm, stringWidth(lead, SANS, 7) + 3 * mm)
    for level, counts in ranges.items():
        text = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
        drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=HEAT[level], strokeColor=RULE,
                         strokeWidth=0.4))  # fmt: skip
        draw_text(drawing, x + 6 * mm, y + 0.6 * mm, text, 7)
        x += 9 * mm + stringWidth(text, SANS, 7)
    x += 4 * mm
    drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=None, strokeColor=INK, strokeWidth=1.3))
    draw_text(drawing, x + 6.5 * mm, y + 0.6 * mm, _("your working hours"), 7)
