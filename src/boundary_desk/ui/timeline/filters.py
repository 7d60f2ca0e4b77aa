"""The row of filters above a timeline: client, kind, period, after hours, warnings."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.system.i18n import N_, _, pgettext
from boundary_desk.ui.timeline.model import KindChoice, RangeChoice, TimelineFilter
from boundary_desk.ui.widgets.reflow import FlowRow
from boundary_desk.ui.widgets.style import (
    ACCENT,
    BORDER,
    SURFACE,
    _arrow_image,
    label,
    screen_reader_label,
)

ALL_CLIENTS = N_("All clients")


# The shared style sheet dresses line edits and drop-down lists but not date fields;
# these match them, with the same chevron.
_DATE_STYLE = f"""
QDateEdit {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 5px 8px;
}}
QDateEdit:focus {{ border: 1px solid {ACCENT}; }}
QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 26px; border: none;
}}
QDateEdit::down-arrow {{ image: url("ARROW"); width: 11px; height: 7px; }}
"""


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setStyleSheet(_DATE_STYLE.replace("ARROW", _arrow_image()))
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class TimelineFilters(QWidget):
    """Emits `changed` whenever a filter changes; `current()` reads them all.

    The two ticks are in `toggles`, for the page to place (above the list).
    """

    changed = Signal()

    def __init__(
        self,
        today: date,
        *,
        client_id: int | None = None,
        span: RangeChoice = RangeChoice.ALL,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fixed_client = client_id
        self._default_span = span
        self.client = QComboBox(self)
        self.client.setAccessibleName(_("Client"))
        self.client.setMinimumContentsLength(16)
        self.client.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.client.setVisible(client_id is None)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Kind of entry"))
        for kind in KindChoice:
            self.kind.addItem(_(kind.label), kind)
        self.span = QComboBox(self)
        self.span.setAccessibleName(_("Period"))
        for choice in RangeChoice:
            self.span.addItem(_(choice.label), choice)
        self.first_day = _date_edit(self, _("From"))
        self.last_day = _date_edit(self, _("To"))
        self.first_day.setDate(_qdate(today - timedelta(days=30)))
        self.last_day.setDate(_qdate(today))
        self.to_label = label(pgettext("between two dates", "to"), "muted")
        # The ticks sit above the list, where the row of choices has no room for them.
        for box in (self.client, self.kind, self.span):
            screen_reader_label(box)  # no label on the screen: the choices speak for them
        self.toggles = QWidget(self)
        self.after_hours = QCheckBox(_("After hours only"), self.toggles)
        self.with_warnings = QCheckBox(_("With warnings only"), self.toggles)
        self._lay_out()
        self.reset()
        for box in (self.client, self.kind, self.span):
            box.currentIndexChanged.connect(self._changed)
        for edit in (self.first_day, self.last_day):
            edit.dateChanged.connect(self._changed)
        for tick in (self.after_hours, self.with_warnings):
            tick.toggled.connect(self._changed)

    def _lay_out(self) -> None:
        # On a narrow window the dates of a custom period go onto a line of their own.
        row = FlowRow(self, spacing=8)
        for box in (self.client, self.kind, self.span):
            row.addWidget(box)
        self.dates = QWidget(self)
        days = QHBoxLayout(self.dates)
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(8)
        for widget in (self.first_day, self.to_label, self.last_day):
            days.addWidget(widget)
        row.addWidget(self.dates)
        ticks = QHBoxLayout(self.toggles)
        ticks.setContentsMargins(0, 0, 0, 0)
        ticks.setSpacing(14)
        ticks.addWidget(self.after_hours)
        ticks.addWidget(self.with_warnings)

    def set_clients(self, clients: list[Client]) -> None:
        """Offer these clients (global view), keeping the one chosen if it is still there."""
        chosen = self.client.currentData()
        self.client.blockSignals(True)
        self.client.clear()
        self.client.addItem(_(ALL_CLIENTS), None)
        for client in clients:
            text = (
                _("{code} · {name} (archived)") if client.archived else "{code} · {name}"
            ).format(code=client.code, name=client.display_name)
            self.client.addItem(text, client.id)
        self.client.setCurrentIndex(max(0, self.client.findData(chosen)))
        self.client.blockSignals(False)

    def current(self) -> TimelineFilter:
        span: RangeChoice = self.span.currentData()
        fixed = self._fixed_client
        return TimelineFilter(
            client_id=fixed if fixed is not None else self.client.currentData(),
            kind=self.kind.currentData(),
            span=span,
            first_day=_day(self.first_day) if span is RangeChoice.CUSTOM else None,
            last_day=_day(self.last_day) if span is RangeChoice.CUSTOM else None,
            after_hours_only=self.after_hours.isChecked(),
            warnings_only=self.with_warnings.isChecked(),
        )

    def reset_to_everything(self) -> None:
        """No filter at all beyond the client: every entry, all time."""
        self.reset(RangeChoice.ALL)

    def reset(self, span: RangeChoice | None = None) -> None:
        """Back to everything within `span` (else the default period), announced once."""
        widgets = (self.client, self.kind, self.span, self.after_hours, self.with_warnings)
        for widget in widgets:
            widget.blockSignals(True)
        self.client.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.span.setCurrentIndex(self.span.findData(span or self._default_span))
        self.after_hours.setChecked(False)
        self.with_warnings.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        custom = self.span.currentData() is RangeChoice.CUSTOM
        for widget in (self.dates, self.first_day, self.to_label, self.last_day):
            widget.setVisible(custom)
        self.changed.emit()
