"""The 12-week trend (bars beside their numbers) and the day × hour heatmap.

Colours are Okabe–Ito, safe for the common forms of colour blindness: blue for all
contacts and orange for after hours in the trend. The heatmap is the printed one: light
to dark blue by count, with your working hours outlined in ink. Every colour is also
named in a legend, and every count is printed as a number.

Time runs left to right in every language, Hebrew included: weeks from the oldest, hours
from midnight. Numbers and clock times are read left to right in Hebrew text too, charts
in Israeli print run that way, and the printed review (drawn left to right) is what a
supervisor compares with. So both charts keep a left-to-right layout inside a mirrored
screen; their titles, legends and number tables around them follow the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.vocabulary.calendar_names import (
    day_month,
    percent,
    short_day_name,
    short_month_name,
    shown_language,
)
from boundary_desk.domain.vocabulary.hours_grid import heat_level, working_grid
from boundary_desk.domain.weekly import WeekFigures
from boundary_desk.domain.weeks import Week
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.review.figures import CountTable
from boundary_desk.ui.widgets.reflow import Reflow
from boundary_desk.ui.widgets.style import BORDER, INK, MUTED, SURFACE, label

BLUE = "#0072B2"  # all contacts / contacts in working hours
ORANGE = "#E69F00"  # after hours
# The printed heatmap's shades (reports/review/charts.py HEAT): none, then light to dark.
HEAT = ("#FFFFFF", "#DCEAF5", "#A9CCE8", "#5B9FD3", "#0072B2", "#00476F")
WORKING_ROLE = Qt.ItemDataRole.UserRole + 1  # True in an hour you work
HOUR_WIDTH = 20  # the narrowest an hour's column may be: room for "23" and a count
DAY_WIDTH = 84  # the days' names ("Wed 18") and the frame


def week_start_text(week: Week) -> str:
    """ "16 Nov": the day the week starts on."""
    return day_month(week.first_day)


def nice_step(maximum: int) -> int:
    """A whole-number tick step giving at most about six ticks up to `maximum`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if maximum / step <= 6:
            return step
    return max(1, maximum // 5)


class _StillPlot(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no types
    """A plot that leaves the mouse wheel to the page, so scrolling never zooms it."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


def week_ticks(weeks: Sequence[Week]) -> list[tuple[int, str]]:
    """Day of the month under each bar, with the month under the first and at each change."""
    ticks, month = [], 0
    for x, week in enumerate(weeks):
        first = week.first_day
        below = short_month_name(first.month, shown_language()) if first.month != month else ""
        month = first.month
        ticks.append((x, f"{first.day}\n{below}"))
    return ticks


class TrendChart(QWidget):
    """Bars for contacts and after-hours contacts per week, with the same numbers in a table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = _StillPlot(self, background=SURFACE)
        self.plot.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # time runs left to right
        self.plot.setAccessibleName(_("Contacts and after-hours contacts over 12 weeks"))
        # Tab and a screen reader stop at the plot, which has the name, and not also at the
        # nameless viewport inside it (a click there still focuses the plot).
        viewport = self.plot.viewport()
        viewport.setFocusProxy(None)
        viewport.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.setMinimumHeight(320)
        item = self.plot.getPlotItem()
        # The plot is a graphics scene, whose items take the application's direction,
        # not the view's: set on the plot itself, or its axis moves to the right.
        item.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.18)
        tick_font = QFont(self.font())
        tick_font.setPointSizeF(10)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(MUTED))
            axis.setTextPen(pg.mkPen(INK))
            axis.setTickFont(tick_font)
        item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        item.getAxis("bottom").setHeight(62)
        style = {"color": INK, "font-size": "11pt"}
        item.setLabel("left", _("Contacts per week"), **style)
        item.setLabel("bottom", _("Week starting (Monday)"), **style)
        self.contacts_bars = pg.BarGraphItem(
            x=[], height=[], width=0.38, brush=BLUE, pen=pg.mkPen(BLUE), name=_("All contacts")
        )
        self.after_hours_bars = pg.BarGraphItem(
            x=[],
            height=[],
            width=0.38,
            brush=ORANGE,
            pen=pg.mkPen("#B07A00"),
            name=_("After hours"),
        )
        item.addItem(self.contacts_bars)
        item.addItem(self.after_hours_bars)
        self.legend = legend(((BLUE, _("All contacts")), (ORANGE, _("After hours"))), self)
        self.numbers = CountTable(
            (_("Week of"), _("Contacts"), _("After hours"), _("Share")), self, stretch_first=False
        )
        self.numbers.setAccessibleName(_("The trend as numbers"))
        chart = QWidget(self)
        column = QVBoxLayout(chart)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.legend)
        column.addWidget(self.plot, 1)
        # The numbers beside the chart, or below it when the review is narrow.
        self.arrangement = Reflow(self, spacing=16)
        self.arrangement.add(chart, 1)
        self.arrangement.add(self.numbers, align=Qt.AlignmentFlag.AlignTop)
        row = QVBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.arrangement)
        self.history: tuple[WeekFigures, ...] = ()

    def show_history(self, history: Sequence[WeekFigures]) -> None:
        self.history = tuple(history)
        xs = list(range(len(history)))
        contacts = [h.contacts for h in history]
        late = [h.after_hours for h in history]
        self.contacts_bars.setOpts(x=[x - 0.2 for x in xs], height=contacts)
        self.after_hours_bars.setOpts(x=[x + 0.2 for x in xs], height=late)
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([week_ticks([h.week for h in history]), []])
        top = max([*contacts, 1])
        step = nice_step(top)
        item.getAxis("left").setTickSpacing(step, step)
        item.setXRange(-0.7, len(history) - 0.3, padding=0)
        item.setYRange(0, top * 1.08 + 0.5, padding=0)
        self.numbers.show_rows(
            [
                [
                    week_start_text(h.week),
                    str(h.contacts),
                    str(h.after_hours),
                    percent(h.after_hours_share) if h.contacts else "–",
                ]
                for h in history
            ]
        )
        last = self.numbers.rowCount() - 1
        bold = QFont(self.font())
        bold.setBold(True)
        for column in range(self.numbers.columnCount()):
            cell = self.numbers.item(last, column)
            if cell is not None:
                cell.setFont(bold)
                cell.setToolTip(_("The week of this review"))


