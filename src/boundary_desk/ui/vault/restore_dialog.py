"""Restore a vault that is locked or can't be opened: pick a backup, see it, confirm.

The backup is checked with the vault's key before anything moves, and the current
files are kept aside (still encrypted), so a restore can't make things worse.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, backups
from boundary_desk.services.session import VaultLocation
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.backups.backup_list import BackupList, restore_question
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    busy_cursor,
    button,
    label,
    tab_order,
    vbox,
)

INTRO = N_(
    "Choose the backup to bring back. It is checked with your vault's key before anything "
    "is replaced, and your current vault files are kept aside, still encrypted."
)
NONE_FOUND = N_(
    "No backups were found in this folder. If you keep them elsewhere (an external drive, "
    "say), choose Look in another folder."
)


class RestoreDialog(QDialog):
    """Lists the backups in a folder; on success `restored` holds the restored, open vault."""

    def __init__(
        self, location: VaultLocation, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from a backup"))
        self.setMinimumSize(720, 420)  # room for "Made (America/Toronto)" and the counts
        self._location = location
        self._prompter = prompter
        self.restored: Services | None = None
        self.restored_from: Path | None = None
        self.folder = backups.default_folder(location)
        # Locked, the practice's zone can't be read: times are on this computer's clock.
        self.times = backups.backup_times(None)
        self.zone_note = label(self.times.note, "muted")
        self.folder_label = label("", "muted", selectable=True)
        self.other_folder_button = button(_("Look in another folder…"))
        self.other_folder_button.clicked.connect(self.look_elsewhere)
        self.empty = InlineMessage("note", self)
        self.table = BackupList()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("Master passphrase"))
        self.passphrase.returnPressed.connect(self.restore)
        self.passphrase_row = QWidget()
        form = QFormLayout(self.passphrase_row)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Master passphrase"), self.passphrase)
        self.error = InlineMessage("error", self)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button = button(_("Restore…"), "primary")
        self.restore_button.clicked.connect(self.restore)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = vbox(self, 12)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.addWidget(label(_("Restore from a backup"), "heading"))
        layout.addWidget(label(_(INTRO)))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.other_folder_button)
        layout.addLayout(folder_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.zone_note)
        layout.addWidget(self.passphrase_row)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        tab_order(
            self.other_folder_button,
            self.table,
            self.passphrase,
            self.restore_button,
            self.cancel_button,
        )

    def refresh(self) -> None:
        self.folder_label.setText(_("Looking in: {folder}").format(folder=self.folder))
        found = backups.list_backups(self.folder)
        self.table.show_backups(found, self.times.zone)
        self.empty.show_message("" if found else _(NONE_FOUND))
        if found:
            self.table.select(0)
        self._selection_changed()

    def look_elsewhere(self) -> None:
        chosen = self._prompter.choose_folder(self, _("Where are the backups?"), self.folder)
        if chosen is not None:
            self.folder = chosen
            self.error.clear_message()
            self.refresh()

    def _selection_changed(self) -> None:
        backup = self.table.selected_backup()
        self.restore_button.setEnabled(backup is not None)
        needs = False
        if backup is not None:
            try:
                needs = backups.restore_needs_passphrase(self._location, backup.path)
            except UserFacingError as problem:
                self.error.show_message(problem.message)
        self.passphrase_row.setVisible(needs)

    def restore(self) -> None:
        backup = self.table.selected_backup()
        if backup is None:
            return
        self.error.clear_message()
        question = restore_question(backup, self.times.zone, backups.default_folder(self._location))
        if not self._prompter.confirm(self, _("Restore a backup"), question):
            return
        secret = self.passphrase.text() if self.passphrase_row.isVisibleTo(self) else None
        try:
            with busy_cursor():
                self.restored = backups.restore_locked(self._location, backup.path, secret)
        except UserFacingError as problem:
            self.passphrase.clear()
            self.error.show_message(problem.message)
            return
        self.passphrase.clear()
        self.restored_from = backup.path
        self.accept()
