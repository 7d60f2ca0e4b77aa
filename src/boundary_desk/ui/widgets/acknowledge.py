"""One warning's severity, sentence and guidance with "Acknowledge…", which opens a note
field in place; and "Acknowledge all…", one note for every open warning of an entry.

The quick log (just after saving) and the timeline's details pane both show warnings this
way, so acknowledging reads and behaves the same on both screens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.boundary_warnings import ACKNOWLEDGE_NOTE_LIMIT, Severity, severity_of
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS, shown, warning_label
from boundary_desk.errors import UserFacingError
from boundary_desk.system.i18n import _
from boundary_desk.ui.widgets.reflow import Reflow
from boundary_desk.ui.widgets.style import InlineMessage, button, label

# Store the acknowledgement of warning `code` with `note`; raise UserFacingError to refuse.
Acknowledge = Callable[[str, str], None]
# Store every one of `codes` with one `note`, all or none; UserFacingError to refuse.
AcknowledgeAll = Callable[[Sequence[str], str], None]


def severity_badge(severity: Severity) -> QLabel:
    """ "Serious", "Needs attention", "Information": in words, the colour only repeats it."""
    badge = label("", "severityBadge")
    badge.setWordWrap(False)
    show_severity(badge, severity)
    return badge


def show_severity(badge: QLabel, severity: Severity) -> None:
    """Say `severity` on a badge made by severity_badge (one reused for another warning)."""
    words = shown(SEVERITY_LABELS[severity])
    badge.setText(words[:1].upper() + words[1:])
    badge.setAccessibleName(_("Severity: {severity}").format(severity=words))
    if badge.property("severity") != severity.value:
        badge.setProperty("severity", severity.value)
        badge.style().unpolish(badge)
        badge.style().polish(badge)


def acknowledged_line(note: str, when: str = "") -> str:
    """ "Acknowledged 21 Nov 2026 10:02 · will raise in supervision"."""
    head = _("Acknowledged {when}").format(when=when) if when else _("Acknowledged")
    return f"{head} · {note}" if note else head


@dataclass(frozen=True)
class NoteWords:
    """What the "Acknowledge…" link, its note field and its button say."""

    start: str
    start_name: str
    tip: str
    placeholder: str
    note_name: str
    save: str


class NoteControls:
    """The link that opens a note field in place, the field, and its two buttons."""

    start_button: QPushButton
    note: QLineEdit
    save_button: QPushButton
    cancel_button: QPushButton

    def _make_note_controls(
        self,
        words: NoteWords,
        open_note: Callable[[], None],
        confirm: Callable[[], None],
        close_note: Callable[[], None],
    ) -> None:
        self.start_button = button(words.start, "link")
        self.start_button.setAccessibleName(words.start_name)
        self.start_button.setToolTip(words.tip)
        self.start_button.clicked.connect(open_note)
        self.note = QLineEdit()
        self.note.setPlaceholderText(words.placeholder)
        self.note.setAccessibleName(words.note_name)
        self.note.setMaxLength(ACKNOWLEDGE_NOTE_LIMIT + 50)  # room for the refusal to say why
        enter_confirms(self.note, confirm)
        self.save_button = button(words.save, "primary")
        self.save_button.clicked.connect(confirm)
        self.cancel_button = button(_("Cancel"), "link")
        self.cancel_button.clicked.connect(close_note)


class AcknowledgeRow(QFrame, NoteControls):
    """A warning and, until it is acknowledged, a way to acknowledge it with a note."""

    opened = Signal()  # the note field appeared
    acknowledged = Signal()  # stored, here or by "Acknowledge all"

    def __init__(
        self,
        code: str,
        message: str,
        acknowledge: Acknowledge,
        done: str | None = None,
        parent: QWidget | None = None,
        *,
        guidance: str = "",
    ) -> None:
        """`done` is the "Acknowledged …" line of a warning acknowledged already; `guidance`
        says what to do, from the client's agreement."""
        super().__init__(parent)
        self.setObjectName("warningCard")
        self.code = code
        self.severity = severity_of(code)
        self.setProperty("severity", self.severity.value)
        severity = shown(SEVERITY_LABELS[self.severity])
        self.setAccessibleName(_("Warning, {severity}").format(severity=severity))
        self.is_acknowledged = False
        self._acknowledge = acknowledge
        self.badge = severity_badge(self.severity)
        self.title = label(shown(warning_label(code)), "warningTitle")
        self.message = label(message, selectable=True)
        self.guidance = label(guidance, "help", selectable=True)
        self.guidance.setAccessibleName(_("What to do"))
        self.guidance.setVisible(bool(guidance))
        self._make_note_controls(
            NoteWords(
                start=_("Acknowledge…"),
                start_name=_("Acknowledge this warning"),
                tip=_("Mark this warning as seen, with a note if you like"),
                placeholder=_("Optional note, e.g. “will raise in supervision”"),
                note_name=_("Note on this warning"),
                save=_("Acknowledge"),
            ),
            self.open_note,
            self.confirm,
            self.close_note,
        )
        self.status = label("", "muted", selectable=True)
        self.error = InlineMessage("error")
        self._lay_out()
        if done is not None:
            self.show_acknowledged(done)

    def _lay_out(self) -> None:
        # The note gets the row's whole width, so it stays usable in a narrow details pane.
        self.note_row = QWidget()
        note_column = QVBoxLayout(self.note_row)
        note_column.setContentsMargins(0, 0, 0, 0)
        note_column.setSpacing(6)
        note_column.addWidget(self.note)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        note_column.addLayout(row)
        # Narrow enough for the timeline's details pane: the badge and the name share a
        # line, "Acknowledge…" (or what was acknowledged) has its own under the words.
        # (On a very narrow pane, the name goes under the badge.)
        top = Reflow(self, spacing=10)
        top.add(self.badge, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top.add(self.title, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addWidget(self.status, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(6)
        column.addWidget(top)
        column.addWidget(self.message)
        column.addWidget(self.guidance)
        column.addLayout(bottom)
        column.addWidget(self.note_row)
        column.addWidget(self.error)
        self.note_row.hide()
        self.status.hide()

    def open_note(self) -> None:
        self.start_button.hide()
        self.note_row.show()
        self.note.setFocus()
        self.opened.emit()

    def close_note(self) -> None:
        self.note_row.hide()
        self.error.clear_message()
        self.start_button.show()
        self.start_button.setFocus()

    def confirm(self) -> None:
        note = self.note.text()
        try:
            self._acknowledge(self.code, note)
        except UserFacingError as refusal:
            self.error.show_message(refusal.message)
            return
        self.error.clear_message()
        self.show_acknowledged(acknowledged_line(note.strip()))

    def show_acknowledged(self, line: str) -> None:
        self.is_acknowledged = True
        self.note_row.hide()
        self.error.clear_message()
        self.start_button.hide()
        self.status.setText(line)
        self.status.show()
        self.acknowledged.emit()


class _EnterConfirms(QObject):
    """Enter in a note field confirms the note, and goes no further.

    (A line edit passes Enter on to its dialog, which would press whichever button has
    taken the focus once the note is gone: "Log another", say.)
    """

    def __init__(self, field: QLineEdit, confirm: Callable[[], None]) -> None:
        super().__init__(field)
        self._confirm = confirm
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._confirm()
            return True
        return super().eventFilter(watched, event)


def enter_confirms(field: QLineEdit, confirm: Callable[[], None]) -> None:
    _EnterConfirms(field, confirm)


class AcknowledgeAllRow(QWidget, NoteControls):
    """ "Acknowledge all…" for an entry's open warnings: one optional note for each.

    Shown while two or more are open. A refused note is said here and nothing is stored.
    """

    def __init__(
        self,
        rows: Sequence[AcknowledgeRow],
        acknowledge_all: AcknowledgeAll,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self._acknowledge_all = acknowledge_all
        self._make_note_controls(
            NoteWords(
                start=_("Acknowledge all…"),
                start_name=_("Acknowledge all warnings"),
                tip=_("Mark every warning below as seen, with one note if you like"),
                placeholder=_("Optional note for all of them"),
                note_name=_("Note on all warnings"),
                save=_("Acknowledge all"),
            ),
            self.open_note,
            self.confirm,
            self.close_note,
        )
        self.error = InlineMessage("error")
        self.note_row = QWidget()
        note_row = QHBoxLayout(self.note_row)
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.setSpacing(10)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.cancel_button)
        note_row.addWidget(self.save_button)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addStretch(1)
        top.addWidget(self.start_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.note_row)
        column.addWidget(self.error)
        self.note_row.hide()
        for row in self.rows:
            row.acknowledged.connect(self._update)
        self._update()

    def open_codes(self) -> list[str]:
        return [row.code for row in self.rows if not row.is_acknowledged]

    def _update(self) -> None:
        self.setVisible(len(self.open_codes()) >= 2)

    def open_note(self) -> None:
        self.start_button.hide()
        self.note_row.show()
        self.note.setFocus()

    def close_note(self) -> None:
        self.note_row.hide()
        self.error.clear_message()
        self.start_button.show()
        self.start_button.setFocus()

    def confirm(self) -> None:
        codes = self.open_codes()
        note = self.note.text()
        try:
            self._acknowledge_all(codes, note)
        except UserFacingError as refusal:
            self.error.show_message(refusal.message)
            return
        self.error.clear_message()
        line = acknowledged_line(note.strip())
        for row in self.rows:
            if row.code in codes:
                row.show_acknowledged(line)
