"""What is on disk at a vault location, before any key is tried.

A vault with a part missing is reported as damaged, never replaced by a new empty one.
"""

from __future__ import annotations

from enum import Enum

from boundary_desk.storage.errors import VaultDamaged, VaultMissing
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.keys.rekey_files import rekey_left_files
from boundary_desk.system.paths import AppPaths


class VaultState(Enum):
    """What is on disk at a vault location, before any key is tried."""

    ABSENT = "absent"
    PRESENT = "present"
    KEY_FILE_MISSING = "key file missing"
    DATABASE_MISSING = "database missing"


def vault_state(paths: AppPaths) -> VaultState:
    has_db = paths.vault_file.exists()
    has_key = paths.key_file.exists()
    if has_db and has_key:
        return VaultState.PRESENT
    if has_db:
        return VaultState.KEY_FILE_MISSING
    if has_key:
        return VaultState.DATABASE_MISSING
    return VaultState.ABSENT


def require_present(paths: AppPaths, keychain: Keychain) -> None:
    """Say what is missing unless both files are there; finish a re-key a crash cut short."""
    state = vault_state(paths)
    if state is VaultState.PRESENT and rekey_left_files(paths):
        # After a crash mid re-key. Loaded only then: the usual open (and the unlock
        # screen, which asks how the vault unlocks) needs none of the re-key's code.
        from boundary_desk.storage.keys.rekey import settle_interrupted_rekey

        settle_interrupted_rekey(paths, keychain)
    if state is VaultState.ABSENT:
        raise VaultMissing(
            f"There is no vault in {paths.data_dir}. Create one with "
            "`boundary-desk init`, or open the app to be guided."
        )
    if state is VaultState.KEY_FILE_MISSING:
        raise VaultDamaged(
            f"The key file {paths.key_file.name} is missing from "
            f"{paths.data_dir}, so the vault can't be unlocked. The vault itself "
            "is untouched: put the key file back (from a backup) and try again."
        )
    if state is VaultState.DATABASE_MISSING:
        raise VaultDamaged(
            f"The vault file {paths.vault_file.name} is missing from "
            f"{paths.data_dir}, though its key file is there. Put the vault file "
            "back (from a backup). No new vault was created."
        )
