"""After a purge: the backups and set-aside copies that still hold the client.

A purge removes a client from the vault, but every backup made before it, and every
`replaced-*` copy a restore set aside, still holds them. Each is opened with the
vault key and checked; the clinician can then have the client purged there too
(the copy is re-verified and its manifest rewritten) or the copy deleted. A copy
that doesn't open with today's key (made before a re-key) is named as one that
can't be checked, never skipped in silence.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import sqlcipher3

from boundary_desk.errors import UserFacingError
from boundary_desk.storage.db.connection import verify_integrity
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.key_file import read_key_file
from boundary_desk.storage.stores.purge import purge_rows
from boundary_desk.storage.vault.backups import PREFIX, row_counts
from boundary_desk.storage.vault.copy import VaultCopies
from boundary_desk.storage.vault.partial_backups import REMOVING_SUFFIX
from boundary_desk.system.fileio import atomic_write, read_regular_file
from boundary_desk.system.i18n import N_

log = logging.getLogger(__name__)

SET_ASIDE_PREFIX = "replaced-"
PRE_UPGRADE_PREFIX = "pre-migration-"  # migrations.pre_migration_copy_path: one file each


class CopyState(Enum):
    HOLDS = N_("still holds the client")
    UNCHECKED = N_(
        "can't be checked: it doesn't open with this vault's key (made before a re-key?)"
    )


class BackupChoice(Enum):
    """What to do with the copies that still hold a purged client."""

    REWRITE = "rewrite"
    DELETE = "delete"
    KEEP = "keep"


@dataclass(frozen=True)
class HeldCopy:
    path: Path
    state: CopyState

    @property
    def kind(self) -> str:
        if self.path.name.startswith(PRE_UPGRADE_PREFIX):
            return N_("copy made before an upgrade")
        return N_("set-aside copy") if self.path.name.startswith(SET_ASIDE_PREFIX) else N_("backup")

    @property
    def database(self) -> Path:
        return self.path if self.path.is_file() else self.path / "vault.db"


def candidate_copies(folders: Iterable[Path]) -> list[Path]:
    """Finished backups and set-aside copies in `folders` (each folder once), oldest first."""
    seen: set[Path] = set()
    found: list[Path] = []
    for folder in folders:
        real = folder.expanduser().resolve()
        if real in seen or not real.is_dir():
            continue
        seen.add(real)
        found += [p for p in real.iterdir() if _is_copy(p)]
    return sorted(found, key=lambda p: p.name)


def _is_copy(path: Path) -> bool:
    if path.name.startswith(PRE_UPGRADE_PREFIX):
        return path.is_file() and path.suffix == ".db"
    return (
        path.is_dir()
        and path.name.startswith((SET_ASIDE_PREFIX, PREFIX))
        and not path.name.endswith(".part")
        and (path / "vault.db").is_file()
    )


def copies_holding(
    copies: VaultCopies, folders: Iterable[Path], client_id: int, code: str
) -> list[HeldCopy]:
    """The copies of this vault in `folders` that still hold the client, or can't be checked."""
    held = []
    for path in candidate_copies(folders):
        if not _of_this_vault(path, copies.vault_id):
            continue
        copy = HeldCopy(path, CopyState.HOLDS)
        state = _state(copies, copy.database, client_id, code)
        if state is not None:
            held.append(HeldCopy(path, state))
    return held


def _of_this_vault(path: Path, vault_id: str) -> bool:
    if path.is_file():
        return True  # a copy made before an upgrade has no key file beside it
    try:
        return read_key_file(path / "vault.key").vault_id == vault_id
    except VaultDamaged:
        return True  # no readable key file beside it: only opening it can tell


def _state(copies: VaultCopies, db: Path, client_id: int, code: str) -> CopyState | None:
    try:
        conn = copies.open(db, read_only=True)
    except (UserFacingError, sqlcipher3.Error):
        return CopyState.UNCHECKED
    try:
        found = conn.execute(
            "SELECT 1 FROM clients WHERE id = ? AND code = ?", (client_id, code)
        ).fetchone()
    except sqlcipher3.Error:
        return CopyState.UNCHECKED
    finally:
        conn.close()
    return CopyState.HOLDS if found else None


def rewrite_copy(copies: VaultCopies, copy: HeldCopy, client_id: int, code: str) -> None:
    """Purge the client from the copy the same way, re-verify it, and rewrite its manifest."""
    db = copy.database
    conn = copies.open(db)
    try:
        purge_rows(conn, client_id, code)
        verify_integrity(conn, db)
        if not copies.verify(conn).intact:
            raise VaultDamaged(f"After the purge, the audit trail in {copy.path} didn't verify.")
        counts, head = row_counts(conn), copies.sealed_head(conn)
    finally:
        conn.close()
    manifest_path = copy.path / "manifest.json"
    if copy.path.is_dir() and manifest_path.is_file():
        manifest = json.loads(read_regular_file(manifest_path))
        manifest.update(counts=counts, audit_head=head)
        atomic_write(manifest_path, json.dumps(manifest, indent=2).encode())


def delete_copy(copy: HeldCopy) -> None:
    if copy.path.is_file():
        for end in ("", "-wal", "-shm"):
            copy.path.with_name(copy.path.name + end).unlink(missing_ok=True)
    else:
        # Renamed first, so a kill halfway never leaves a half-deleted copy listed.
        doomed = copy.path.with_name(copy.path.name + REMOVING_SUFFIX)
        copy.path.rename(doomed)
        shutil.rmtree(doomed)


@dataclass(frozen=True)
class Settled:
    done: list[HeldCopy]
    failed: list[tuple[HeldCopy, str]]


def apply_choice(
    copies: VaultCopies, held: list[HeldCopy], choice: BackupChoice, client_id: int, code: str
) -> Settled:
    """Rewrite or delete every copy that holds the client; one that fails is named, not fatal."""
    done: list[HeldCopy] = []
    failed: list[tuple[HeldCopy, str]] = []
    for copy in held:
        if copy.state is not CopyState.HOLDS or choice is BackupChoice.KEEP:
            continue
        try:
            if choice is BackupChoice.REWRITE:
                rewrite_copy(copies, copy, client_id, code)
            else:
                delete_copy(copy)
        except (UserFacingError, sqlcipher3.Error, OSError, ValueError) as exc:
            log.warning("a copy could not be %sd (%s)", choice.value[:-1], type(exc).__name__)
            failed.append((copy, exc.message if isinstance(exc, UserFacingError) else str(exc)))
            continue
        done.append(copy)
    return Settled(done, failed)
