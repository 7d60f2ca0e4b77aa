"""The full integrity check after unlocking: off the GUI thread, and plain when it fails."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlcipher3

from boundary_desk.services import Services, integrity
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.vault.backups import list_backups
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def open_and_unlock(qtbot, location: VaultLocation) -> tuple[AppWindow, Workspace]:  # type: ignore[no-untyped-def]
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    return window, workspace


def with_free_pages(location: VaultLocation, *, backed_up: bool) -> None:
    """A vault holding pages no record uses (a dropped table).

    `backed_up`: today's backup is made (so none is due), and the last full check is
    then a week old (so the scheduled one is).
    """
    services = Services.open(location.create().vault)
    conn = services.vault.conn
    conn.execute("CREATE TABLE spare (b BLOB)")
    conn.executemany("INSERT INTO spare VALUES (?)", [(b"x" * 3000,) for _ in range(300)])
    conn.execute("DROP TABLE spare")
    if backed_up:
        take_backup(services)
        week_ago = datetime.now(UTC) - integrity.CHECK_EVERY
        integrity.record(services, integrity.IntegrityCheck(week_ago))
    services.close()


def damage_last_page(location: VaultLocation) -> None:
    """A flipped byte in a free page: nothing reads it but the full check."""
    db = location.paths.vault_file
    raw = bytearray(db.read_bytes())
    raw[len(raw) - 4096 + 300] ^= 0xFF
    db.write_bytes(bytes(raw))


def test_a_damaged_page_found_by_the_background_check_shows_in_the_app(
    qtbot, location: VaultLocation
) -> None:
    with_free_pages(location, backed_up=True)  # no backup due: the scheduled check runs
    damage_last_page(location)

    window, workspace = open_and_unlock(qtbot, location)

    qtbot.waitUntil(lambda: "Integrity check failed" in workspace.status.text(), timeout=20_000)
    shown = workspace.integrity_message.text()
    assert workspace.integrity_message.isVisibleTo(workspace)
    assert "failed its integrity check" in shown and "has not been changed" in shown
    assert "Restore this backup" in shown  # what to do, where
    assert window.services is not None
    last = integrity.last_check(window.services)
    assert last is not None and not last.passed and last.reason == "schedule"


def test_a_sound_vault_passes_quietly_and_the_result_is_kept(
    qtbot, location: VaultLocation
) -> None:
    with_free_pages(location, backed_up=True)

    window, workspace = open_and_unlock(qtbot, location)

    assert window.services is not None
    qtbot.waitUntil(lambda: integrity.last_check(window.services) is not None, timeout=20_000)
    last = integrity.last_check(window.services)
    assert last is not None and last.passed
    assert "Integrity" not in workspace.status.text()
    assert not workspace.integrity_message.isVisibleTo(workspace)


def test_the_daily_backup_refuses_a_damaged_vault_and_says_so(
    qtbot, location: VaultLocation
) -> None:
    with_free_pages(location, backed_up=False)  # a backup is due: it checks the vault first
    damage_last_page(location)

    window, workspace = open_and_unlock(qtbot, location)

    qtbot.waitUntil(lambda: "Integrity check failed" in workspace.status.text(), timeout=20_000)
    assert "Backup failed" in workspace.status.text()
    assert "no backup was made" in workspace.backups_page.message.text()
    assert list_backups(location.paths.backup_dir) == []
    assert window.services is not None
    last = integrity.last_check(window.services)
    assert last is not None and not last.passed and last.reason == "backup"


def test_damage_met_as_the_workspace_first_reads_is_a_sentence_not_a_crash(
    qtbot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()

    def unreadable(self, services, prompter, lock_action=None, parent=None):  # type: ignore[no-untyped-def]
        raise sqlcipher3.DatabaseError("file is not a database")

    monkeypatch.setattr(Workspace, "__init__", unreadable)
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    window.current_screen.unlock_button.click()

    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert window.services is None  # closed again, its key wiped
    assert "damaged" in screen.error.text() and "Restore" in screen.error.text()
    assert screen.restore_button.isVisibleTo(screen)  # its backups offered


def test_the_audit_trail_names_a_check_in_words() -> None:
    from boundary_desk.storage.audit.trail import AuditRow
    from boundary_desk.ui.clients.audit_view import describe

    row = AuditRow(1, "2026-11-20T15:00:00Z", "integrity check", "vault", None, None, "{}")
    assert describe(row) == "Checked the vault's integrity"
