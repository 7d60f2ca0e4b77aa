"""Backups: where they go, which exist, "Back up now", restore, and the plaintext export.

Backups run off the GUI thread, through a connection of their own. Restoring
replaces the open vault, so the page only asks the question; the main window
closes the vault, swaps the files and opens the restored one.
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, backups
from boundary_desk.services.backups import Backup
from boundary_desk.services.documents import RISK_WARNING, save_json_export
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.backups.backup_list import (
    BackupList,
    fewer_records_note,
    made_at,
    restore_question,
)
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.save_files import EXPORT, ask_save_path, show_in_folder
from boundary_desk.ui.widgets.style import InlineMessage, busy_cursor, button, label, page_layout

log = logging.getLogger(__name__)

BACK_UP_NOW = N_("Back up now")
BACKING_UP = N_("Backing up…")
SAME_DISK_WARNING = N_(
    "Your backups are on the same disk as your vault, so a failed disk would take both. "
    "Choose a folder on an external drive, or keep another copy there."
)
ABOUT_BACKUPS = N_(
    "Backups are encrypted with your vault's key and checked after writing. One is made "
    "each day you unlock Boundary Desk; the last 7 days, 4 weeks and 12 months are kept, "
    "and so is any backup holding more records than the one after it."
)
EXPORT_QUESTION = N_("Export everything to a JSON file?")


class BackupsPage(QWidget):
    """The vault's backups, the way back to one of them, and the plaintext export."""

    restore_requested = Signal(object)  # Path of a backup the clinician chose and confirmed
    backup_finished = Signal(object)  # None when it worked, else the failure, in a sentence
    records_fewer = Signal(str)  # a backup held fewer records than the one before it
    integrity_checked = Signal(object)  # the vault's full check a backup ran first

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
        self.change_folder_button = button(_("Change folder…"))
        self.change_folder_button.clicked.connect(self.change_folder)
        self.default_folder_button = button(_("Use the folder beside the vault"), "link")
        self.default_folder_button.clicked.connect(self.use_default_folder)
        self.table = BackupList()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.message = InlineMessage("error", self)
        self.done = InlineMessage("success", self)
        self.disk_warning = InlineMessage("note", self)
        self.records_note = InlineMessage("note", self)  # fewer records than the last backup
        self.back_up_button = button(_(BACK_UP_NOW), "primary")
        self.back_up_button.clicked.connect(self.back_up_now)
        self._jobs = BackgroundJobs(self)
        self._jobs.finished.connect(self._backup_done)
        self._jobs.failed.connect(self._backup_failed)
        self._backup_job = 0
        self._automatic = False
        self.restore_button = button(_("Restore this backup…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.export_button = button(_("Export (unencrypted)…"))
        self.export_button.clicked.connect(self.export_json)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = page_layout(self, 10)
        layout.addWidget(label(_("Backups"), "heading"))
        layout.addWidget(label(_(ABOUT_BACKUPS), "help"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.default_folder_button)
        folder_row.addWidget(self.change_folder_button)
        layout.addLayout(folder_row)
        layout.addWidget(self.message)
        layout.addWidget(self.done)
        layout.addWidget(self.records_note)
        layout.addWidget(self.disk_warning)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.back_up_button)
        layout.addLayout(row)

    @property
    def backup_dir(self) -> Path:
        return backups.chosen_folder(self._services)

    def refresh(self) -> None:
        """Re-read the backup folder."""
        folder = self.backup_dir
        default = folder == backups.default_folder(self._services.vault.location)
        shown = (
            _("Backup folder: {folder} (beside the vault)")
            if default
            else _("Backup folder: {folder}")
        )
        self.folder.setText(shown.format(folder=folder))
        self.default_folder_button.setVisible(not default)
        found = backups.list_backups(folder)
        self.table.show_backups(found, self._zone())
        on_same_disk = bool(found) and backups.on_vault_disk(self._services, folder)
        self.disk_warning.show_message(_(SAME_DISK_WARNING) if on_same_disk else "")
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.table.selected_backup() is not None)

    def show_failure(self, text: str) -> None:
        """Show a failed backup or restore until the next backup succeeds."""
        self.done.clear_message()
        self.message.show_message(text)

    def show_restored(self, backup: Path) -> None:
        """After a restore: which backup came back, and where the replaced files went."""
        made = made_at(backups.read_backup(backup), self._zone())
        aside = backups.default_folder(self._services.vault.location)
        self.show_done(
            _(
                "Your records were restored from the backup made {made}. The files they "
                "replaced are kept, still encrypted, in {aside}."
            ).format(made=made, aside=aside)
        )

    def show_done(self, text: str) -> None:
        self.message.clear_message()
        self.done.show_message(text)

    def back_up_now(self) -> None:
        self.start_backup()

    def start_backup(self, *, automatic: bool = False) -> None:
        """Write a backup off the GUI thread; the page says when it is done, or why not."""
        if self._backup_job:
            return  # one at a time
        self.done.clear_message()
        self.records_note.clear_message()
        try:
            folder = backups.chosen_folder(self._services)
        except UserFacingError as failure:
            self._report_failure(failure.message, automatic)
            return
        self._automatic = automatic
        self._set_busy(True)
        self._backup_job = self._jobs.submit(partial(backups.write_backup, self._services, folder))

    def is_backing_up(self) -> bool:
        return bool(self._backup_job)

    def _set_busy(self, busy: bool) -> None:
        self.back_up_button.setEnabled(not busy)
        self.back_up_button.setText(_(BACKING_UP) if busy else _(BACK_UP_NOW))

    def _backup_done(self, job: int, made: object) -> None:
        if job != self._backup_job or not isinstance(made, Backup):
            return
        self._backup_job = 0
        self._set_busy(False)
        if not self._services.vault.is_open:
            return  # locked meanwhile; this page is on its way out
        try:
            backups.record_backup(self._services, made)
        except UserFacingError as failure:
            self._report_failure(failure.message, self._automatic)
            return
        self.refresh()
        when = made.created_at.astimezone(self._zone())
        self.show_done(_("Backed up and verified at {time}.").format(time=f"{when:%H:%M}"))
        fewer = fewer_records_note(made, self._zone())
        self.records_note.show_message(fewer)
        self.backup_finished.emit(None)
        if made.checked is not None:
            self.integrity_checked.emit(made.checked)
        if fewer:
            self.records_fewer.emit(fewer)

    def _backup_failed(self, job: int, error: object) -> None:
        if job != self._backup_job:
            return
        self._backup_job = 0
        self._set_busy(False)
        if not self._services.vault.is_open:
            return  # locked meanwhile; this page is on its way out
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        failed = backups.failed_check(self._services, error)  # kept in the vault
        self._report_failure(error.message, self._automatic)
        if failed is not None:
            self.integrity_checked.emit(failed)

    def _report_failure(self, reason: str, automatic: bool) -> None:
        if automatic:
            log.warning("the automatic backup failed")
        failed = (
            _("The automatic backup failed: {reason}")
            if automatic
            else _("The backup failed: {reason}")
        )
        text = failed.format(reason=reason)
        self.refresh()
        self.show_failure(text)
        self.backup_finished.emit(text)

    def change_folder(self) -> None:
        chosen = self._prompter.choose_folder(self, _("Choose a backup folder"), self.backup_dir)
        if chosen is None:
            return
        self._set_folder(str(chosen.absolute()))

    def use_default_folder(self) -> None:
        self._set_folder("")

    def _set_folder(self, text: str) -> None:
        try:
            self._services.settings.set("backups", text)
        except UserFacingError as refusal:
            self.show_failure(refusal.message)
            return
        self.refresh()
        self.show_done(
            _("Backups now go to {folder}. Choose {back_up_now} to put a first copy there.").format(
                folder=self.backup_dir, back_up_now=_(BACK_UP_NOW)
            )
        )

    def restore_selected(self) -> None:
        backup = self.table.selected_backup()
        if backup is None:
            return
        aside = backups.default_folder(self._services.vault.location)
        if self._prompter.confirm(
            self, _("Restore a backup"), restore_question(backup, self._zone(), aside)
        ):
            self.restore_requested.emit(backup.path)

    def export_json(self) -> None:
        if not self._prompter.confirm(
            self, _("Unencrypted export"), f"{_(EXPORT_QUESTION)}\n\n{_(RISK_WARNING)}"
        ):
            return
        stamp = self._now().astimezone(self._zone()).strftime("%Y-%m-%d")
        path = ask_save_path(
            self._prompter,
            self,
            kind=EXPORT,
            title=_("Export to"),
            file_name=f"boundary-desk-export-{stamp}.json",
            filter_text="JSON (*.json)",
            suffix=".json",
            avoid=[self._services.vault.location.paths.data_dir],
            services=self._services,
        )
        if path is None:
            return
        try:
            with busy_cursor():
                rows = save_json_export(self._services, path, now=self._now()).count
        except UserFacingError as failure:
            self._prompter.warn(self, _("Export failed"), failure.message)
            return
        written = ngettext(
            "{count} record was written to {path}.", "{count} records were written to {path}.", rows
        ).format(count=rows, path=path)
        if self._prompter.offer_folder(self, _("Exported"), written):
            show_in_folder(path)

    def _zone(self) -> tzinfo:
        """The practice's zone, else (settings unreadable) the computer's: as the CLI's."""
        return backups.backup_times(self._services).zone
