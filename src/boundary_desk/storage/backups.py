"""Encrypted backups: written with sqlcipher_export, verified, rotated, and restorable.

A backup is a folder holding an encrypted copy of the database (same vault key), a
copy of the key file (no secret in it), and a manifest of row counts. Copying the
live .db file is not a backup while a -wal exists; sqlcipher_export reads one
consistent snapshot through the open connection instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from boundary_desk.paths import create_private_dir, ensure_private_dir
from boundary_desk.storage.connection import Connection, open_database
from boundary_desk.storage.errors import StorageUnavailable, VaultDamaged, VaultError
from boundary_desk.storage.fileio import ReadFailed, atomic_write, read_regular_file
from boundary_desk.storage.migrations import export_encrypted_copy, schema_version
from boundary_desk.storage.secret_key import SecretKey

PREFIX = "backup-"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


class BackupFailed(VaultError):
    """A backup could not be written or did not verify; the vault itself is untouched."""


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: datetime
    schema_version: int
    counts: dict[str, int]
    verified: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(),
            "schema_version": self.schema_version,
            "counts": dict(self.counts),
            "verified": self.verified,
        }


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
    building = folder.with_name(folder.name + ".part")
    shutil.rmtree(building, ignore_errors=True)
    try:
        ensure_private_dir(building)
        expected: dict[str, int] = {}
        export_encrypted_copy(
            conn,
            vault_key,
            building / "vault.db",
            while_reading=lambda: expected.update(row_counts(conn)),
        )
        shutil.copyfile(key_file, building / "vault.key")
        os.chmod(building / "vault.key", 0o600)
        found, version = _verify(building / "vault.db", vault_key)
        if found != expected:
            raise BackupFailed("The backup's row counts differ from the vault's; it was discarded.")
        manifest = {
            "created_at": moment.isoformat(),
            "schema_version": version,
            "counts": found,
            "verified": True,
        }
        atomic_write(building / "manifest.json", json.dumps(manifest, indent=2).encode())
        os.replace(building, folder)
    except (OSError, StorageUnavailable) as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise BackupFailed(
            f"The backup could not be written: {exc}. The vault is untouched."
        ) from exc
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return Backup(folder, moment, version, found, True)


def _verify(db: Path, vault_key: SecretKey | bytes) -> tuple[dict[str, int], int]:
    try:
        conn = open_database(db, vault_key)  # reopened with the key, integrity checked
    except VaultDamaged as exc:
        raise BackupFailed(
            "The backup did not pass its integrity check; it was discarded."
        ) from exc
    try:
        return row_counts(conn), schema_version(conn)
    finally:
        conn.close()


def list_backups(dest_dir: Path) -> list[Backup]:
    """Backups in `dest_dir`, newest first (unreadable manifests show as unverified)."""
    if not dest_dir.is_dir():
        return []
    found = [
        read_backup(folder)
        for folder in dest_dir.iterdir()
        if folder.is_dir() and folder.name.startswith(PREFIX) and folder.suffix != ".part"
    ]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def read_backup(folder: Path) -> Backup:
    """What a backup's manifest says of it; a backup without a readable one is unverified."""
    try:
        # A named pipe in place of the manifest would block a plain read forever.
        manifest = json.loads(read_regular_file(folder / "manifest.json"))
        return Backup(
            folder,
            datetime.fromisoformat(manifest["created_at"]),
            int(manifest["schema_version"]),
            {str(k): int(v) for k, v in dict(manifest["counts"]).items()},
            bool(manifest["verified"]),
        )
    except (OSError, ReadFailed, ValueError, KeyError, TypeError, AttributeError):
        stamp = datetime.fromtimestamp(folder.stat().st_mtime, UTC)
        return Backup(folder, stamp, 0, {}, False)


def to_keep(backups: Iterable[Backup]) -> set[Path]:
    """Grandfather–father–son: the newest backup of each of the last 7 days, 4 ISO weeks
    and 12 months is kept; everything else may go."""
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep: set[Path] = set()
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
        shutil.rmtree(path, ignore_errors=True)
    return removed


def same_disk(a: Path, b: Path) -> bool:
    """Whether two existing folders sit on one device (a backup there won't survive the disk)."""
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False
