"""An unlocked vault: its open connection and key, from opening to closing.

The rules that keep records safe:
- a vault that can't be opened is reported, never replaced by a new empty one;
- a wrong secret is told apart from a damaged file (the key wraps are authenticated);
- the recovery key always works, whatever happened to the keychain.
"""

from __future__ import annotations

import hmac
import logging
import weakref
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from boundary_desk.storage.audit import anchor as audit_anchor
from boundary_desk.storage.audit import carry as audit_carry
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit import verify as audit_verify
from boundary_desk.storage.db.connection import (
    Connection,
    before_next_write,
    forget_before_write,
    raise_classified,
)
from boundary_desk.storage.errors import (
    KeychainUnavailable,
    PassphraseRequired,
    StorageUnavailable,
    WrongPassphrase,
)
from boundary_desk.storage.keys.key_file import KeyFile, KeyMode, read_key_file, write_key_file
from boundary_desk.storage.keys.rekey import rekey_database
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.keys.vault_key import passphrase_key
from boundary_desk.storage.vault import key_modes
from boundary_desk.storage.vault.backing_up import write_backup
from boundary_desk.storage.vault.backups import Backup, BackupFailed
from boundary_desk.storage.vault.copy import VaultCopies
from boundary_desk.storage.vault.integrity import (
    IntegrityCheck,
    check_file,
    check_file_if_due,
    last_check,
    record_check,
)
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.opening import open_connection
from boundary_desk.storage.vault.passphrase import check_passphrase
from boundary_desk.storage.vault.restore_files import (
    BackupLocation,
    require_same_vault,
    stage_restore,
    swap_in,
)
from boundary_desk.storage.vault.set_aside import rotate_set_aside
from boundary_desk.storage.vault.status import VaultStatus, read_status
from boundary_desk.storage.vault.unclean_close import close_connection, note_closing
from boundary_desk.storage.vault.unclean_close import forget as forget_marker  # a re-key's swap

if TYPE_CHECKING:
    from boundary_desk.storage.vault.location import VaultLocation

