"""Taking a backup of an open vault, through a connection of its own.

Safe to run on a worker thread while the app goes on using the vault: the copy and
its row counts come from one snapshot. The vault's full integrity check runs first,
on the same connection; a vault that fails it is not backed up (see integrity.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.storage.db.connection import open_database
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.backups import Backup, create_backup, rotate_after
from boundary_desk.storage.vault.integrity import VaultFailedCheck, check_connection
from boundary_desk.storage.vault.set_aside import rotate_set_aside
from boundary_desk.storage.vault.unclean_close import close_connection

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation


def write_backup(location: VaultLocation, vault_key: SecretKey, folder: Path) -> Backup:
    """An encrypted, verified backup in `folder`; older generations are then rotated away."""
    # A copy of its own: locking meanwhile wipes the vault's key, not this one.
    key = vault_key.copy()
    paths = location.paths
    try:
        conn = open_database(paths.vault_file, key, check=False)
        try:
            checked = check_connection(conn, datetime.now(UTC), "backup")
            if not checked.passed:
                raise VaultFailedCheck(checked, before_backup=True)  # nothing written or rotated
            made = replace(create_backup(conn, key, paths.key_file, folder), checked=checked)
            rotate_set_aside(paths.backup_dir, conn)
        finally:
            close_connection(conn, paths.vault_file)
    finally:
        key.wipe()
    return rotate_after(made, folder)
