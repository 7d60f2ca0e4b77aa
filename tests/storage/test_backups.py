"""Backups: verified copies, rotation, the same-disk check, and restore round trips."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.errors import (
    StorageUnavailable,
    VaultDamaged,
    VaultExists,
    WrongPassphrase,
)
from boundary_desk.storage.vault import vault as vault_module
from boundary_desk.storage.vault.backups import (
    Backup,
    BackupFailed,
    list_backups,
    read_backup,
    row_counts,
    same_disk,
    to_keep,
)
from boundary_desk.storage.vault.location import VaultLocation
from tests.conftest import PASSPHRASE

MARKER = "Backup-Marker-Quince"


def fill(services: Services, n: int = 5) -> None:
    for i in range(n):
        services.clients.add(Client(code="", display_name=f"{MARKER} {i}"))


def test_a_backup_is_encrypted_verified_and_complete(services: Services, data_dir: Path) -> None:
    fill(services)
    made = services.vault.backup()
    assert made.verified and made.counts["clients"] == 5
    now = row_counts(services.vault.conn)
    # The backup itself is audited, and so is the integrity check it ran first.
    assert now["audit_log"] == made.counts["audit_log"] + 2
    assert {k: v for k, v in made.counts.items() if k != "audit_log"} == {
        k: v for k, v in now.items() if k != "audit_log"
    }
    for path in made.path.rglob("*"):
        assert MARKER.encode() not in path.read_bytes()
        assert path.stat().st_mode & 0o777 == 0o600
    assert made.path.stat().st_mode & 0o777 == 0o700
    assert [b.path for b in list_backups(data_dir / "backups")] == [made.path]


def test_a_vanished_backup_folder_is_a_clear_failure(services: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupFailed, match="can't be used"):
        services.vault.backup(blocker / "backups")


def test_a_failed_write_leaves_no_half_backup(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boundary_desk.storage.vault.backups as backups

    def disk_full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "copy_private", disk_full)
    with pytest.raises(BackupFailed, match="is full, so the backup could not be written"):
        services.vault.backup(tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


def stamp(days_ago: float) -> datetime:
    return datetime(2026, 11, 22, 12, tzinfo=UTC) - timedelta(days=days_ago)


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    backups = [Backup(Path(f"b{d}"), stamp(d), 6, {}, True) for d in range(0, 400)]
    keep = to_keep(backups)
    kept_days = sorted(int(str(p)[1:]) for p in keep)
    assert kept_days[:7] == [0, 1, 2, 3, 4, 5, 6]
    assert len(keep) <= 7 + 4 + 12
    assert max(kept_days) > 300  # monthly generations reach back most of a year


def test_rotation_never_removes_the_only_backup_of_a_day(services: Services) -> None:
    first = services.vault.backup()
    second = services.vault.backup()
    remaining = [b.path for b in list_backups(first.path.parent)]
    assert remaining == [second.path]


def test_same_disk_is_detected(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert same_disk(tmp_path / "a", tmp_path / "b")
    assert not same_disk(tmp_path / "a", tmp_path / "missing")


def test_restore_after_the_vault_is_deleted(location: VaultLocation, data_dir: Path) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    fill(services, 3)
    made = services.vault.backup(data_dir.parent / "elsewhere")
    before = row_counts(services.vault.conn)
    names = [c.display_name for c in services.clients.list()]
    services.close()
    for name in ("vault.db", "vault.key"):
        (data_dir / name).unlink()
    restored = Services.open(location.restore(made.path, passphrase=PASSPHRASE))
    after = row_counts(restored.vault.conn)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }
    assert [c.display_name for c in restored.clients.list()] == names
    restored.close()


def test_restore_over_a_damaged_vault_keeps_the_damaged_files_aside(
    location: VaultLocation, data_dir: Path
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 2)
    made = services.vault.backup()
    services.close()
    db = data_dir / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0xFF
    db.write_bytes(bytes(raw))
    # The unlock doesn't read that page; the full check finds the damage.
    opened = location.unlock()
    assert not opened.check_integrity(datetime.now(UTC)).passed
    opened.close()
    assert db.read_bytes()[5000] == raw[5000]  # still there, for the restore to set aside
    damaged = hashlib.sha256(db.read_bytes()).hexdigest()
    restored = Services.open(location.restore(made.path))
    assert len(restored.clients.list()) == 2
    restored.close()
    [aside] = (data_dir / "backups").glob("replaced-*")
    assert hashlib.sha256((aside / "vault.db").read_bytes()).hexdigest() == damaged


def test_restore_refuses_another_vaults_backup(location: VaultLocation, tmp_path: Path) -> None:
    from boundary_desk.system.paths import resolve_paths
    from tests.conftest import FAST_COST
    from tests.fakes import MemoryKeychain

    other = VaultLocation(resolve_paths(tmp_path / "other"), MemoryKeychain(), FAST_COST)
    foreign = Services.open(other.create().vault)
    made = foreign.vault.backup()
    foreign.close()
    location.create().vault.close()
    before = hashlib.sha256((location.paths.vault_file).read_bytes()).hexdigest()
    with pytest.raises(VaultExists, match="different vault"):
        location.restore(made.path)
    assert hashlib.sha256(location.paths.vault_file.read_bytes()).hexdigest() == before


def test_restore_with_a_wrong_passphrase_changes_nothing(
    location: VaultLocation, data_dir: Path
) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    made = services.vault.backup()
    services.close()
    before = hashlib.sha256((data_dir / "vault.db").read_bytes()).hexdigest()
    with pytest.raises(WrongPassphrase):
        location.restore(made.path, passphrase="not the passphrase")
    assert hashlib.sha256((data_dir / "vault.db").read_bytes()).hexdigest() == before


def test_restoring_an_older_schema_migrates_it(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.storage.db import migrations
    from boundary_desk.storage.db.migrations import Migration

    services = Services.open(location.create().vault)
    fill(services, 1)
    made = services.vault.backup()
    services.close()
    extra = Migration(
        len(migrations.MIGRATIONS) + 1,
        "test column",
        "ALTER TABLE clients ADD COLUMN nickname TEXT NOT NULL DEFAULT ''",
    )
    steps = (*migrations.MIGRATIONS, extra)
    for where in ("restore_files", "opening"):  # the staged copy, then the reopened vault
        monkeypatch.setattr(
            f"boundary_desk.storage.vault.{where}.migrate",
            lambda conn, before_upgrade=None: migrations.migrate(
                conn, steps=steps, before_upgrade=before_upgrade
            ),
        )
    vault = location.restore(made.path)
    assert migrations.schema_version(vault.conn) == extra.version
    vault.close()


def test_an_open_vault_restores_without_asking_for_its_secret(
    location: VaultLocation, data_dir: Path
) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    fill(services, 2)
    made = services.vault.backup()
    fill(services, 3)  # written after the backup: the restore takes the vault back
    old_vault = services.vault

    restored = Services.open(old_vault.restore(made.path))

    assert not old_vault.is_open
    assert len(restored.clients.list()) == 2
    (aside,) = (data_dir / "backups").glob("replaced-*")
    assert (aside / "vault.db").is_file()
    assert (aside / "vault.key").is_file()
    assert audit.history(restored.vault.conn, limit=1)[0].action == "restore"
    assert restored.vault.verify_audit().intact
    restored.close()
    # The restored vault still opens with the same passphrase.
    location.unlock(passphrase=PASSPHRASE).close()


def test_a_damaged_backup_leaves_the_open_vault_open_and_unchanged(
    location: VaultLocation, data_dir: Path
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 2)
    made = services.vault.backup()
    db = made.path / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0xFF
    db.write_bytes(bytes(raw))

    with pytest.raises(VaultDamaged, match="choose an earlier backup"):
        services.vault.restore(made.path)

    assert services.vault.is_open
    assert len(services.clients.list()) == 2
    assert not list((data_dir / "backups").glob("replaced-*"))
    assert not (data_dir / ".vault.db.restoring").exists()
    services.close()


def test_an_open_vault_refuses_another_vaults_backup(
    location: VaultLocation, tmp_path: Path
) -> None:
    from boundary_desk.system.paths import resolve_paths
    from tests.conftest import FAST_COST
    from tests.fakes import MemoryKeychain

    other = VaultLocation(resolve_paths(tmp_path / "other"), MemoryKeychain(), FAST_COST)
    foreign = other.create().vault
    made = foreign.backup()
    foreign.close()
    services = Services.open(location.create().vault)

    with pytest.raises(VaultExists, match="different vault"):
        services.vault.restore(made.path)

    assert services.vault.is_open
    services.close()


def test_a_failed_swap_puts_the_current_files_back(
    location: VaultLocation, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 1)
    made = services.vault.backup()
    fill(services, 1)
    vault = services.vault
    real_replace = Path.replace

    def refuse_staging(self: Path, target):  # type: ignore[no-untyped-def]
        if self.name == ".vault.db.restoring":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", refuse_staging)
    with pytest.raises(StorageUnavailable, match="as it was"):
        vault.restore(made.path)
    monkeypatch.undo()

    reopened = Services.open(location.unlock())
    assert len(reopened.clients.list()) == 2  # the newer vault, not the backup
    reopened.close()


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no clean-up, no rollback."""


