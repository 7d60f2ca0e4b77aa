"""The daily backup on unlock: made when due, skipped when fresh, never silent on failure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from boundary_desk.services import Services
from boundary_desk.storage.backups import BackupFailed, list_backups
from boundary_desk.storage.clock import utc_now
from boundary_desk.storage.vault import Vault, VaultLocation
from boundary_desk.ui.app_window import AppWindow
from boundary_desk.ui.auto_backup import maybe_back_up
from boundary_desk.ui.dialogs import ScriptedPrompter
from boundary_desk.ui.workspace import Workspace


def backups(services: Services) -> list:
    return list_backups(services.vault.location.paths.backup_dir)


def test_no_backup_yet_makes_one(services: Services) -> None:
    assert maybe_back_up(services, utc_now()) is None

    (made,) = backups(services)
    assert made.verified


def test_a_fresh_backup_is_enough(services: Services) -> None:
    services.vault.backup()

    assert maybe_back_up(services, utc_now() + timedelta(hours=23)) is None

    assert len(backups(services)) == 1


def test_a_day_old_backup_gets_a_new_one(services: Services) -> None:
    first = services.vault.backup()

    assert maybe_back_up(services, utc_now() + timedelta(hours=25)) is None

    # Rotation keeps one backup a day, so the new one replaces today's first.
    newest = backups(services)[0]
    assert newest.path != first.path
    assert newest.verified


def test_a_failure_comes_back_as_a_message(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.vault, "backup", lambda dest_dir=None: _fail())

    message = maybe_back_up(services, utc_now())

    assert message is not None
    assert "The backup folder is full." in message
    assert backups(services) == []


def test_unlocking_makes_the_daily_backup(qtbot, location: VaultLocation) -> None:
    location.create().vault.close()
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()

    window.current_screen.unlock_button.click()

    qtbot.waitUntil(lambda: len(list_backups(location.paths.backup_dir)) == 1)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    assert workspace.backups_page.table.topLevelItemCount() == 1


def test_a_failed_daily_backup_shows_in_the_header_and_on_the_page(
    qtbot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    monkeypatch.setattr(Vault, "backup", lambda self, dest_dir=None: _fail())
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()

    window.current_screen.unlock_button.click()

    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    qtbot.waitUntil(lambda: "Automatic backup failed" in workspace.status.text())
    assert "The backup folder is full." in workspace.backups_page.message.text()


def _fail() -> None:
    raise BackupFailed("The backup folder is full.")
