"""The quick log's forms: what every kind of entry shares, and the form for a contact.

Each form turns its fields into a `ContactEvent`, saves and restores its state as a plain
dict (for the draft kept in the vault), and says which field an error message is about.
The forms for friend requests, searches and approaches are in quick_log_boundary_forms.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QMimeData, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from boundary_desk.domain.event_rules import (
    CONTACT_NEEDS,
    DURATION_START,
    MAX_SUMMARY,
    REPLY_BEFORE,
    REPLY_TIME,
    SUMMARY_LIMIT_START,
    WHEN_IT_HAPPENED,
)
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.domain.vocabulary.labels import CATEGORY_LABELS
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.quick_log.fields import (
    FieldProblem,
    LocalTime,
    WhenField,
    choice_combo,
    select_data,
)
from boundary_desk.ui.quick_log.reply_panel import Ranker, ReplyPanel
from boundary_desk.ui.widgets.style import label

Draft = dict[str, Any]

CHANNEL_CHOICES = (
    (N_("Text"), ContactChannel.TEXT),
    (N_("Call"), ContactChannel.CALL),
    (N_("Email"), ContactChannel.EMAIL),
    (N_("Voicemail"), ContactChannel.VOICEMAIL),
    (N_("Video call"), ContactChannel.VIDEO),
    (N_("Portal message"), ContactChannel.PORTAL),
    (N_("DM (social media)"), ContactChannel.DM),
    (N_("In person"), ContactChannel.IN_PERSON),
)
TIMED_CHANNELS = frozenset({ContactChannel.CALL, ContactChannel.VIDEO})
DIRECTION_CHOICES = ((N_("Client → me"), Direction.IN), (N_("Me → client"), Direction.OUT))
CATEGORY_CHOICES = tuple((CATEGORY_LABELS[c].capitalize(), c) for c in Category)


def translated(choices: Sequence[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    """`choices` with their words in the current language, for a list the clinician sees."""
    return tuple((_(text), value) for text, value in choices)


def text_of(state: Mapping[str, Any], key: str) -> str:
    value = state.get(key)
    return value if isinstance(value, str) else ""


def flag_of(state: Mapping[str, Any], key: str) -> bool:
    return state.get(key) is True


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SummaryEdit(QPlainTextEdit):
    """Wraps at word boundaries, but anywhere once the text is far too long to be kept.

    Laying out one enormous unbroken line at word boundaries takes Qt minutes (1 MB of
    "x" pasted in froze the app for over two); wrapping anywhere takes a second.
    """

    def setPlainText(self, text: str) -> None:
        self._fit_wrap(len(text))
        super().setPlainText(text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self._fit_wrap(self.document().characterCount() + len(source.text()))
        super().insertFromMimeData(source)

    def _fit_wrap(self, size: int) -> None:
        mode = (
            QTextOption.WrapMode.WrapAnywhere
            if size > MAX_SUMMARY
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)


def summary_edit(placeholder: str, name: str, lines: int = 4) -> QPlainTextEdit:
    edit = SummaryEdit()
    edit.setTabChangesFocus(True)  # Tab moves on; a summary never needs a tab character
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setFixedHeight(16 + lines * edit.fontMetrics().lineSpacing())
    return edit


def line_edit(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    return edit


def checked_line(text: str, *, label_text: str, max_len: int, field: QWidget) -> str:
    try:
        return clean_line(text, label=label_text, max_len=max_len, required=False)
    except InvalidInput as problem:
        raise FieldProblem(problem.message, field) from None


class EventForm(QWidget):
    """The fields for one kind of entry, laid out as a form."""

    edited = Signal()
    kind = EventKind.CONTACT

    def __init__(self, local: LocalTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self.when = WhenField(local, "When it happened")
        self.when.edited.connect(self.edited)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: list[tuple[str, QWidget]] = [(_(WHEN_IT_HAPPENED), self.when.edit)]

    @abstractmethod  # each kind of entry defines it
    def build_event(self, client_id: int) -> ContactEvent: ...

    @abstractmethod  # each kind of entry defines it
    def state(self) -> Draft: ...

    @abstractmethod  # each kind of entry defines it
    def restore(self, state: Mapping[str, Any]) -> None: ...

    @abstractmethod  # each kind of entry defines it
    def first_field(self) -> QWidget: ...

    def draft_state(self) -> Draft:
        """The state to keep as a draft: "now" and "20 min ago" pinned to the time they meant."""
        state = self.state()
        for key, field in self._when_fields().items():
            state[key] = pinned(field)
        return state

    def field_for(self, message: str) -> QWidget:
        """The field an error message is about (the messages start with the field's name)."""
        for prefix, field in self._fields:
            if message.startswith(prefix):
                return field
        return self.first_field()

    def refresh_times(self) -> None:
        for field in self._when_fields().values():
            field.refresh()

    def _when_fields(self) -> dict[str, WhenField]:
        return {"when": self.when}

    def _watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.textChanged.connect(self.edited)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.edited)
                if widget.isEditable():
                    widget.editTextChanged.connect(self.edited)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self.edited)
            elif isinstance(widget, QDateEdit):
                widget.dateChanged.connect(self.edited)


