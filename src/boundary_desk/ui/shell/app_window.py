"""The main window: exactly one screen at a time (setup, unlock, a problem, or the workspace).

Locking closes the database and deletes the workspace, so that once locked no
client text exists anywhere in the window, whatever was on screen before. The
quick log (Ctrl+L, the Log menu or the tray) is a window of its own: locking keeps
what was typed in it as a draft inside the vault, then deletes it too.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from boundary_desk import __version__
from boundary_desk.domain.clock import utc_now
from boundary_desk.domain.region import load_calendars
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, session
from boundary_desk.services.session import VaultLocation, VaultState
from boundary_desk.system.hardening import release_freed_memory
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.quick_log.tray import QuickLogTray
from boundary_desk.ui.shell.app_name import APP_NAME
from boundary_desk.ui.shell.idle import IdleWatcher
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.shell.vault_menu import VaultMenuActions
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.desktop_settings import desktop_settings, save_privately
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.retired import RetiredWidgets
from boundary_desk.ui.widgets.save_files import forget_plaintext_folders
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    busy_cursor,
    button,
    card_screen,
    fit_to_screen,
    label,
    screen_room,
    vbox,
)

# Screens and windows not on the way to the unlock screen are imported where they are
# first opened, so the app's first window appears sooner: the workspace (with the
# stores and the domain its pages and banners use) once the vault is open, and the
# backup, integrity and setup use cases where they are called.
if TYPE_CHECKING:
    from boundary_desk.ui.help.guide import GuideWindow
    from boundary_desk.ui.quick_log.window import QuickLogDialog
    from boundary_desk.ui.shell.workspace import Workspace
    from boundary_desk.ui.vault.recovery_key_dialog import RecoveryKeyDialog
    from boundary_desk.ui.vault.restore_dialog import RestoreDialog

log = logging.getLogger(__name__)


def _is_workspace(widget: QWidget | None) -> TypeGuard[Workspace]:
    # Asked before any vault is open (whether the window is locked, say): until a
    # workspace has been built its module isn't loaded, and the answer is no.
    module = sys.modules.get("boundary_desk.ui.shell.workspace")
    return module is not None and isinstance(widget, module.Workspace)


GEOMETRY_KEY = "window/geometry"
DEFAULT_AUTOLOCK_MINUTES = 10
LOCK_SHORTCUT = "Ctrl+Shift+L"
LOG_SHORTCUT = "Ctrl+L"
IMPORT_SHORTCUT = "Ctrl+I"
LOG_WHEN_LOCKED_NOTE = N_("Unlock to log the contact; the quick log opens as soon as you do.")
IDLE_NOTE = N_(
    "Boundary Desk locked itself because it wasn't used for a while. Your records are safe."
)
PROBLEM_ADVICE = N_(
    "Nothing has been changed, and Boundary Desk will not create a new, empty vault in "
    "place of this one. Put the missing file back and choose Try again, or restore your "
    "records from a backup."
)
ABOUT = N_(
    "Keeps professional boundaries around contact with clients between sessions. "
    "Your records stay encrypted on this computer; nothing is sent anywhere."
)


class VaultProblemScreen(QWidget):
    """Says plainly why the vault can't be opened and what to do; never offers a new vault."""

    retry = Signal()
    restore_requested = Signal()

    def __init__(self, message: str, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        content = QWidget()
        layout = vbox(content, 14)
        layout.addWidget(label(_("Your vault can't be opened"), "heading"))
        self.message = InlineMessage()
        self.message.show_message(message)
        layout.addWidget(self.message)
        layout.addWidget(label(_(PROBLEM_ADVICE)))
        layout.addWidget(
            label(_("Data folder: {path}").format(path=data_dir), "muted", selectable=True)
        )
        folder = button(_("Show data folder"))
        folder.clicked.connect(self._open_folder)
        self.restore_button = button(_("Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore_requested)
        self.retry_button = button(_("Try again"), "primary")
        self.retry_button.clicked.connect(self.retry)
        row = QHBoxLayout()
        row.addWidget(folder)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.retry_button)
        layout.addSpacing(6)
        layout.addLayout(row)
        vbox(self, 0).addWidget(card_screen(content, width=620))

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))


