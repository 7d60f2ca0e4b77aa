"""A restore keeps the record of what happened after the backup was made.

Restoring puts the vault back as the backup held it, audit trail included; without
this, an export made after the backup would vanish from the trail. The current
vault's rows newer than the backup's last row are read before the swap and appended
to the restored copy's chain before it moves in, each marked as carried over, so
the chain verifies and the restore row comes last.
Record changes are carried as a summary only: the restore undid them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import manifest_problem
from boundary_desk.storage.db.connection import Connection, open_database, transaction
from boundary_desk.storage.errors import VaultDamaged, VaultError
from boundary_desk.storage.keys.secret_key import SecretKey

log = logging.getLogger(__name__)

# Rows the triggers wrote: their payload is the undone change, so only the fact is carried.
_CHANGES = frozenset({"insert", "update", "delete"})


@dataclass(frozen=True)
class CarriedRow(audit.AuditRow):
    """A row of the replaced trail, as the restored trail records it."""

    def details(self) -> dict[str, Any]:
        carried: dict[str, Any] = {"carried_over": {"row": self.id, "at": self.at}}
        if self.action in _CHANGES:
            carried["undone_by_restore"] = True
        elif self.payload is None:
            carried["redacted"] = True
        else:
            carried["details"] = json.loads(self.payload)
        return carried


def rows_after_backup(
    conn: Connection, backup_db: Path, vault_key: SecretKey | bytes
) -> list[CarriedRow]:
    """Rows of the trail on `conn` written after the last row of the backup at `backup_db`."""
    backup = open_database(backup_db, vault_key, check=False, read_only=True)
    try:
        head = backup.execute(
            "SELECT id, mac, at FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        backup.close()
    columns = "id, at, action, table_name, row_key, client_id, payload"
    if head is None:
        rows = conn.execute(f"SELECT {columns} FROM audit_log ORDER BY id")  # noqa: S608
        return [CarriedRow(*r) for r in rows]
    last_id, mac, at = head
    shared = conn.execute(
        "SELECT 1 FROM audit_log WHERE id = ? AND mac = ?", (last_id, mac)
    ).fetchone()
    # Same history up to the backup: what follows its last row. Otherwise (the vault was
    # itself restored since), what was written after the backup's last row in time.
    where, value = ("id > ?", last_id) if shared else ("at > ?", at)
    rows = conn.execute(f"SELECT {columns} FROM audit_log WHERE {where} ORDER BY id", (value,))  # noqa: S608
    return [CarriedRow(*r) for r in rows]


def rows_of_current(
    vault_file: Path, vault_key: SecretKey | bytes, backup_db: Path
) -> list[CarriedRow] | None:
    """As rows_after_backup, from the vault file about to be replaced; None if unreadable."""
    if not vault_file.is_file():
        return []
    try:
        conn = open_database(vault_file, vault_key, check=False, read_only=True)
    except (VaultError, sqlcipher3.Error):
        log.warning("the vault being replaced can't be read; its recent audit rows stay with it")
        return None
    try:
        return rows_after_backup(conn, backup_db, vault_key)
    except sqlcipher3.Error:
        log.warning("the vault being replaced can't be read; its recent audit rows stay with it")
        return None
    finally:
        conn.close()


def carry_into(
    staging: Path,
    vault_key: SecretKey | bytes,
    vault_id: str,
    carried: list[CarriedRow] | None,
    manifest: Path,
    superseded: object = None,
) -> None:
    """Append the carried rows to the checked copy about to be restored, before it moves.

    The copy also records which anchored head it replaces (`superseded`, the current key
    file's anchor), so a restore killed after the swap, before the key file is
    re-anchored, is not taken for a trail cut back behind its anchor.

    A backup whose trail falls short of the head in its manifest is refused: restoring
    it would make a cut-back trail the vault's own. The restore row follows the carried
    rows; if anything fails, the copy is removed and the current vault has not moved.
    """
    try:
        conn = open_database(staging, vault_key, check=False)
        try:
            problem = manifest_problem(conn, manifest, vault_key, vault_id)
            if problem is not None:
                raise VaultDamaged(
                    f"That backup's audit trail has been tampered with ({problem}), so it "
                    "can't be restored. Nothing was changed; choose another backup."
                )
            with transaction(conn):
                for row in carried or []:
                    audit.record(
                        conn,
                        row.action,
                        row.table_name,
                        row_key=row.row_key,
                        client_id=row.client_id,
                        details=row.details(),
                    )
                details: dict[str, Any] = {}
                if carried is None:
                    details["current_vault_unreadable"] = True
                anchor = superseded_anchor(superseded)
                if anchor is not None:
                    details["supersedes_anchor"] = anchor
                if details:
                    audit.record(conn, "restore", "audit", details=details)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def superseded_anchor(doc: object) -> dict[str, Any] | None:
    """The (last id, MAC) of the anchor a restore replaces, if the key file holds one."""
    if not isinstance(doc, dict):
        return None
    try:
        return {"last_id": int(doc["last_id"]), "mac": str(doc["mac"])}
    except (KeyError, TypeError, ValueError):
        return None