def test_a_restore_killed_before_the_swap_leaves_the_current_vault_in_place(
    location: VaultLocation, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 1)
    made = services.vault.backup()
    fill(services, 1)
    vault = services.vault
    real_replace = Path.replace

    def die_at_the_swap(self: Path, target):  # type: ignore[no-untyped-def]
        if self.name == ".vault.db.restoring":
            raise Killed
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", die_at_the_swap)
    with pytest.raises(Killed):
        vault.restore(made.path)
    monkeypatch.undo()

    # The current files were set aside, yet vault.db never left: the vault still opens.
    assert (data_dir / "vault.db").is_file()
    assert any(p.name.startswith("replaced-") for p in (data_dir / "backups").iterdir())
    fresh = VaultLocation(
        paths=location.paths, keychain=location.keychain, kdf_cost=location.kdf_cost
    )
    reopened = Services.open(fresh.unlock())
    assert len(reopened.clients.list()) == 2  # the newer vault, not the backup
    reopened.close()


def test_a_restore_killed_before_re_anchoring_leaves_no_false_tampering_alarm(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 1)
    made = services.vault.backup()
    fill(services, 1)
    services.vault.anchor_audit()  # the current trail's head is in vault.key
    real_open = vault_module.open_vault

    def die_after_the_swap(location, key_file, vault_key, action, *args, **kwargs):  # type: ignore[no-untyped-def]
        if action == "restore":
            raise Killed  # the swap is done; the key file still anchors the old trail
        return real_open(location, key_file, vault_key, action, *args, **kwargs)

    monkeypatch.setattr(vault_module, "open_vault", die_after_the_swap)
    with pytest.raises(Killed):
        services.vault.restore(made.path)
    monkeypatch.undo()

    fresh = VaultLocation(
        paths=location.paths, keychain=location.keychain, kdf_cost=location.kdf_cost
    )
    reopened = fresh.unlock()
    check = reopened.verify_audit()
    assert check.intact, check.reason
    assert len(Services.open(reopened).clients.list()) == 1  # the backup's, as restored
    reopened.close()
    assert fresh.unlock().verify_audit().intact  # and it stays so once re-anchored


