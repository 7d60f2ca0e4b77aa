"""Opening the SQLCipher database: key, checks, then the connection settings.

Checks come before anything that could write (such as switching to WAL), so a
damaged file is reported and left exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast
from urllib.parse import quote

import sqlcipher3

from boundary_desk.storage.audit.functions import register_functions
from boundary_desk.storage.errors import (
    KeyDoesNotOpen,
    StorageUnavailable,
    VaultBusy,
    VaultDamaged,
    VaultMissing,
)
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.file_shape import require_schema, require_whole_pages
from boundary_desk.system.hardening import freed_memory_filled

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    # sqlcipher3 ships no type hints; its API is the standard library's sqlite3.
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher3.Connection

# How long a write waits for another window's or command's write to finish (ms).
BUSY_TIMEOUT_MS = 5000

# SQLCipher's memory wiping (cipher_memory_security): every SQLite allocation is
# mlock-ed, and overwritten and munlock-ed when freed. Measured on a ten-year vault
# (benchmarks/bench_vault.py): about 10,000 mlock and 10,000 munlock calls per
# unlock, which makes unlock + first client list 1.4-2x slower (its goal: 3x opening
# the file with no checks). What it adds, on Linux:
# - overwriting freed memory: `harden_process` already has glibc fill every freed
#   block (M_PERTURB), SQLite's included, and lock scrubs glibc's small cache of
#   recent frees; tests/test_memory_after_lock.py finds no key, name or passphrase
#   after lock with wiping off, as with it on;
# - keeping SQLite's buffers out of swap: the same records are in Python strings
#   and Qt widgets, which nothing locks, so only encrypted swap (or none) keeps them
#   off the disk either way; mlock on SQLite's share alone doesn't;
# - core dumps: already switched off by `harden_process`.
# The key itself never depended on it: SQLCipher keeps keys in its own locked heap
# and wipes them whatever this setting. So it is off where freed memory is filled
# (hardened Linux with glibc) and on everywhere else (macOS, Windows, or any process
# not hardened, tests included), where nothing else overwrites what SQLite frees.
# None means that choice; True or False forces it (the benchmark compares both).
MEMORY_SECURITY: bool | None = None


def memory_wiping() -> bool:
    """Whether new connections turn SQLCipher's memory wiping on (see MEMORY_SECURITY)."""
    if MEMORY_SECURITY is not None:
        return MEMORY_SECURITY
    return not freed_memory_filled()


def open_database(
    path: Path,
    vault_key: SecretKey | bytes,
    *,
    create: bool = False,
    check: bool = True,
    read_only: bool = False,
    beside_writer: bool = False,
) -> Connection:
    """An open connection to the vault at `path`, checked whole if `check` is set.

    Never creates a file unless `create` is set, so a vault that fails to open is
    never replaced by an empty one. `read_only` opens it for reading only (for a
    vault on a disk or folder that can't be written): nothing is changed on disk.
    `beside_writer` reads it read-only while another connection writes it (the
    background integrity check), so it is never taken for an unchanging file.

    Every open keeps the cheap checks that a wrong or damaged file is refused, never
    taken for a new vault: whole pages, and a schema that decrypts. `check` adds the
    whole-file check (every page read); the unlock leaves that to integrity.py.
    """
    if not create and not path.is_file():
        raise VaultMissing(f"There is no vault file at {path}.")
    if create and path.exists():
        raise VaultDamaged(f"Refusing to create a vault over the existing file {path}.")
    if beside_writer:
        query = "mode=ro"
    elif read_only:
        query = _read_only_query(path)
    else:
        query = "mode=rwc" if create else "mode=rw"
    try:
        conn: Connection = sqlcipher3.connect(
            f"file:{quote(str(path))}?{query}",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlcipher3.Error as exc:
        raise_classified(exc, path)
    try:
        # SQLCipher's own log goes to stderr; failures are reported by our typed errors.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Process-wide in SQLCipher: once on, later connections read it back as on.
        conn.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_wiping() else 'OFF'}")
        key = SecretKey.of(vault_key)
        with key.sqlcipher_form() as raw_key:
            # A buffer, never SQL text: no str copy of the key is made (or cached).
            cast(Any, conn).set_key(raw_key)  # sqlcipher3's own call (sqlite3_key)
        if not create:  # SQLite would take a short file for a new database: refuse first
            require_whole_pages(path, int(conn.execute("PRAGMA cipher_page_size").fetchone()[0]))
        _verify_readable(conn, path, expect_schema=not create)
        register_functions(conn, key)
        if check and not create:
            verify_integrity(conn, path)
        _configure(conn, read_only=read_only or beside_writer)
    except BaseException:
        conn.close()
        raise
    if create:
        os.chmod(path, 0o600)
    return conn


