"""Editing a logged entry: the common fields, saved through the quick log's own checks.

Saving goes through `log_event`, so the edit is checked like a new entry, the earlier
version is kept in the entry's history and its warnings are worked out again. A
refusal is shown in the dialog and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.event_rules import MAX_MINUTES
from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    RequestAction,
)
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    EVENT_KIND_LABELS,
    REQUEST_ACTION_LABELS,
    shown,
    shown_event_title,
)
from boundary_desk.domain.when import ACCEPTED_WHEN, parse_when
from boundary_desk.domain.words import capitalised
from boundary_desk.errors import InvalidInput, UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.contacts import LoggedEvent, log_event
from boundary_desk.system.i18n import N_, _, current_language
from boundary_desk.ui.timeline.details import facts
from boundary_desk.ui.widgets.reflow import VerticalScroll
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    button,
    fit_to_contents,
    label,
    screen_reader_label,
    tab_order,
)

NOT_SET = N_("Not set")
E = TypeVar("E", bound=StrEnum)


def _combo(name: str, choices: Mapping[Any, str], current: object, blank: str = "") -> QComboBox:
    # Fields are made without a parent: those the kind has no row for are never shown.
    box = QComboBox()
    box.setAccessibleName(name)
    if blank:
        box.addItem(blank, None)
    for value, text in choices.items():
        box.addItem(capitalised(shown(text)), value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _choice(box: QComboBox, kind: type[E]) -> E | None:
    """The chosen value as its enum (Qt hands a StrEnum back as a plain str)."""
    value = box.currentData()
    return None if value is None else kind(value)


class EventEditor(QDialog):
    """Change an entry's common fields; kind-specific answers are shown, some editable."""

    def __init__(
        self,
        services: Services,
        event: ContactEvent,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if event.id is None:
            raise ValueError("the editor needs a saved entry")
        self._services, self._event, self._now = services, event, now
        practice = services.settings.load()
        self._zone, self._region = practice.timezone, practice.region
        self.saved: LoggedEvent | None = None
        kind = shown(EVENT_KIND_LABELS[event.kind]).capitalize()
        self.setWindowTitle(_("Edit entry · {kind}").format(kind=kind))
        self.setMinimumWidth(560)
        self._build()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            fit_to_contents(self)  # room for the wrapped help text, within the screen

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        event = self._event
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(14)
        self.when = QLineEdit(self._local_text(event.occurred_at))
        self.when.setAccessibleName(_("When it happened"))
        form.addRow(_("When"), self.when)
        zone = _("Times are {zone} time.").format(zone=self._zone.key)
        form.addRow("", label(f"{_(ACCEPTED_WHEN)} {zone}", "help"))
        contact = event.kind is EventKind.CONTACT
        self._contact_rows(form, shown=contact)
        self._kind_rows(form)
        self.summary = QPlainTextEdit(event.summary)
        self.summary.setAccessibleName(_("Summary for the record"))
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(110)
        form.addRow(_("Summary"), self.summary)
        self._reply_rows(form, shown=contact)
        self.raise_next = QCheckBox(_("Raise it in the next session"))
        self.raise_next.setChecked(event.raise_next_session)
        form.addRow("", self.raise_next)
        self.error = InlineMessage("error", self)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = button(_("Save changes"), "primary")
        self.save_button.setToolTip(_("Save; the earlier version stays in the history (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setDefault(True)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(label(shown_event_title(self._event), "subheading"))
        fields = QWidget(self)
        fields.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        # On a short screen the fields scroll; the error and the buttons stay in sight.
        self.fields_scroll = VerticalScroll(fields, self)
        self.fields_scroll.setAccessibleName(_("Entry fields"))
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        tab_order(self.save_button, self.cancel_button)
        self.when.setFocus()

    def _contact_rows(self, form: QFormLayout, *, shown: bool) -> None:
        event = self._event
        self.channel = _combo(_("Channel"), CONTACT_CHANNEL_LABELS, event.channel)
        self.direction = _combo(_("Who reached out"), DIRECTION_LABELS, event.direction)
        self.category = _combo(_("Category"), CATEGORY_LABELS, event.category, _(NOT_SET))
        # As in the quick log: a message that needs more than a short written answer,
        # whatever its category (it decides whether a reply in writing was a poor fit).
        self.complex = QCheckBox(_("Complex or emotional"))
        self.complex.setToolTip(_("It needs more than a short written answer"))
        self.complex.setChecked(event.is_complex)
        self.minutes = QLineEdit("" if event.minutes is None else str(event.minutes))
        self.minutes.setAccessibleName(_("Duration in minutes"))
        self.minutes.setValidator(QIntValidator(0, MAX_MINUTES * 10, self))
        self.minutes.setPlaceholderText(_("Not recorded"))
        self.minutes.setMaximumWidth(140)
        if not shown:
            return
        form.addRow(_("Channel"), self.channel)
        form.addRow(_("Who reached out"), self.direction)
        category = QHBoxLayout()
        category.setSpacing(12)
        category.addWidget(self.category)
        category.addWidget(self.complex)
        category.addStretch(1)
        form.addRow(_("Category"), category)
        buddy = form.labelForField(category)
        if isinstance(buddy, QLabel):  # the row's label names the box, not the row
            buddy.setBuddy(self.category)
        duration = QHBoxLayout()
        duration.setSpacing(8)
        duration.addWidget(self.minutes)
        duration.addWidget(label(_("minutes"), "muted"))
        duration.addStretch(1)
        form.addRow(_("Duration"), duration)

    def _kind_rows(self, form: QFormLayout) -> None:
        event = self._event
        self.platform = QLineEdit(event.request.platform if event.request else "")
        self.platform.setAccessibleName(_("Platform"))
        action = event.request.action if event.request else None
        self.action = _combo(_("What you did"), REQUEST_ACTION_LABELS, action)
        self.learned_how = QLineEdit(event.approach.learned_how if event.approach else "")
        self.learned_how.setAccessibleName(_("How you learned of it"))
        if event.request is not None:
            form.addRow(_("Platform"), self.platform)
            form.addRow(_("What you did"), self.action)
        elif event.approach is not None:
            form.addRow(_("How you learned of it"), self.learned_how)
        elif event.search is not None:
            answers = facts(replace(event, raise_next_session=False), self._zone)[:-1]
            form.addRow("", label(_("The search answers are kept as logged:"), "help"))
            for question, answer in answers:
                form.addRow(question, label(answer, selectable=True))

    def _reply_rows(self, form: QFormLayout, *, shown: bool) -> None:
        event = self._event
        self.replied = QCheckBox(_("I replied"))
        self.replied.setChecked(event.replied_at is not None)
        self.replied_at = QLineEdit(self._local_text(event.replied_at) if event.replied_at else "")
        self.replied_at.setAccessibleName(_("When you replied"))
        self.replied_at.setPlaceholderText(_("When, e.g. 09:05"))
        self.reply_channel = _combo(
            _("Reply channel"),
            CONTACT_CHANNEL_LABELS,
            event.reply_channel,
            _("Channel not noted"),
        )
        screen_reader_label(self.reply_channel)  # its row's label is "Reply"
        self.replied.toggled.connect(self._reply_enabled)
        self._reply_enabled(self.replied.isChecked())
        if shown:
            row = QHBoxLayout()
            row.setSpacing(10)
            row.addWidget(self.replied)
            row.addWidget(self.replied_at, 1)
            row.addWidget(self.reply_channel, 1)
            form.addRow(_("Reply"), row)

    def _reply_enabled(self, replied: bool) -> None:
        self.replied_at.setEnabled(replied)
        self.reply_channel.setEnabled(replied)

    def _local_text(self, moment: datetime) -> str:
        return f"{moment.astimezone(self._zone):%Y-%m-%d %H:%M}"

    # -- saving ---------------------------------------------------------------------------

    def _moment(self, field: QLineEdit, before: datetime | None, missing: str) -> datetime:
        """The time typed in `field`; unchanged text keeps the stored time to the second.

        `missing` is the sentence asking for it, should the field be empty."""
        text = field.text().strip()
        if before is not None and text == self._local_text(before):
            return before
        if not text:
            raise InvalidInput(f"{missing} {_(ACCEPTED_WHEN)}")
        return parse_when(text, self._now(), self._zone, self._region, current_language())

    def edited_event(self) -> ContactEvent:
        """The entry as the fields now describe it, or InvalidInput saying what to fix."""
        event = self._event
        changes: dict[str, object] = {
            "occurred_at": self._moment(self.when, event.occurred_at, _("Say when it happened.")),
            "summary": self.summary.toPlainText(),
            "raise_next_session": self.raise_next.isChecked(),
        }
        if event.kind is EventKind.CONTACT:
            minutes = self.minutes.text().strip()
            replied = self.replied.isChecked()
            changes |= {
                "channel": _choice(self.channel, ContactChannel),
                "direction": _choice(self.direction, Direction),
                "category": _choice(self.category, Category),
                "is_complex": self.complex.isChecked(),
                "minutes": int(minutes) if minutes else None,
                "replied_at": (
                    self._moment(self.replied_at, event.replied_at, _("Say when you replied."))
                    if replied
                    else None
                ),
                "reply_channel": _choice(self.reply_channel, ContactChannel) if replied else None,
            }
        if event.request is not None:
            action = _choice(self.action, RequestAction) or event.request.action
            changes["request"] = replace(
                event.request, platform=self.platform.text(), action=action
            )
        if event.approach is not None:
            changes["approach"] = replace(event.approach, learned_how=self.learned_how.text())
        return replace(event, **changes)  # type: ignore[arg-type]

    def save(self) -> None:
        """Save the edit and close, or show why not (nothing is saved then)."""
        try:
            edited = self.edited_event()
            if edited != self._event:
                self.saved = log_event(self._services, edited, self._now())
        except UserFacingError as refusal:
            self.error.show_message(refusal.message)
            return
        self.accept()
