"""Vacation days: periods picked with two dates, listed, and removed again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from boundary_desk.domain.vacation import VacationDays, format_vacation, parse_vacation
from boundary_desk.domain.vocabulary.calendar_names import weekday_date
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.style import button, label, tab_order


def describe_period(first: date, last: date) -> str:
    """ "Thu 24 Dec 2026 – Sat 2 Jan 2027 (10 days)", or one day alone."""
    if first == last:
        return weekday_date(first)
    days = (last - first).days + 1
    counted_days = ngettext("{count} day", "{count} days", days).format(count=days)
    return f"{weekday_date(first)} – {weekday_date(last)} ({counted_days})"


class VacationList(ValueEditor):
    """The periods away; "Add" takes the two dates picked beside it."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.periods: list[tuple[date, date]] = []
        self._problem = ""
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Vacation periods"))
        self.list.setFixedHeight(self.list.fontMetrics().lineSpacing() * 3 + 12)
        start = QDate(today.year, today.month, today.day)
        self.first = self._date(start, _("First day away"))
        self.last = self._date(start, _("Last day away"))
        self.first.dateChanged.connect(self._follow_first)
        self.add_button = button(_("Add"))
        self.add_button.setToolTip(_("Add the days from the first to the last, both included"))
        self.add_button.clicked.connect(self.add_period)
        self.remove_button = button(_("Remove"))
        self.remove_button.clicked.connect(self.remove_period)
        picker = QHBoxLayout()
        picker.addWidget(label(_("From")))
        picker.addWidget(self.first)
        picker.addWidget(label(_("to")))
        picker.addWidget(self.last)
        picker.addWidget(self.add_button)
        picker.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(picker, 0, 0)
        grid.addWidget(self.list, 1, 0)
        grid.addWidget(self.remove_button, 1, 1)
        self.setFocusProxy(self.first)
        # Reading order; the proxy would otherwise leave the list out of the Tab chain.
        tab_order(self.first, self.last, self.add_button, self.list, self.remove_button)
        self._show()

    def _date(self, start: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(start, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _follow_first(self, first: QDate) -> None:
        if self.last.date() < first:
            self.last.setDate(first)

    def add_period(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        self.periods.append((first, last))
        self.periods.sort()
        self._show()
        self.edited.emit()

    def remove_period(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.periods):
            del self.periods[row]
            self._show()
            self.edited.emit()

    def _show(self) -> None:
        self.list.clear()
        for first, last in self.periods:
            self.list.addItem(QListWidgetItem(describe_period(first, last)))
        if not self.periods:
            self.list.addItem(QListWidgetItem(_("No vacation days.")))
        self.remove_button.setEnabled(bool(self.periods))

    def value(self) -> str:
        raw = "; ".join(f"{a.isoformat()}..{b.isoformat()}" for a, b in self.periods)
        try:
            return format_vacation(parse_vacation(raw))
        except InvalidInput:
            return raw

    def set_value(self, stored: str) -> None:
        try:
            days = parse_vacation(stored)
        except InvalidInput:
            days = VacationDays()
        self.periods = list(days.ranges)
        self._show()
