"""The vault key, reached with the recovery key, the passphrase or the keychain.

A wrong secret is told apart from a damaged file: the key wraps are authenticated.
"""

from __future__ import annotations

from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    KeychainKeyWrong,
    PassphraseRequired,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.keys.recovery_key import recovery_key_secret
from boundary_desk.storage.keys.secret_key import SecretKey

PASSPHRASE_WRAP = "passphrase"
RECOVERY_WRAP = "recovery"


def vault_key_from(
    key_file: KeyFile, keychain: Keychain, passphrase: str | None, recovery_key: str | None
) -> SecretKey:
    """The vault key: by the recovery key if given, else the way `key_file` says."""
    if recovery_key is not None:
        return _by_recovery_key(key_file, recovery_key)
    if key_file.key_mode is KeyMode.PASSPHRASE:
        return _by_passphrase(key_file, passphrase)
    return _from_keychain(key_file, keychain)


def _by_recovery_key(key_file: KeyFile, recovery_key: str) -> SecretKey:
    secret = recovery_key_secret(recovery_key)
    wrap = key_file.wraps.get(RECOVERY_WRAP)
    if wrap is None:
        raise VaultDamaged("The key file has no recovery entry; it has been altered.")
    try:
        return key_wrap.unwrap(wrap, secret, key_file.aad(RECOVERY_WRAP))
    except key_wrap.UnwrapFailed:
        raise WrongRecoveryKey() from None


def passphrase_key(key_file: KeyFile, passphrase: str) -> SecretKey:
    """The vault key behind `passphrase`; WrongPassphrase if it is not the one."""
    return _by_passphrase(key_file, passphrase)


def _by_passphrase(key_file: KeyFile, passphrase: str | None) -> SecretKey:
    if passphrase is None:
        raise PassphraseRequired("This vault is locked with a master passphrase.")
    wrap = key_file.wraps.get(PASSPHRASE_WRAP)
    if wrap is None:
        raise VaultDamaged("The key file has no passphrase entry; it has been altered.")
    try:
        return key_wrap.unwrap(wrap, passphrase, key_file.aad(PASSPHRASE_WRAP))
    except key_wrap.UnwrapFailed:
        raise WrongPassphrase() from None


def _from_keychain(key_file: KeyFile, keychain: Keychain) -> SecretKey:
    stored = keychain.load(key_file.vault_id)
    if stored is None:
        raise KeychainEntryMissing()
    try:
        # The keychain hands back text, a str Python can't wipe; the key itself
        # is parsed straight into a buffer that can be.
        key = SecretKey.from_hex(stored)
    except ValueError:
        raise KeychainKeyWrong() from None
    if len(key.raw) != key_wrap.VAULT_KEY_BYTES:
        key.wipe()
        raise KeychainKeyWrong()
    return key
