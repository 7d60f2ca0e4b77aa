"""One warning's sentence with "Acknowledge…", which opens a note field in place.

The quick log (just after saving) and the timeline's details pane both show warnings this
way, so acknowledging reads and behaves the same on both screens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from boundary_desk.domain.boundary_warnings import ACKNOWLEDGE_NOTE_LIMIT
from boundary_desk.errors import UserFacingError
from boundary_desk.ui.widgets.style import InlineMessage, button, label

# Store the acknowledgement of warning `code` with `note`; raise UserFacingError to refuse.
Acknowledge = Callable[[str, str], None]


def acknowledged_line(note: str, when: str = "") -> str:
    """ "Acknowledged 21 Nov 2026 10:02 · will raise in supervision"."""
    head = f"Acknowledged {when}" if when else "Acknowledged"
    return f"{head} · {note}" if note else head


class AcknowledgeRow(QFrame):
    """A warning and, until it is acknowledged, a way to acknowledge it with a note."""

    opened = Signal()  # the note field appeared

    def __init__(
        self,
        code: str,
        message: str,
        acknowledge: Acknowledge,
        done: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`done` is the "Acknowledged …" line of a warning acknowledged already."""
        super().__init__(parent)
        self.setObjectName("warningCard")
        self.setAccessibleName("Warning")
        self.code = code
        self._acknowledge = acknowledge
        self.message = label(message, selectable=True)
        self.start_button = button("Acknowledge…", "link")
        self.start_button.setAccessibleName("Acknowledge this warning")
        self.start_button.setToolTip("Mark this warning as seen, with a note if you like")
        self.start_button.clicked.connect(self.open_note)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional note, e.g. “will raise in supervision”")
        self.note.setAccessibleName("Note on this warning")
        self.note.setMaxLength(ACKNOWLEDGE_NOTE_LIMIT + 50)  # room for the refusal to say why
        self.note.installEventFilter(self)  # Enter acknowledges (and presses nothing else)
        self.save_button = button("Acknowledge", "primary")
        self.save_button.clicked.connect(self.confirm)
        self.cancel_button = button("Cancel", "link")
        self.cancel_button.clicked.connect(self.close_note)
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
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.message, 1)
        top.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.note_row)
        column.addWidget(self.error)
        self.note_row.hide()
        self.status.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A line edit passes Enter on to its dialog, which would press whichever button
        # takes the focus once the note is gone ("Log another", say): keep it here.
        if (
            watched is self.note
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.confirm()
            return True
        return super().eventFilter(watched, event)

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
        self.note_row.hide()
        self.start_button.hide()
        self.status.setText(line)
        self.status.show()
