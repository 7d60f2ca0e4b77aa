"""The reflection questions, free notes and the list of things to bring to supervision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.review import REFLECTION_PROMPTS
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import button, label

MAX_SUPERVISION_LINE = 300
# The questions as the domain asks them (its English stays the stored record's key), marked
# here for the catalogs: the screen shows them in the clinician's language.
PROMPTS = {
    "availability": N_("When were you available this week, and whose needs did that meet?"),
    "misunderstanding": N_("Which messages could have been misunderstood, by you or by a client?"),
    "surveillance": N_(
        "Did you search for a client, or did a client look for you? How do you feel about it?"
    ),
    "supervision": N_("Did you talk about any of this with a supervisor or a peer?"),
    "literacy": N_("Did a tool you used this week fail, confuse or expose anything?"),
}
assert tuple(PROMPTS.items()) == REFLECTION_PROMPTS  # the same questions, in the same order


def _text_box(name: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class ReflectionForm(QWidget):
    """Plain-text answers only: whatever is typed, `<b>` included, is kept exactly as typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.answers: dict[str, QPlainTextEdit] = {}
        for key, english in PROMPTS.items():
            prompt = _(english)
            box = _text_box(prompt, 78)
            box.textChanged.connect(self.changed)
            column.addWidget(label(prompt, "sectionLabel"))
            column.addWidget(box)
            column.addSpacing(6)
            self.answers[key] = box
        column.addWidget(label(_("Notes"), "sectionLabel"))
        self.notes = _text_box(_("Notes"), 96)
        self.notes.setPlaceholderText(_("Anything else about this week"))
        self.notes.textChanged.connect(self.changed)
        column.addWidget(self.notes)
        column.addSpacing(10)
        column.addWidget(label(_("Bring to supervision"), "sectionLabel"))
        column.addWidget(
            label(
                _("One line each. The de-identified export lists these for your supervisor."),
                "help",
            )
        )
        column.addLayout(self._supervision())

    def _supervision(self) -> QVBoxLayout:
        self.supervision = QListWidget(self)
        self.supervision.setObjectName("supervisionList")
        self.supervision.setAccessibleName(_("Things to bring to supervision"))
        self.supervision.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.supervision.setFixedHeight(120)
        self.new_item = QLineEdit(self)
        self.new_item.setAccessibleName(_("A new thing to bring to supervision"))
        self.new_item.setPlaceholderText(
            _("e.g. How to answer late texts without sounding rejecting")
        )
        self.new_item.setMaxLength(MAX_SUPERVISION_LINE)
        self.new_item.returnPressed.connect(self.add_item)
        self.add_button = button(_("Add"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = button(_("Remove"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_item)
        self.supervision.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0)
        )
        adding = QHBoxLayout()
        adding.addWidget(self.new_item, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(self.supervision)
        column.addLayout(adding)
        return column

    def append_note(self, line: str) -> None:
        """Add `line` at the end of the notes, on a line of its own."""
        text = self.notes.toPlainText().rstrip("\n")
        self.notes.setPlainText(f"{text}\n{line}" if text else line)

    def add_item(self) -> None:
        text = " ".join(self.new_item.text().split())
        if not text:
            return
        self.supervision.addItem(text)
        self.new_item.clear()
        self.changed.emit()

    def remove_item(self) -> None:
        row = self.supervision.currentRow()
        if row < 0:
            return
        self.supervision.takeItem(row)
        self.changed.emit()

    # -- the values -------------------------------------------------------------------

    def load(self, reflections: Mapping[str, str], notes: str, supervision: Sequence[str]) -> None:
        """Show a stored record; a box already holding the same text keeps its cursor."""
        self.blockSignals(True)
        for key, box in self.answers.items():
            _set_text(box, reflections.get(key, ""))
        _set_text(self.notes, notes)
        if self.items() != list(supervision):
            self.supervision.clear()
            self.supervision.addItems(list(supervision))
        self.blockSignals(False)
        self.remove_button.setEnabled(self.supervision.currentRow() >= 0)

    def reflections(self) -> dict[str, str]:
        """The answers that have any text (an empty answer is not stored)."""
        return {
            key: box.toPlainText() for key, box in self.answers.items() if box.toPlainText().strip()
        }

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    def items(self) -> list[str]:
        return [self.supervision.item(row).text() for row in range(self.supervision.count())]


def _set_text(box: QPlainTextEdit, text: str) -> None:
    if box.toPlainText() != text:
        box.setPlainText(text)
        box.moveCursor(box.textCursor().MoveOperation.End)
