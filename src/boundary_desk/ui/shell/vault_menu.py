"""The Vault menu's key-holding actions: change the passphrase, switch between the keychain
and a passphrase, and open the data folder.

Each change is a use case in services/setup.py, the same one `boundary-desk protection`
runs; the menu only asks, calls it and says what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.session import KeyMode
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.vault.protection_dialog import PassphraseDialog
from boundary_desk.ui.widgets.dialogs import Prompter

USE_KEYCHAIN_QUESTION = N_(
    "This computer's keychain will hold the vault key and unlock Boundary Desk when you "
    "log in; your master passphrase will stop working. Anyone who can log in to this "
    "computer as you can then open your records without a passphrase.\n\n"
    "Your recovery key and Emergency Kit are unchanged. Use the keychain?"
)
USE_KEYCHAIN_DONE = N_(
    "The vault key is now held by this computer's keychain; your passphrase no longer "
    "unlocks it. Backups made before now still open with the passphrase of their day."
)


class VaultMenuActions(QObject):
    """The actions, enabled to fit the open vault (or none), and what each one does."""

    def __init__(
        self,
        window: QWidget,
        prompter: Prompter,
        services: Callable[[], Services | None],
        data_dir: Path,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._prompter = prompter
        self._services = services
        self._data_dir = data_dir
        self.dialog: PassphraseDialog | None = None
        self.change_passphrase = QAction(self)
        self.change_passphrase.triggered.connect(self.open_passphrase_dialog)
        self.use_passphrase = QAction(self)
        self.use_passphrase.triggered.connect(self.open_passphrase_dialog)
        self.use_keychain = QAction(self)
        self.use_keychain.triggered.connect(self.switch_to_keychain)
        self.open_folder = QAction(self)
        self.open_folder.triggered.connect(self.show_data_folder)
        self.retranslate()
        self.update()

    def retranslate(self) -> None:
        """The actions' words in the current language."""
        self.change_passphrase.setText(_("Change passphrase…"))
        self.use_passphrase.setText(_("Use a master passphrase instead of the keychain…"))
        self.use_keychain.setText(_("Use the system keychain instead of a passphrase…"))
        self.open_folder.setText(_("Open data folder"))
        self.open_folder.setToolTip(
            _("Show {path} in your file manager").format(path=self._data_dir)
        )

    def key_actions(self) -> list[QAction]:
        return [self.change_passphrase, self.use_passphrase, self.use_keychain]

    def update(self) -> None:
        """Offer what fits how the open vault's key is held; nothing while locked."""
        services = self._services()
        if services is None and self.dialog is not None:
            self.dialog.reject()  # locked: the dialog goes with the vault it was changing
        writable = services is not None and not services.vault.read_only
        passphrase = (
            writable and services is not None and (services.vault.key_mode is KeyMode.PASSPHRASE)
        )
        # A keychain vault's Change passphrase… says there is none yet, and offers one.
        self.change_passphrase.setEnabled(writable)
        self.use_keychain.setEnabled(passphrase)
        self.use_passphrase.setEnabled(writable and not passphrase)

    def open_passphrase_dialog(self) -> None:
        services = self._services()
        if services is None or services.vault.read_only:
            return
        dialog = PassphraseDialog(services, self._prompter, self._window)
        dialog.finished.connect(lambda _result: self._dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_finished(self, dialog: PassphraseDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        self.update()

    def switch_to_keychain(self) -> None:
        services = self._services()
        if services is None or services.vault.key_mode is not KeyMode.PASSPHRASE:
            return
        if not self._prompter.confirm(
            self._window, _("Use the keychain"), _(USE_KEYCHAIN_QUESTION)
        ):
            return
        current = self._prompter.ask_secret(
            self._window, _("Use the keychain"), _("Your current master passphrase:")
        )
        if current is None:
            return
        from boundary_desk.services import setup  # loaded when first used, not with the menu

        try:
            setup.use_keychain(services, current)
        except UserFacingError as failure:
            self._prompter.warn(self._window, _("Keychain not used"), failure.message)
            return
        finally:
            self.update()
        self._prompter.inform(self._window, _("Keychain in use"), _(USE_KEYCHAIN_DONE))

    def show_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))
