"""The weekly review moment as a day and a time of day, in the practice's time zone."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTimeEdit, QWidget

from boundary_desk.domain.practice_settings import REVIEW
from boundary_desk.domain.review_time import ReviewTime, format_review_time, parse_review_time
from boundary_desk.domain.vocabulary.calendar_names import day_name, shown_language
from boundary_desk.domain.words import capitalised
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _, pgettext
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.style import label, screen_reader_label


class ReviewTimePicker(ValueEditor):
    """A weekday box and a time; `value()` is the setting's text, e.g. "fri 16:00"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QComboBox(self)
        self.day.setAccessibleName(_("Weekly review day"))
        screen_reader_label(self.day)  # the form's label names the picker, not its box
        self.first_day = -1
        self.start_week_on(0)
        self.at = QTimeEdit(QTime(16, 0), self)
        self.at.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # 17:00, in Hebrew too
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName(_("Weekly review time"))
        self.at.setFixedWidth(84)
        self.day.currentIndexChanged.connect(self.edited)
        self.at.timeChanged.connect(self.edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.day)
        row.addWidget(label(pgettext("time of day", "at")))
        row.addWidget(self.at)
        row.addStretch(1)
        self.setFocusProxy(self.day)
        QWidget.setTabOrder(self.day, self.at)

    def start_week_on(self, first: int) -> None:
        """List the days from Monday (0) or Sunday (6), as the region's week runs."""
        if first == self.first_day:
            return
        chosen = self.weekday() if self.first_day >= 0 else None
        self.first_day = first
        self.day.blockSignals(True)
        self.day.clear()
        for offset in range(7):
            weekday = (first + offset) % 7
            name = day_name(weekday, shown_language())
            self.day.addItem(capitalised(name), weekday)
        if chosen is not None:
            self.day.setCurrentIndex(self.day.findData(chosen))
        self.day.blockSignals(False)

    def weekday(self) -> int:
        return int(self.day.currentData())

    def value(self) -> str:
        moment = self.at.time()
        return format_review_time(ReviewTime(self.weekday(), time(moment.hour(), moment.minute())))

    def set_value(self, stored: str) -> None:
        try:
            review = parse_review_time(stored)
        except InvalidInput:
            review = parse_review_time(REVIEW.default)
        self.day.setCurrentIndex(self.day.findData(review.weekday))
        self.at.setTime(QTime(review.at.hour, review.at.minute))
