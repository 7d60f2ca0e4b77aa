"""A one-line reminder that a finished week with entries has not been reviewed yet."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.review import last_complete_week, unreviewed_weeks
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.review.weeks import long_label
from boundary_desk.ui.widgets.reflow import OneLineFirst
from boundary_desk.ui.widgets.style import button


def unreviewed_week(services: Services, now: datetime) -> Week | None:
    """The most recent finished week that has entries and was never marked reviewed."""
    weeks = unreviewed_weeks(services, now)
    return weeks[0] if weeks else None


def unreviewed_prompt(services: Services, now: datetime) -> str | None:
    """E.g. "Last week (2026-W46) hasn't been reviewed yet", or None when all are done."""
    return _prompt(unreviewed_weeks(services, now), last_complete_week(services, now))


def _prompt(weeks: list[Week], last: Week) -> str | None:
    if not weeks:
        return None
    latest, earlier = weeks[0], len(weeks) - 1
    if latest == last and not earlier:
        return _("Last week ({week}) hasn't been reviewed yet").format(week=latest)
    if latest == last:
        return ngettext(
            "Last week ({week}) and {count} earlier week haven't been reviewed yet",
            "Last week ({week}) and {count} earlier weeks haven't been reviewed yet",
            earlier,
        ).format(week=latest, count=earlier)
    if not earlier:
        return _("The week of {dates} ({week}) hasn't been reviewed yet").format(
            dates=long_label(latest), week=latest
        )
    return ngettext(
        "The week of {dates} ({week}) and {count} earlier week haven't been reviewed yet",
        "The week of {dates} ({week}) and {count} earlier weeks haven't been reviewed yet",
        earlier,
    ).format(dates=long_label(latest), week=latest, count=earlier)


class ReviewBanner(QFrame):
    """ "Last week (2026-W46) hasn't been reviewed yet · Review now"; hidden when nothing is due."""

    review_requested = Signal(object)  # the Week to open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBanner")
        self.setStyleSheet(
            "QFrame#reviewBanner { background: #FFF4DE; border: 1px solid #EBCB8B;"
            " border-radius: 8px; }"
        )
        self.text = OneLineFirst(parent=self)  # wrapped only on a narrow window
        self.review_button = button(_("Review now"), "link")
        self.review_button.clicked.connect(self._review)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text)
        row.addWidget(self.review_button)
        row.addStretch(1)
        self.week: Week | None = None
        self.hide()

    def refresh(self, services: Services, now: datetime) -> bool:
        """Show the reminder if a week is due; returns whether it is shown."""
        weeks = unreviewed_weeks(services, now)
        self.week = weeks[0] if weeks else None
        prompt = _prompt(weeks, last_complete_week(services, now))
        self.text.setText(f"{prompt} ·" if prompt else "")
        self.setVisible(prompt is not None)
        return prompt is not None

    def show_due(self, week: Week) -> None:
        """The review day and time have come: invite this week's review."""
        self.week = week
        self.text.setText(_("It's time for your weekly review ({week})").format(week=week) + " ·")
        self.show()

    def _review(self) -> None:
        if self.week is not None:
            self.review_requested.emit(self.week)
