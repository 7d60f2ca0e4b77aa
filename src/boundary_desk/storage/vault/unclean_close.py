"""A write-ahead log lost after an unclean close is damage, not a fresh start.

Committed changes sit in vault.db-wal until a checkpoint copies them into vault.db.
If that file is deleted or cut short after a crash, SQLite opens what is left without
a word and the changes are gone, so two pieces of evidence are read before opening:

- The WAL index, vault.db-shm, outlives a crash. Its header counts the frames the WAL
  holds (mxFrame), how many are already copied into vault.db (nBackfill), and the WAL's
  salt. Frames still to copy but missing from the WAL (or a WAL with another salt) mean
  lost changes. This is exact: a WAL deleted once everything was copied loses nothing,
  and is not flagged. SQLite resets the index on its next open, hence "before opening".
- A marker, vault.open, says a session may have changes in the WAL. It is written once
  SQLite has opened the WAL, says "closing" just before a connection closes, and is
  removed when the WAL is gone after the close (SQLite deletes both files on a clean
  close). "open" with the WAL gone and no usable index means the session ended uncleanly
  and its WAL was removed with its index: the index alone can't see that.

Every step is ordered so that a kill at any moment never makes a sound vault look
damaged. The marker holds no client data; it is 0600 like every file here. Every
connection to the live vault closes through `close_connection`; a Vault dropped
unclosed says "closing" first (Vault.__del__), which can only hide damage, never
invent it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.errors import VaultDamaged

log = logging.getLogger(__name__)

MARKER_NAME = "vault.open"
WAL_INDEX_VERSION = 3007000
WAL_HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_HEADER = struct.Struct("=IIIBBHIIIIIIII")  # WalIndexHdr, in the machine's byte order
_BACKFILL = struct.Struct("=I")  # WalCkptInfo.nBackfill, right after the two headers
_WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- or big-endian words


@dataclass(frozen=True)
class WalIndex:
    frames: int  # mxFrame: frames the WAL holds
    copied: int  # nBackfill: of those, copied into the database file
    page_size: int
    salt: bytes

    def wal_bytes(self) -> int:
        return WAL_HEADER_BYTES + self.frames * (FRAME_HEADER_BYTES + self.page_size)


def marker_path(vault_file: Path) -> Path:
    return vault_file.with_name(MARKER_NAME)


def read_wal_index(shm: Path) -> WalIndex | None:
    """The WAL index header, or None if it is absent, torn or not initialised."""
    try:
        with shm.open("rb") as handle:
            raw = handle.read(2 * _HEADER.size + _BACKFILL.size)
    except OSError:
        return None
    if len(raw) < 2 * _HEADER.size + _BACKFILL.size or raw[:48] != raw[48:96]:
        return None  # a writer is mid-update, or the file is not an index
    version, _, _, is_init, _, page, frames, _, _, _, s1, s2, _, _ = _HEADER.unpack(raw[:48])
    if version != WAL_INDEX_VERSION or not is_init:
        return None
    (copied,) = _BACKFILL.unpack(raw[96:100])
    salt = struct.pack("=II", s1, s2)
    return WalIndex(frames, copied, 65536 if page == 1 else page, salt)


def check_wal(vault_file: Path) -> None:
    """VaultDamaged, in one sentence, if committed changes in the WAL have gone missing."""
    wal = vault_file.with_name(vault_file.name + "-wal")
    index = read_wal_index(vault_file.with_name(vault_file.name + "-shm"))
    if index is not None and index.frames > index.copied:
        if _wal_lacks(wal, index):
            raise _lost(wal)
        scan = scan_wal(wal)
        if scan is None or scan.sound < index.frames:
            raise _lost(wal)
        return
    if index is None and not wal.exists() and _marker_state(vault_file) == "open":
        raise _lost(wal)
    if index is None and wal.exists():
        scan = scan_wal(wal)
        if scan is None and _size(wal) > WAL_HEADER_BYTES:
            raise _lost(wal)  # frames behind a header SQLite will not read: all dropped
        if scan is not None and scan.commits_after_break >= 2:
            raise _lost(wal)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass(frozen=True)
class WalScan:
    sound: int  # frames from the start whose salt and cumulative checksum hold
    commits_after_break: int  # commit frames of the same generation past the first bad one


def _checksum(data: bytes, s1: int, s2: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum (walChecksumBytes), continued from (s1, s2)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    pairs = iter(words)
    for a, b in zip(pairs, pairs, strict=True):
        s1 = (s1 + a + s2) & 0xFFFFFFFF
        s2 = (s2 + b + s1) & 0xFFFFFFFF
    return s1, s2


def scan_wal(wal: Path) -> WalScan | None:
    """How much of the WAL SQLite's recovery would keep, or None if its header is unusable."""
    try:
        data = wal.read_bytes()
    except OSError:
        return None
    if len(data) < WAL_HEADER_BYTES:
        return None
    magic, _, page_size, _ = struct.unpack(">IIII", data[:16])
    if magic not in _WAL_MAGIC or page_size < 512 or page_size > 65536:
        return None
    if page_size & (page_size - 1):
        return None
    big = bool(magic & 1)
    salt = data[16:24]
    sums = _checksum(data[:24], 0, 0, big)
    if sums != struct.unpack(">II", data[24:32]):
        return None
    step = FRAME_HEADER_BYTES + page_size
    offsets = range(WAL_HEADER_BYTES, len(data) - step + 1, step)
    sound = 0
    for offset in offsets:
        head = data[offset : offset + FRAME_HEADER_BYTES]
        if head[8:16] != salt:
            break
        sums = _checksum(head[:8], *sums, big)
        sums = _checksum(data[offset + FRAME_HEADER_BYTES : offset + step], *sums, big)
        if sums != struct.unpack(">II", head[16:24]):
            break
        sound += 1
    commits = 0
    for offset in offsets[sound + 1 :]:
        head = data[offset : offset + FRAME_HEADER_BYTES]
        if head[8:16] == salt and struct.unpack(">I", head[4:8])[0] != 0:
            commits += 1
    return WalScan(sound, commits)


