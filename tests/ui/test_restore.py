"""Restoring from inside the app: from the Backups page, and when the vault can't be opened."""

from __future__ import annotations

import hashlib
from collections import deque
from datetime import UTC
from pathlib import Path

import sqlcipher3

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.vault.backups import read_backup
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow, VaultProblemScreen
from boundary_desk.ui.shell.workspace import TIMELINE, Workspace
from boundary_desk.ui.vault.restore_dialog import RestoreDialog
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import PASSPHRASE


def open_window(qtbot, location: VaultLocation, prompter: ScriptedPrompter) -> AppWindow:
    window = AppWindow(location, prompter)
    qtbot.addWidget(window)
    window.show()
    return window


def names(services: Services | None) -> list[str]:
    assert services is not None
    return [c.display_name for c in services.clients.list()]


def backed_up_vault(location: VaultLocation, *, passphrase: str | None = None) -> Path:
    """A vault with Ada in its backup and Bea added after it; returns the backup's folder."""
    if passphrase is None:
        services = Services.open(location.create().vault)
    else:
        services = Services.open(location.create(passphrase=passphrase, strict=True).vault)
    services.clients.add(Client(code="", display_name="Ada"))
    made = take_backup(services)
    services.clients.add(Client(code="", display_name="Bea"))
    services.close()
    return made.path


def damage(path: Path) -> str:
    raw = bytearray(path.read_bytes())
    raw[5000] ^= 0xFF
    path.write_bytes(bytes(raw))
    return hashlib.sha256(raw).hexdigest()


def test_restoring_from_the_backups_page_reopens_the_restored_vault(
    qtbot, location: VaultLocation
) -> None:
    backup = backed_up_vault(location)
    prompter = ScriptedPrompter(confirms=deque([True]))
    window = open_window(qtbot, location, prompter)
    window.current_screen.unlock_button.click()
    before = window.current_screen
    assert isinstance(before, Workspace)
    old_services = window.services
    assert names(old_services) == ["Ada", "Bea"]

    before.show_page("Backups")
    before.backups_page.table.select(0)
    before.backups_page.restore_button.click()

    after = window.current_screen
    assert isinstance(after, Workspace) and after is not before
    assert window.services is not old_services
    assert old_services is not None and not old_services.vault.is_open
    assert names(window.services) == ["Ada"]
    assert after.pages.currentWidget() is after.backups_page
    made = read_backup(backup).created_at.astimezone(UTC)  # the practice zone defaults to UTC
    assert f"restored from the backup made {made:%Y-%m-%d %H:%M}" in after.backups_page.done.text()
    assert list(location.paths.backup_dir.glob("replaced-*"))
    assert not window.is_locked


def test_a_damaged_backup_is_refused_and_the_open_vault_stays(
    qtbot, location: VaultLocation
) -> None:
    backup = backed_up_vault(location)
    damage(backup / "vault.db")
    window = open_window(qtbot, location, ScriptedPrompter(confirms=deque([True])))
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)

    workspace.show_page("Backups")
    workspace.backups_page.table.select(0)
    workspace.backups_page.restore_button.click()

    assert window.current_screen is workspace
    assert "The restore failed" in workspace.backups_page.message.text()
    assert "integrity check" in workspace.backups_page.message.text()
    assert names(window.services) == ["Ada", "Bea"]


def test_a_damaged_vault_offers_a_restore_on_the_unlock_screen(
    qtbot, location: VaultLocation
) -> None:
    backed_up_vault(location, passphrase=PASSPHRASE)
    damage(location.paths.vault_file)
    flipped = location.paths.vault_file.read_bytes()[5000]
    prompter = ScriptedPrompter(confirms=deque([True, True]))
    window = open_window(qtbot, location, prompter)
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert not screen.restore_button.isVisible()

    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    # The unlock doesn't read every page: the damage is met as the workspace first
    # reads, and the vault is closed again, on a fresh unlock screen saying so.
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert "it is damaged" in screen.error.text()
    assert screen.restore_button.isVisible()
    assert location.paths.vault_file.read_bytes()[5000] == flipped  # left as it is
    damaged = hashlib.sha256(location.paths.vault_file.read_bytes()).hexdigest()

    screen.restore_button.click()
    dialog = window.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    assert dialog.table.topLevelItemCount() == 1
    assert dialog.passphrase_row.isVisible()  # this vault is protected by a passphrase

    dialog.passphrase.setText("not the passphrase")
    dialog.restore_button.click()
    assert "passphrase" in dialog.error.text().lower()
    assert window.restore_dialog is dialog and dialog.isVisible()
    assert dialog.passphrase.text() == ""

    dialog.passphrase.setText(PASSPHRASE)
    dialog.restore_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert names(window.services) == ["Ada"]
    (aside,) = location.paths.backup_dir.glob("replaced-*")
    assert hashlib.sha256((aside / "vault.db").read_bytes()).hexdigest() == damaged
    questions = prompter.messages("confirm")
    assert len(questions) == 2 and "1 client and 0 logged contacts" in questions[0]


