"""The daily backup on unlock: made when due, skipped when fresh, never silent on failure."""

from __future__ import annotations

import pytest

from boundary_desk.storage.vault.backups import BackupFailed, list_backups
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.vault import Vault
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def open_and_unlock(qtbot, location: VaultLocation) -> Workspace:  # type: ignore[no-untyped-def]
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    return workspace


def test_unlocking_makes_the_daily_backup_off_the_gui_thread(
    qtbot, location: VaultLocation
) -> None:
    location.create().vault.close()

    workspace = open_and_unlock(qtbot, location)

    page = workspace.backups_page
    qtbot.waitUntil(page.is_backing_up)
    assert not page.back_up_button.isEnabled()
    assert page.back_up_button.text() == "Backing up…"
    qtbot.waitUntil(lambda: not page.is_backing_up(), timeout=20_000)
    assert len(list_backups(location.paths.backup_dir)) == 1
    assert page.table.topLevelItemCount() == 1
    assert page.back_up_button.isEnabled()
    assert "Backed up and verified" in page.done.text()


def test_a_failed_daily_backup_shows_in_the_header_and_on_the_page(
    qtbot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    monkeypatch.setattr(Vault, "write_backup", lambda self, dest_dir=None: _fail())

    workspace = open_and_unlock(qtbot, location)

    qtbot.waitUntil(lambda: "Backup failed" in workspace.status.text(), timeout=20_000)
    message = workspace.backups_page.message.text()
    assert message.startswith("The automatic backup failed")
    assert "The backup folder is full." in message

    # The next backup that works clears the header note.
    monkeypatch.undo()
    workspace.backups_page.back_up_button.click()
    qtbot.waitUntil(lambda: "Backup failed" not in workspace.status.text(), timeout=20_000)
    assert not workspace.backups_page.message.isVisible()


def _fail() -> None:
    raise BackupFailed("The backup folder is full.")