def _read_only_query(path: Path) -> str:
    """How to open a vault that can't be written, leaving no file behind.

    A vault closed cleanly has no WAL waiting, so it is opened as immutable: SQLite
    then reads the file alone and makes no -wal or -shm beside it (on a read-only
    disk it couldn't). With a WAL waiting, its index must be made beside it, which
    only a folder that can be written allows; on a read-only disk that is refused.
    """
    wal = path.with_name(path.name + "-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        return "mode=ro&immutable=1"
    if os.access(path.parent, os.W_OK):
        return "mode=ro"
    raise StorageUnavailable(
        f"The vault is on a read-only disk ({path.parent}) and was not closed cleanly, "
        "so its last changes can't be read there. Copy the whole data folder to a "
        "disk that can be written and open it from there."
    )


def _verify_readable(conn: Connection, path: Path, *, expect_schema: bool) -> None:
    try:
        tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlcipher3.OperationalError as exc:
        # The disk, not the key: e.g. no room for the shared-memory index on a full disk.
        raise_classified(exc, path)
    except sqlcipher3.DatabaseError as exc:
        raise KeyDoesNotOpen(
            f"The vault file {path.name} cannot be decrypted with its key: it is damaged, "
            "or it is not this vault's file. It has not been changed; restore it from a "
            "backup."
        ) from exc
    if expect_schema:
        require_schema(version, tables, path)


def verify_integrity(conn: Connection, path: Path) -> None:
    """Page authentication (HMAC) and SQLite's structural check; VaultDamaged on failure.

    For a copy just written or about to be put in place (a backup, a restore, a
    re-key); the live vault's own check is storage/vault/integrity.py.
    """
    try:
        cipher_errors = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        quick = conn.execute("PRAGMA quick_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        raise VaultDamaged(_damaged_message(path)) from exc
    if cipher_errors or quick != [("ok",)]:
        log.error("integrity check failed: %d page errors", len(cipher_errors))
        raise VaultDamaged(_damaged_message(path))


def _damaged_message(path: Path) -> str:
    return (
        f"The vault file {path.name} failed its integrity check: part of it is damaged. "
        "It has not been changed. Restore it from a backup."
    )


def _configure(conn: Connection, *, read_only: bool = False) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        if read_only:
            # Belt and braces: even a bug can't write through this connection.
            conn.execute("PRAGMA query_only = ON")
            return
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        # Deleted content is overwritten, so a purge leaves nothing in free pages.
        conn.execute("PRAGMA secure_delete = ON")
    except sqlcipher3.Error as exc:
        raise_classified(exc, None)


@contextlib.contextmanager
def waiting_at_most(conn: Connection, milliseconds: int) -> Iterator[Connection]:
    """Writes in the block wait at most `milliseconds` for another process's write."""
    conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield conn
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


# Work owed before a connection's next write (the unlock's deferred audit anchor,
# storage/vault/vault.py), by id(conn): the connection type takes no attributes and no
# weak references. Whoever registers removes it (paid, or the connection closed).
_BEFORE_WRITE: dict[int, Callable[[], None]] = {}


def before_next_write(conn: Connection, pay: Callable[[], None]) -> None:
    """Run `pay` once, before the next write on `conn` begins, outside any transaction."""
    _BEFORE_WRITE[id(conn)] = pay


def forget_before_write(conn: Connection) -> None:
    """Drop what `before_next_write` registered for `conn` (paid some other way)."""
    _BEFORE_WRITE.pop(id(conn), None)


def owes_before_write(conn: Connection) -> bool:
    """Whether something registered with `before_next_write` is still to run for `conn`."""
    return id(conn) in _BEFORE_WRITE


def pay_before_write(conn: Connection) -> None:
    """Run what is owed before a write on `conn`, unless a transaction is already open.

    Inside a transaction its reads would see rows not yet committed, so it waits for
    the next write that begins outside one (and, at the latest, the vault's lock).
    """
    if not _BEFORE_WRITE or conn.in_transaction:
        return
    pay = _BEFORE_WRITE.pop(id(conn), None)
    if pay is not None:
        pay()


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One write transaction: all of it lands, or none of it.

    Inside another transaction it is part of that one (a savepoint): several stores'
    writes then commit together, as the quick log's entry and clearing its draft do.
    """
    if conn.in_transaction:
        with _savepoint(conn):
            yield conn
        return
    pay_before_write(conn)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.Error as exc:
        raise_classified(exc, None)
    try:
        yield conn
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlcipher3.Error):
            # A statement that met a full or read-only disk: say so, all of it undone.
            raise_classified(exc, None)
        raise
    try:
        conn.execute("COMMIT")
    except sqlcipher3.Error as exc:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")
        raise_classified(exc, None)


@contextlib.contextmanager
def _savepoint(conn: Connection) -> Iterator[None]:
    conn.execute("SAVEPOINT nested")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlcipher3.Error):  # SQLite may have rolled it all back
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
        raise
    conn.execute("RELEASE nested")


def raise_classified(exc: sqlcipher3.Error, path: Path | None) -> NoReturn:
    """Re-raise an environment failure as a user-facing error; a bug stays a bug."""
    friendly = classify(exc, path)
    if friendly is None:
        raise exc
    raise friendly from exc


NEARLY_FULL_BYTES = 1024 * 1024


def _nearly_full(path: Path | None) -> bool:
    """Whether the disk holding `path` has almost no room left.

    SQLite reports a failure to make its -shm index as a plain I/O error, with no
    OS error number; the free space tells a full disk apart from a failing one.
    """
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def classify(exc: sqlcipher3.Error, path: Path | None) -> Exception | None:
    """Split SQLite errors into the environment's (a message for the user) and bugs (None)."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return VaultBusy(
            "The vault is in use by another Boundary Desk window or command, so nothing "
            "was changed; try again in a moment."
        )
    if "full" in text:
        return StorageUnavailable(
            f"The disk is full{where}. Nothing was saved; free some space and try again."
        )
    if "readonly" in text or "read-only" in text:
        return StorageUnavailable(
            f"The vault can't be written: it is on a read-only disk or folder{where}. "
            "Nothing was changed."
        )
    if ("unable to open" in text or "disk i/o" in text) and _nearly_full(path):
        return StorageUnavailable(
            f"The disk is full{where}. Nothing was saved; free some space and try again."
        )
    if "unable to open" in text or "disk i/o" in text:
        return StorageUnavailable(f"The disk could not be read or written{where}: {exc}.")
    if "not a database" in text or "malformed" in text:
        return VaultDamaged(_damaged_message(path) if path else "The vault file is damaged.")
    return None
