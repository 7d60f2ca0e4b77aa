"""Encrypted backups: written with sqlcipher_export, verified, rotated, and restorable.

A backup is a folder holding an encrypted copy of the database (same vault key), a
copy of the key file (no secret in it), and a manifest of row counts. Copying the
live .db file is not a backup while a -wal exists; sqlcipher_export reads one
consistent snapshot through the open connection instead.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from boundary_desk.domain.words import counted
from boundary_desk.storage.audit.anchor import HEAD_LOST, AuditHead, current_head, lost_its_head
from boundary_desk.storage.db.connection import Connection, classify, open_database
from boundary_desk.storage.db.migrations import export_encrypted_copy, schema_version
from boundary_desk.storage.errors import StorageUnavailable, VaultDamaged, VaultError
from boundary_desk.storage.keys.key_file import read_key_file
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.file_shape import shape_problem
from boundary_desk.storage.vault.integrity import IntegrityCheck
from boundary_desk.storage.vault.partial_backups import (
    PART_SUFFIX,
    REMOVING_SUFFIX,
    remove_abandoned,
    remove_backup_folder,
    writing,
)
from boundary_desk.system.fileio import (
    ReadFailed,
    WriteFailed,
    atomic_write,
    copy_private,
    read_regular_file,
)
from boundary_desk.system.paths import create_private_dir, ensure_private_dir

PREFIX = "backup-"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# The clinician's records: a backup holding fewer of these than the one before it is a
# warning sign (a vault emptied by damage, say), so that earlier backup is always kept.
RECORD_TABLES = ("clients", "events")


class BackupFailed(VaultError):
    """A backup could not be written or did not verify; the vault itself is untouched."""


class BackupMismatch(VaultDamaged):
    """A backup's files are not what its manifest describes; it is not restored."""


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: datetime
    schema_version: int
    counts: dict[str, int]
    verified: bool
    problem: str | None = None  # why it can't be verified, when its files show damage
    fewer_than: Backup | None = None  # the earlier backup holding more records, kept
    checked: IntegrityCheck | None = None  # the vault's full check just before it was made

    def as_dict(self) -> dict[str, Any]:
        found = {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(),
            "schema_version": self.schema_version,
            "counts": dict(self.counts),
            "verified": self.verified,
        }
        if self.problem is not None:
            found["problem"] = self.problem
        if self.fewer_than is not None:
            found["fewer_records_than"] = self.fewer_than.as_dict()
        return found


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows in every table of the vault, by table name."""
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    # Table names come from sqlite_master, not from user input.
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}  # noqa: S608


def create_backup(
    conn: Connection,
    vault_key: SecretKey | bytes,
    key_file: Path,
    dest_dir: Path,
    now: datetime | None = None,
) -> Backup:
    """Write, verify and describe one backup in `dest_dir`; BackupFailed if anything is off."""
    moment = now or datetime.now(UTC)
    try:
        create_private_dir(dest_dir)  # may be a folder the user chose: never chmod it
    except OSError as exc:
        raise BackupFailed(f"The backup folder {dest_dir} can't be used: {exc.strerror}.") from exc
    folder = dest_dir / f"{PREFIX}{moment.strftime('%Y%m%dT%H%M%S%fZ')}"
    building = folder.with_name(folder.name + PART_SUFFIX)
    remove_abandoned(dest_dir, PREFIX)  # what interrupted runs left behind
    shutil.rmtree(building, ignore_errors=True)
    try:
        ensure_private_dir(building)
        with writing(building):
            found, version = _write(conn, vault_key, key_file, building, moment)
        os.replace(building, folder)
    except BaseException as exc:
        shutil.rmtree(building, ignore_errors=True)  # whatever happened, no half backup stays
        failure = _as_failure(exc, dest_dir)
        if failure is None:
            raise
        raise failure from exc
    return Backup(folder, moment, version, found, True)


def _write(
    conn: Connection, vault_key: SecretKey | bytes, key_file: Path, building: Path, moment: datetime
) -> tuple[dict[str, int], int]:
    """The copy, the key file and the manifest, in `building`; the counts and version."""
    expected: dict[str, int] = {}
    export_encrypted_copy(
        conn,
        vault_key,
        building / "vault.db",
        while_reading=lambda: expected.update(row_counts(conn)),
    )
    copy_private(key_file, building / "vault.key")
    found, version, head = _verify(building / "vault.db", vault_key)
    if found != expected:
        raise BackupFailed("The backup's row counts differ from the vault's; it was discarded.")
    manifest = {
        "created_at": moment.isoformat(),
        "schema_version": version,
        "counts": found,
        "verified": True,
        "bytes": (building / "vault.db").stat().st_size,
        # The copy's audit head, sealed: a trail cut back in the copy is noticed.
        "audit_head": head.to_dict(vault_key, read_key_file(key_file).vault_id),
    }
    atomic_write(building / "manifest.json", json.dumps(manifest, indent=2).encode())
    return found, version


def _as_failure(exc: BaseException, dest_dir: Path) -> BackupFailed | None:
    """The sentence for a backup that couldn't be written, or None for a bug."""
    if isinstance(exc, BackupFailed):
        return exc
    if isinstance(exc, sqlcipher3.Error):
        classified = classify(exc, dest_dir)
        if classified is None:
            return None
        exc = classified
    if not isinstance(exc, (OSError, StorageUnavailable, WriteFailed)):
        return None
    text = str(exc) if not isinstance(exc, OSError) else (exc.strerror or str(exc))
    if _disk_full(exc, text):
        return BackupFailed(
            f"The disk holding {dest_dir} is full, so the backup could not be written; the "
            "vault is untouched and no partial backup was left."
        )
    return BackupFailed(
        f"The backup could not be written ({text.rstrip('.')}); the vault is untouched."
    )


