"""The vaults a restore replaced (backups/replaced-…) are rotated: the newest few are kept.

How many is a setting ("replaced"), read from the vault itself, so the limit travels
with it. Rotation never fails a restore or a backup: a folder that can't be removed
is left for the next time.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import sqlcipher3

from boundary_desk.domain.practice_settings import REPLACED_KEPT
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.db.connection import Connection

log = logging.getLogger(__name__)

PREFIX = "replaced-"


def replaced_kept(conn: Connection) -> int:
    """The "replaced" setting, or its default if it can't be read."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (REPLACED_KEPT.key,))
        found = row.fetchone()
        return int(REPLACED_KEPT.parse(str(found[0]) if found else REPLACED_KEPT.default))
    except (sqlcipher3.Error, InvalidInput):
        return int(REPLACED_KEPT.parse(REPLACED_KEPT.default))


def rotate_set_aside(backup_dir: Path, conn: Connection) -> list[Path]:
    """Remove all but the newest replaced vaults in `backup_dir`; returns what was removed."""
    try:
        found = sorted(
            (p for p in backup_dir.iterdir() if p.is_dir() and p.name.startswith(PREFIX)),
            key=lambda p: p.name,  # replaced-<UTC stamp>: the name sorts by time
            reverse=True,
        )
    except OSError:
        return []
    removed = found[replaced_kept(conn) :]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    if removed:
        log.info("removed %d older replaced vaults", len(removed))
    return removed
