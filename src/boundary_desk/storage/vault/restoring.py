"""Restoring a locked (or unopenable) vault from a backup, with a secret to reach its key.

An open vault restores with `Vault.restore`, which needs no secret.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.storage.audit import carry as audit_carry
from boundary_desk.storage.keys.key_file import KeyMode, read_key_file
from boundary_desk.storage.keys.vault_key import vault_key_from
from boundary_desk.storage.vault.restore_files import (
    BackupLocation,
    require_same_vault,
    stage_restore,
    swap_in,
)
from boundary_desk.storage.vault.vault import Vault, open_restored

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation


def restore_needs_passphrase(location: VaultLocation, backup: Path) -> bool:
    """Whether restoring `backup` at `location` asks for the master passphrase."""
    source = BackupLocation(backup, location)
    here = location.paths.key_file
    key_path = here if here.exists() else source.paths.key_file
    return read_key_file(key_path).key_mode is KeyMode.PASSPHRASE


def restore_locked(
    location: VaultLocation,
    backup: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    now: datetime | None = None,
) -> Vault:
    """Replace the vault with a verified backup; the current files are kept aside first."""
    paths = location.paths
    source = BackupLocation(backup, location)
    key_file = backup_key_file = read_key_file(source.paths.key_file)
    if paths.key_file.exists():
        key_file = read_key_file(paths.key_file)
        require_same_vault(key_file, backup_key_file)
        # Same vault, same key: today's passphrase (or keychain) unlocks it.
    vault_key = vault_key_from(key_file, location.keychain, passphrase, recovery_key)
    with location.exclusive():  # refused while the app or a command has this vault open
        staging = stage_restore(paths, source, vault_key)
        carried = audit_carry.rows_of_current(paths.vault_file, vault_key, staging)
        audit_carry.carry_into(
            staging,
            vault_key,
            key_file.vault_id,
            carried,
            source.manifest,
            superseded=key_file.audit_head,
        )
        swap_in(paths, staging, key_file, now or datetime.now(UTC))
    return open_restored(location, key_file, vault_key, backup)