class AppWindow(QMainWindow):
    def __init__(
        self,
        location: VaultLocation,
        prompter: Prompter,
        idle_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._location = location
        self._prompter = prompter
        self._idle_ms = idle_ms
        self._services: Services | None = None
        self._retired = RetiredWidgets()
        self._copied_digest: bytes | None = None
        self.quick_log: QuickLogDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.key_dialog: RecoveryKeyDialog | None = None
        self._log_after_unlock = False
        self.setWindowTitle(APP_NAME)
        room = screen_room(self)  # a small or magnified screen may have less
        self.setMinimumSize(min(860, room.width()), min(620, room.height()))
        self._stack = QStackedWidget()
        self.setCentralWidget(self._stack)

        self.lock_action = QAction("Lock", self)
        self.lock_action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip(f"Lock Boundary Desk now ({LOCK_SHORTCUT})")
        self.lock_action.setEnabled(False)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        # Ctrl+L works from any of the app's windows, the quick log and dialogs included.
        self.log_action = QAction("Log contact…", self)
        self.log_action.setShortcut(QKeySequence(LOG_SHORTCUT))
        self.log_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.log_action.setToolTip(f"Log a contact, friend request or search ({LOG_SHORTCUT})")
        self.log_action.triggered.connect(self.open_quick_log)
        self.addAction(self.log_action)
        self.import_action = QAction("Import…", self)
        self.import_action.setShortcut(QKeySequence(IMPORT_SHORTCUT))
        self.import_action.setToolTip(
            f"Import texts, calls, e-mail, WhatsApp chats or contact cards ({IMPORT_SHORTCUT})"
        )
        self.import_action.setEnabled(False)
        self.import_action.triggered.connect(self.open_import)
        self.addAction(self.import_action)
        self.new_key_action = QAction("New recovery key and Emergency Kit…", self)
        self.new_key_action.triggered.connect(lambda: self.open_key_dialog(rekey=False))
        self.rekey_action = QAction("Re-key the vault…", self)
        self.rekey_action.setToolTip(_("Re-encrypt the vault under a new key and recovery key"))
        self.rekey_action.triggered.connect(lambda: self.open_key_dialog(rekey=True))
        for action in (self.new_key_action, self.rekey_action):
            action.setEnabled(False)
        self.show_action = QAction(f"Show {APP_NAME}", self)
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.vault_actions = VaultMenuActions(
            self,
            prompter,
            lambda: None if self.is_locked else self._services,
            location.paths.data_dir,
        )
        self.guide_action = QAction("User guide", self)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(self.open_guide)
        self.guide: GuideWindow | None = None
        self._build_menus()
        self.tray: QuickLogTray | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            actions = [self.log_action, self.lock_action, self.show_action, None]
            self.tray = QuickLogTray([*actions, self.quit_action], self.show_window, self)
            self.tray.show()

        self.idle_watcher = IdleWatcher(parent=self)
        self.idle_watcher.idle.connect(self._lock_when_idle)
        QGuiApplication.clipboard().dataChanged.connect(self._note_clipboard_change)
        self._restore_geometry()
        self.show_start()

    # Screens ------------------------------------------------------------------

    @property
    def current_screen(self) -> QWidget | None:
        return self._stack.currentWidget()

    @property
    def services(self) -> Services | None:
        return self._services

    @property
    def is_locked(self) -> bool:
        return not _is_workspace(self.current_screen)

    def show_start(self) -> None:
        """Show what fits the vault on disk: first-run setup, unlock, or the problem."""
        if self._location.state() is VaultState.ABSENT:
            from boundary_desk.ui.vault.setup_wizard import FirstRunSetup

            setup = FirstRunSetup(self._location, self._prompter)
            setup.vault_created.connect(self._vault_created)
            setup.completed.connect(self._setup_completed)
            self._show(setup)
        else:
            self._show_locked()

    def _show_locked(self, note: str = "") -> None:
        if self.tray is not None:
            self.tray.set_locked(True)
        try:
            screen = UnlockScreen(self._location)
        except UserFacingError as problem:
            blocked = VaultProblemScreen(problem.message, self._location.paths.data_dir)
            blocked.retry.connect(self.show_start)
            blocked.restore_requested.connect(self.open_restore_dialog)
            self._show(blocked)
            return
        screen.set_note(note)
        screen.unlocked.connect(self._open_workspace)
        screen.restore_requested.connect(self.open_restore_dialog)
        self._show(screen)

    # Restoring ----------------------------------------------------------------

    def open_restore_dialog(self) -> None:
        """While locked (or unopenable): choose a backup and restore it."""
        if self._services is not None:
            return  # an open vault restores from its Backups page
        from boundary_desk.ui.vault.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._location, self._prompter, self)
        dialog.finished.connect(lambda _result: self._restore_dialog_finished(dialog))
        self.restore_dialog = dialog
        dialog.open()

    def _restore_dialog_finished(self, dialog: RestoreDialog) -> None:
        self.restore_dialog = None
        restored, dialog.restored = dialog.restored, None
        self._retire_window(dialog)
        if restored is not None and dialog.restored_from is not None:
            self._open_workspace(restored)
            self._announce_restore(dialog.restored_from)

    def _restore_open_vault(self, backup: Path) -> None:
        """Swap the open vault for a confirmed backup, then show the restored one."""
        services, workspace = self._services, self.current_screen
        if services is None or not _is_workspace(workspace):
            return
        self._close_quick_log()
        _close_windows_within(workspace)
        from boundary_desk.services import backups

        try:
            with busy_cursor():
                restored = backups.restore(services, backup)
        except UserFacingError as failure:
            if services.vault.is_open:  # the backup was refused before anything moved
                workspace.backups_page.show_failure(
                    _("The restore failed: {reason}").format(reason=failure.message)
                )
            else:
                self._lock(note=_("The restore failed: {reason}").format(reason=failure.message))
            return
        self._services = None  # closed by the restore; the restored vault takes its place
        self._open_workspace(restored)
        self._announce_restore(backup)

    def _announce_restore(self, backup: Path) -> None:
        workspace = self.current_screen
        if _is_workspace(workspace):
            workspace.show_page("Backups")
            workspace.backups_page.show_restored(backup)

    # The recovery key and the vault key ------------------------------------------

    def open_key_dialog(self, *, rekey: bool) -> None:
        """New recovery key… or Re-key the vault…: the new key is shown before it is used."""
        services = self._services
        if services is None or self.is_locked or services.vault.read_only:
            return
        from boundary_desk.ui.vault.recovery_key_dialog import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(
            services,
            self._prompter,
            rekey=rekey,
            action=self._rekey if rekey else self._renew_recovery_key,
            parent=self,
        )
        dialog.finished.connect(lambda _result: self._key_dialog_finished(dialog))
        self.key_dialog = dialog
        dialog.open()

    def _renew_recovery_key(self, dialog: RecoveryKeyDialog) -> None:
        from boundary_desk.services import setup

        if self._services is not None:
            setup.replace_recovery_key(self._services, dialog.recovery_key)

    def _rekey(self, dialog: RecoveryKeyDialog) -> None:
        services = self._services
        if services is None or self.is_locked:
            return
        from boundary_desk.services import setup

        passphrase = dialog.passphrase()  # a weak or mismatched one is refused first
        setup.confirm_current_passphrase(services, dialog.current_passphrase())  # so is a wrong one
        self._close_quick_log()  # its draft is kept, and re-keyed with everything else
        try:
            rekeyed = setup.rekey(
                services, dialog.recovery_key, passphrase, current=dialog.current_passphrase()
            )
        except UserFacingError as failure:
            if not services.vault.is_open:
                self._lock(note=_("The re-key failed: {reason}").format(reason=failure.message))
            raise
        self._services = None  # closed by the re-key; the re-keyed vault takes its place
        self._open_workspace(rekeyed)

    def _key_dialog_finished(self, dialog: RecoveryKeyDialog) -> None:
        self.key_dialog = None
        self._retire_window(dialog)

    def _vault_created(self, services: Services) -> None:
        self._services = services  # owned here from now on, so closing the window closes it

    def _notify_review_due(self) -> None:
        # The notification names no client: it only invites the review.
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(
                APP_NAME,
                _("It's time for your weekly boundary review."),
                QSystemTrayIcon.MessageIcon.Information,
                10_000,
            )

    def _setup_completed(self) -> None:
        if self._services is not None:
            self._open_workspace(self._services)

    def _apply_vault_language(self, services: Services) -> None:
        # Before the workspace is built, so every screen from here speaks it. Inside the
        # same guard: reading the settings is the first read of a damaged vault's pages.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_language(app, services.settings.load().language)
            self.retranslate()

    def _open_workspace(self, services: Services) -> None:
        from boundary_desk.services import integrity
        from boundary_desk.ui.shell.workspace import Workspace

        self._services = services
        try:
            self._apply_vault_language(services)
            workspace = Workspace(services, self._prompter, self.lock_action)
        except Exception as exc:
            # A damaged page met as the pages first read the vault (the unlock no
            # longer reads every page): said in a sentence, the vault closed again.
            damage = integrity.damage_met_in_use(exc)
            if damage is None:
                raise
            self._damage_met(damage.message)
            return
        workspace.damage_met.connect(self._damage_met)
        workspace.settings_changed.connect(self._settings_changed)
        workspace.review_due.connect(self._notify_review_due)
        workspace.restore_requested.connect(self._restore_open_vault)
        self._show(workspace)
        self.lock_action.setEnabled(True)
        self._start_idle_watch(workspace)
        if self.tray is not None:
            self.tray.set_locked(False)
        log.info("vault unlocked")
        # Nothing can be written to a read-only vault: no backup, and no quick log.
        self.log_action.setEnabled(not services.vault.read_only)
        for action in (self.import_action, self.new_key_action, self.rekey_action):
            action.setEnabled(not services.vault.read_only)
        self.vault_actions.update()
        # After the window has painted; the backup and the check run off the GUI thread.
        QTimer.singleShot(0, self, self._background_checks)
        if self._log_after_unlock:
            self._log_after_unlock = False
            self.open_quick_log()

    def _damage_met(self, message: str) -> None:
        """The vault closed again, on an unlock screen that says so and offers its backups."""
        self.idle_watcher.stop()
        self.lock_action.setEnabled(False)
        self._close_quick_log()
        workspace = self.current_screen
        if _is_workspace(workspace):
            _close_windows_within(workspace)
        self._close_services()
        self._show_locked()
        screen = self.current_screen
        if isinstance(screen, UnlockScreen):
            screen.show_damaged(message)

    def _open_workspace_now(self) -> Workspace | None:
        """The workspace on screen, or None while locked or on another screen.

        Slots look it up here rather than capture it: a closure given to Qt outlives
        the workspace, and would keep every page's client text alive after lock.
        """
        from boundary_desk.ui.shell.workspace import Workspace

        screen = self.current_screen
        if self._services is None or not isinstance(screen, Workspace):
            return None
        return screen

    def _settings_changed(self) -> None:
        workspace = self._open_workspace_now()
        if workspace is not None:
            self._start_idle_watch(workspace)

    def _background_checks(self) -> None:
        """The daily backup if due (it checks the vault first), else the scheduled check."""
        workspace = self._open_workspace_now()
        services = self._services
        if workspace is None or services is None:
            return  # locked or closed meanwhile
        from boundary_desk.services.backups import backup_due

        if backup_due(services, utc_now()):  # never on a read-only vault
            workspace.backups_page.start_backup(automatic=True)
        else:
            workspace.integrity_watch.start()

    def _start_idle_watch(self, workspace: Workspace) -> None:
        if self._idle_ms is not None:
            interval = self._idle_ms
        else:
            minutes = workspace.autolock_minutes() or DEFAULT_AUTOLOCK_MINUTES
            interval = minutes * 60_000
        self.idle_watcher.set_interval_ms(interval)
        self.idle_watcher.start()

    def _show(self, screen: QWidget) -> None:
        """Make `screen` the only one in the window; the previous one is deleted."""
        previous = self._stack.currentWidget()
        self._stack.addWidget(screen)
        self._stack.setCurrentWidget(screen)
        if previous is not None:
            self._retire(previous)

    def _retire(self, screen: QWidget) -> None:
        self._stack.removeWidget(screen)
        screen.hide()
        # Out of the window at once, so none of its text can be found or shown, then
        # deleted once the event that led here has finished with it.
        screen.setParent(None)
        self._delete_later(screen)

    def _delete_later(self, widget: QWidget) -> None:
        """Delete `widget` soon; once Qt has, its Python side lets go of client text too."""
        self._retired.add(widget)
        # Qt deletes the children after `destroyed`: the turn after it, all are gone.
        # A slot of this window's, so the connection goes with it when the app closes.
        widget.destroyed.connect(self._retired_destroyed)
        widget.deleteLater()

    def _retired_destroyed(self) -> None:
        QTimer.singleShot(0, self, self._let_go_of_retired)

    def _let_go_of_retired(self) -> None:
        self._retired.let_go()
        if self.is_locked:
            release_freed_memory()

    # The quick log --------------------------------------------------------------

    def open_quick_log(self) -> None:
        """Open (or bring forward) the quick log; when locked, show the unlock screen first."""
        if self._services is None or self.is_locked:
            self.show_window()
            screen = self.current_screen
            if isinstance(screen, UnlockScreen):
                self._log_after_unlock = True
                screen.set_note(_(LOG_WHEN_LOCKED_NOTE))
            return
        dialog = self.quick_log
        if dialog is None or not shiboken6.isValid(dialog):
            from boundary_desk.ui.quick_log.window import QuickLogDialog

            dialog = QuickLogDialog(self._services, self._prompter, parent=self)
            dialog.finished.connect(lambda _result, d=dialog: self._quick_log_finished(d))
            dialog.logged.connect(self._refresh_events)
            self.quick_log = dialog
            # Saving an entry judges its time against the public holidays: the calendar
            # loads once the dialog is drawn, while the entry is typed, not at the first
            # save. It is not loaded at unlock (session.load_ahead says why).
            QTimer.singleShot(0, self, load_calendars)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_import(self) -> None:
        """File > Import…: the workspace's import screen (the client list opens the same)."""
        workspace = self.current_screen
        if _is_workspace(workspace):
            workspace.open_import()

    def show_window(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def _quick_log_finished(self, dialog: QuickLogDialog) -> None:
        if self.quick_log is dialog:
            self.quick_log = None
        self._retire_window(dialog)
        self._refresh_events()  # acknowledgements made after saving show too

    def _refresh_events(self) -> None:
        workspace = self.current_screen
        if _is_workspace(workspace):
            workspace.refresh_events()

    def _close_quick_log(self) -> None:
        """Keep what was typed as a draft in the vault, then delete the dialog."""
        dialog, self.quick_log = self.quick_log, None
        if dialog is None or not shiboken6.isValid(dialog):
            return
        try:
            dialog.flush_draft()
        except Exception:  # a failed draft must never stop the app locking
            log.exception("the quick-log draft could not be kept")
        dialog.hide()
        self._retire_window(dialog)

    def _retire_window(self, window: QWidget) -> None:
        if shiboken6.isValid(window):
            window.setParent(None)  # out of this window's widgets at once, deleted soon after
            self._delete_later(window)

    # Locking ------------------------------------------------------------------

    def lock(self) -> None:
        """Close the database, delete every widget holding client text, show the unlock screen."""
        if self._services is None or self.is_locked:
            return
        self._lock(note="")

    def _lock_when_idle(self) -> None:
        if self._services is not None and not self.is_locked:
            self._lock(note=_(IDLE_NOTE))

    def _lock(self, note: str) -> None:
        self.idle_watcher.stop()
        self.lock_action.setEnabled(False)
        try:
            self._close_quick_log()
            workspace = self.current_screen
            if workspace is not None:
                _close_windows_within(workspace)
            self._show_locked(note)
        finally:
            self._close_services()
        log.info("vault locked")

    def _close_services(self) -> None:
        self.log_action.setEnabled(True)  # while locked, Ctrl+L leads to the unlock screen
        for action in (self.import_action, self.new_key_action, self.rekey_action):
            action.setEnabled(False)
        self._clear_copied_text()
        if self._services is not None:
            services, self._services = self._services, None
            session.lock(services)
        self.vault_actions.update()

    def _note_clipboard_change(self) -> None:
        # Remember (as a digest, never the text) what was copied from inside the app
        # while unlocked, so locking can clear it without touching other apps' copies.
        clipboard = QGuiApplication.clipboard()
        if self._services is None:
            return
        if clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None:
            self._copied_digest = _digest(clipboard.text())

    def _clear_copied_text(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._copied_digest is not None and (
            clipboard.ownsClipboard() or _digest(clipboard.text()) == self._copied_digest
        ):
            clipboard.clear()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(clipboard.Mode.Selection)
        self._copied_digest = None

    # Window -------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu("")
        file_menu.addAction(self.import_action)
        self.vault_menu = vault_menu = self.menuBar().addMenu("")
        vault_menu.addAction(self.lock_action)
        vault_menu.addSeparator()
        vault_menu.addActions(self.vault_actions.key_actions())
        vault_menu.addSeparator()
        vault_menu.addAction(self.new_key_action)
        vault_menu.addAction(self.rekey_action)
        vault_menu.addSeparator()
        vault_menu.addAction(self.vault_actions.open_folder)
        vault_menu.addSeparator()
        vault_menu.addAction(self.quit_action)
        self.log_menu = log_menu = self.menuBar().addMenu("")
        log_menu.addAction(self.log_action)
        self.help_menu = help_menu = self.menuBar().addMenu("")
        help_menu.addAction(self.guide_action)
        self.about_action = help_menu.addAction("")
        self.about_action.triggered.connect(
            lambda: self._prompter.inform(
                self, _("About Boundary Desk"), f"Boundary Desk {__version__}\n\n{_(ABOUT)}"
            )
        )
        self.retranslate()

    def retranslate(self) -> None:
        """The menus and actions in the current language (it changes at unlock)."""
        for menu, text in (
            (self.file_menu, _("&File")),
            (self.vault_menu, _("&Vault")),
            (self.log_menu, _("&Log")),
            (self.help_menu, _("&Help")),
        ):
            menu.setTitle(text)
        self.about_action.setText(_("About Boundary Desk"))
        self.lock_action.setText(_("Lock"))
        self.lock_action.setToolTip(_("Lock Boundary Desk now ({keys})").format(keys=LOCK_SHORTCUT))
        self.log_action.setText(_("Log contact…"))
        self.log_action.setToolTip(
            _("Log a contact, friend request or search ({keys})").format(keys=LOG_SHORTCUT)
        )
        self.import_action.setText(_("Import…"))
        self.import_action.setToolTip(
            _("Import texts, calls, e-mail, WhatsApp chats or contact cards ({keys})").format(
                keys=IMPORT_SHORTCUT
            )
        )
        self.new_key_action.setText(_("New recovery key and Emergency Kit…"))
        self.rekey_action.setText(_("Re-key the vault…"))
        self.rekey_action.setToolTip(_("Re-encrypt the vault under a new key and recovery key"))
        self.show_action.setText(_("Show {name}").format(name=APP_NAME))
        self.quit_action.setText(_("Quit"))
        self.guide_action.setText(_("User guide"))
        self.vault_actions.retranslate()

    def open_guide(self) -> None:
        """The offline user guide, in its own window (brought forward if open)."""
        if self.guide is None or not shiboken6.isValid(self.guide):
            from boundary_desk.ui.help.guide import GuideWindow

            self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def _restore_geometry(self) -> None:
        forget_plaintext_folders()  # the window's settings keep its geometry, nothing else
        saved = desktop_settings().value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            fit_to_screen(self, 1280, 860)
        elif not (self.isMaximized() or self.isFullScreen()):
            fit_to_screen(self, self.width(), self.height())  # saved on a larger screen

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = desktop_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        save_privately(settings)
        self.idle_watcher.stop()
        self._close_quick_log()
        workspace = self.current_screen
        if _is_workspace(workspace) and workspace.import_dialog is not None:
            workspace.import_dialog.close()  # its reading stops before the vault closes
        if self.tray is not None:
            self.tray.hide()
        self._close_services()
        super().closeEvent(event)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _close_windows_within(widget: QWidget) -> None:
    """Close dialogs and menus opened from `widget` (they are windows of their own)."""
    for child in widget.findChildren(QWidget):
        if child.isWindow() and child.isVisible():
            child.close()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.isVisible():
        modal.close()
