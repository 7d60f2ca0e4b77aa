"""Putting a checked backup's files in the vault's place.

The backup is copied beside the vault and checked first, so a failure leaves the vault
as it was. The current files are then kept aside (encrypted as they are) in
backups/replaced-…, and the checked copy replaces vault.db in one rename.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from boundary_desk.storage.db.connection import open_database, raise_classified
from boundary_desk.storage.db.migrations import migrate
from boundary_desk.storage.errors import (
    KeyDoesNotOpen,
    StorageUnavailable,
    VaultDamaged,
    VaultExists,
    VaultMissing,
)
from boundary_desk.storage.keys.key_file import KeyFile, write_key_file
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.backups import BackupMismatch, check_contents
from boundary_desk.storage.vault.unclean_close import marker_path
from boundary_desk.system.fileio import copy_private
from boundary_desk.system.paths import AppPaths, ensure_private_dir

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation


class BackupLocation:
    """A backup folder, with the paths a vault's files have there."""

    def __init__(self, folder: Path, like: VaultLocation) -> None:
        if not (folder / "vault.db").is_file() or not (folder / "vault.key").is_file():
            raise VaultMissing(
                f"{folder} is not a Boundary Desk backup (no vault.db and vault.key)."
            )
        self.paths = AppPaths(data_dir=folder, log_dir=like.paths.log_dir)

    @property
    def manifest(self) -> Path:
        return self.paths.data_dir / "manifest.json"


def require_same_vault(here: KeyFile, backup: KeyFile) -> None:
    """VaultExists if `backup` is of another vault than the one here."""
    if here.vault_id != backup.vault_id:
        raise VaultExists(
            "That backup belongs to a different vault than the one here. Nothing was "
            "changed; restore it into an empty folder with --data-dir."
        )


def stage_restore(paths: AppPaths, source: BackupLocation, vault_key: SecretKey) -> Path:
    """Copy the backup beside the vault, then check and migrate the copy.

    Nothing of the current vault has moved yet, so any failure here leaves it as it was.
    """
    ensure_private_dir(paths.data_dir)
    staging = paths.data_dir / ".vault.db.restoring"
    for leftover in (staging, *(staging.with_name(staging.name + e) for e in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    try:
        copy_private(source.paths.vault_file, staging)
        conn = open_database(staging, vault_key)  # integrity-checked before anything moves
        try:
            check_contents(conn, source.paths.data_dir)  # the rows its manifest lists
            migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except BaseException as exc:
        staging.unlink(missing_ok=True)  # whatever went wrong, no half-made copy stays
        _raise_in_clinicians_words(exc, paths.data_dir, staging)
        raise
    return staging


def _raise_in_clinicians_words(exc: BaseException, data_dir: Path, staging: Path) -> None:
    """Say why a backup couldn't be staged, if it is one of the expected reasons."""
    if isinstance(exc, OSError):
        raise StorageUnavailable(
            f"The backup could not be copied into {data_dir}: {exc.strerror}. Nothing was changed."
        ) from exc
    if isinstance(exc, sqlcipher3.Error):
        raise_classified(exc, staging)
    if isinstance(exc, KeyDoesNotOpen):
        raise VaultDamaged(
            "Today's key doesn't open that backup: it was made before the vault was "
            "re-keyed, or it is damaged. Nothing was changed; a backup from before a "
            "re-key restores into an empty folder (--data-dir) with the passphrase or "
            "recovery key of its day."
        ) from exc
    if isinstance(exc, VaultDamaged) and not isinstance(exc, BackupMismatch):
        raise VaultDamaged(
            "That backup failed its integrity check, so it can't be restored. Nothing "
            "was changed; choose an earlier backup."
        ) from exc


def swap_in(paths: AppPaths, staging: Path, key_file: KeyFile, now: datetime) -> None:
    """Set the current files aside, then put the checked copy in the vault's place."""
    try:
        aside = set_aside_current(paths, now)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise StorageUnavailable(
            f"The restore could not keep a copy of the current vault first: "
            f"{exc.strerror}. The vault is as it was."
        ) from exc
    try:
        if not paths.key_file.exists():
            write_key_file(paths.key_file, key_file)
        staging.replace(paths.vault_file)
    except OSError as exc:
        if aside is not None:  # put the side files back; vault.db itself never left
            for kept in aside.iterdir():
                if kept.name not in ("vault.key", paths.vault_file.name):
                    kept.replace(paths.data_dir / kept.name)
        raise StorageUnavailable(
            f"The restore could not finish: {exc.strerror}. The vault is as it was."
        ) from exc


def set_aside_current(paths: AppPaths, now: datetime) -> Path | None:
    """Keep the current vault files (encrypted as they are) in backups/replaced-…

    vault.db is copied, not moved: it stays in place until the restored copy
    replaces it in one rename, so a kill at any moment leaves a vault.db here.
    Its side files (WAL, index, open marker) move, so none of them can be applied
    to the restored file.
    """
    present = [
        p
        for p in (
            paths.vault_file,
            paths.vault_file.with_name("vault.db-wal"),
            paths.vault_file.with_name("vault.db-shm"),
            marker_path(paths.vault_file),
        )
        if p.exists()
    ]
    if not present:
        return None
    aside = ensure_private_dir(paths.backup_dir / f"replaced-{now.strftime('%Y%m%dT%H%M%S%fZ')}")
    if paths.key_file.exists():
        copy_private(paths.key_file, aside / "vault.key")
    for path in present:
        if path == paths.vault_file:
            copy_private(path, aside / path.name)
        else:
            path.replace(aside / path.name)
    return aside
