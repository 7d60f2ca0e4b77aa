"""Copies that used to stay forever: partial backups, replaced vaults, and 0644 key files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.vault.backups import BackupFailed, list_backups
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.partial_backups import (
    ABANDONED_AFTER_S,
    LOCK_NAME,
    remove_backup_folder,
    writing,
)
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

# Starts a backup and is killed once its copy is written, before it is finished.
KILLED_BACKUP = """
import os, signal, sys
from pathlib import Path
from boundary_desk.system.paths import resolve_paths
from boundary_desk.storage.vault import backups
from boundary_desk.storage.vault.location import VaultLocation
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain
location = VaultLocation(resolve_paths(Path(sys.argv[1])), MemoryKeychain(), FAST_COST)
vault = location.unlock(passphrase=PASSPHRASE)
backups.copy_private = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
vault.backup()
"""


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """Most desktops run with umask 022: a plain copy would be 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def passphrase_vault(location: VaultLocation) -> Services:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="", display_name="Leftover"))
    return services


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("backup-*.part"))


def test_a_backup_killed_midway_is_cleaned_up_by_the_next_one(
    passphrase_vault: Services, location: VaultLocation
) -> None:
    passphrase_vault.close()
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, str(location.paths.data_dir)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == -9, proc.stderr
    assert len(parts(location.paths.backup_dir)) == 1

    vault = location.unlock(passphrase=PASSPHRASE)
    made = vault.backup()
    vault.close()

    assert parts(location.paths.backup_dir) == []
    assert [p.name for p in location.paths.backup_dir.iterdir()] == [made.path.name]
    assert sorted(p.name for p in made.path.iterdir()) == ["manifest.json", "vault.db", "vault.key"]


def test_a_partial_backup_being_written_is_left_alone(passphrase_vault: Services) -> None:
    folder = passphrase_vault.vault.location.paths.backup_dir
    live = folder / "backup-20261201T000000000000Z.part"
    old = folder / "backup-20261101T000000000000Z.part"  # an older version's, no lock file
    recent = folder / "backup-20261130T000000000000Z.part"
    for path in (live, old, recent):
        path.mkdir(parents=True)
    stale = time.time() - ABANDONED_AFTER_S - 60
    os.utime(old, (stale, stale))

    with writing(live):  # as another process writing it would
        passphrase_vault.vault.backup()
        assert (live / LOCK_NAME).exists()

    assert parts(folder) == [recent.name, live.name]
    passphrase_vault.close()


def test_replaced_vaults_rotate_by_the_setting_and_every_copy_is_private(
    passphrase_vault: Services, location: VaultLocation
) -> None:
    passphrase_vault.settings.set("replaced", "2")  # a setting in the vault, so in its backup
    made = passphrase_vault.vault.backup(location.paths.data_dir.parent / "usb")
    vault = passphrase_vault.vault
    for _ in range(4):
        vault = vault.restore(made.path)  # each restore sets the current files aside
    vault.close()

    aside = sorted(location.paths.backup_dir.glob("replaced-*"))
    assert len(aside) == 2
    for copy in [*aside, made.path]:
        assert copy.stat().st_mode & 0o777 == 0o700
        for path in copy.iterdir():
            assert path.stat().st_mode & 0o777 == 0o600, path


def test_replaced_vaults_keep_three_by_default(location: VaultLocation) -> None:
    services = Services.open(location.create().vault)
    made = services.vault.backup()
    vault = services.vault
    for _ in range(5):
        vault = vault.restore(made.path)
    vault.close()
    assert len(list(location.paths.backup_dir.glob("replaced-*"))) == 3


def test_a_full_disk_in_the_database_copy_is_one_sentence_and_no_folder(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.storage.vault import backups

    def full(*_a: object, **_k: object) -> None:
        raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "export_encrypted_copy", full)
    with pytest.raises(BackupFailed) as failed:
        services.vault.backup(tmp_path / "usb")

    assert failed.value.message == (
        f"The disk holding {tmp_path / 'usb'} is full, so the backup could not be written; "
        "the vault is untouched and no partial backup was left."
    )
    assert list((tmp_path / "usb").iterdir()) == []


def test_a_backup_whose_removal_was_cut_short_is_never_listed(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rotation deleting an old backup, killed halfway: no half-deleted folder is listed."""
    first = services.vault.backup()
    killed_after = []

    def killed_midway(path: Path, ignore_errors: bool = False) -> None:
        (path / "vault.db").unlink()  # the kill lands after the first file went
        killed_after.append(path)
        raise KeyboardInterrupt  # stands for kill -9: nothing after this runs

    monkeypatch.setattr(shutil, "rmtree", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        remove_backup_folder(first.path)
    monkeypatch.undo()

    folder = services.vault.location.paths.backup_dir
    assert killed_after and not first.path.exists()
    assert list_backups(folder) == []
    made = services.vault.backup()  # the next run finishes the removal
    assert [p.name for p in folder.iterdir()] == [made.path.name]
