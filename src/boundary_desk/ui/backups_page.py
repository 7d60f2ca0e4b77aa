"""Backups: where they go, which exist, "Back up now", and the plaintext export.

Restoring replaces the open vault, so for now it is done from the command line
with the app closed; the page says how.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QTreeWidget, QTreeWidgetItem, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.storage.backups import Backup, list_backups, same_disk
from boundary_desk.storage.clock import Clock, utc_now
from boundary_desk.storage.export import RISK_WARNING, write_json_export
from boundary_desk.ui.dialogs import Prompter
from boundary_desk.ui.style import InlineMessage, busy_cursor, button, label, vbox

COLUMNS = ("Made", "Clients", "Contacts logged", "Verified")
SAME_DISK_WARNING = (
    "Your backups are on the same disk as your vault, so a failed disk would take both. "
    "Keep another copy on an external drive."
)
FOLDER_NOTE = "To back up somewhere else, run: boundary-desk backup --to FOLDER"
RESTORE_NOTE = "To restore, close the app and run boundary-desk restore BACKUP"
EXPORT_QUESTION = "Export everything to a JSON file?"


class BackupsPage(QWidget):
    """The vault's backups, and the way out to a plaintext export."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        parent: QWidget | None = None,
        now: Clock = utc_now,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self._now = now
        self.folder = label("", "muted", selectable=True)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Backups")
        self.message = InlineMessage("error", self)
        self.done = InlineMessage("success", self)
        self.disk_warning = InlineMessage("note", self)
        self.back_up_button = button("Back up now", "primary")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.export_button = button("Export (unencrypted)…")
        self.export_button.clicked.connect(self.export_json)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = vbox(self, 10)
        layout.addWidget(label("Backups", "heading"))
        layout.addWidget(self.folder)
        layout.addWidget(self.message)
        layout.addWidget(self.done)
        layout.addWidget(self.disk_warning)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(self.back_up_button)
        layout.addLayout(row)
        layout.addWidget(label(FOLDER_NOTE, "help", selectable=True))
        layout.addWidget(label(RESTORE_NOTE, "help", selectable=True))

    @property
    def backup_dir(self) -> Path:
        return self._services.vault.location.paths.backup_dir

    def refresh(self) -> None:
        """Re-read the backup folder."""
        folder = self.backup_dir
        self.folder.setText(f"Backup folder: {folder}")
        zone = self._zone()
        self.table.clear()
        backups = list_backups(folder)
        for backup in backups:
            self.table.addTopLevelItem(QTreeWidgetItem(_row(backup, zone)))
        for column in range(len(COLUMNS)):
            self.table.resizeColumnToContents(column)
        data_dir = self._services.vault.location.paths.data_dir
        on_same_disk = bool(backups) and same_disk(folder, data_dir)
        self.disk_warning.show_message(SAME_DISK_WARNING if on_same_disk else "")

    def show_failure(self, text: str) -> None:
        """Show a failed (automatic) backup until the next one succeeds."""
        self.done.clear_message()
        self.message.show_message(text)

    def back_up_now(self) -> None:
        self.done.clear_message()
        try:
            with busy_cursor():
                made = self._services.vault.backup()
        except UserFacingError as failure:
            self.show_failure(f"The backup failed: {failure.message}")
            return
        finally:
            self.refresh()
        self.message.clear_message()
        when = made.created_at.astimezone(self._zone())
        self.done.show_message(f"Backed up and verified at {when:%H:%M}.")

    def export_json(self) -> None:
        if not self._prompter.confirm(
            self, "Unencrypted export", f"{EXPORT_QUESTION}\n\n{RISK_WARNING}"
        ):
            return
        stamp = self._now().astimezone(self._zone()).strftime("%Y-%m-%d")
        suggested = Path.home() / f"boundary-desk-export-{stamp}.json"
        path = self._prompter.save_file(self, "Export to", suggested, "JSON (*.json)")
        if path is None:
            return
        try:
            with busy_cursor():
                rows = write_json_export(self._services.vault.conn, path, now=self._now())
        except UserFacingError as failure:
            self._prompter.warn(self, "Export failed", failure.message)
            return
        self._prompter.inform(self, "Exported", f"{rows} records were written to {path}.")

    def _zone(self) -> tzinfo | None:
        try:
            return self._services.settings.load().timezone
        except UserFacingError:
            return None  # the computer's own time zone


def _row(backup: Backup, zone: tzinfo | None) -> list[str]:
    local: datetime = backup.created_at.astimezone(zone)
    counts = backup.counts
    return [
        f"{local:%Y-%m-%d %H:%M}",
        str(counts.get("clients", "–")),
        str(counts.get("events", "–")),
        "✓" if backup.verified else "not verified",
    ]
