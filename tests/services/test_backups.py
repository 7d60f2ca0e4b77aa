"""Copies of the vault: a backup taken, found, checked and restored, and when one is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.domain.clock import utc_now
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, audit_trail, backups, session
from boundary_desk.services.backups import backup_due, chosen_folder, take_backup
from boundary_desk.services.session import VaultLocation
from tests.conftest import PASSPHRASE


def names(services: Services) -> list[str]:
    return [c.display_name for c in services.clients.list()]


def backed_up(location: VaultLocation, *, passphrase: str | None = None) -> Path:
    """A vault with Ada in its backup and Bea added after it; returns the backup's folder."""
    opened = Services.open(
        location.create(passphrase=passphrase, strict=passphrase is not None).vault
    )
    opened.clients.add(Client(code="", display_name="Ada"))
    made = backups.take_backup(opened)
    opened.clients.add(Client(code="", display_name="Bea"))
    opened.close()
    return made.path


def test_a_backup_goes_beside_the_vault_unless_another_folder_is_chosen(
    services: Services, tmp_path: Path
) -> None:
    beside = backups.take_backup(services)
    services.settings.set("backups", str(tmp_path / "usb"))
    chosen = backups.take_backup(services)
    given = backups.take_backup(services, tmp_path / "elsewhere")

    assert beside.path.parent == backups.default_folder(services.vault.location)
    assert chosen.path.parent == tmp_path / "usb"
    assert given.path.parent == tmp_path / "elsewhere"
    assert all(b.verified for b in (beside, chosen, given))
    assert [b.path for b in backups.list_backups(tmp_path / "usb")] == [chosen.path]


def test_each_backup_is_in_the_trail(services: Services) -> None:
    made = backups.take_backup(services)

    (row,) = audit_trail.rows(services, limit=1)
    assert (row.action, row.details()) == ("backup", {"folder": str(made.path)})


def test_a_backup_written_apart_is_recorded_only_when_asked(services: Services) -> None:
    made = backups.write_backup(services, chosen_folder(services))
    assert "backup" not in [row.action for row in audit_trail.rows(services)]

    backups.record_backup(services, made)

    assert audit_trail.rows(services, limit=1)[0].action == "backup"
    assert backups.read_backup(made.path).created_at == made.created_at


