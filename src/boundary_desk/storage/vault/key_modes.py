"""Changing how an open vault unlocks: a passphrase, the keychain, a new recovery key.

Each change writes the new key file and returns it; the vault key itself stays the same.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from boundary_desk.storage.audit.trail import ChainCheck
from boundary_desk.storage.errors import KeychainUnavailable, VaultDamaged
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, write_key_file
from boundary_desk.storage.keys.recovery_key import recovery_key_secret
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.keys.vault_key import PASSPHRASE_WRAP, RECOVERY_WRAP

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation

log = logging.getLogger(__name__)


def wrap_with_passphrase(
    location: VaultLocation, key_file: KeyFile, vault_key: SecretKey, passphrase: str
) -> KeyFile:
    """Protect the key with `passphrase`; the keychain's copy (if any) is removed."""
    wrap = key_wrap.wrap_with_passphrase(
        vault_key, passphrase, key_file.aad(PASSPHRASE_WRAP), location.kdf_cost
    )
    updated = key_file.with_wrap(PASSPHRASE_WRAP, wrap).with_mode(KeyMode.PASSPHRASE)
    write_key_file(location.paths.key_file, updated)
    if key_file.key_mode is KeyMode.KEYCHAIN:
        try:
            location.keychain.delete(updated.vault_id)
        except KeychainUnavailable:
            log.warning("could not remove the old keychain entry")
    return updated


def hold_in_keychain(location: VaultLocation, key_file: KeyFile, vault_key: SecretKey) -> KeyFile:
    """Hold the key in the system keychain; the passphrase wrap is removed."""
    location.keychain.store(key_file.vault_id, vault_key.hex())
    wraps = {k: v for k, v in key_file.wraps.items() if k != PASSPHRASE_WRAP}
    updated = replace(key_file, wraps=wraps).with_mode(KeyMode.KEYCHAIN)
    write_key_file(location.paths.key_file, updated)
    return updated


def with_recovery_key(key_file: KeyFile, vault_key: SecretKey, recovery_key: str) -> KeyFile:
    """`key_file` with `recovery_key` as the one that unlocks (not yet written)."""
    wrap = key_wrap.wrap_with_secret(
        vault_key, recovery_key_secret(recovery_key), key_file.aad(RECOVERY_WRAP)
    )
    return key_file.with_wrap(RECOVERY_WRAP, wrap)


def refuse_hidden_damage(check: ChainCheck) -> None:
    """VaultDamaged if the trail has damage a re-key would hide.

    A broken chain is refused by rekey_database itself; what only the full check sees
    (a cut-back tail, a trigger, a cleared payload) is refused here.
    """
    if check.first_broken is None and check.problems:
        raise VaultDamaged(
            f"{check.summary()} The vault was not re-keyed, as that would hide it. Nothing "
            "was changed."
        )