def _disk_full(exc: BaseException, text: str) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "disk is full" in text.lower() or "no space left" in text.lower()


def _verify(db: Path, vault_key: SecretKey | bytes) -> tuple[dict[str, int], int, AuditHead]:
    try:
        conn = open_database(db, vault_key)  # reopened with the key, integrity checked
    except VaultDamaged as exc:
        raise BackupFailed(
            "The backup did not pass its integrity check; it was discarded."
        ) from exc
    try:
        return row_counts(conn), schema_version(conn), current_head(conn)
    finally:
        conn.close()


def list_backups(dest_dir: Path) -> list[Backup]:
    """Backups in `dest_dir`, newest first (unreadable manifests show as unverified)."""
    if not dest_dir.is_dir():
        return []
    found = [
        read_backup(folder)
        for folder in dest_dir.iterdir()
        if folder.is_dir()
        and folder.name.startswith(PREFIX)
        and folder.suffix not in (PART_SUFFIX, REMOVING_SUFFIX)
    ]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def read_backup(folder: Path) -> Backup:
    """What a backup's manifest says of it, checked cheaply against its files (no key needed).

    A backup without a readable manifest is unverified; one whose files are missing, cut
    short or of another size than the manifest recorded is unverified, with the problem.
    """
    try:
        # A named pipe in place of the manifest would block a plain read forever.
        manifest = json.loads(read_regular_file(folder / "manifest.json"))
        described = Backup(
            folder,
            datetime.fromisoformat(manifest["created_at"]),
            int(manifest["schema_version"]),
            {str(k): int(v) for k, v in dict(manifest["counts"]).items()},
            bool(manifest["verified"]),
        )
        recorded = manifest.get("bytes")
        size = None if recorded is None else int(recorded)
        headless = lost_its_head(manifest)
    except (OSError, ReadFailed, ValueError, KeyError, TypeError, AttributeError):
        stamp = datetime.fromtimestamp(folder.stat().st_mtime, UTC)
        described, size, headless = Backup(folder, stamp, 0, {}, False), None, False
    problem = files_problem(folder, size)
    if problem is None and headless:
        problem = HEAD_LOST
    return described if problem is None else replace(described, verified=False, problem=problem)


def files_problem(folder: Path, recorded_bytes: int | None = None) -> str | None:
    """Why a backup's files can't be what was verified, in a few words, or None."""
    if not (folder / "vault.key").is_file():
        return "its key file is missing"
    db = folder / "vault.db"
    problem = shape_problem(db)
    if problem is None and recorded_bytes is not None and db.stat().st_size != recorded_bytes:
        problem = "has changed size since it was verified"
    return None if problem is None else f"its vault file {problem}"


def check_contents(conn: Connection, folder: Path) -> None:
    """VaultDamaged unless an opened backup holds exactly the rows its manifest lists."""
    described = read_backup(folder)
    refusal = "so it can't be restored; nothing was changed: choose an earlier backup."
    if described.problem is not None:
        raise BackupMismatch(f"That backup is damaged ({described.problem}), {refusal}")
    held = row_counts(conn)
    if described.counts and held != described.counts:
        raise BackupMismatch(
            f"That backup holds other records than it did when it was verified "
            f"({_difference(held, described.counts)}), {refusal}"
        )


def _clients(counts: dict[str, int]) -> str:
    return counted(counts.get("clients", 0), "client", "clients")


def _difference(held: dict[str, int], listed: dict[str, int]) -> str:
    """The first count that differs, in words: clients if they do, else the table."""
    if held.get("clients", 0) != listed.get("clients", 0):
        return f"{_clients(held)}, not {_clients(listed)}"
    for table in sorted(set(held) | set(listed)):
        if held.get(table, 0) != listed.get(table, 0):
            rows = counted(held.get(table, 0), "row", "rows")
            return f"{rows} of {table.replace('_', ' ')}, not {listed.get(table, 0)}"
    return "its tables differ"


def fewer_records(newer: Backup, older: Backup) -> list[str]:
    """The record tables (clients, events) of which `newer` holds fewer rows than `older`."""
    return [t for t in RECORD_TABLES if newer.counts.get(t, 0) < older.counts.get(t, 0)]


def to_keep(backups: Iterable[Backup]) -> set[Path]:
    """Grandfather–father–son: the newest backup of each of the last 7 days, 4 ISO weeks
    and 12 months is kept, and so is every backup that holds more records than the one
    after it; everything else may go."""
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    pairs = itertools.pairwise(ordered)
    keep = {older.path for newer, older in pairs if fewer_records(newer, older)}
    for key_of, limit in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in ordered:
            key = key_of(backup.created_at)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(key)
            keep.add(backup.path)
    return keep


def rotate(dest_dir: Path) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was removed."""
    backups = list_backups(dest_dir)
    keep = to_keep(b for b in backups if b.verified)
    removed = [b.path for b in backups if b.verified and b.path not in keep]
    for path in removed:
        remove_backup_folder(path)
    return removed


def rotate_after(made: Backup, dest_dir: Path) -> Backup:
    """Rotate `dest_dir` after writing `made`; say in `made` if it holds fewer records.

    The earlier backup it is compared with (the newest verified one before it) is then
    kept by rotation, beside it, whatever its age.
    """
    earlier = [b for b in list_backups(dest_dir) if b.verified and b.created_at < made.created_at]
    rotate(dest_dir)
    if earlier and fewer_records(made, earlier[0]):
        return replace(made, fewer_than=earlier[0])
    return made


def same_disk(a: Path, b: Path) -> bool:
    """Whether two existing folders sit on one device (a backup there won't survive the disk)."""
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False