def pinned(field: WhenField) -> str:
    """The text of a time field, with a relative time replaced by the local time it meant."""
    if not field.is_relative():
        return field.text()
    try:
        moment = field.local.parse(field.text())
    except InvalidInput:
        return field.text()
    return moment.astimezone(field.local.zone).strftime("%Y-%m-%d %H:%M")


class ContactForm(EventForm):
    """A text, call, email, voicemail, video call, portal message, DM or meeting in person."""

    kind = EventKind.CONTACT

    def __init__(self, local: LocalTime, parent: QWidget | None = None) -> None:
        super().__init__(local, parent)
        self.channel = choice_combo(translated(CHANNEL_CHOICES), _("Channel"))
        self.direction = choice_combo(translated(DIRECTION_CHOICES), _("Who reached out"))
        self.category = choice_combo(translated(CATEGORY_CHOICES), _("Category"))
        self.complex = QCheckBox(_("Complex or emotional"))
        self.complex.setToolTip(_("It needs more than a short written answer"))
        self.minutes = line_edit(_("min"), _("Duration in minutes"))
        self.minutes.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}")))
        self.minutes.setMaximumWidth(90)
        self.minutes_note = label(_("minutes (for calls and video)"), "muted")
        self.minutes_note.setWordWrap(False)
        self.summary = summary_edit(
            _("What was said or asked, for the record. Keep it to what is clinically needed."),
            _("Summary"),
        )
        self.replied = QCheckBox(_("I replied"))
        self.reply_when = WhenField(local, _("When you replied"))
        self.reply_channel = choice_combo(translated(CHANNEL_CHOICES), _("How you replied"))
        self.raise_next = QCheckBox(_("Raise in the next session"))
        self.reply_panel = ReplyPanel()
        self._ranker: Ranker | None = None
        self._lay_out()
        self._watch(
            self.channel, self.direction, self.category, self.complex, self.minutes,
            self.summary, self.replied, self.reply_channel, self.raise_next,
        )  # fmt: skip
        for changed in (self.direction, self.category):
            changed.currentIndexChanged.connect(self._update_reply_panel)
        self.complex.toggled.connect(self._update_reply_panel)
        self.reply_when.edited.connect(self.edited)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.replied.toggled.connect(self._replied_toggled)
        self._fields += [
            (_(SUMMARY_LIMIT_START), self.summary),
            (_(DURATION_START), self.minutes),
            (_(REPLY_TIME), self.reply_when.edit),
            (_(REPLY_BEFORE), self.reply_when.edit),
            (_(CONTACT_NEEDS), self.channel),
        ]
        self.restore({})

    def _lay_out(self) -> None:
        duration = QHBoxLayout()
        duration.setSpacing(12)
        duration.addWidget(self.minutes)
        duration.addWidget(self.minutes_note)
        duration.addStretch(1)
        category = QHBoxLayout()
        category.setSpacing(16)
        category.addWidget(self.category)
        category.addWidget(self.complex)
        category.addStretch(1)
        self.reply_details = QWidget()
        details = QHBoxLayout(self.reply_details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        details.addWidget(self.reply_when, 1)
        details.addWidget(label(_("by")))
        details.addWidget(self.reply_channel)
        self.form.addRow(_("Channel"), self.channel)
        self.form.addRow(_("Who reached out"), self.direction)
        self.form.addRow(_("When"), self.when)
        self.form.addRow(_("Category"), category)
        # The row holds the box and the complex toggle: the label names the box itself.
        category_label = self.form.labelForField(category)
        if isinstance(category_label, QLabel):
            category_label.setBuddy(self.category)
        self.form.addRow(_("Duration"), duration)
        self.form.addRow(_("Summary"), self.summary)
        self.form.addRow("", self.replied)
        self.form.addRow(_("Your reply"), self.reply_details)
        self.form.addRow("", self.reply_panel)
        self.form.addRow("", self.raise_next)

    def first_field(self) -> QWidget:
        return self.channel

    def build_event(self, client_id: int) -> ContactEvent:
        replied = self.replied.isChecked()
        return ContactEvent(
            client_id=client_id,
            kind=EventKind.CONTACT,
            occurred_at=self.when.moment(),
            channel=ContactChannel(self.channel.currentData()),
            direction=Direction(self.direction.currentData()),
            category=Category(self.category.currentData()),
            minutes=self._minutes(),
            summary=self.summary.toPlainText(),
            replied_at=self.reply_when.moment() if replied else None,
            reply_channel=ContactChannel(self.reply_channel.currentData()) if replied else None,
            raise_next_session=self.raise_next.isChecked(),
            is_complex=self.complex.isChecked(),
        )

    def state(self) -> Draft:
        return {
            "channel": self.channel.currentData(),
            "direction": self.direction.currentData(),
            "when": self.when.text(),
            "category": self.category.currentData(),
            "complex": self.complex.isChecked(),
            "minutes": self.minutes.text(),
            "summary": self.summary.toPlainText(),
            "replied": self.replied.isChecked(),
            "reply_when": self.reply_when.text(),
            "reply_channel": self.reply_channel.currentData(),
            "raise": self.raise_next.isChecked(),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self.channel.setCurrentIndex(0)
        select_data(self.channel, state.get("channel"))
        self.direction.setCurrentIndex(0)
        select_data(self.direction, state.get("direction"))
        self.category.setCurrentIndex(0)
        select_data(self.category, state.get("category"))
        self.complex.setChecked(flag_of(state, "complex"))
        self.when.set_text(text_of(state, "when"))
        self.minutes.setText(text_of(state, "minutes"))
        self.summary.setPlainText(text_of(state, "summary"))
        self.replied.setChecked(flag_of(state, "replied"))
        self.reply_when.set_text(text_of(state, "reply_when"))
        select_data(self.reply_channel, state.get("reply_channel", self.channel.currentData()))
        self.raise_next.setChecked(flag_of(state, "raise"))
        self._channel_changed()
        self._replied_toggled(self.replied.isChecked())

    def _minutes(self) -> int | None:
        text = self.minutes.text().strip()
        return int(text) if text and self.minutes.isEnabled() else None

    def _when_fields(self) -> dict[str, WhenField]:
        return {"when": self.when, "reply_when": self.reply_when}

    def _channel_changed(self) -> None:
        timed = self.channel.currentData() in TIMED_CHANNELS
        self.minutes.setEnabled(timed)
        self.minutes_note.setEnabled(timed)
        if not self.replied.isChecked():
            select_data(self.reply_channel, self.channel.currentData())

    def _replied_toggled(self, on: bool) -> None:
        self.form.setRowVisible(self.reply_details, on)
        self._update_reply_panel()

    def set_ranker(self, ranker: Ranker | None) -> None:
        """Where the "How to reply" ranking comes from: the client's agreement (None: no
        client chosen yet, so no panel)."""
        self._ranker = ranker
        self._update_reply_panel()

    def _update_reply_panel(self) -> None:
        """The panel shows for a message from the client not yet answered."""
        unanswered = (
            self.direction.currentData() == Direction.IN.value and not self.replied.isChecked()
        )
        shown = self._ranker is not None and unanswered
        if shown and self._ranker is not None:
            category = Category(self.category.currentData())
            self.reply_panel.show_ranking(self._ranker(category, self.complex.isChecked()))
        self.form.setRowVisible(self.reply_panel, shown)
