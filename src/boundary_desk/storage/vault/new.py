"""Taking back a vault made moments ago, when its recovery key never reached anyone.

A vault whose recovery key was never shown is one lost keychain away from lost
records, so `init` removes it rather than leave it. Nothing else is ever removed:
only the files of the vault just created, checked by its id.
"""

from __future__ import annotations

import contextlib
import logging

from boundary_desk.storage.errors import KeychainUnavailable, VaultDamaged
from boundary_desk.storage.keys.key_file import read_key_file
from boundary_desk.storage.vault.creating import NewVault
from boundary_desk.storage.vault.location import VaultLocation

log = logging.getLogger(__name__)


def discard_new_vault(location: VaultLocation, created: NewVault) -> None:
    """Close and remove the vault `created` made here, and its keychain entry."""
    vault_id = created.vault.key_file.vault_id
    created.vault.close()
    paths = location.paths
    try:
        if read_key_file(paths.key_file).vault_id != vault_id:
            return  # not the vault just made: never touch it
    except VaultDamaged:
        return
    for name in ("vault.db", "vault.db-wal", "vault.db-shm"):
        (paths.data_dir / name).unlink(missing_ok=True)
    paths.key_file.unlink(missing_ok=True)
    with contextlib.suppress(KeychainUnavailable):
        location.keychain.delete(vault_id)
    log.info("a new vault whose recovery key could not be shown was removed")
