"""The unlock screen: passphrase, keychain, and the recovery key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys.key_file import KeyMode
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import MISMATCH, UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain
from tests.ui.keyboard import tab_chain, unnamed

NEW_PASSPHRASE = "tea by the window at noon"


@pytest.fixture
def passphrase_vault(location: VaultLocation) -> VaultLocation:
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()
    return location


@pytest.fixture
def keychain_recovery_key(location: VaultLocation) -> str:
    created = location.create()
    created.vault.close()
    return created.recovery_key


def open_window(qtbot, location: VaultLocation) -> AppWindow:
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    return window


def unlock_screen(window: AppWindow) -> UnlockScreen:
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    return screen


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


def test_the_right_passphrase_opens_the_workspace(qtbot, passphrase_vault: VaultLocation) -> None:
    window = open_window(qtbot, passphrase_vault)
    screen = unlock_screen(window)
    assert screen.passphrase.isVisible()
    assert screen.passphrase.echoMode() == screen.passphrase.EchoMode.Password

    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)  # Enter unlocks

    assert isinstance(window.current_screen, Workspace)
    assert window.services is not None and window.services.vault.is_open
    assert not window.is_locked


def test_a_wrong_passphrase_is_told_inline_and_changes_nothing(
    qtbot, passphrase_vault: VaultLocation, data_dir: Path
) -> None:
    window = open_window(qtbot, passphrase_vault)
    screen = unlock_screen(window)
    before = snapshot(data_dir)

    screen.passphrase.setText("not my passphrase")
    screen.unlock_button.click()

    assert screen.error.text() == WrongPassphrase().message
    assert screen.error.isVisible()
    assert screen.passphrase.text() == ""
    assert window.current_screen is screen
    assert window.services is None
    assert snapshot(data_dir) == before

    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)


def test_keychain_mode_unlocks_with_one_click(
    qtbot, location: VaultLocation, keychain_recovery_key: str
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    assert screen.passphrase.isHidden()

    screen.unlock_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert "key in system keychain" in window.current_screen.status.text()


def test_a_lost_keychain_entry_leads_to_recovery_which_sets_a_passphrase(
    qtbot,
    location: VaultLocation,
    keychain: MemoryKeychain,
    keychain_recovery_key: str,
) -> None:
    keychain.entries.clear()
    window = open_window(qtbot, location)
    screen = unlock_screen(window)

    screen.unlock_button.click()

    assert screen.recovery_error.text() == KeychainEntryMissing().message
    assert screen.recovery_key.isVisible()
    assert window.services is None

    screen.recovery_key.setText(keychain_recovery_key.lower().replace("-", " "))
    screen.new_passphrase.first.setText(NEW_PASSPHRASE)
    screen.new_passphrase.second.setText(NEW_PASSPHRASE)
    screen.recover_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert location.key_mode() is KeyMode.PASSPHRASE
    assert "master passphrase" in window.current_screen.status.text()

    window.lock()
    relocked = unlock_screen(window)
    assert relocked.passphrase.isVisible()
    relocked.passphrase.setText(NEW_PASSPHRASE)
    relocked.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)


def test_use_recovery_key_link_shows_the_form_and_back_returns(
    qtbot, passphrase_vault: VaultLocation
) -> None:
    window = open_window(qtbot, passphrase_vault)
    screen = unlock_screen(window)

    screen.recovery_link.click()
    assert screen.recovery_key.isVisible()
    assert not screen.passphrase.isVisible()

    screen.back_button.click()
    assert screen.passphrase.isVisible()
    assert not screen.recovery_key.isVisible()


@pytest.mark.parametrize(
    ("typed_key", "second", "expected"),
    [
        ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-IIII", NEW_PASSPHRASE, "That recovery key has"),
        ("too short", NEW_PASSPHRASE, "A recovery key has 36 letters"),
        ("", NEW_PASSPHRASE + "!", MISMATCH),
    ],
)
def test_recovery_refusals_are_told_inline_and_change_nothing(
    qtbot,
    location: VaultLocation,
    keychain_recovery_key: str,
    data_dir: Path,
    typed_key: str,
    second: str,
    expected: str,
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    screen.show_recovery()
    before = snapshot(data_dir)

    screen.recovery_key.setText(typed_key)
    screen.new_passphrase.first.setText(NEW_PASSPHRASE)
    screen.new_passphrase.second.setText(second)
    screen.recover_button.click()

    assert screen.recovery_error.text().startswith(expected)
    assert window.current_screen is screen
    assert window.services is None
    assert snapshot(data_dir) == before
    assert location.key_mode() is KeyMode.KEYCHAIN


def test_a_real_but_wrong_recovery_key_is_refused(
    qtbot, location: VaultLocation, keychain_recovery_key: str, tmp_path: Path
) -> None:
    other = VaultLocation(resolve_paths(tmp_path / "other"), MemoryKeychain(), FAST_COST)
    created = other.create()
    created.vault.close()
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    screen.show_recovery()

    screen.recovery_key.setText(created.recovery_key)
    screen.new_passphrase.first.setText(NEW_PASSPHRASE)
    screen.new_passphrase.second.setText(NEW_PASSPHRASE)
    screen.recover_button.click()

    assert screen.recovery_error.text() == WrongRecoveryKey().message
    assert location.key_mode() is KeyMode.KEYCHAIN


def test_unlock_fields_are_cleared_once_open(qtbot, passphrase_vault: VaultLocation) -> None:
    window = open_window(qtbot, passphrase_vault)
    screen = unlock_screen(window)
    screen.passphrase.setText(PASSPHRASE)

    screen.unlock()

    assert screen.passphrase.text() == ""


def test_keychain_mode_unlocks_with_enter(
    qtbot, location: VaultLocation, keychain_recovery_key: str
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)

    qtbot.keyClick(screen.unlock_button, Qt.Key.Key_Return)

    assert isinstance(window.current_screen, Workspace)


def test_after_locking_typing_goes_straight_to_the_passphrase(
    qtbot, passphrase_vault: VaultLocation
) -> None:
    window = open_window(qtbot, passphrase_vault)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    unlock_screen(window).passphrase.setText(PASSPHRASE)
    unlock_screen(window).unlock()
    assert isinstance(window.current_screen, Workspace)

    window.lock()

    relocked = unlock_screen(window)
    qtbot.waitUntil(lambda: relocked.passphrase.hasFocus())


def test_tab_on_the_recovery_form_goes_key_passphrase_confirm_then_buttons(
    qtbot, keychain_recovery_key: str, location: VaultLocation
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    screen.show_recovery()
    expected = [
        screen.recovery_key,
        screen.new_passphrase.first,
        screen.new_passphrase.second,
        screen.recover_button,
        screen.back_button,
    ]
    assert tab_chain(screen.recovery_key) == expected
    assert unnamed(screen) == []


def test_a_space_typed_after_tab_from_the_recovery_key_never_presses_back(
    qtbot, keychain_recovery_key: str, location: VaultLocation
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    screen.show_recovery()
    qtbot.keyClicks(screen.recovery_key, "ABCD")
    qtbot.keyClick(screen.recovery_key, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.focusWidget(), " EFGH")
    assert screen.recovery_key.isVisible()  # still on the recovery form
    assert screen.new_passphrase.first.text() == " EFGH"


def test_back_from_recovery_forgets_the_typed_key(
    qtbot, keychain_recovery_key: str, location: VaultLocation
) -> None:
    window = open_window(qtbot, location)
    screen = unlock_screen(window)
    screen.show_recovery()
    qtbot.keyClicks(screen.recovery_key, "ABCD-EFGH")
    screen.new_passphrase.first.setText(NEW_PASSPHRASE)
    screen.back_button.click()
    screen.show_recovery()
    assert screen.recovery_key.text() == ""
    assert screen.new_passphrase.first.text() == ""


def test_tab_on_the_unlock_form_goes_passphrase_unlock_then_recovery(
    qtbot, passphrase_vault: VaultLocation
) -> None:
    window = open_window(qtbot, passphrase_vault)
    screen = unlock_screen(window)
    assert tab_chain(screen.passphrase) == [
        screen.passphrase,
        screen.unlock_button,
        screen.recovery_link,
    ]
    assert unnamed(screen) == []