log = logging.getLogger(__name__)


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
            # An anchor still owed by the unlock is covered by the lock's, written next.
            forget_before_write(self.conn)
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

    def check_integrity(self, now: datetime) -> IntegrityCheck:
        """The full check, on a read-only connection of its own (safe on a worker thread)."""
        path, key = self._to_check()
        return check_file(path, key, now, writer_open=not self.read_only, reason="check")

    def scheduled_integrity_check(self, now: datetime) -> IntegrityCheck | None:
        """The full check if it is due (never run, failed, or a week old), else None."""
        path, key = self._to_check()
        return check_file_if_due(path, key, now, writer_open=not self.read_only)

    def _to_check(self) -> tuple[Path, SecretKey]:
        if not self._vault_key:
            raise StorageUnavailable("The vault was locked before it could be checked.")
        return self.location.paths.vault_file, self._vault_key

    def last_integrity_check(self) -> IntegrityCheck | None:
        """The last full check recorded in this vault, or None if it was never checked."""
        return last_check(self.conn)

    def record_integrity_check(self, found: IntegrityCheck) -> None:
        """Keep a check's result in the audit trail (on the app's own connection)."""
        if self.is_open:
            try:
                record_check(self.conn, found)
            except sqlcipher3.Error as exc:
                raise_classified(exc, self.location.paths.vault_file)

    def copies(self) -> VaultCopies:
        """Access to this vault's backups and set-aside copies, with its key (for a purge)."""
        return VaultCopies(self.key_file.vault_id, self._vault_key)

    def anchor_audit(self, *, force: bool = False) -> None:
        """Anchor the audit trail's head in the key file (see audit_anchor)."""
        if self.is_open and not self.read_only:
            forget_before_write(self.conn)  # this anchor covers one the unlock still owes
            self.key_file = audit_anchor.advance(
                self.conn, self.location.paths.key_file, self.key_file, self._vault_key, force=force
            )

    def anchor_after_unlock(self) -> None:
        """Anchor the head now, or, if only the unlock's own row is past it, before the next write.

        Called once the unlock's row is committed. Usually the last session ended with
        its lock anchored, so the anchor already names the row before the unlock's: the
        anchor moving past the unlock's row alone is then left off the path to the first
        client list (it cost two fsyncs, of vault.key and of its folder, and a count of
        the trail), and is made before the next write begins, or by the lock's anchor.
        Why that keeps every guarantee:
        - a crash before it leaves the anchor one row behind a trail that holds it: the
          next open reads as sound (never a false alarm), and that unlock, finding two
          rows past the anchor, anchors at once;
        - a vault rolled back to before the anchored head is refused as before; nothing
          the anchor covered is uncovered; what waits is the unlock's own row, which no
          other row follows until the anchor has moved (writes pay it first);
        - the unlock's row itself is still committed with synchronous = FULL, so a power
          cut never loses it, whether or not the anchor has moved.
        Any doubt (no anchor yet, a forged one, rows the last session left unanchored)
        anchors at once, as every unlock used to.
        """
        if self.read_only or not self.is_open:
            return
        if not audit_anchor.only_newest_row_past(self.conn, self.key_file, self._vault_key):
            self.anchor_audit()
            return
        owner = weakref.ref(self)  # the connection's hook must not keep the vault alive

        def pay() -> None:
            vault = owner()
            if vault is not None:
                vault.anchor_audit()

        before_next_write(self.conn, pay)

    @property
    def anchor_owed(self) -> bool:
        """Whether the unlock's anchor is still to be written (before the next write)."""
        from boundary_desk.storage.db.connection import owes_before_write

        return self.is_open and owes_before_write(self.conn)

    def require_writable(self) -> None:
        """StorageUnavailable, in the clinician's words, if this vault is read-only."""
        if self.read_only:
            raise StorageUnavailable(
                "The vault is open read-only (its disk or folder can't be written), so it "
                "can't be changed or backed up from here. Nothing was changed."
            )

    def confirm_passphrase(self, passphrase: str) -> None:
        """WrongPassphrase unless `passphrase` is the one this vault unlocks with now.

        Only a passphrase vault has one (PassphraseRequired otherwise). Nothing changes
        either way; the key it opens is compared with the open one and wiped.
        """
        if self.key_mode is not KeyMode.PASSPHRASE:
            raise PassphraseRequired("This vault is unlocked by the keychain, not a passphrase.")
        opened = passphrase_key(self.key_file, passphrase)
        try:
            if not hmac.compare_digest(opened.raw, self._vault_key.raw):
                raise WrongPassphrase()
        finally:
            opened.wipe()

    def set_passphrase(self, passphrase: str) -> None:
        """Protect the key with a (new) passphrase; the vault then unlocks by passphrase."""
        self.require_writable()
        check_passphrase(passphrase)
        with self.exclusive():
            self.key_file = key_modes.wrap_with_passphrase(
                self.location, self.key_file, self._vault_key, passphrase
            )

    def use_keychain(self) -> None:
        """Hold the key in the system keychain again; the passphrase wrap is removed."""
        self.require_writable()
        usable, reason = self.location.keychain.available()
        if not usable:
            raise KeychainUnavailable(f"{reason} The vault keeps using your passphrase.")
        with self.exclusive():
            self.key_file = key_modes.hold_in_keychain(
                self.location, self.key_file, self._vault_key
            )

    def replace_recovery_key(self, recovery_key: str) -> None:
        """Make `recovery_key` (already shown to the clinician) the one that unlocks."""
        self.require_writable()
        updated = key_modes.with_recovery_key(self.key_file, self._vault_key, recovery_key)
        with self.exclusive():  # refused while another window or command has it open
            write_key_file(self.location.paths.key_file, updated)
        self.key_file = updated
        try:
            audit.record(self.conn, "new recovery key", "vault")
        except sqlcipher3.Error as exc:
            raise_classified(exc, self.location.paths.vault_file)

    def rekey(self, recovery_key: str, passphrase: str | None = None) -> Vault:
        """Re-encrypt under a new vault key with new wraps (storage/keys/rekey.py).

        This vault is closed once the swap starts; use the Vault returned.
        """
        self.require_writable()
        key_modes.refuse_hidden_damage(self.verify_audit())
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
        return open_vault(
            self.location, done.key_file, done.vault_key, "unlock", details, lock=lock
        )

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
        folder = dest_dir or self.location.paths.backup_dir
        return write_backup(self.location, self._vault_key, folder)

    def record_backup(self, made: Backup) -> None:
        """Put a finished backup in the audit trail (on the app's own connection)."""
        if self.is_open:
            try:
                forget_before_write(self.conn)  # the backup's anchor, next, covers it
                if made.checked is not None:
                    record_check(self.conn, made.checked)
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
        paths = self.location.paths
        source = BackupLocation(backup, self.location)
        require_same_vault(self.key_file, read_key_file(source.paths.key_file))
        lock = self._lock  # this vault's own hold, made exclusive, then the restored one's
        with lock.exclusive():
            staging = stage_restore(paths, source, self._vault_key)
            carried = audit_carry.rows_after_backup(self.conn, staging, self._vault_key)
            superseded = read_key_file(paths.key_file).audit_head
            audit_carry.carry_into(
                staging,
                self._vault_key,
                self.key_file.vault_id,
                carried,
                source.manifest,
                superseded=superseded,
            )
            key_file, vault_key = self.key_file, self._vault_key.copy()  # closing wipes ours
            # No lock row and no re-anchoring now: the trail was carried into the copy
            # already, and vault.key must keep the anchor the copy says it supersedes.
            self._close_database(record_lock=False)
            try:
                swap_in(paths, staging, key_file, now or datetime.now(UTC))
            except BaseException:
                vault_key.wipe()
                lock.release()
                raise
        return open_restored(self.location, key_file, vault_key, backup, lock=lock)

    def status(self) -> VaultStatus:
        return read_status(self.conn, self.location.paths.vault_file, self.key_file)


def open_vault(
    location: VaultLocation,
    key_file: KeyFile,
    vault_key: SecretKey,
    action: str,
    details: dict[str, Any],
    *,
    lock: VaultLock | None = None,
) -> Vault:
    """Open and migrate the vault's database, and record why it was opened.

    The whole-file check is not run here (see storage/vault/integrity.py); a restored
    copy was checked moments before it was put in place.
    `lock` is a shared hold already taken (a restore's); otherwise one is taken.
    """
    lock = lock or VaultLock.shared(location.paths.data_dir)
    conn = open_connection(location, vault_key, action, details, lock=lock)
    return Vault(location, conn, key_file, vault_key, lock=lock)


def open_restored(
    location: VaultLocation,
    key_file: KeyFile,
    vault_key: SecretKey,
    backup: Path,
    *,
    lock: VaultLock | None = None,
) -> Vault:
    """Open the vault a restore just put in place, its trail anchored as the backup's."""
    details = {"from": str(backup)}
    restored = open_vault(location, key_file, vault_key, "restore", details, lock=lock)
    restored.anchor_audit(force=True)  # the trail goes back to the backup's, deliberately
    rotate_set_aside(location.paths.backup_dir, restored.conn)
    return restored