def test_read_backup_describes_a_backup_and_tolerates_a_broken_manifest(
    location: VaultLocation,
) -> None:
    services = Services.open(location.create().vault)
    fill(services, 2)
    made = services.vault.backup()
    services.close()

    described = read_backup(made.path)
    assert described.verified
    assert described.counts["clients"] == 2
    assert described.created_at == made.created_at

    (made.path / "manifest.json").write_text('{"counts": "not a mapping"}')
    broken = read_backup(made.path)
    assert not broken.verified
    assert broken.counts == {}


def test_a_backup_on_another_thread_is_consistent_while_the_app_writes(
    services: Services,
) -> None:
    import threading

    fill(services, 3)
    made: list[Backup] = []
    failed: list[BaseException] = []

    def back_up() -> None:
        try:
            made.append(services.vault.write_backup())
        except BaseException as exc:  # reported by the assertion below
            failed.append(exc)

    worker = threading.Thread(target=back_up)
    worker.start()
    written = 0
    while worker.is_alive() or written < 5:
        services.clients.add(Client(code="", display_name=f"Written meanwhile {written}"))
        written += 1
    worker.join()

    assert failed == []
    (backup,) = made
    # Its counts describe one snapshot: somewhere between before and after the writes.
    assert 3 <= backup.counts["clients"] <= 3 + written
    services.vault.record_backup(backup)
    assert audit.history(services.vault.conn, limit=1)[0].action == "backup"


def test_a_write_between_counting_and_copying_cannot_skew_the_backup(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.storage.vault import backups

    fill(services, 2)
    real_counts = backups.row_counts
    calls: list[int] = []

    def count_then_write(conn):  # type: ignore[no-untyped-def]
        counted = real_counts(conn)
        if not calls:  # the app writes right after the backup counted its rows
            services.clients.add(Client(code="", display_name="Written in between"))
        calls.append(1)
        return counted

    monkeypatch.setattr(backups, "row_counts", count_then_write)
    made = services.vault.write_backup()

    assert made.counts["clients"] == 2  # the snapshot it counted is the one it copied
    assert len(services.clients.list()) == 3
