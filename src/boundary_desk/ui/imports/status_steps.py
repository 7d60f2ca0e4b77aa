"""The import's short steps: reading (with its progress), a damaged file, and the result."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.widgets.style import InlineMessage, button, label, vbox

IMPORT_NOTHING = N_("Import nothing")
DAMAGED_HELP = N_(
    "You can import the records before the damage, after seeing them in a preview, or "
    "import nothing and make the export again."
)
WHERE_SESSIONS_ARE = N_(
    "Sessions are not counted as contact: an entry to raise in session names the next one, "
    "and the weekly review shows each client's sessions beside the contact between them."
)
WHERE_THEY_ARE = N_(
    "The imported entries are on the Timeline and in each client's record, and the "
    "weekly review counts them."
)


class ReadingStep(QWidget):
    """What is being read, and how far; busy until the reading first says how far."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = label("")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Reading the file"))
        column = vbox(self, 10)
        column.addWidget(self.what)
        column.addWidget(self.progress)
        column.addStretch(1)

    def start(self, what: str) -> None:
        self.what.setText(what)
        self.progress.setRange(0, 0)

    def advance(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)


class DamagedStep(QWidget):
    """Where the file breaks, and the choice: its whole records (previewed first) or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = InlineMessage("error", self)
        self.whole_button = button(_("Import the whole records"), "primary")
        self.nothing_button = button(_(IMPORT_NOTHING))
        column = vbox(self, 12)
        column.addWidget(self.sentence)
        column.addWidget(label(_(DAMAGED_HELP)))
        choices = QHBoxLayout()
        choices.addWidget(self.whole_button)
        choices.addWidget(self.nothing_button)
        choices.addStretch(1)
        column.addLayout(choices)
        column.addStretch(1)

    def show_damage(self, sentence: str, whole: int) -> None:
        self.sentence.show_message(sentence)
        self.whole_button.setText(
            ngettext("Import the {count} whole record", "Import the {count} whole records", whole)
            .format(count=whole)
        )  # fmt: skip
        self.whole_button.setVisible(whole > 0)


class DoneStep(QWidget):
    """The use case's sentence ("12 new, 3 already imported, …") and where to find them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = InlineMessage("success", self)
        self.where = label(_(WHERE_THEY_ARE), "muted")
        column = vbox(self, 10)
        column.addWidget(self.outcome)
        column.addWidget(self.where)
        column.addStretch(1)

    def show_done(self, sentence: str, *, sessions: bool = False) -> None:
        """What was imported, and where it now shows (sessions are no contact entries)."""
        self.outcome.show_message(sentence)
        self.where.setText(_(WHERE_SESSIONS_ARE) if sessions else _(WHERE_THEY_ARE))
