"""The backup folder: typed, or chosen with Browse…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from boundary_desk.system.i18n import _
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import button


class FolderPicker(ValueEditor):
    def __init__(self, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter
        self.line = QLineEdit(self)
        self.line.setAccessibleName(_("Backup folder"))
        self.line.setPlaceholderText(_("The folder beside the vault"))
        self.line.textChanged.connect(self.edited)
        self.browse = button(_("Browse…"))
        self.browse.setToolTip(_("Choose the folder, e.g. on an external drive"))
        self.browse.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.browse)
        self.setFocusProxy(self.line)

    def choose(self) -> None:
        typed = self.line.text().strip()
        start = Path(typed).expanduser() if typed else Path.home()
        chosen = self._prompter.choose_folder(self, _("Choose the backup folder"), start)
        if chosen is not None:
            self.line.setText(str(chosen))

    def value(self) -> str:
        return self.line.text()

    def set_value(self, stored: str) -> None:
        self.line.setText(stored)