def test_a_read_only_vault_takes_no_backup(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    opened = session.unlock(location)
    try:
        assert not backup_due(opened, utc_now())
        with pytest.raises(UserFacingError):
            backups.take_backup(opened)
    finally:
        session.lock(opened)


def test_the_folder_beside_the_vault_is_on_its_disk(services: Services, tmp_path: Path) -> None:
    made = backups.take_backup(services)

    assert backups.on_vault_disk(services, made.path.parent)
    assert not backups.on_vault_disk(services, tmp_path / "no such folder")


def test_no_backup_yet_is_due(services: Services) -> None:
    assert backup_due(services, utc_now())


def test_a_fresh_backup_is_enough_for_a_day(services: Services) -> None:
    take_backup(services)

    assert not backup_due(services, utc_now() + timedelta(hours=23))
    assert backup_due(services, utc_now() + timedelta(hours=25))


def test_an_unverified_backup_does_not_count(services: Services) -> None:
    made = take_backup(services)
    (made.path / "manifest.json").unlink()

    assert backup_due(services, utc_now())


def test_due_looks_in_the_chosen_folder(services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    take_backup(services)  # beside the vault
    services.settings.set("backups", str(tmp_path / "usb"))

    assert backup_due(services, utc_now())
    take_backup(services)
    assert not backup_due(services, utc_now())


def test_restoring_a_keychain_vault_asks_for_no_passphrase(location: VaultLocation) -> None:
    backup = backed_up(location)

    assert not backups.restore_needs_passphrase(location, backup)


def test_without_the_vaults_key_file_the_backups_own_says(location: VaultLocation) -> None:
    backup = backed_up(location, passphrase=PASSPHRASE)
    location.paths.key_file.unlink()

    assert backups.restore_needs_passphrase(location, backup)


def test_a_locked_vault_restores_to_its_backup(location: VaultLocation) -> None:
    backup = backed_up(location, passphrase=PASSPHRASE)
    assert backups.restore_needs_passphrase(location, backup)

    restored = backups.restore_locked(location, backup, PASSPHRASE)

    try:
        assert names(restored) == ["Ada"]
        assert audit_trail.rows(restored, limit=1)[0].action == "restore"
    finally:
        session.lock(restored)


def test_a_restore_with_the_wrong_passphrase_changes_nothing(location: VaultLocation) -> None:
    backup = backed_up(location, passphrase=PASSPHRASE)

    with pytest.raises(UserFacingError):
        backups.restore_locked(location, backup, "not the passphrase at all")

    opened = session.unlock(location, PASSPHRASE)
    assert names(opened) == ["Ada", "Bea"]
    session.lock(opened)


def test_an_open_vault_is_swapped_for_its_backup(location: VaultLocation) -> None:
    backup = backed_up(location)
    opened = session.unlock(location)

    restored = backups.restore(opened, backup)

    try:
        assert not opened.vault.is_open
        assert names(restored) == ["Ada"]
    finally:
        session.lock(restored)


def test_a_folder_that_is_no_backup_is_refused_and_the_vault_stays_open(
    services: Services, tmp_path: Path
) -> None:
    (tmp_path / "not-a-backup").mkdir()

    with pytest.raises(UserFacingError):
        backups.restore(services, tmp_path / "not-a-backup")

    assert services.vault.is_open
    assert backups.list_backups(tmp_path / "not-a-backup") == []


# -- which clock backup times are on: the same rule for the app and the CLI -------------


@pytest.mark.usefixtures("english_after")
def test_backup_times_are_the_practices_while_open_else_the_computers(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/Toronto")
    services.settings.set("timezone", "Asia/Tokyo")
    open_times = backups.backup_times(services)
    assert (str(open_times.zone), open_times.name, open_times.practice) == (
        "Asia/Tokyo",
        "Asia/Tokyo",
        True,
    )
    assert open_times.note == "Times in Asia/Tokyo, the practice's zone."

    locked = backups.backup_times(None)
    assert (str(locked.zone), locked.practice) == ("America/Toronto", False)
    assert locked.note == "Times in America/Toronto, this computer's zone."
    from boundary_desk.system import i18n

    i18n.set_language("fr")  # the restore dialog shows the note in the app's language
    assert locked.note == "Heures selon America/Toronto, le fuseau de cet ordinateur."
    assert open_times.note == "Heures selon Asia/Tokyo, le fuseau de la pratique."
    i18n.set_language("en")
    moment = datetime(2026, 11, 20, 17, 2, tzinfo=UTC)
    assert locked.shown(moment) == "2026-11-20 12:02"
    assert open_times.shown(moment) == "2026-11-21 02:02"

    services.close()  # a closed vault's settings can't be read: the computer's clock
    assert backups.backup_times(services) == locked


def test_the_computers_zone_comes_from_tz_then_localtime_else_its_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backups, "zone_from_localtime_link", lambda: "Europe/Paris")
    monkeypatch.setenv("TZ", ":Asia/Jerusalem")
    assert backups.computer_zone()[1] == "Asia/Jerusalem"
    for not_a_place in ("", "UTC", "Etc/GMT+5", "Nowhere/Atlantis", "../../etc/passwd"):
        monkeypatch.setenv("TZ", not_a_place)
        assert backups.computer_zone()[1] == "Europe/Paris", not_a_place
    monkeypatch.setattr(backups, "zone_from_localtime_link", lambda: "Etc/UTC")
    monkeypatch.delenv("TZ")
    zone, name = backups.computer_zone()  # no place named: the system clock, by its name
    here = datetime.now().astimezone()
    assert name == here.tzname()
    assert zone.utcoffset(here) == here.utcoffset()
