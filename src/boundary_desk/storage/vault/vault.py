"""The vault: where it lives, how it is created and unlocked, and what it holds.

The rules that keep records safe live here:
- a vault that can't be opened is reported, never replaced by a new empty one;
- a wrong secret is told apart from a damaged file (the key wraps are authenticated);
- the recovery key always works, whatever happened to the keychain.
"""

from __future__ import annotations

import logging
import os
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import sqlcipher3

from boundary_desk.storage.audit import anchor as audit_anchor
from boundary_desk.storage.audit import carry as audit_carry
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit import verify as audit_verify
from boundary_desk.storage.db.connection import Connection, open_database, raise_classified
from boundary_desk.storage.db.migrations import (
    export_encrypted_copy,
    migrate,
    pending_steps,
    pre_migration_copy_path,
    schema_version,
)
from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    KeychainKeyWrong,
    KeychainUnavailable,
    KeyDoesNotOpen,
    PassphraseRequired,
    StorageUnavailable,
    VaultDamaged,
    VaultExists,
    VaultMissing,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, read_key_file, write_key_file
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.keys.recovery_key import new_recovery_key, recovery_key_secret
from boundary_desk.storage.keys.rekey import rekey_database, settle_interrupted_rekey
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.backups import (
    Backup,
    BackupFailed,
    BackupMismatch,
    check_contents,
    create_backup,
    rotate_after,
)
from boundary_desk.storage.vault.copy import VaultCopies
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.set_aside import rotate_set_aside
from boundary_desk.storage.vault.unclean_close import (
    check_wal,
    close_connection,
    mark_open,
    marker_path,
    note_closing,
)
from boundary_desk.storage.vault.unclean_close import forget as forget_marker  # a re-key's swap
from boundary_desk.system.fileio import copy_private
from boundary_desk.system.paths import AppPaths, ensure_private_dir

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024
PASSPHRASE_WRAP = "passphrase"
RECOVERY_WRAP = "recovery"


class VaultState(Enum):
    """What is on disk at a vault location, before any key is tried."""

    ABSENT = "absent"
    PRESENT = "present"
    KEY_FILE_MISSING = "key file missing"
    DATABASE_MISSING = "database missing"


@dataclass(frozen=True)
class VaultStatus:
    path: str
    vault_id: str
    key_mode: str
    schema_version: int
    cipher_version: str
    created_at: str
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "vault": self.path,
            "vault_id": self.vault_id,
            "key_mode": self.key_mode,
            "schema_version": self.schema_version,
            "cipher_version": self.cipher_version,
            "created_at": self.created_at,
            "counts": dict(self.counts),
        }


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases that are too short to protect clinical records."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakPassphrase(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters. A short "
            "sentence is easy to remember and hard to guess."
        )
    if len(passphrase) > MAX_PASSPHRASE:
        raise WeakPassphrase(f"A passphrase can be at most {MAX_PASSPHRASE} characters.")


READ_ONLY_NOTE = (
    "This vault is on a disk or folder that can't be written, so it opened read-only: "
    "you can read everything, but nothing can be changed, logged or backed up, and "
    "views aren't added to the audit trail. To work in it, copy the whole data folder "
    "to a disk that can be written."
)


