"""Re-keying: a new vault key for the whole database, new wraps and a new recovery key.

The database is re-encrypted into a copy beside it (sqlcipher_export, so the copy has
a new salt as well as a new key), its audit chain is re-MACed under the new key and
checked, and only then is the copy put in place by one rename. Until that rename the
vault's own files are untouched. The new key file waits beside them as
`vault.key.next`, naming the database it opens by that database's salt, so after a
crash at any point the key file that opens `vault.db` is on disk, and
`settle_interrupted_rekey` puts it in place at the next open. Old backups keep their
own key file: they still open with the passphrase and recovery key of their day.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import AuditHead, current_head
from boundary_desk.storage.audit.functions import audit_key, chain_mac
from boundary_desk.storage.db.connection import Connection, open_database, transaction
from boundary_desk.storage.db.migrations import export_encrypted_copy
from boundary_desk.storage.errors import (
    KeychainUnavailable,
    PassphraseRequired,
    StorageUnavailable,
    VaultBusy,
    VaultDamaged,
)
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, read_key_file
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.keys.recovery_key import recovery_key_secret
from boundary_desk.storage.keys.rekey_files import NEXT_KEY_FILE, STAGING, part_of, rekey_left_files
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.keys.vault_key import PASSPHRASE_WRAP, RECOVERY_WRAP
from boundary_desk.system.fileio import atomic_write, fsync_dir
from boundary_desk.system.paths import AppPaths

log = logging.getLogger(__name__)

SALT_BYTES = 16  # SQLCipher 4 keeps a random salt in a database file's first 16 bytes
LOCK_FILE = ".rekey.lock"
BUSY = (
    "The vault is being re-keyed by another Boundary Desk window or command. Nothing was "
    "changed; try again in a moment."
)


@dataclass(frozen=True)
class Rekeyed:
    key_file: KeyFile
    vault_key: SecretKey


def next_account(vault_id: str) -> str:
    """Where the new key waits in the keychain until the new database is in place."""
    return f"{vault_id}.next"


def rekey_database(
    paths: AppPaths,
    keychain: Keychain,
    conn: Connection,
    key_file: KeyFile,
    old_key: SecretKey,
    *,
    recovery_key: str,
    passphrase: str | None,
    cost: key_wrap.Argon2Cost,
    close_live: Callable[[], None],
) -> Rekeyed:
    """Re-encrypt the vault under a new key with new wraps; `close_live` closes `conn`.

    The one entry point for a re-key: whatever refuses or fails before the swap
    leaves the vault exactly as it was, under its old key and old wraps.
    """
    with _exclusive(paths) as held:
        if not held:
            raise VaultBusy(BUSY)
        return _rekey(
            paths, keychain, conn, key_file, old_key, recovery_key, passphrase, cost, close_live
        )


def _rekey(
    paths: AppPaths,
    keychain: Keychain,
    conn: Connection,
    key_file: KeyFile,
    old_key: SecretKey,
    recovery_key: str,
    passphrase: str | None,
    cost: key_wrap.Argon2Cost,
    close_live: Callable[[], None],
) -> Rekeyed:
    _require_intact_chain(conn, old_key)
    needs_passphrase = key_file.key_mode is KeyMode.PASSPHRASE or PASSPHRASE_WRAP in key_file.wraps
    if needs_passphrase and passphrase is None:
        raise PassphraseRequired("Re-keying a passphrase vault needs a (new) master passphrase.")
    new_key = key_wrap.new_vault_key()
    staging = paths.data_dir / STAGING
    try:
        head = _stage_copy(conn, new_key, staging)
        new_file = _new_key_file(key_file, new_key, recovery_key, passphrase, cost)
        # The re-MACed trail's head, sealed under the new key: the old seal no longer checks.
        new_file = new_file.with_audit_head(head.to_dict(new_key, key_file.vault_id))
        if new_file.key_mode is KeyMode.KEYCHAIN:
            keychain.store(next_account(key_file.vault_id), new_key.hex())
        _write_next(paths, new_file, staging)
        close_live()
        _swap(paths, staging)
    except BaseException:
        _discard(paths, keychain, key_file.vault_id)
        new_key.wipe()
        raise
    _promote(paths, keychain, new_file, new_key)
    log.info("vault re-keyed")
    return Rekeyed(new_file, new_key)


def _require_intact_chain(conn: Connection, old_key: SecretKey) -> None:
    # Re-MACing a broken chain would hide whatever broke it.
    check = audit.verify_chain(conn, old_key)
    if not check.intact:
        raise VaultDamaged(
            f"The audit trail is broken at row {check.first_broken} ({check.reason}), so the "
            "vault was not re-keyed: that would hide the break. Nothing was changed; see "
            "`boundary-desk audit verify`."
        )


def _stage_copy(conn: Connection, new_key: SecretKey, staging: Path) -> AuditHead:
    """The whole database under `new_key` at `staging`, its audit chain re-MACed and checked."""
    for leftover in _with_sidecars(staging):
        leftover.unlink(missing_ok=True)
    export_encrypted_copy(conn, new_key, staging)
    copy = open_database(staging, new_key)  # integrity-checked under the new key
    try:
        remac_chain(copy, new_key)
        audit.record(copy, "rekey", "vault")
        check = audit.verify_chain(copy, new_key)
        if not check.intact:  # a bug, never the clinician's doing: stop before the swap
            raise RuntimeError(f"re-MACed audit chain fails at row {check.first_broken}")
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return current_head(copy)
    finally:
        copy.close()


def remac_chain(conn: Connection, new_key: SecretKey) -> None:
    """Recompute every audit row's MAC under `new_key`, in one transaction.

    The append-only triggers are set aside for this one statement sequence and put
    back exactly as they were, inside the same transaction.
    """
    key = audit_key(new_key)
    with transaction(conn):
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        rows = conn.execute(
            "SELECT id, at, action, table_name, row_key, client_id, payload_hash "
            "FROM audit_log ORDER BY id"
        ).fetchall()
        prev: str | None = None
        for row_id, at, action, table, row_key, client_id, payload_hash in rows:
            prev = chain_mac(key, prev, at, action, table, row_key, client_id, payload_hash)
            conn.execute("UPDATE audit_log SET mac = ? WHERE id = ?", (prev, row_id))
        for _name, sql in triggers:
            conn.execute(sql)


def _new_key_file(
    old: KeyFile,
    new_key: SecretKey,
    recovery_key: str,
    passphrase: str | None,
    cost: key_wrap.Argon2Cost,
) -> KeyFile:
    wraps = {
        RECOVERY_WRAP: key_wrap.wrap_with_secret(
            new_key, recovery_key_secret(recovery_key), old.aad(RECOVERY_WRAP)
        )
    }
    if passphrase is not None and (
        old.key_mode is KeyMode.PASSPHRASE or PASSPHRASE_WRAP in old.wraps
    ):
        wraps[PASSPHRASE_WRAP] = key_wrap.wrap_with_passphrase(
            new_key, passphrase, old.aad(PASSPHRASE_WRAP), cost
        )
    # Everything else the key file holds carries over; only the wraps are new.
    return replace(old, wraps=wraps)


def _write_next(paths: AppPaths, new_file: KeyFile, staging: Path) -> None:
    doc = json.loads(new_file.to_json())
    doc["db_salt"] = _salt(staging)
    atomic_write(paths.key_file.with_name(NEXT_KEY_FILE), json.dumps(doc, indent=2).encode())


def _swap(paths: AppPaths, staging: Path) -> None:
    """Put the re-keyed copy in the vault's place: one rename, once nothing else has it open."""
    wal = paths.vault_file.with_name(paths.vault_file.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Someone else still has the old database open; their WAL would be applied to
        # the new file. Refuse before anything moves.
        raise VaultBusy(
            "The vault is open in another Boundary Desk window or command, so it was not "
            "re-keyed. Nothing was changed; close it and try again."
        )
    try:
        for sidecar in _with_sidecars(paths.vault_file)[1:]:
            sidecar.unlink(missing_ok=True)
        os.replace(staging, paths.vault_file)
        fsync_dir(paths.data_dir)
    except OSError as exc:
        raise StorageUnavailable(
            f"The re-key could not finish: {exc.strerror}. The vault is as it was."
        ) from exc


def _promote(paths: AppPaths, keychain: Keychain, new_file: KeyFile, new_key: SecretKey) -> None:
    """The new database is in place: its key file (and keychain entry) become the vault's."""
    os.replace(paths.key_file.with_name(NEXT_KEY_FILE), paths.key_file)
    fsync_dir(paths.data_dir)
    if new_file.key_mode is KeyMode.KEYCHAIN:
        _promote_keychain_only(keychain, new_file.vault_id, new_key)


def _discard(paths: AppPaths, keychain: Keychain, vault_id: str | None) -> None:
    """Remove what a re-key that never swapped left behind; the vault's own files stay."""
    paths.key_file.with_name(NEXT_KEY_FILE).unlink(missing_ok=True)
    staging = paths.data_dir / STAGING
    for leftover in [*_with_sidecars(staging), _part(staging)]:
        leftover.unlink(missing_ok=True)
    if vault_id is not None:
        with contextlib.suppress(KeychainUnavailable):
            keychain.delete(next_account(vault_id))


def settle_interrupted_rekey(paths: AppPaths, keychain: Keychain) -> None:
    """Finish or undo a re-key a crash interrupted, by which database is in place.

    Needs no secret: the waiting key file names its database by salt. Run before
    the key file is read.
    """
    waiting = paths.key_file.with_name(NEXT_KEY_FILE)
    if not rekey_left_files(paths):
        return  # the usual case: nothing to settle, and nothing is written
    with _exclusive(paths) as held:
        if not held:
            raise VaultBusy(BUSY)  # a re-key is running now: leave its files alone
        _settle(paths, keychain, waiting)


def _settle(paths: AppPaths, keychain: Keychain, waiting: Path) -> None:
    if not waiting.exists():
        _discard(paths, keychain, None)  # killed while copying: only the copy is left
        return
    try:
        salt = json.loads(waiting.read_bytes()).get("db_salt")
        in_place = paths.vault_file.is_file() and salt == _salt(paths.vault_file)
        new_file = read_key_file(waiting)
    except (OSError, ValueError, AttributeError, VaultDamaged):
        in_place, new_file = False, None
    if not in_place or new_file is None:
        old = read_key_file(paths.key_file)
        _discard(paths, keychain, old.vault_id)
        log.info("an interrupted re-key was undone; the vault keeps its key")
        return
    new_key: SecretKey | None = None
    if new_file.key_mode is KeyMode.KEYCHAIN:
        with contextlib.suppress(KeychainUnavailable, ValueError, TypeError):
            stored = keychain.load(next_account(new_file.vault_id))
            new_key = SecretKey.from_hex(stored) if stored else None
    if new_key is not None:
        _promote(paths, keychain, new_file, new_key)
        new_key.wipe()
    else:
        os.replace(waiting, paths.key_file)
        fsync_dir(paths.data_dir)
    log.info("an interrupted re-key was finished")


def _promote_keychain_only(keychain: Keychain, vault_id: str, new_key: SecretKey) -> None:
    # If this fails, the keychain's old key no longer opens the vault; the unlock
    # screen then says so and the new recovery key opens it.
    try:
        keychain.store(vault_id, new_key.hex())
        keychain.delete(next_account(vault_id))
    except KeychainUnavailable:
        log.warning("the keychain could not take the new key after a re-key")


@contextlib.contextmanager
def _exclusive(paths: AppPaths) -> Iterator[bool]:
    """Whether this process holds the re-key lock (one re-key or settling at a time)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; the WAL check still refuses
        yield True
        return
    lock = paths.data_dir / LOCK_FILE
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True  # a read-only folder: nothing can be re-keyed or settled there anyway
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)


def _part(staging: Path) -> Path:
    return part_of(staging)


def _salt(db: Path) -> str:
    with db.open("rb") as handle:
        return handle.read(SALT_BYTES).hex()


def _with_sidecars(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
