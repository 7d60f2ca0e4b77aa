"""Unlocking a vault with the recovery key, the passphrase or the keychain.

The key file is read under the vault's lock, so a re-key elsewhere can't change it
meanwhile, and a vault that doesn't open keeps no key in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.storage.errors import KeychainKeyWrong, KeyDoesNotOpen
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, read_key_file
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.keys.vault_key import vault_key_from
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.opening import open_read_only_connection
from boundary_desk.storage.vault.passphrase import check_passphrase
from boundary_desk.storage.vault.state import require_present
from boundary_desk.storage.vault.vault import Vault, open_vault

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation


def unlock(
    location: VaultLocation, *, passphrase: str | None = None, recovery_key: str | None = None
) -> Vault:
    """Open the vault with the recovery key, the passphrase or the keychain."""
    require_present(location.paths, location.keychain)
    read_only = location.is_read_only()
    # Held before the key file is read, so a re-key elsewhere can't change it meanwhile
    # (a read-only folder gets no lock file: nothing there can be replaced).
    lock = VaultLock(location.paths.data_dir)
    if not read_only:
        lock.hold_shared()
    try:
        key_file = read_key_file(location.paths.key_file)
        vault_key = vault_key_from(key_file, location.keychain, passphrase, recovery_key)
    except BaseException:
        lock.release()
        raise
    try:
        vault = _open_unlocked(location, key_file, vault_key, read_only=read_only, lock=lock)
    except KeyDoesNotOpen as exc:
        vault_key.wipe()
        # Only the keychain's copy is unauthenticated; a key from a wrap is the right one.
        from_keychain = recovery_key is None and key_file.key_mode is KeyMode.KEYCHAIN
        if from_keychain and whole_pages(location.paths.vault_file):
            raise KeychainKeyWrong() from exc
        raise
    except BaseException:
        vault_key.wipe()  # a vault that didn't open keeps no key in memory
        raise
    # After the unlock's row is committed (durably: synchronous = FULL), never before:
    # an anchor ahead of its trail would read, after a crash, as deleted rows. When the
    # anchor already names the row before the unlock's, moving it waits for the next
    # write (Vault.anchor_after_unlock says why that loses nothing); otherwise it is
    # written now, as one atomic replace of vault.key (file, rename, folder).
    vault.anchor_after_unlock()
    return vault


def _open_unlocked(
    location: VaultLocation,
    key_file: KeyFile,
    vault_key: SecretKey,
    *,
    read_only: bool,
    lock: VaultLock,
) -> Vault:
    if read_only:
        conn = open_read_only_connection(location, vault_key)
        return Vault(location, conn, key_file, vault_key, read_only=True)
    # Whether the key file held an anchor: `audit verify` tells a removed one from none.
    anchored = key_file.audit_head is not None
    details = {"key_mode": key_file.key_mode.value, "anchored": anchored}
    return open_vault(location, key_file, vault_key, "unlock", details, lock=lock)


def recover(location: VaultLocation, recovery_key: str, new_passphrase: str) -> Vault:
    """Unlock with the recovery key and set a new passphrase in one step."""
    check_passphrase(new_passphrase)
    vault = unlock(location, recovery_key=recovery_key)
    try:
        vault.set_passphrase(new_passphrase)
    except BaseException:
        vault.close()
        raise
    return vault


def whole_pages(path: Path, page_size: int = 4096) -> bool:
    """Whether the file is whole pages: a truncated file is damage, whatever the key."""
    size = path.stat().st_size
    return size >= page_size and size % page_size == 0