def _ink_for(background: QColor) -> QColor:
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("white") if luminance < 140 else QColor(INK)


def _colour(value: object, default: str) -> QColor:
    """An item's colour role as a QColor (items store brushes)."""
    if isinstance(value, QBrush):
        return value.color()
    return value if isinstance(value, QColor) else QColor(default)


class _CellDelegate(QStyledItemDelegate):
    """Paints each hour as a flat square: its shade, its count, and a hairline grid."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        fill = _colour(index.data(Qt.ItemDataRole.BackgroundRole), SURFACE)
        painter.save()
        painter.fillRect(rect, fill)
        painter.setPen(QColor(BORDER))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if index.data(WORKING_ROLE):
            self._outline(painter, rect, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text:
            painter.setPen(_colour(index.data(Qt.ItemDataRole.ForegroundRole), INK))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(text))
        painter.restore()

    @staticmethod
    def _outline(
        painter: QPainter, rect: QRect, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Working hours outlined in ink, as on paper: a box around each day's span."""
        model = index.model()
        row, column = index.row(), index.column()

        def working(c: int) -> bool:
            return 0 <= c < model.columnCount() and bool(model.index(row, c).data(WORKING_ROLE))

        pen = QPen(QColor(INK), 2)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        inner = rect.adjusted(1, 1, -1, -1)
        painter.drawLine(inner.topLeft(), inner.topRight())
        painter.drawLine(inner.bottomLeft(), inner.bottomRight())
        if not working(column - 1):
            painter.drawLine(inner.topLeft(), inner.bottomLeft())
        if not working(column + 1):
            painter.drawLine(inner.topRight(), inner.bottomRight())


