"""The import's first step: choose or drop an export, beside how to make one from each source.

The file dialog opens in the folder the last export was chosen from (kept in the vault,
like the save folders, never a file name); the help's words are the domain's, shared
with the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.vocabulary.import_help import EXPORT_HELP, KEPT_ONLY, ExportHelp
from boundary_desk.services.import_sources import is_export_folder
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import Reflow, VerticalScroll
from boundary_desk.ui.widgets.save_files import IMPORT, remember_folder, start_folder
from boundary_desk.ui.widgets.style import InlineMessage, button, label, vbox

if TYPE_CHECKING:
    from boundary_desk.services import Services

CHOOSE_TITLE = N_("Choose an export to import")
CHOOSE_FOLDER_TITLE = N_("Choose an export's folder")
NOT_AN_EXPORT_FOLDER = N_(
    "That folder is not an export Boundary Desk reads. Choose the Voice folder of a Google "
    "Takeout, a Telegram ChatExport folder, or the folder a Facebook or Instagram download "
    "unzips to; any other export is a file."
)
EXPORT_FILTER = (
    "Exports (*.xml *.eml *.mbox *.msg *.txt *.zip *.vcf *.db *.storedata *.json *.html *.ics)"
    ";;All files (*)"
    # an mbox, and an iPhone backup's sms.db, may have no extension
)
DROP_HERE = N_("Drop an export file here")
INTRO = N_(
    "Bring in the texts, calls, e-mails and chats already on your phone, your computer "
    "and your accounts, your clients' contact cards, or your session calendar."
)
HOW_TO = N_("How to make the export")


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file dragged in (or an export's folder: Google Voice's, Telegram's, a
    Facebook or Instagram download's), or None for several files, another folder or none."""
    urls = [url for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.is_file() or is_export_folder(path) else None


def ask_export_path(
    prompter: Prompter, parent: QWidget, services: Services | None, data_dir: Path | None
) -> Path | None:
    """Ask for an export to import, opening where the last one was chosen from."""
    avoid = [data_dir] if data_dir is not None else []
    start = start_folder(IMPORT, avoid, services)
    chosen = prompter.open_file(parent, _(CHOOSE_TITLE), start, EXPORT_FILTER)
    if chosen is not None:
        remember_folder(IMPORT, chosen.parent, avoid, services)
    return chosen


def ask_export_folder(
    prompter: Prompter, parent: QWidget, services: Services | None, data_dir: Path | None
) -> Path | None:
    """Ask for an export's folder, opening where the last export was chosen from."""
    avoid = [data_dir] if data_dir is not None else []
    chosen = prompter.choose_folder(
        parent, _(CHOOSE_FOLDER_TITLE), start_folder(IMPORT, avoid, services)
    )
    if chosen is not None:
        remember_folder(IMPORT, chosen.parent, avoid, services)
    return chosen


def _help_page(help_: ExportHelp) -> QWidget:
    content = QWidget()
    column = vbox(content, 8)
    column.setContentsMargins(12, 12, 12, 12)
    column.addWidget(label(help_.source, "subheading"))
    for number, step in enumerate(help_.steps, 1):
        column.addWidget(label(f"{number}. {step}"))
    if help_.note:
        column.addWidget(label(help_.note, "muted"))
    column.addStretch(1)
    scroll = VerticalScroll(content)
    scroll.setAccessibleName(help_.source)
    return scroll


class ExportHelpPicker(QWidget):
    """A list of the sources, and the chosen one's steps below it.

    A list rather than tabs: with every source there are more than a dialog's width
    holds, and a tab row that scrolls hides some of them behind arrow buttons.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(_(HOW_TO))
        self.pages = QStackedWidget(self)
        for help_ in (marked.shown() for marked in EXPORT_HELP):
            self.picker.addItem(help_.short)
            self.picker.setItemData(
                self.picker.count() - 1, help_.source, Qt.ItemDataRole.ToolTipRole
            )
            self.pages.addWidget(_help_page(help_))
        self.picker.currentIndexChanged.connect(self.pages.setCurrentIndex)
        column = vbox(self, 6)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.picker, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.pages, 1)

    def count(self) -> int:
        return self.picker.count()

    def source_name(self, index: int) -> str:
        return self.picker.itemText(index)

    def setCurrentIndex(self, index: int) -> None:
        self.picker.setCurrentIndex(index)

    def shown_text(self) -> str:
        """Every line the chosen source's steps show (for tests and screen readers)."""
        page = self.pages.currentWidget()
        labels = page.findChildren(QLabel) if page is not None else []
        return "\n".join(widget.text() for widget in labels)


class ChooseStep(QWidget):
    """Choose a file or drop one on the dialog; `chosen` carries the file's path."""

    chosen = Signal(Path)
    choose_requested = Signal()
    folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choose_button = button(_("Choose a file…"), "primary")
        self.choose_button.setToolTip(_("Choose an export file on this computer"))
        self.choose_button.clicked.connect(self.choose_requested)
        self.folder_button = button(_("Choose a folder…"))
        self.folder_button.setToolTip(
            _("Google Voice (Takeout), Telegram and Facebook or Instagram exports are folders")
        )
        self.folder_button.clicked.connect(self.folder_requested)
        self.error = InlineMessage("error", self)
        self.help = ExportHelpPicker(self)
        self._lay_out()

    def _lay_out(self) -> None:
        drop = QFrame(self)
        drop.setObjectName("card")
        inside = QVBoxLayout(drop)
        inside.setContentsMargins(22, 26, 22, 26)
        inside.setSpacing(12)
        drop_label = label(_(DROP_HERE), "subheading")
        drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(drop_label)
        or_label = label(_("or"), "muted")
        or_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(or_label)
        inside.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignCenter)
        kept = label(_(KEPT_ONLY), "muted")
        inside.addWidget(kept)
        inside.addStretch(1)
        drop.setMinimumWidth(260)
        drop.setMaximumWidth(340)
        side = QWidget(self)
        side_column = vbox(side, 6)
        side_column.setContentsMargins(0, 0, 0, 0)
        how_to = label(_(HOW_TO), "muted")
        how_to.setBuddy(self.help.picker)
        side_column.addWidget(how_to)
        side_column.addWidget(self.help, 1)
        self.help.setMinimumHeight(180)
        row = Reflow(self, spacing=18)
        row.add(drop, 0, Qt.AlignmentFlag.AlignTop)
        row.add(side, 1)
        layout = vbox(self, 12)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(_(INTRO)))
        layout.addWidget(self.error)
        layout.addWidget(row, 1)
        QWidget.setTabOrder(self.choose_button, self.folder_button)  # as the screen reads
        QWidget.setTabOrder(self.folder_button, self.help.picker)

    def show_problem(self, sentence: str) -> None:
        """Why the last file can't be imported, in its one sentence ("" clears it)."""
        self.error.show_message(sentence)
