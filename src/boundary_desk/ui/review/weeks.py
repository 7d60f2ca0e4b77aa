"""The list of recent weeks with whether each was reviewed (statuses come from the service)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from boundary_desk.domain.vocabulary.calendar_names import (
    day_month,
    long_date,
    short_date,
    week_span,
)
from boundary_desk.domain.weeks import Week
from boundary_desk.services.review import WeekStatus
from boundary_desk.system.i18n import _
from boundary_desk.ui.widgets.style import INK, MUTED

NOT_REVIEWED_INK = "#8A5A00"  # dark amber: readable, and the text says it too


def short_label(week: Week) -> str:
    """ "16–22 Nov 2026", "26 Oct – 1 Nov 2026", "29 Dec 2025 – 4 Jan 2026"."""
    first, last = week.first_day, week.first_day + timedelta(days=6)
    end = short_date(last)  # "22 Nov 2026"; "22 nov. 2026", "22 בנוב׳ 2026"
    if first.year != last.year:
        return f"{short_date(first)} – {end}"
    if first.month != last.month:
        return f"{day_month(first)} – {end}"
    return f"{first.day}–{end}"


def long_label(week: Week) -> str:
    """ "16–22 November 2026" (`Week.label()`), its months in the app's language."""
    return week_span(week.first_day)


def reviewed_line(status_at: datetime | None, zone_now: datetime) -> str:
    """ "Reviewed on 20 November 2026 at 16:12" or "Not reviewed yet"."""
    if status_at is None:
        return _("Not reviewed yet")
    local = status_at.astimezone(zone_now.tzinfo)
    return _("Reviewed on {date} at {time}").format(
        date=long_date(local.date()), time=f"{local:%H:%M}"
    )


def describe(status: WeekStatus) -> str:
    """ "✓ Reviewed", "Not reviewed", "No entries" or "This week", in the clinician's language
    (the service's `describe()` says the same in English)."""
    if status.reviewed_at is not None:
        return _("✓ Reviewed")
    if status.in_progress:
        return _("This week")
    return _("Not reviewed") if status.has_entries else _("No entries")


class WeekList(QListWidget):
    """Recent weeks, newest first; a missed review reads "Not reviewed" in bold."""

    week_chosen = Signal(object)  # Week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_weekday = 0  # the weeks' first day, Monday until weeks are shown
        self.setObjectName("reviewWeeks")
        self.setAccessibleName(_("Recent weeks"))
        self.setSpacing(1)
        self.setUniformItemSizes(True)
        # The labels fit the list; a horizontal bar would only hide the last week.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.statuses: list[WeekStatus] = []
        self.least_width = 0  # the page's column; a longer label (in Hebrew) widens it

    def show_statuses(self, statuses: list[WeekStatus], selected: Week) -> None:
        self.statuses = statuses
        self.blockSignals(True)
        # The rows are updated in place, not cleared and made again. (The segmentation
        # fault once met in QListWidget.clear here came from a stale layout-item wrapper
        # left by the page moving the weeks; see reflow.move_widget.)
        while self.count() > len(statuses):
            self.takeItem(self.count() - 1)
        while self.count() < len(statuses):
            self.addItem(QListWidgetItem())
        if statuses:
            self._first_weekday = statuses[0].week.first_weekday
        for row, status in enumerate(statuses):
            said = describe(status)
            text = f"{short_label(status.week)}\nW{status.week.number:02d} · {said}"
            item = self.item(row)
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, str(status.week))
            item.setSizeHint(QSize(200, 52))
            item.setToolTip(f"{long_label(status.week)} · {status.week} · {said}")
            font = QFont(self.font())
            font.setBold(status.missed)  # a reused row drops the bold it had
            item.setFont(font)
            if status.missed:
                item.setForeground(QColor(NOT_REVIEWED_INK))
            elif not status.has_entries and status.reviewed_at is None:
                item.setForeground(QColor(MUTED))
            else:
                item.setForeground(QColor(INK))
        self.blockSignals(False)
        self._fit_labels()
        self.select(selected)

    def _fit_labels(self) -> None:
        """As wide as the widest label, and no narrower than the page's column: "26 Oct –
        1 Nov 2026" is longer in French and Hebrew, and a label must never be cut off."""
        widest = 0
        for row in range(self.count()):
            item = self.item(row)
            metrics = QFontMetrics(item.font())
            widest = max(
                [widest, *(metrics.horizontalAdvance(line) for line in item.text().split("\n"))]
            )
        # The frame, the rows' padding (the style sheet's 8 px a side) and the scroll bar.
        frame = (
            2 * self.frameWidth()
            + 2 * self.spacing()
            + 16
            + self.verticalScrollBar().sizeHint().width()
            + 12
        )
        if self.least_width:
            self.setFixedWidth(max(self.least_width, widest + frame))

    def select(self, week: Week) -> None:
        self.blockSignals(True)
        self.clearSelection()
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == str(week):
                self.setCurrentItem(item)
                break
        else:
            self.setCurrentRow(-1)
        self.blockSignals(False)

    def _clicked(self, item: QListWidgetItem) -> None:
        week = Week.parse(str(item.data(Qt.ItemDataRole.UserRole)), self._first_weekday)
        self.week_chosen.emit(week)