class HourHeatmap(QTableWidget):
    """Contacts by weekday (rows) and hour (columns), shaded by count as on paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(7, 24, parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # 00 to 23 from the left
        self.setObjectName("heatmap")
        self.setAccessibleName(_("Contacts by day and hour"))
        self.setItemDelegate(_CellDelegate(self))
        self.setHorizontalHeaderLabels([f"{h:02d}" for h in range(24)])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(HOUR_WIDTH)
        header.setHighlightSections(False)
        header.setStyleSheet("QHeaderView::section { padding: 4px 0px; }")
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(32)
        rows.setHighlightSections(False)
        self.setFixedHeight(header.sizeHint().height() + 7 * 32 + 4)
        self.setMinimumWidth(24 * HOUR_WIDTH + DAY_WIDTH)  # every hour, to 23:00
        self.counts: tuple[tuple[int, ...], ...] = ()
        self.days: tuple[int, ...] = tuple(range(7))  # each row's weekday, 0 = Monday

    def show_week(
        self, week: Week, counts: Sequence[Sequence[int]], working: Sequence[Sequence[bool]]
    ) -> None:
        self.counts = tuple(tuple(row) for row in counts)
        # Rows run as the practice's week does: a week that starts on Sunday shows it first.
        self.days = week.weekdays()
        self.setVerticalHeaderLabels(
            [f"{short_day_name(d, shown_language())} {week.date_of(d).day}" for d in self.days]
        )
        most = max([1, *(c for row in counts for c in row)])
        self.model().blockSignals(True)  # 168 cells change at once: repaint once, below
        try:
            for row, day in enumerate(self.days):
                for hour in range(24):
                    work = working[day][hour]
                    self._show_cell(row, day, hour, counts[day][hour], work, most)
        finally:
            self.model().blockSignals(False)
        self.viewport().update()

    def cell(self, weekday: int, hour: int) -> QTableWidgetItem | None:
        """The cell of `weekday` (0 = Monday) at `hour`, wherever the week puts its row."""
        return self.item(self.days.index(weekday), hour)

    def _show_cell(self, row: int, day: int, hour: int, count: int, work: bool, most: int) -> None:
        item = self.item(row, hour)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, hour, item)
        item.setText(str(count) if count else "")
        fill = QColor(HEAT[heat_level(count, most)])
        item.setForeground(_ink_for(fill))
        item.setBackground(fill)
        item.setData(WORKING_ROLE, work)
        when = {
            "day": short_day_name(day, shown_language()),
            "start": f"{hour:02d}:00",
            "end": f"{hour:02d}:59",
        }
        if work:
            tip = ngettext(
                "{day} {start}–{end}: {count} contact (working hours)",
                "{day} {start}–{end}: {count} contacts (working hours)",
                count,
            )
        else:
            tip = ngettext(
                "{day} {start}–{end}: {count} contact (after hours)",
                "{day} {start}–{end}: {count} contacts (after hours)",
                count,
            )
        item.setToolTip(tip.format(count=count, **when))


def legend(entries: Sequence[tuple[str, str]], parent: QWidget | None = None) -> QWidget:
    """A row of colour squares, each followed by what it means in words."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for colour, text in entries:
        square = QFrame(holder)
        square.setFixedSize(16, 16)
        if colour == "outline":  # the working-hours box: ink edge, nothing inside
            square.setStyleSheet(f"background: {SURFACE}; border: 2px solid {INK};")
        else:
            square.setStyleSheet(
                f"background: {colour}; border: 1px solid {MUTED}; border-radius: 2px;"
            )
        row.addWidget(square)
        words = label(text, "help")
        words.setWordWrap(False)
        row.addWidget(words)
        row.addSpacing(14)
    row.addStretch(1)
    return holder


class WeekHeatmap(QWidget):
    """The heatmap with a line saying whose time it is in, and its legend below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help = label("", "help")
        self.table = HourHeatmap(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.help)
        column.addWidget(self.table)
        column.addWidget(
            legend(
                (
                    (HEAT[1], _("Fewer contacts")),
                    (HEAT[4], _("More contacts")),
                    ("outline", _("Your working hours (outlined)")),
                ),
                self,
            )
        )
        column.addWidget(
            label(_("Darker blue means more contacts; each number is a count."), "help")
        )

    def show_week(
        self, week: Week, counts: Sequence[Sequence[int]], practice: PracticeSettings
    ) -> None:
        self.help.setText(
            _(
                "Contacts this week by day and hour, in your practice's time ({zone}). "
                "Holidays and vacation days count as after hours."
            ).format(zone=practice.timezone.key)
        )
        self.table.show_week(week, counts, working_grid(week, practice))