class Vault:
    """An unlocked vault: an open, checked, migrated SQLCipher connection.

    A read-only vault (on a disk or folder that can't be written) is open for
    reading only: every write is refused with a clear message, and nothing on disk
    changes, not even the audit trail.
    """

    def __init__(
        self,
        location: VaultLocation,
        conn: Connection,
        key_file: KeyFile,
        vault_key: SecretKey | bytes,
        *,
        read_only: bool = False,
        lock: VaultLock | None = None,
    ) -> None:
        self.location = location
        self.conn = conn
        self.key_file = key_file
        self._vault_key = vault_key
        self.read_only = read_only
        # Held shared while open, so no other process replaces the files under it.
        self._lock = lock or VaultLock(location.paths.data_dir)

    @property
    def _vault_key(self) -> SecretKey:
        return self._key

    @_vault_key.setter
    def _vault_key(self, key: SecretKey | bytes) -> None:
        # Always a buffer that close() overwrites: raw bytes given (a new key after a
        # re-key, say) are copied into one.
        self._key = SecretKey.of(key)

    @property
    def key_mode(self) -> KeyMode:
        return self.key_file.key_mode

    @property
    def is_open(self) -> bool:
        return bool(self._vault_key)

    def close(self) -> None:
        """Close the database; the key (and the keys derived from it) are overwritten."""
        self._close_database()
        self._lock.release()

    def exclusive(self) -> AbstractContextManager[None]:
        """Sole use of this vault for a `with` block (to replace or re-key its files).

        Refused with VaultInUse, before anything changes, while another process has it open.
        """
        return self._lock.exclusive()

    def _close_database(self, *, record_lock: bool = True) -> None:
        if self.is_open:
            try:
                if not self.read_only and record_lock:
                    audit.record(self.conn, "lock", "vault")
                    self.anchor_audit()
            except sqlcipher3.Error:
                log.warning("could not record the lock in the audit trail")
            if self.read_only:
                self.conn.close()
            else:
                close_connection(self.conn, self.location.paths.vault_file)
            self._vault_key.wipe()

    def _close_for_swap(self) -> None:
        # The file is about to be replaced whole, with no WAL: the marker is for the old one.
        self._close_database()
        forget_marker(self.location.paths.vault_file)

    def __del__(self) -> None:
        # Dropped unclosed: SQLite closes the file cleanly once the connection goes (WAL
        # copied in, then deleted), so the marker must stop claiming an open session.
        try:
            if not self.read_only and self.is_open:
                note_closing(self.location.paths.vault_file)
        except Exception:  # noqa: BLE001 - never raise from a finaliser (e.g. at exit)
            return

    def verify_audit(self) -> audit.ChainCheck:
        """The chain, its anchored head, its triggers and its cleared payloads."""
        return audit_verify.verify_trail(
            self.conn, self._vault_key, self.location.paths.key_file, self.key_file.vault_id
        )

    def anchor_problems(self) -> list[str]:
        """What `audit verify` finds wrong with the head anchored in vault.key, if anything."""
        return audit_verify.anchor_problems(
            self.conn, self._vault_key, self.location.paths.key_file, self.key_file.vault_id
        )

    def copies(self) -> VaultCopies:
        """Access to this vault's backups and set-aside copies, with its key (for a purge)."""
        return VaultCopies(self.key_file.vault_id, self._vault_key)

    def anchor_audit(self, *, force: bool = False) -> None:
        """Anchor the audit trail's head in the key file (see audit_anchor)."""
        if self.is_open and not self.read_only:
            self.key_file = audit_anchor.advance(
                self.conn, self.location.paths.key_file, self.key_file, self._vault_key, force=force
            )

    def require_writable(self) -> None:
        """StorageUnavailable, in the clinician's words, if this vault is read-only."""
        if self.read_only:
            raise StorageUnavailable(
                "The vault is open read-only (its disk or folder can't be written), so it "
                "can't be changed or backed up from here. Nothing was changed."
            )

    def set_passphrase(self, passphrase: str) -> None:
        """Protect the key with a (new) passphrase; the vault then unlocks by passphrase."""
        self.require_writable()
        check_passphrase(passphrase)
        with self.exclusive():
            self._wrap_with_passphrase(passphrase)

    def _wrap_with_passphrase(self, passphrase: str) -> None:
        previous_mode = self.key_mode
        wrap = key_wrap.wrap_with_passphrase(
            self._vault_key,
            passphrase,
            self.key_file.aad(PASSPHRASE_WRAP),
            self.location.kdf_cost,
        )
        updated = self.key_file.with_wrap(PASSPHRASE_WRAP, wrap).with_mode(KeyMode.PASSPHRASE)
        write_key_file(self.location.paths.key_file, updated)
        self.key_file = updated
        if previous_mode is KeyMode.KEYCHAIN:
            try:
                self.location.keychain.delete(updated.vault_id)
            except KeychainUnavailable:
                log.warning("could not remove the old keychain entry")

    def use_keychain(self) -> None:
        """Hold the key in the system keychain again; the passphrase wrap is removed."""
        self.require_writable()
        usable, reason = self.location.keychain.available()
        if not usable:
            raise KeychainUnavailable(f"{reason} The vault keeps using your passphrase.")
        with self.exclusive():
            self._hold_in_keychain()

    def _hold_in_keychain(self) -> None:
        self.location.keychain.store(self.key_file.vault_id, self._vault_key.hex())
        wraps = {k: v for k, v in self.key_file.wraps.items() if k != PASSPHRASE_WRAP}
        updated = replace(self.key_file, wraps=wraps).with_mode(KeyMode.KEYCHAIN)
        write_key_file(self.location.paths.key_file, updated)
        self.key_file = updated

    def replace_recovery_key(self, recovery_key: str) -> None:
        """Make `recovery_key` (already shown to the clinician) the one that unlocks."""
        self.require_writable()
        wrap = key_wrap.wrap_with_secret(
            self._vault_key, recovery_key_secret(recovery_key), self.key_file.aad(RECOVERY_WRAP)
        )
        updated = self.key_file.with_wrap(RECOVERY_WRAP, wrap)
        with self.exclusive():  # refused while another window or command has it open
            write_key_file(self.location.paths.key_file, updated)
        self.key_file = updated
        try:
            audit.record(self.conn, "new recovery key", "vault")
        except sqlcipher3.Error as exc:
            raise_classified(exc, self.location.paths.vault_file)

    def rekey(self, recovery_key: str, passphrase: str | None = None) -> Vault:
        """Re-encrypt under a new vault key with new wraps (storage/rekey.py).

        This vault is closed once the swap starts; use the Vault returned.
        """
        self.require_writable()
        # A broken chain is refused by rekey_database itself; what only the full check
        # sees (a cut-back tail, a trigger, a cleared payload) is refused here.
        check = self.verify_audit()
        if check.first_broken is None and check.problems:
            raise VaultDamaged(
                f"{check.summary()} The vault was not re-keyed, as that would hide it. Nothing "
                "was changed."
            )
        lock = self._lock  # refused while another window or command has the vault open
        with lock.exclusive():
            try:
                done = rekey_database(
                    self.location.paths,
                    self.location.keychain,
                    self.conn,
                    self.key_file,
                    self._vault_key,
                    recovery_key=recovery_key,
                    passphrase=passphrase,
                    cost=self.location.kdf_cost,
                    close_live=self._close_for_swap,  # the lock stays, for the re-keyed vault
                )
            except BaseException:
                if not self.is_open:
                    lock.release()
                raise
        details = {"after": "rekey"}
        return self.location._open(done.key_file, done.vault_key, "unlock", details, lock=lock)

    def backup(self, dest_dir: Path | None = None) -> Backup:
        """An encrypted, verified backup; older generations are then rotated away."""
        made = self.write_backup(dest_dir)
        self.record_backup(made)
        return made

    def write_backup(self, dest_dir: Path | None = None) -> Backup:
        """The backup itself, read through a connection of its own.

        Safe to run on a worker thread while the app goes on using `conn`: the copy
        and its row counts come from one snapshot. Record it with `record_backup`.
        """
        self.require_writable()
        if not self._vault_key:
            raise BackupFailed("The vault was locked before the backup could start.")
        # A copy of its own: locking meanwhile wipes the vault's key, not this one.
        key = self._vault_key.copy()
        folder = dest_dir or self.location.paths.backup_dir
        try:
            conn = open_database(self.location.paths.vault_file, key, check=False)
            try:
                made = create_backup(conn, key, self.location.paths.key_file, folder)
                rotate_set_aside(self.location.paths.backup_dir, conn)
            finally:
                close_connection(conn, self.location.paths.vault_file)
        finally:
            key.wipe()
        return rotate_after(made, folder)

    def record_backup(self, made: Backup) -> None:
        """Put a finished backup in the audit trail (on the app's own connection)."""
        if self.is_open:
            try:
                audit.record(self.conn, "backup", "vault", details={"folder": str(made.path)})
                self.anchor_audit()
            except sqlcipher3.Error as exc:
                raise_classified(exc, self.location.paths.vault_file)

    def restore(self, backup: Path, now: datetime | None = None) -> Vault:
        """Replace this open vault with a verified backup of it, and reopen.

        The backup is checked before anything moves; if that fails, this vault stays
        open and unchanged. Once the swap starts this vault is closed, whatever happens:
        the returned Vault is the one to use. Refused (VaultInUse) before anything moves
        while another window or command has the vault open.
        """
        self.require_writable()
        location = self.location
        source = BackupLocation(backup, location)
        location._require_same_vault(self.key_file, read_key_file(source.paths.key_file))
        lock = self._lock  # this vault's own hold, made exclusive, then the restored one's
        with lock.exclusive():
            staging = location._stage_restore(source, self._vault_key)
            carried = audit_carry.rows_after_backup(self.conn, staging, self._vault_key)
            audit_carry.carry_into(
                staging,
                self._vault_key,
                self.key_file.vault_id,
                carried,
                source.manifest,
                superseded=read_key_file(location.paths.key_file).audit_head,
            )
            key_file, vault_key = self.key_file, self._vault_key.copy()  # closing wipes ours
            # No lock row and no re-anchoring now: the trail was carried into the copy
            # already, and vault.key must keep the anchor the copy says it supersedes.
            self._close_database(record_lock=False)
            try:
                location._swap_in(staging, key_file, now or datetime.now(UTC))
            except BaseException:
                vault_key.wipe()
                lock.release()
                raise
        details = {"from": str(backup)}
        restored = location._open(key_file, vault_key, "restore", details, check=False, lock=lock)
        restored.anchor_audit(force=True)  # the trail goes back to the backup's, deliberately
        rotate_set_aside(location.paths.backup_dir, restored.conn)
        return restored

    def status(self) -> VaultStatus:
        cipher = self.conn.execute("PRAGMA cipher_version").fetchone()[0]
        counts = {
            "clients": _count(self.conn, "SELECT count(*) FROM clients WHERE archived_at IS NULL"),
            "archived_clients": _count(
                self.conn, "SELECT count(*) FROM clients WHERE archived_at IS NOT NULL"
            ),
        }
        return VaultStatus(
            path=str(self.location.paths.vault_file),
            vault_id=self.key_file.vault_id,
            key_mode=self.key_mode.value,
            schema_version=schema_version(self.conn),
            cipher_version=str(cipher),
            created_at=self.key_file.created_at.isoformat(),
            counts=counts,
        )


