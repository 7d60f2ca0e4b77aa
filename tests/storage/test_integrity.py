"""The full integrity check: never on the unlock path, on a schedule, before backups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services, backups, integrity
from boundary_desk.storage.audit import trail
from boundary_desk.storage.vault.integrity import CHECK_EVERY, VaultFailedCheck
from boundary_desk.storage.vault.location import VaultLocation

WHOLE_FILE_CHECKS = ("quick_check", "integrity_check", "cipher_integrity_check")
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


class StatementSpy:
    """Every statement each new SQLCipher connection runs, with how it was opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[tuple[str, list[str]]] = []
        real = sqlcipher3.connect

        def connect(database: str, *args: Any, **kwargs: Any) -> Any:
            conn = real(database, *args, **kwargs)
            ran: list[str] = []
            conn.set_trace_callback(ran.append)
            self.opened.append((str(database), ran))
            return conn

        monkeypatch.setattr(sqlcipher3, "connect", connect)

    def statements(self) -> list[str]:
        return [sql for _, ran in self.opened for sql in ran]

    def whole_file_checks(self) -> list[str]:
        return [s for s in self.statements() if any(c in s.lower() for c in WHOLE_FILE_CHECKS)]


def damage_second_page(location: VaultLocation) -> None:
    """One flipped byte in a page the unlock doesn't read (the file closed meanwhile)."""
    db = location.paths.vault_file
    raw = bytearray(db.read_bytes())
    raw[4096 + 200] ^= 0xFF
    db.write_bytes(bytes(raw))


@pytest.fixture
def filled(location: VaultLocation) -> VaultLocation:
    services = Services.open(location.create().vault)
    for i in range(30):
        services.clients.add(Client(code="", display_name=f"Client {i}"))
    services.close()
    return location


def test_the_unlock_reads_no_whole_file_check(
    filled: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = StatementSpy(monkeypatch)

    services = Services.open(filled.unlock())
    listed = services.clients.list()
    services.close()

    assert len(listed) == 30
    assert any("sqlite_master" in s for s in spy.statements())  # the spy saw the unlock
    assert spy.whole_file_checks() == []


def test_the_full_check_runs_on_a_read_only_connection_of_its_own(
    filled: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(filled.unlock())
    spy = StatementSpy(monkeypatch)
    try:
        found = services.vault.check_integrity(NOW)
    finally:
        services.close()

    assert found.passed and found.checked_at == NOW
    [(opened_as, ran)] = spy.opened
    assert "mode=ro" in opened_as and "immutable" not in opened_as  # live beside the app
    assert "PRAGMA query_only = ON" in ran
    for pragma in WHOLE_FILE_CHECKS[1:]:
        assert f"PRAGMA {pragma}" in ran


def test_a_damaged_page_fails_the_check_and_the_failure_is_kept(filled: VaultLocation) -> None:
    damage_second_page(filled)
    services = Services.open(filled.unlock())  # the unlock doesn't read that page
    try:
        found = integrity.scheduled_check(services, NOW)
        assert found is not None and not found.passed
        integrity.record(services, found)
        kept = integrity.last_check(services)
        assert kept == found
        assert kept.checked_at.tzinfo is not None
        assert "integrity check" in integrity.failure_text(found)
        assert "Restore" in integrity.failure_text(found)
        # A failed check is due again at the next chance, however recent.
        assert integrity.scheduled_check(services, NOW + timedelta(minutes=1)) is not None
    finally:
        services.close()


def test_the_schedule_runs_it_weekly(filled: VaultLocation) -> None:
    services = Services.open(filled.unlock())
    try:
        assert integrity.last_check(services) is None
        first = integrity.scheduled_check(services, NOW)  # never checked: due
        assert first is not None and first.passed
        integrity.record(services, first)
        assert integrity.scheduled_check(services, NOW + CHECK_EVERY - timedelta(hours=1)) is None
        again = integrity.scheduled_check(services, NOW + CHECK_EVERY)
        assert again is not None and again.passed
    finally:
        services.close()


def test_every_backup_is_checked_first_and_the_check_recorded(filled: VaultLocation) -> None:
    services = Services.open(filled.unlock())
    try:
        made = backups.take_backup(services)
        assert made.checked is not None and made.checked.passed
        last = integrity.last_check(services)
        assert last is not None and last.reason == "backup" and last.passed
    finally:
        services.close()


def test_a_vault_failing_the_check_is_not_backed_up_and_earlier_backups_stay(
    filled: VaultLocation, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    services = Services.open(filled.unlock())
    good = backups.take_backup(services, folder)
    services.close()
    damage_second_page(filled)
    services = Services.open(filled.unlock())
    try:
        with pytest.raises(VaultFailedCheck, match="no backup was made") as refused:
            backups.take_backup(services, folder)
        assert "every earlier backup is kept" in refused.value.message
        assert [b.path for b in backups.list_backups(folder)] == [good.path]
        assert sorted(p.name for p in folder.iterdir()) == [good.path.name]  # no partial one
        last = integrity.last_check(services)
        assert last is not None and not last.passed and last.reason == "backup"
    finally:
        services.close()


def test_an_unreadable_record_of_a_check_counts_as_never_checked(filled: VaultLocation) -> None:
    services = Services.open(filled.unlock())
    try:
        trail.record(services.vault.conn, "integrity check", "vault", details={"when": "x"})
        assert integrity.last_check(services) is None
        assert integrity.scheduled_check(services, NOW) is not None
    finally:
        services.close()


@pytest.mark.usefixtures("english_after")
def test_a_failed_check_is_told_in_the_apps_language_and_kept_in_english(
    filled: VaultLocation,
) -> None:
    """The problems are recorded in English (the audit trail's language) and said in the
    app's, whichever language the check ran in."""
    from boundary_desk.system import i18n

    damage_second_page(filled)
    services = Services.open(filled.unlock())
    try:
        i18n.set_language("fr")
        found = integrity.scheduled_check(services, NOW)
        assert found is not None and not found.passed
        assert all(problem.isascii() for problem in found.problems)
        told = integrity.failure_text(found)
        assert told.startswith("Le coffre a échoué à la vérification d'intégrité (")
        assert "of its pages" not in told and "Restaurer cette sauvegarde" in told
        i18n.set_language("he")
        assert integrity.failure_text(found).startswith("הכספת נכשלה בבדיקת התקינות (")
    finally:
        services.close()