def test_a_missing_vault_file_offers_a_restore_from_another_folder(
    qtbot, location: VaultLocation, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)
    services.clients.add(Client(code="", display_name="Ada"))
    usb = tmp_path / "usb"
    services.vault.backup(usb)
    services.close()
    location.paths.vault_file.unlink()
    prompter = ScriptedPrompter(confirms=deque([True]), folders=deque([usb]))
    window = open_window(qtbot, location, prompter)
    screen = window.current_screen
    assert isinstance(screen, VaultProblemScreen)

    screen.restore_button.click()
    dialog = window.restore_dialog
    assert isinstance(dialog, RestoreDialog)
    assert dialog.table.topLevelItemCount() == 0
    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()

    dialog.other_folder_button.click()
    assert dialog.table.topLevelItemCount() == 1
    assert not dialog.passphrase_row.isVisible()  # the keychain holds this vault's key
    dialog.restore_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert names(window.services) == ["Ada"]


def test_cancelling_the_restore_dialog_changes_nothing(qtbot, location: VaultLocation) -> None:
    backed_up_vault(location)
    damage(location.paths.vault_file)
    prompter = ScriptedPrompter(confirms=deque([False]))
    window = open_window(qtbot, location, prompter)
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    # The unlock opened it (its audit rows written) before the damage was met.
    before = location.paths.vault_file.read_bytes()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.restore_button.click()
    dialog = window.restore_dialog
    assert dialog is not None

    dialog.restore_button.click()  # the confirmation is declined
    assert dialog.isVisible()
    dialog.cancel_button.click()

    assert window.restore_dialog is None
    assert isinstance(window.current_screen, UnlockScreen)
    assert location.paths.vault_file.read_bytes() == before
    assert not list(location.paths.backup_dir.glob("replaced-*"))


def test_the_restore_is_in_the_audit_trail(qtbot, location: VaultLocation) -> None:
    backed_up_vault(location)
    window = open_window(qtbot, location, ScriptedPrompter(confirms=deque([True])))
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    workspace.show_page("Backups")
    workspace.backups_page.table.select(0)
    workspace.backups_page.restore_button.click()

    services = window.services
    assert services is not None
    actions = [row.action for row in audit.history(services.vault.conn, limit=5)]
    assert "restore" in actions
    assert services.vault.verify_audit().intact


def test_a_locked_vaults_backups_are_listed_on_this_computers_clock_and_say_so(
    qtbot, location: VaultLocation, monkeypatch
) -> None:
    from zoneinfo import ZoneInfo

    backup = backed_up_vault(location)  # the practice zone (UTC by default) can't be read
    monkeypatch.setenv("TZ", "America/Toronto")
    prompter = ScriptedPrompter(confirms=deque([False]))
    dialog = RestoreDialog(location, prompter)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.zone_note.text() == "Times in America/Toronto, this computer's zone."
    assert dialog.zone_note.isVisible()
    assert dialog.table.headerItem().text(0) == "Made (America/Toronto)"
    made = read_backup(backup).created_at.astimezone(ZoneInfo("America/Toronto"))
    assert dialog.table.topLevelItem(0).text(0) == f"{made:%Y-%m-%d %H:%M}"
    dialog.restore_button.click()  # the question before restoring is on the same clock
    (question,) = prompter.messages("confirm")
    assert f"made {made:%Y-%m-%d %H:%M}?" in question


def test_once_unlocked_the_same_backups_are_on_the_practices_clock(
    qtbot, location: VaultLocation, monkeypatch
) -> None:
    from zoneinfo import ZoneInfo

    backup = backed_up_vault(location)
    opened = Services.open(location.unlock())
    opened.settings.set("timezone", "Asia/Tokyo")
    opened.close()
    monkeypatch.setenv("TZ", "America/Toronto")
    window = open_window(qtbot, location, ScriptedPrompter())
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    workspace.show_page("Backups")
    table = workspace.backups_page.table
    assert table.headerItem().text(0) == "Made (Asia/Tokyo)"
    made = read_backup(backup).created_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert table.topLevelItem(0).text(0) == f"{made:%Y-%m-%d %H:%M}"


def test_damage_met_by_a_page_opened_later_closes_the_vault_and_offers_a_restore(
    qtbot, location: VaultLocation, monkeypatch
) -> None:
    backed_up_vault(location, passphrase=PASSPHRASE)

    def unreadable_page(self: Workspace) -> None:
        raise sqlcipher3.DatabaseError("database disk image is malformed")

    # The timeline's first read meets a page that fails its authentication.
    monkeypatch.setattr(Workspace, "_build_timeline", unreadable_page)
    window = open_window(qtbot, location, ScriptedPrompter())
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)  # the clients page read its part fine

    workspace.show_page(TIMELINE)
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert "it is damaged" in screen.error.text()
    assert screen.restore_button.isVisible()
    assert window.services is None  # the vault was closed again


def test_an_error_that_is_not_damage_is_not_dressed_up_as_damage(
    qtbot, location: VaultLocation, monkeypatch
) -> None:
    backed_up_vault(location, passphrase=PASSPHRASE)

    def broken_page(self: Workspace) -> None:
        raise RuntimeError("a programming error")

    monkeypatch.setattr(Workspace, "_build_timeline", broken_page)
    window = open_window(qtbot, location, ScriptedPrompter())
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    with qtbot.captureExceptions() as raised:
        workspace.show_page(TIMELINE)
    assert [type(exc) for _, exc, _ in raised] == [RuntimeError]
    assert window.current_screen is workspace  # still open: not mistaken for damage