def _wal_lacks(wal: Path, index: WalIndex) -> bool:
    try:
        with wal.open("rb") as handle:
            header = handle.read(WAL_HEADER_BYTES)
        size = wal.stat().st_size
    except OSError:
        return True
    # The WAL stores its salt as raw bytes at 16..24; the index copies them as they are.
    return size < index.wal_bytes() or header[16:24] != index.salt


def _lost(wal: Path) -> VaultDamaged:
    log.error("the write-ahead log is missing or cut short after an unclean close")
    return VaultDamaged(
        f"The vault was not closed cleanly and its file of recent changes, {wal.name}, is "
        "missing or cut short, so those changes would be lost; nothing has been changed: "
        "put that file back if it was moved, or restore a backup."
    )


def _marker_state(vault_file: Path) -> str | None:
    try:
        return marker_path(vault_file).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _write_marker(vault_file: Path, state: str) -> None:
    # Small and rewritten in place: a torn write reads as neither state, which is safe.
    try:
        fd = os.open(marker_path(vault_file), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, state.encode("ascii"))  # a few bytes: one write, no text layer
        finally:
            os.close(fd)
    except OSError:
        log.warning("could not update the open-vault marker")


def mark_open(vault_file: Path) -> None:
    """Say a session may have changes in the WAL (call once SQLite has opened it)."""
    _write_marker(vault_file, "open")


def note_closing(vault_file: Path) -> None:
    """Say the session is ending, for a connection that closes without `close_connection`."""
    _write_marker(vault_file, "closing")


def close_connection(conn: Connection, vault_file: Path) -> None:
    """Close a connection to the live vault, keeping the marker true at every moment."""
    _write_marker(vault_file, "closing")
    try:
        conn.close()
    finally:
        if vault_file.with_name(vault_file.name + "-wal").exists():
            _write_marker(vault_file, "open")  # another connection, or a failed checkpoint
        else:
            with contextlib.suppress(OSError):
                marker_path(vault_file).unlink()


def forget(vault_file: Path) -> None:
    """Drop the marker when the database file is replaced whole (a re-key's swap)."""
    with contextlib.suppress(OSError):
        marker_path(vault_file).unlink()
