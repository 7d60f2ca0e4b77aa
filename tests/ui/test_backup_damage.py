"""Through the app: an emptied vault.db, a damaged backup, and a backup holding fewer records."""

from __future__ import annotations

from collections import deque

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import PASSPHRASE


def vault_with(location: VaultLocation, *names: str) -> Services:
    services = Services.open(location.create().vault)
    for name in names:
        services.clients.add(Client(code="", display_name=name))
    return services


def back_up(qtbot, workspace: Workspace) -> None:
    page = workspace.backups_page
    with qtbot.waitSignal(page.backup_finished, timeout=20_000):
        page.back_up_button.click()


def test_an_empty_vault_file_is_damaged_on_unlock_and_left_as_it_was(
    qtbot, location: VaultLocation
) -> None:
    services = vault_with(location, "Ada", "Bea")
    take_backup(services)
    services.close()
    location.paths.vault_file.write_bytes(b"")
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)

    screen.unlock_button.click()

    assert window.current_screen is screen and window.services is None
    assert "vault.db is damaged: it is empty" in screen.error.text()
    assert screen.restore_button.isVisible()
    assert location.paths.vault_file.read_bytes() == b""
    assert not location.paths.vault_file.with_name("vault.db-wal").exists()


def test_a_zero_byte_backup_is_listed_as_damaged_and_refused(
    qtbot, location: VaultLocation
) -> None:
    services = vault_with(location, "Ada")
    made = take_backup(services)
    services.close()
    (made.path / "vault.db").write_bytes(b"")
    prompter = ScriptedPrompter(confirms=deque([True]))
    window = AppWindow(location, prompter)
    qtbot.addWidget(window)
    window.show()
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    page = workspace.backups_page
    workspace.show_page("Backups")

    assert page.table.topLevelItem(0).text(3) == "damaged"
    page.table.select(0)
    page.restore_button.click()

    assert "looks damaged (its vault file is empty" in prompter.messages("confirm")[0]
    assert "The restore failed" in page.message.text()
    assert window.current_screen is workspace
    assert [c.display_name for c in window.services.clients.list()] == ["Ada"]
    assert not list(location.paths.backup_dir.glob("replaced-*"))


def test_a_backup_with_fewer_records_is_said_and_the_earlier_one_kept(
    qtbot, location: VaultLocation
) -> None:
    services = vault_with(location, "Ada", "Bea", "Cy")
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.show()
    back_up(qtbot, workspace)
    services.vault.conn.execute("DELETE FROM clients")  # as damage would leave it
    workspace.show_page("Clients")

    back_up(qtbot, workspace)

    page = workspace.backups_page
    assert page.table.topLevelItemCount() == 2  # rotation would have kept only today's newest
    assert not page.records_note.isHidden()  # shown on the Backups page, which is elsewhere now
    note = page.records_note.text()
    assert "fewer records (0 clients and 0 logged contacts)" in note
    assert "(3 clients and 0 logged contacts), so that one is kept" in note
    assert "fewer records" in workspace.status.text()
    services.close()


def test_a_lost_wal_after_a_crash_is_damage_on_unlock(qtbot, location: VaultLocation) -> None:
    from tests.storage.test_unclean_close import crash_after_writes

    Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault).close()
    crash_after_writes(location)
    location.paths.vault_file.with_name("vault.db-wal").unlink()
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)

    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()

    assert window.services is None
    assert "not closed cleanly" in screen.error.text()
    assert screen.restore_button.isVisible()