def _whole_pages(path: Path, page_size: int = 4096) -> bool:
    """Whether the file is whole pages: a truncated file is damage, whatever the key."""
    size = path.stat().st_size
    return size >= page_size and size % page_size == 0


def _count(conn: Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


@dataclass(frozen=True)
class NewVault:
    vault: Vault
    recovery_key: str
    fallback_reason: str | None = None


@dataclass(frozen=True)
class VaultLocation:
    """A place a vault lives, and the keychain and key-stretching cost used to reach it."""

    paths: AppPaths
    keychain: Keychain
    kdf_cost: key_wrap.Argon2Cost = field(default=key_wrap.DEFAULT_COST)

    def state(self) -> VaultState:
        has_db = self.paths.vault_file.exists()
        has_key = self.paths.key_file.exists()
        if has_db and has_key:
            return VaultState.PRESENT
        if has_db:
            return VaultState.KEY_FILE_MISSING
        if has_key:
            return VaultState.DATABASE_MISSING
        return VaultState.ABSENT

    def is_read_only(self) -> bool:
        """Whether the vault's file or folder can't be written (a read-only disk, say)."""
        return not (
            os.access(self.paths.vault_file, os.W_OK) and os.access(self.paths.data_dir, os.W_OK)
        )

    def key_mode(self) -> KeyMode:
        """How the existing vault is unlocked (read from its key file)."""
        self._require_present()
        return read_key_file(self.paths.key_file).key_mode

    def keychain_available(self) -> tuple[bool, str]:
        return self.keychain.available()

    def create(
        self,
        *,
        passphrase: str | None = None,
        strict: bool = False,
        now: datetime | None = None,
        recovery_key: str | None = None,
        vault_id: str | None = None,
    ) -> NewVault:
        """Create a new vault here. Refuses if anything of a vault is already present.

        `recovery_key` and `vault_id` let setup show the key (and print its kit) first.
        """
        if self.state() is not VaultState.ABSENT:
            raise VaultExists(
                f"A vault already exists in {self.paths.data_dir}; nothing was changed. "
                "Choose another folder to start a new one."
            )
        mode, fallback = self._choose_mode(passphrase, strict)
        if passphrase is not None:
            check_passphrase(passphrase)
        created_at = now or datetime.now(UTC)
        vault_key = key_wrap.new_vault_key()  # a SecretKey: wiped when the vault closes
        recovery = recovery_key or new_recovery_key()
        vault_id = vault_id or uuid.uuid4().hex
        key_file = KeyFile(vault_id=vault_id, key_mode=mode, created_at=created_at)
        key_file = key_file.with_wrap(
            RECOVERY_WRAP,
            key_wrap.wrap_with_secret(
                vault_key, recovery_key_secret(recovery), key_file.aad(RECOVERY_WRAP)
            ),
        )
        if passphrase is not None:
            key_file = key_file.with_wrap(
                PASSPHRASE_WRAP,
                key_wrap.wrap_with_passphrase(
                    vault_key, passphrase, key_file.aad(PASSPHRASE_WRAP), self.kdf_cost
                ),
            )
        if mode is KeyMode.KEYCHAIN:
            try:
                self.keychain.store(key_file.vault_id, vault_key.hex())
            except KeychainUnavailable as exc:
                if passphrase is None:
                    raise PassphraseRequired(f"{exc} Choose a master passphrase instead.") from exc
                mode, fallback = KeyMode.PASSPHRASE, str(exc)
                key_file = key_file.with_mode(mode)
        self._write_new(key_file, vault_key)
        lock = VaultLock.shared(self.paths.data_dir)
        try:
            conn = open_database(self.paths.vault_file, vault_key)
        except BaseException:
            lock.release()
            raise
        mark_open(self.paths.vault_file)
        vault = Vault(self, conn, key_file, vault_key, lock=lock)
        vault.anchor_audit()
        return NewVault(vault, recovery, fallback)

    def exclusive(self) -> AbstractContextManager[None]:
        """Sole use of the vault here for a `with` block, for a process that hasn't it open.

        Refused with VaultInUse, before anything changes, while another process has it open.
        """
        return VaultLock(self.paths.data_dir).exclusive()

    def _choose_mode(self, passphrase: str | None, strict: bool) -> tuple[KeyMode, str | None]:
        if strict:
            if passphrase is None:
                raise PassphraseRequired("Strict mode needs a master passphrase.")
            return KeyMode.PASSPHRASE, None
        usable, reason = self.keychain.available()
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

    def _write_new(self, key_file: KeyFile, vault_key: SecretKey) -> None:
        """Build the database under a temporary name, then put both files in place."""
        ensure_private_dir(self.paths.data_dir)
        building = self.paths.data_dir / ".vault.db.creating"
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
        write_key_file(self.paths.key_file, key_file)
        building.replace(self.paths.vault_file)

    def unlock(self, *, passphrase: str | None = None, recovery_key: str | None = None) -> Vault:
        """Open the vault with the recovery key, the passphrase or the keychain."""
        self._require_present()
        read_only = self.is_read_only()
        # Held before the key file is read, so a re-key elsewhere can't change it meanwhile
        # (a read-only folder gets no lock file: nothing there can be replaced).
        lock = VaultLock(self.paths.data_dir)
        if not read_only:
            lock.hold_shared()
        try:
            key_file = read_key_file(self.paths.key_file)
            vault_key = self._vault_key(key_file, passphrase, recovery_key)
        except BaseException:
            lock.release()
            raise
        try:
            if read_only:
                return self._open_read_only(key_file, vault_key)
            # Whether the key file held an anchor: `audit verify` tells a removed one from none.
            anchored = key_file.audit_head is not None
            details = {"key_mode": key_file.key_mode.value, "anchored": anchored}
            vault = self._open(key_file, vault_key, "unlock", details, lock=lock)
        except KeyDoesNotOpen as exc:
            vault_key.wipe()
            # Only the keychain's copy is unauthenticated; a key from a wrap is the right one.
            from_keychain = recovery_key is None and key_file.key_mode is KeyMode.KEYCHAIN
            if from_keychain and _whole_pages(self.paths.vault_file):
                raise KeychainKeyWrong() from exc
            raise
        except BaseException:
            vault_key.wipe()  # a vault that didn't open keeps no key in memory
            raise
        vault.anchor_audit()
        return vault

    def _open_read_only(self, key_file: KeyFile, vault_key: SecretKey) -> Vault:
        """Open for reading only: no migration, no audit row, nothing written anywhere."""
        check_wal(self.paths.vault_file)
        conn = open_database(self.paths.vault_file, vault_key, read_only=True)
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
        return Vault(self, conn, key_file, vault_key, read_only=True)

    def _open(
        self,
        key_file: KeyFile,
        vault_key: SecretKey,
        action: str,
        details: dict[str, Any],
        *,
        check: bool = True,
        lock: VaultLock | None = None,
    ) -> Vault:
        """Open, check and migrate the database, and record why it was opened.

        `check=False` skips the integrity check for a file checked moments ago (a
        restored copy), which on a large vault halves the time a restore takes.
        `lock` is a shared hold already taken (a restore's); otherwise one is taken.
        """
        lock = lock or VaultLock.shared(self.paths.data_dir)
        try:
            check_wal(self.paths.vault_file)  # before SQLite resets the WAL index
            conn = open_database(self.paths.vault_file, vault_key, check=check)
        except BaseException:
            lock.release()
            raise
        mark_open(self.paths.vault_file)
        try:
            migrate(conn, before_upgrade=lambda v: self._copy_before_upgrade(conn, vault_key, v))
            audit.record(conn, action, "vault", details=details)
        except BaseException as exc:
            close_connection(conn, self.paths.vault_file)
            lock.release()
            if isinstance(exc, sqlcipher3.Error):
                # A read-only or full disk is the environment's doing: say it in one sentence.
                raise_classified(exc, self.paths.vault_file)
            raise
        return Vault(self, conn, key_file, vault_key, lock=lock)

    def recover(self, recovery_key: str, new_passphrase: str) -> Vault:
        """Unlock with the recovery key and set a new passphrase in one step."""
        check_passphrase(new_passphrase)
        vault = self.unlock(recovery_key=recovery_key)
        try:
            vault.set_passphrase(new_passphrase)
        except BaseException:
            vault.close()
            raise
        return vault

    def _vault_key(
        self, key_file: KeyFile, passphrase: str | None, recovery_key: str | None
    ) -> SecretKey:
        if recovery_key is not None:
            secret = recovery_key_secret(recovery_key)
            wrap = key_file.wraps.get(RECOVERY_WRAP)
            if wrap is None:
                raise VaultDamaged("The key file has no recovery entry; it has been altered.")
            try:
                return key_wrap.unwrap(wrap, secret, key_file.aad(RECOVERY_WRAP))
            except key_wrap.UnwrapFailed:
                raise WrongRecoveryKey() from None
        if key_file.key_mode is KeyMode.PASSPHRASE:
            if passphrase is None:
                raise PassphraseRequired("This vault is locked with a master passphrase.")
            wrap = key_file.wraps.get(PASSPHRASE_WRAP)
            if wrap is None:
                raise VaultDamaged("The key file has no passphrase entry; it has been altered.")
            try:
                return key_wrap.unwrap(wrap, passphrase, key_file.aad(PASSPHRASE_WRAP))
            except key_wrap.UnwrapFailed:
                raise WrongPassphrase() from None
        stored = self.keychain.load(key_file.vault_id)
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

    def restore_needs_passphrase(self, backup: Path) -> bool:
        """Whether restoring `backup` here asks for the master passphrase."""
        source = BackupLocation(backup, self)
        key_path = self.paths.key_file if self.paths.key_file.exists() else source.paths.key_file
        return read_key_file(key_path).key_mode is KeyMode.PASSPHRASE

    def restore(
        self,
        backup: Path,
        *,
        passphrase: str | None = None,
        recovery_key: str | None = None,
        now: datetime | None = None,
    ) -> Vault:
        """Replace the vault with a verified backup; the current files are kept aside first.

        This is for a locked (or unopenable) vault; an open one restores with
        `Vault.restore`, which needs no secret. Refused (VaultInUse) while another
        window or command has the vault open.
        """
        source = BackupLocation(backup, self)
        backup_key_file = read_key_file(source.paths.key_file)
        current = self.paths.key_file
        if current.exists():
            key_file = read_key_file(current)
            self._require_same_vault(key_file, backup_key_file)
            # Same vault, same key: today's passphrase (or keychain) unlocks it.
            vault_key = self._vault_key(key_file, passphrase, recovery_key)
        else:
            key_file = backup_key_file
            vault_key = source._vault_key(key_file, passphrase, recovery_key)
        with self.exclusive():  # refused while the app or a command has this vault open
            staging = self._stage_restore(source, vault_key)
            carried = audit_carry.rows_of_current(self.paths.vault_file, vault_key, staging)
            audit_carry.carry_into(
                staging,
                vault_key,
                key_file.vault_id,
                carried,
                source.manifest,
                superseded=key_file.audit_head,
            )
            self._swap_in(staging, key_file, now or datetime.now(UTC))
        restored = self._open(key_file, vault_key, "restore", {"from": str(backup)}, check=False)
        restored.anchor_audit(force=True)  # the trail goes back to the backup's, deliberately
        rotate_set_aside(self.paths.backup_dir, restored.conn)
        return restored

    def _require_same_vault(self, here: KeyFile, backup: KeyFile) -> None:
        if here.vault_id != backup.vault_id:
            raise VaultExists(
                "That backup belongs to a different vault than the one here. Nothing was "
                "changed; restore it into an empty folder with --data-dir."
            )

    def _stage_restore(self, source: BackupLocation, vault_key: SecretKey) -> Path:
        """Copy the backup beside the vault, then check and migrate the copy.

        Nothing of the current vault has moved yet, so any failure here leaves it as it was.
        """
        ensure_private_dir(self.paths.data_dir)
        staging = self.paths.data_dir / ".vault.db.restoring"
        for leftover in (staging, *(staging.with_name(staging.name + e) for e in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        try:
            copy_private(source.paths.vault_file, staging)
            conn = open_database(staging, vault_key)  # integrity-checked before anything moves
            try:
                check_contents(conn, source.paths.data_dir)  # the rows its manifest lists
                migrate(conn)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except BaseException as exc:
            staging.unlink(missing_ok=True)  # whatever went wrong, no half-made copy stays
            if isinstance(exc, OSError):
                raise StorageUnavailable(
                    f"The backup could not be copied into {self.paths.data_dir}: "
                    f"{exc.strerror}. Nothing was changed."
                ) from exc
            if isinstance(exc, sqlcipher3.Error):
                raise_classified(exc, staging)
            if isinstance(exc, KeyDoesNotOpen):
                raise VaultDamaged(
                    "Today's key doesn't open that backup: it was made before the vault was "
                    "re-keyed, or it is damaged. Nothing was changed; a backup from before a "
                    "re-key restores into an empty folder (--data-dir) with the passphrase or "
                    "recovery key of its day."
                ) from exc
            if isinstance(exc, VaultDamaged) and not isinstance(exc, BackupMismatch):
                raise VaultDamaged(
                    "That backup failed its integrity check, so it can't be restored. Nothing "
                    "was changed; choose an earlier backup."
                ) from exc
            raise
        return staging

    def _swap_in(self, staging: Path, key_file: KeyFile, now: datetime) -> None:
        """Set the current files aside, then put the checked copy in the vault's place."""
        try:
            aside = self._set_aside_current(now)
        except OSError as exc:
            staging.unlink(missing_ok=True)
            raise StorageUnavailable(
                f"The restore could not keep a copy of the current vault first: "
                f"{exc.strerror}. The vault is as it was."
            ) from exc
        try:
            if not self.paths.key_file.exists():
                write_key_file(self.paths.key_file, key_file)
            staging.replace(self.paths.vault_file)
        except OSError as exc:
            if aside is not None:  # put the side files back; vault.db itself never left
                for kept in aside.iterdir():
                    if kept.name not in ("vault.key", self.paths.vault_file.name):
                        kept.replace(self.paths.data_dir / kept.name)
            raise StorageUnavailable(
                f"The restore could not finish: {exc.strerror}. The vault is as it was."
            ) from exc

    def _set_aside_current(self, now: datetime) -> Path | None:
        """Keep the current vault files (encrypted as they are) in backups/replaced-…

        vault.db is copied, not moved: it stays in place until the restored copy
        replaces it in one rename, so a kill at any moment leaves a vault.db here.
        Its side files (WAL, index, open marker) move, so none of them can be applied
        to the restored file.
        """
        present = [
            p
            for p in (
                self.paths.vault_file,
                self.paths.vault_file.with_name("vault.db-wal"),
                self.paths.vault_file.with_name("vault.db-shm"),
                marker_path(self.paths.vault_file),
            )
            if p.exists()
        ]
        if not present:
            return None
        aside = ensure_private_dir(
            self.paths.backup_dir / f"replaced-{now.strftime('%Y%m%dT%H%M%S%fZ')}"
        )
        if self.paths.key_file.exists():
            copy_private(self.paths.key_file, aside / "vault.key")
        for path in present:
            if path == self.paths.vault_file:
                copy_private(path, aside / path.name)
            else:
                path.replace(aside / path.name)
        return aside

    def _copy_before_upgrade(self, conn: Connection, vault_key: SecretKey, version: int) -> None:
        ensure_private_dir(self.paths.backup_dir)
        dest = pre_migration_copy_path(self.paths.backup_dir, version)
        export_encrypted_copy(conn, vault_key, dest)
        log.info("encrypted copy written before schema upgrade from v%d", version)

    def _require_present(self) -> None:
        state = self.state()
        if state is VaultState.PRESENT:
            settle_interrupted_rekey(self.paths, self.keychain)  # after a crash mid re-key
        if state is VaultState.ABSENT:
            raise VaultMissing(
                f"There is no vault in {self.paths.data_dir}. Create one with "
                "`boundary-desk init`, or open the app to be guided."
            )
        if state is VaultState.KEY_FILE_MISSING:
            raise VaultDamaged(
                f"The key file {self.paths.key_file.name} is missing from "
                f"{self.paths.data_dir}, so the vault can't be unlocked. The vault itself "
                "is untouched: put the key file back (from a backup) and try again."
            )
        if state is VaultState.DATABASE_MISSING:
            raise VaultDamaged(
                f"The vault file {self.paths.vault_file.name} is missing from "
                f"{self.paths.data_dir}, though its key file is there. Put the vault file "
                "back (from a backup). No new vault was created."
            )


class BackupLocation(VaultLocation):
    """A backup folder seen as a vault location, to reach its key the usual ways."""

    def __init__(self, folder: Path, like: VaultLocation) -> None:
        if not (folder / "vault.db").is_file() or not (folder / "vault.key").is_file():
            raise VaultMissing(
                f"{folder} is not a Boundary Desk backup (no vault.db and vault.key)."
            )
        paths = AppPaths(data_dir=folder, log_dir=like.paths.log_dir)
        super().__init__(paths=paths, keychain=like.keychain, kdf_cost=like.kdf_cost)

    @property
    def manifest(self) -> Path:
        return self.paths.data_dir / "manifest.json"
