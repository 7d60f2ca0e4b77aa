"""The Vault menu's New recovery key… and Re-key the vault…: the key is shown and saved
before it is used, and the workspace carries on with the re-keyed vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.errors import WrongPassphrase, WrongRecoveryKey
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.recovery_key_dialog import RecoveryKeyDialog
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain

MARKER = "Isadora-Keys-77M"
NEW_PASSPHRASE = "a brand new harbour light"


def unlocked(qtbot, location: VaultLocation, prompter: ScriptedPrompter, passphrase: str = ""):
    window = AppWindow(location, prompter)
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    if passphrase:
        screen.passphrase.setText(passphrase)
    screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    qtbot.waitUntil(lambda: not workspace.backups_page.is_backing_up(), timeout=10_000)
    return window


def open_dialog(window: AppWindow, *, rekey: bool) -> RecoveryKeyDialog:
    action = window.rekey_action if rekey else window.new_key_action
    assert action.isEnabled()
    (vault_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Vault"]
    assert action in vault_menu.actions()
    action.trigger()
    dialog = window.key_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_new_recovery_key_from_the_vault_menu(
    qtbot, location: VaultLocation, tmp_path: Path
) -> None:
    old = location.create().recovery_key
    prompter = ScriptedPrompter()
    prompter.save_paths.append(tmp_path / "kit.pdf")
    window = unlocked(qtbot, location, prompter)
    dialog = open_dialog(window, rekey=False)
    fresh = dialog.recovery_key

    assert not dialog.go_button.isEnabled()  # not until the key is saved
    dialog.panel.save_button.click()
    assert (tmp_path / "kit.pdf").read_bytes().startswith(b"%PDF")
    location.unlock(recovery_key=old).close()  # still the old one, until it is confirmed
    dialog.panel.confirm.setChecked(True)
    dialog.go_button.click()

    assert not dialog.isVisible()
    assert "new recovery key is in use" in prompter.messages("inform")[0]
    assert isinstance(window.current_screen, Workspace)
    with pytest.raises(WrongRecoveryKey):
        location.unlock(recovery_key=old)
    location.unlock(recovery_key=fresh).close()


def test_cancelling_changes_nothing(qtbot, location: VaultLocation) -> None:
    old = location.create().recovery_key
    window = unlocked(qtbot, location, ScriptedPrompter())
    dialog = open_dialog(window, rekey=False)
    dialog.panel.confirm.setChecked(True)
    dialog.cancel_button.click()
    location.unlock(recovery_key=old).close()


def test_rekey_from_the_vault_menu_with_a_new_passphrase(qtbot, data_dir: Path) -> None:
    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)
    old = location.create(passphrase=PASSPHRASE).recovery_key
    prompter = ScriptedPrompter()
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    services_before = window.services
    dialog = open_dialog(window, rekey=True)
    assert "Backups made before now are not changed" in dialog.explanation.text()
    assert "old passphrase" in dialog.explanation.text()
    assert dialog.fields is not None and dialog.fields.current is not None
    dialog.panel.confirm.setChecked(True)
    dialog.fields.current.setText(PASSPHRASE)
    dialog.fields.first.setText("short")
    dialog.fields.second.setText("short")
    dialog.go_button.click()
    assert dialog.isVisible() and dialog.error.text()  # refused, nothing changed
    location.unlock(passphrase=PASSPHRASE).close()

    dialog.fields.current.setText("not the passphrase in use")
    dialog.fields.first.setText(NEW_PASSPHRASE)
    dialog.fields.second.setText(NEW_PASSPHRASE)
    dialog.go_button.click()
    assert dialog.isVisible() and "not your current passphrase" in dialog.error.text()
    assert window.services is services_before and services_before.vault.is_open
    location.unlock(passphrase=PASSPHRASE).close()  # nothing changed
    with pytest.raises(WrongPassphrase):
        location.unlock(passphrase=NEW_PASSPHRASE)

    dialog.fields.current.setText(PASSPHRASE)

    dialog.fields.first.setText(NEW_PASSPHRASE)
    dialog.fields.second.setText(NEW_PASSPHRASE)
    dialog.go_button.click()

    assert not dialog.isVisible()
    assert "re-encrypted under a new key" in prompter.messages("inform")[0]
    services = window.services
    assert services is not None and isinstance(window.current_screen, Workspace)
    services.clients.add(Client(code="", display_name=MARKER))  # the workspace goes on
    assert services.vault.verify_audit().intact
    with pytest.raises(WrongPassphrase):
        location.unlock(passphrase=PASSPHRASE)
    with pytest.raises(WrongRecoveryKey):
        location.unlock(recovery_key=old)
    window.lock()
    again = Services.open(location.unlock(passphrase=NEW_PASSPHRASE))
    assert [c.display_name for c in again.clients.list()] == [MARKER]
    again.close()


def test_the_key_actions_are_off_while_locked(qtbot, location: VaultLocation) -> None:
    location.create().vault.close()
    window = unlocked(qtbot, location, ScriptedPrompter())
    window.lock()
    assert not window.new_key_action.isEnabled()
    assert not window.rekey_action.isEnabled()


def test_a_wrong_key_in_the_keychain_leads_to_recovery_not_to_restore(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    from boundary_desk.storage.keys.wrap import new_vault_key

    created = location.create()
    created.vault.close()
    (vault_id,) = keychain.entries
    keychain.entries[vault_id] = new_vault_key().hex()  # a real-looking key, not this vault's
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)

    screen.unlock_button.click()

    assert "key in the system keychain doesn't open this vault" in screen.recovery_error.text()
    assert screen.recovery_key.isVisible()
    assert not screen.restore_button.isVisible()  # not offered as a damaged vault
    screen.recovery_key.setText(created.recovery_key)
    screen.new_passphrase.first.setText(NEW_PASSPHRASE)
    screen.new_passphrase.second.setText(NEW_PASSPHRASE)
    screen.recover_button.click()
    assert isinstance(window.current_screen, Workspace)


def test_the_new_keys_emergency_kit_can_be_printed(
    qtbot, location: VaultLocation, tmp_path: Path
) -> None:
    from boundary_desk.storage.audit import trail as audit

    location.create()
    window = unlocked(qtbot, location, ScriptedPrompter())
    dialog = open_dialog(window, rekey=False)
    panel = dialog.panel
    assert panel.print_button.isVisible()

    panel.ask_printer = lambda printer, parent: False  # the print dialog, cancelled
    panel.print_button.click()
    services = window.services
    assert services is not None
    exports = lambda: [  # noqa: E731
        r.details() for r in audit.history(services.vault.conn) if r.action == "export"
    ]
    assert exports() == []

    printed = tmp_path / "printed.pdf"

    def to_file(printer, parent) -> bool:  # type: ignore[no-untyped-def]
        printer.setOutputFileName(str(printed))  # the "printer" is a file, to read back
        return True

    panel.ask_printer = to_file
    panel.print_button.click()
    assert printed.read_bytes().startswith(b"%PDF")
    assert "sent to the printer" in panel.saved_note.text()
    assert exports() == [{"printed": True}]
    assert not dialog.go_button.isEnabled()  # printing is not confirming: the box still is
