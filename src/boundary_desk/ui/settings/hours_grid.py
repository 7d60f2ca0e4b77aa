"""Working hours as a grid: a row for each weekday, with one or more from–to times.

A split day (9:00–12:00 and 14:00–18:00) is a day with two times; a Sunday-to-Thursday
week, as in Israel, is those five days ticked. An end of 00:00 means midnight.
"""

from __future__ import annotations

from datetime import time
from itertools import pairwise

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.hours import DAY_ABBREVIATIONS, END_OF_DAY, format_hours, parse_hours
from boundary_desk.domain.vocabulary.calendar_names import day_name, shown_language
from boundary_desk.domain.words import capitalised
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.style import label


def _day(weekday: int) -> str:
    """ "Monday"; "lundi", "יום שני": a day as a sentence names it, in the app's language."""
    return day_name(weekday, shown_language())


def _day_label(weekday: int) -> str:
    """ "Monday"; "Lundi": a day as a line starts with it (the day's own checkbox)."""
    return capitalised(_day(weekday))


_FIRST_SHIFT = (QTime(9, 0), QTime(17, 0))


def _clock(moment: QTime, *, end: bool) -> str:
    if end and moment == QTime(0, 0):
        return "24:00"
    return moment.toString("HH:mm")


def _qtime(moment: time) -> QTime:
    return QTime(0, 0) if moment == END_OF_DAY else QTime(moment.hour, moment.minute)


