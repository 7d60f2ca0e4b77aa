"""Opening a vault's database: its WAL checked, its file's shape checked, migrated, and why.

The whole-file integrity check is not part of opening: it reads every page, so it
grew with the vault (76% of a ten-year unlock). It runs in the background instead,
on a schedule, before every backup and on `check` (storage/vault/integrity.py).

An upgrade that would change the schema of a vault holding data first writes an
encrypted copy of it, so nothing is lost if the upgrade goes wrong.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import sqlcipher3

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.db.connection import Connection, open_database, raise_classified
from boundary_desk.storage.db.migrations import (
    export_encrypted_copy,
    migrate,
    pending_steps,
    pre_migration_copy_path,
)
from boundary_desk.storage.errors import StorageUnavailable
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.unclean_close import check_wal, close_connection, mark_open
from boundary_desk.system.paths import AppPaths, ensure_private_dir

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation

log = logging.getLogger(__name__)


def open_connection(
    location: VaultLocation,
    vault_key: SecretKey,
    action: str,
    details: dict[str, Any],
    *,
    lock: VaultLock,
) -> Connection:
    """Open and migrate the database, and record why; `lock` is released on failure."""
    paths = location.paths
    try:
        check_wal(paths.vault_file)  # before SQLite resets the WAL index
        # Only the cheap checks here (whole pages, a schema that decrypts); every page
        # is still authenticated by SQLCipher whenever it is read.
        conn = open_database(paths.vault_file, vault_key, check=False)
    except BaseException:
        lock.release()
        raise
    mark_open(paths.vault_file)
    try:
        migrate(conn, before_upgrade=lambda v: copy_before_upgrade(paths, conn, vault_key, v))
        audit.record(conn, action, "vault", details=details)
    except BaseException as exc:
        close_connection(conn, paths.vault_file)
        lock.release()
        if isinstance(exc, sqlcipher3.Error):
            # A read-only or full disk is the environment's doing: say it in one sentence.
            raise_classified(exc, paths.vault_file)
        raise
    return conn


def open_read_only_connection(location: VaultLocation, vault_key: SecretKey) -> Connection:
    """Open for reading only: no migration, no audit row, nothing written anywhere."""
    check_wal(location.paths.vault_file)
    conn = open_database(location.paths.vault_file, vault_key, check=False, read_only=True)
    try:
        if pending_steps(conn):
            raise StorageUnavailable(
                "This vault was written by an earlier Boundary Desk and must be updated "
                "before it opens, which can't be done on a disk or folder that can't be "
                "written. Copy the whole data folder to a disk that can be written and "
                "open it from there."
            )
    except BaseException:
        conn.close()
        raise
    log.info("vault opened read-only")
    return conn


def copy_before_upgrade(
    paths: AppPaths, conn: Connection, vault_key: SecretKey, version: int
) -> None:
    """An encrypted copy of the vault at schema `version`, in its backups folder."""
    ensure_private_dir(paths.backup_dir)
    dest = pre_migration_copy_path(paths.backup_dir, version)
    export_encrypted_copy(conn, vault_key, dest)
    log.info("encrypted copy written before schema upgrade from v%d", version)
