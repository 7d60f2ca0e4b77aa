"""Creating a new vault: its key, its key file and its database, put in place together.

A vault is never created over anything of another: a folder holding any part of one
is refused, and the database is built under a temporary name first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlcipher3

from boundary_desk.storage.db.connection import open_database, raise_classified
from boundary_desk.storage.db.migrations import migrate
from boundary_desk.storage.errors import KeychainUnavailable, PassphraseRequired, VaultExists
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, write_key_file
from boundary_desk.storage.keys.recovery_key import new_recovery_key, recovery_key_secret
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.keys.vault_key import PASSPHRASE_WRAP, RECOVERY_WRAP
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.passphrase import check_passphrase
from boundary_desk.storage.vault.state import VaultState
from boundary_desk.storage.vault.unclean_close import mark_open
from boundary_desk.storage.vault.vault import Vault
from boundary_desk.system.paths import ensure_private_dir

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation


@dataclass(frozen=True)
class NewVault:
    vault: Vault
    recovery_key: str
    fallback_reason: str | None = None


def create_vault(
    location: VaultLocation,
    *,
    passphrase: str | None = None,
    strict: bool = False,
    now: datetime | None = None,
    recovery_key: str | None = None,
    vault_id: str | None = None,
) -> NewVault:
    """Create a new vault at `location`. Refuses if anything of a vault is already present."""
    if location.state() is not VaultState.ABSENT:
        raise VaultExists(
            f"A vault already exists in {location.paths.data_dir}; nothing was changed. "
            "Choose another folder to start a new one."
        )
    mode, fallback = choose_mode(location, passphrase, strict)
    if passphrase is not None:
        check_passphrase(passphrase)
    vault_key = key_wrap.new_vault_key()  # a SecretKey: wiped when the vault closes
    recovery = recovery_key or new_recovery_key()
    key_file = KeyFile(
        vault_id=vault_id or uuid.uuid4().hex, key_mode=mode, created_at=now or datetime.now(UTC)
    )
    key_file = _wrapped(location, key_file, vault_key, recovery, passphrase)
    if mode is KeyMode.KEYCHAIN:
        try:
            location.keychain.store(key_file.vault_id, vault_key.hex())
        except KeychainUnavailable as exc:
            if passphrase is None:
                raise PassphraseRequired(f"{exc} Choose a master passphrase instead.") from exc
            fallback = str(exc)
            key_file = key_file.with_mode(KeyMode.PASSPHRASE)
    write_new(location, key_file, vault_key)
    return NewVault(_open_new(location, key_file, vault_key), recovery, fallback)


def _wrapped(
    location: VaultLocation,
    key_file: KeyFile,
    vault_key: SecretKey,
    recovery_key: str,
    passphrase: str | None,
) -> KeyFile:
    """`key_file` with the vault key wrapped by the recovery key (and passphrase, if any)."""
    key_file = key_file.with_wrap(
        RECOVERY_WRAP,
        key_wrap.wrap_with_secret(
            vault_key, recovery_key_secret(recovery_key), key_file.aad(RECOVERY_WRAP)
        ),
    )
    if passphrase is not None:
        key_file = key_file.with_wrap(
            PASSPHRASE_WRAP,
            key_wrap.wrap_with_passphrase(
                vault_key, passphrase, key_file.aad(PASSPHRASE_WRAP), location.kdf_cost
            ),
        )
    return key_file


def _open_new(location: VaultLocation, key_file: KeyFile, vault_key: SecretKey) -> Vault:
    lock = VaultLock.shared(location.paths.data_dir)
    try:
        conn = open_database(location.paths.vault_file, vault_key)
    except BaseException:
        lock.release()
        raise
    mark_open(location.paths.vault_file)
    vault = Vault(location, conn, key_file, vault_key, lock=lock)
    vault.anchor_audit()
    return vault


def choose_mode(
    location: VaultLocation, passphrase: str | None, strict: bool
) -> tuple[KeyMode, str | None]:
    """How a new vault will unlock, and why it falls back to a passphrase if it does."""
    if strict:
        if passphrase is None:
            raise PassphraseRequired("Strict mode needs a master passphrase.")
        return KeyMode.PASSPHRASE, None
    usable, reason = location.keychain.available()
    if usable:
        return KeyMode.KEYCHAIN, None
    if passphrase is None:
        raise PassphraseRequired(
            f"{reason} Boundary Desk will protect the vault with a master passphrase "
            "instead; choose one."
        )
    return KeyMode.PASSPHRASE, (
        f"{reason} The vault is protected by your master passphrase instead."
    )


def write_new(location: VaultLocation, key_file: KeyFile, vault_key: SecretKey) -> None:
    """Build the database under a temporary name, then put both files in place."""
    paths = location.paths
    ensure_private_dir(paths.data_dir)
    building = paths.data_dir / ".vault.db.creating"
    leftovers = [building.with_name(building.name + end) for end in ("", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        conn = open_database(building, vault_key, create=True)
        try:
            migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except BaseException as exc:
        # A full or failing disk while building: nothing half-made is left behind.
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        if isinstance(exc, sqlcipher3.Error):
            raise_classified(exc, building)
        raise
    write_key_file(paths.key_file, key_file)
    building.replace(paths.vault_file)