class ShiftRow(QWidget):
    """One from–to stretch of a day."""

    def __init__(self, day: int, start: QTime, end: QTime, grid: DayRow) -> None:
        super().__init__(grid)
        self.start = self._time(start, _("{day} from").format(day=_day_label(day)))
        self.end = self._time(end, _("{day} to").format(day=_day_label(day)))
        self.remove = QToolButton(self)
        self.remove.setText(_("Remove"))
        self.remove.setAccessibleName(_("Remove these {day} hours").format(day=_day(day)))
        self.remove.setToolTip(_("Remove these hours"))
        self.remove.clicked.connect(lambda: grid.remove_shift(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.start)
        row.addWidget(label(_("to")))
        row.addWidget(self.end)
        row.addWidget(self.remove)
        row.addStretch(1)
        for edit in (self.start, self.end):
            edit.timeChanged.connect(grid.edited)

    def _time(self, value: QTime, name: str) -> QTimeEdit:
        edit = QTimeEdit(value, self)
        # A time reads left to right in Hebrew too: mirrored, 17:00 would show as 00:17.
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(name)
        edit.setFixedWidth(84)
        return edit

    def text(self) -> str:
        return f"{_clock(self.start.time(), end=False)}-{_clock(self.end.time(), end=True)}"


class DayRow(QWidget):
    """A weekday: worked or not, and its stretches of time."""

    def __init__(self, day: int, hours: HoursGrid) -> None:
        super().__init__(hours)
        self.day = day
        self._hours = hours
        self.edited = hours.edited
        self.works = QCheckBox(_day_label(day), self)
        self.works.setAccessibleName(_("Work on {day}").format(day=_day(day)))
        self.works.toggled.connect(self._toggled)
        self.closed = label(_("Closed"), "muted")
        self.add = QToolButton(self)
        self.add.setText(_("Add hours"))
        self.add.setToolTip(
            _("Add a second stretch of time to {day}, for a split day").format(day=_day(day))
        )
        self.add.setAccessibleName(_("Add hours to {day}").format(day=_day(day)))
        self.add.clicked.connect(self.add_shift)
        self.shifts: list[ShiftRow] = []
        self.times = QWidget(self)
        self._column = QVBoxLayout(self.times)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(4)
        self._column.addWidget(self.closed)

    def set_shifts(self, shifts: list[tuple[QTime, QTime]]) -> None:
        for shift in self.shifts:
            self._column.removeWidget(shift)
            shift.deleteLater()
        self.shifts = []
        for start, end in shifts:
            self._append(start, end)
        self.works.blockSignals(True)
        self.works.setChecked(bool(shifts))
        self.works.blockSignals(False)
        self._show_state()

    def _append(self, start: QTime, end: QTime) -> None:
        shift = ShiftRow(self.day, start, end, self)
        self.shifts.append(shift)
        self._column.addWidget(shift)
        if self._hours.first_day >= 0:
            self._hours.order_tabs()

    def add_shift(self) -> None:
        last = self.shifts[-1].end.time() if self.shifts else _FIRST_SHIFT[0]
        start = last.addSecs(60 * 60) if self.shifts else _FIRST_SHIFT[0]
        end = start.addSecs(3 * 60 * 60) if self.shifts else _FIRST_SHIFT[1]
        self._append(start, end)
        if not self.works.isChecked():
            self.works.setChecked(True)  # emits edited
        else:
            self._show_state()
            self.edited.emit()
        self.shifts[-1].start.setFocus()

    def remove_shift(self, shift: ShiftRow) -> None:
        self.shifts.remove(shift)
        self._column.removeWidget(shift)
        shift.deleteLater()
        if not self.shifts:
            self.works.setChecked(False)
        self._show_state()
        self.edited.emit()

    def _toggled(self, on: bool) -> None:
        if on and not self.shifts:
            self._append(*_FIRST_SHIFT)
        self._show_state()
        self.edited.emit()

    def _show_state(self) -> None:
        on = self.works.isChecked()
        self.closed.setVisible(not on)
        for shift in self.shifts:
            shift.setVisible(on)
            shift.remove.setVisible(len(self.shifts) > 1)
        self.add.setVisible(on)

    def text(self) -> str:
        if not self.works.isChecked() or not self.shifts:
            return ""
        return f"{DAY_ABBREVIATIONS[self.day]} {', '.join(s.text() for s in self.shifts)}"


class HoursGrid(ValueEditor):
    """Seven weekday rows; `value()` is the working hours in the setting's own words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Working hours"))
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.days = [DayRow(day, self) for day in range(7)]  # always Monday first
        self.first_day = -1
        self.start_week_on(0)
        grid.setColumnStretch(3, 1)  # "Add hours" stays beside the times

    def start_week_on(self, first: int) -> None:
        """List the days from Monday (0) or Sunday (6), as the region's week runs."""
        if first == self.first_day:
            return
        self.first_day = first
        parts = [(day.works, day.times, day.add) for day in self.days]
        for widget in (w for trio in parts for w in trio):
            self._grid.removeWidget(widget)
        for offset in range(7):
            day = self.days[(first + offset) % 7]
            self._grid.addWidget(day.works, offset, 0)
            self._grid.addWidget(day.times, offset, 1)
            self._grid.addWidget(day.add, offset, 2)
        self.setFocusProxy(self.days[first].works)
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab goes down the days as listed, through each day's times, then "Add hours"."""
        chain: list[QWidget] = []
        for offset in range(7):
            day = self.days[(self.first_day + offset) % 7]
            chain.append(day.works)
            for shift in day.shifts:
                chain += [shift.start, shift.end, shift.remove]
            chain.append(day.add)
        for earlier, later in pairwise(chain):
            QWidget.setTabOrder(earlier, later)

    def set_value(self, stored: str) -> None:
        try:
            hours = parse_hours(stored)
        except InvalidInput:
            hours = parse_hours("mon-fri 09:00-17:00")
        for day, ranges in zip(self.days, hours.days, strict=True):
            day.set_shifts([(_qtime(r.start), _qtime(r.end)) for r in ranges])

    def raw(self) -> str:
        return "; ".join(text for day in self.days if (text := day.text()))

    def value(self) -> str:
        raw = self.raw()
        try:
            return format_hours(parse_hours(raw))
        except InvalidInput:
            return raw

    def problems(self) -> list[str]:
        """Every day's problem at once, in plain words."""
        found = []
        worked = [day for day in self.days if day.text()]
        if not worked:
            return [_("Tick at least one day you work.")]
        for day in worked:
            backwards = [shift for shift in day.shifts if _backwards(shift)]
            for shift in backwards:
                start, end = shift.text().split("-")
                found.append(
                    _(
                        "{day}: {start} to {end} ends before it starts; for hours past "
                        "midnight, end at 00:00 and go on the next day."
                    ).format(day=_day_label(day.day), start=start, end=end)
                )
            if backwards:
                continue
            try:
                parse_hours(day.text())
            except InvalidInput as refusal:
                found.append(refusal.message.partition(" Working hours must")[0])
        return found


def _backwards(shift: ShiftRow) -> bool:
    end = shift.end.time()
    return end != QTime(0, 0) and end <= shift.start.time()
