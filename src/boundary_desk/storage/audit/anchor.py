"""The audit chain's head, anchored outside the audit table so a lost tail is noticed.

The head (row count, last row id and its MAC) is kept in the key file and in every
backup's manifest, sealed with the audit key so editing vault.key can't forge it. It
is moved forward at the durable points (create, unlock, lock, backup, restore; an
unlock whose own row is the only one past the anchor moves it just before the next
write instead, see Vault.anchor_after_unlock), and only when the table still holds the
anchored row unchanged: a trail cut back behind
its anchor stays reported until the clinician restores a backup.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from boundary_desk.storage.audit.functions import audit_key
from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.key_file import KeyFile, read_key_file, write_key_file
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.system.fileio import ReadFailed, WriteFailed, read_regular_file
from boundary_desk.system.i18n import N_, _, ngettext

log = logging.getLogger(__name__)

STALE_TEMP_SECONDS = 60


@dataclass(frozen=True)
class AuditHead:
    rows: int
    last_id: int
    mac: str

    def seal(self, vault_key: SecretKey | bytes, vault_id: str) -> str:
        message = f"boundary-desk audit head/{vault_id}/{self.rows}/{self.last_id}/{self.mac}"
        return hmac.new(audit_key(vault_key), message.encode(), hashlib.sha256).hexdigest()

    def to_dict(self, vault_key: SecretKey | bytes, vault_id: str) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "last_id": self.last_id,
            "mac": self.mac,
            "seal": self.seal(vault_key, vault_id),
        }


class AnchorForged(ValueError):
    """The anchor's seal doesn't match: vault.key (or a manifest) was edited."""


def read_anchor(doc: object, vault_key: SecretKey | bytes, vault_id: str) -> AuditHead | None:
    """The anchored head in `doc` (None if there is none); AnchorForged if its seal fails."""
    if doc is None:
        return None
    try:
        if not isinstance(doc, dict):
            raise TypeError("not an object")
        head = AuditHead(int(doc["rows"]), int(doc["last_id"]), str(doc["mac"]))
        seal = str(doc["seal"])
    except (KeyError, TypeError, ValueError) as exc:
        raise AnchorForged(_("the audit anchor in the key file is malformed")) from exc
    if not hmac.compare_digest(seal, head.seal(vault_key, vault_id)):
        raise AnchorForged(_("the audit anchor in the key file was altered"))
    return head


def current_head(conn: Connection, span: tuple[int, int] | None = None) -> AuditHead:
    """The table's head as it stands (rows 0 and last id 0 for an empty trail).

    `span` is `_span(conn)` when the caller just read it: counting the rows reads the
    whole audit index, which grows with the vault (and is on the unlock path).
    """
    last_id, count = span or _span(conn)
    row = conn.execute("SELECT mac FROM audit_log WHERE id = ?", (last_id,)).fetchone()
    return AuditHead(int(count), int(last_id), str(row[0]) if row else "")


def _span(conn: Connection) -> tuple[int, int]:
    """(last id, rows). Two queries: SQLite answers each from an index at once, not both."""
    last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return int(last or 0), int(count)


def behind_anchor(
    conn: Connection, anchor: AuditHead, span: tuple[int, int] | None = None
) -> str | None:
    """Why the table is not at or after `anchor`, or None when it is (`span` as above).

    The reason is a clause in the app's language, listed in `ChainCheck.summary()`.
    """
    if anchor.rows == 0:
        return None
    row = conn.execute("SELECT mac FROM audit_log WHERE id = ?", (anchor.last_id,)).fetchone()
    count = (span or _span(conn))[1]
    if (row is None or not hmac.compare_digest(str(row[0]), anchor.mac)) and _superseded(
        conn, anchor
    ):
        return None  # a restore replaced this trail on purpose, and said so in the new one
    if row is None:
        return ngettext(
            "the trail ends before its anchored head (row {row}, {count} row): its last "
            "rows were deleted",
            "the trail ends before its anchored head (row {row}, {count} rows): its last "
            "rows were deleted",
            anchor.rows,
        ).format(row=anchor.last_id, count=anchor.rows)
    if not hmac.compare_digest(str(row[0]), anchor.mac):
        return _(
            "its last rows were deleted or replaced: row {row} is not the row anchored in "
            "the key file"
        ).format(row=anchor.last_id)
    if count < anchor.rows:
        return ngettext(
            "the trail holds {count} row, fewer than the {anchored} anchored",
            "the trail holds {count} rows, fewer than the {anchored} anchored",
            count,
        ).format(count=count, anchored=anchor.rows)
    return None


def _superseded(conn: Connection, anchor: AuditHead) -> bool:
    """Whether a restore row in this trail names `anchor` as the head it replaced."""
    row = conn.execute(
        "SELECT 1 FROM audit_log WHERE action = 'restore' AND table_name = 'audit' "
        "AND json_extract(payload, '$.supersedes_anchor.last_id') = ? "
        "AND json_extract(payload, '$.supersedes_anchor.mac') = ? LIMIT 1",
        (anchor.last_id, anchor.mac),
    ).fetchone()
    return row is not None


def manifest_problem(
    conn: Connection, manifest: Path, vault_key: SecretKey | bytes, vault_id: str
) -> str | None:
    """Why a backup's trail (on `conn`) falls short of the head its manifest recorded."""
    try:
        written = json.loads(read_regular_file(manifest))
        doc = written.get("audit_head")
    except (ReadFailed, OSError, ValueError, AttributeError):
        return None  # no readable manifest (an older backup): nothing to hold it to
    if doc is None:
        # Only a backup from before anchoring may lack a head; its own trail says which.
        if lost_its_head(written) or was_anchored(conn):
            return _(HEAD_LOST)
        return None
    try:
        anchor = read_anchor(doc, vault_key, vault_id)
    except AnchorForged:
        return _("the audit head recorded in its manifest was altered")
    return None if anchor is None else behind_anchor(conn, anchor)


HEAD_LOST = N_("its manifest lost the audit head it was written with")


def lost_its_head(manifest: dict[str, Any]) -> bool:
    """Whether a manifest without a head has fields only a version that anchors writes."""
    # `bytes` came in the release that began sealing the head into every manifest.
    return manifest.get("audit_head") is None and "bytes" in manifest


def advance(
    conn: Connection,
    key_path: Path,
    key_file: KeyFile,
    vault_key: SecretKey | bytes,
    *,
    force: bool = False,
) -> KeyFile:
    """Anchor the table's head in the key file, unless the table is behind the anchor.

    The key file is read again first so a wrap written by another process is kept.
    `force` re-anchors after a restore, where the trail deliberately goes back.
    """
    try:
        on_disk = read_key_file(key_path)
        if on_disk.vault_id != key_file.vault_id:
            return key_file
        span = _span(conn)  # read once for both: the trail doesn't change in between
        if not force and _must_stay(conn, on_disk, vault_key, span):
            log.warning("the audit trail is behind its anchor; the anchor was left unchanged")
            return key_file
        head = current_head(conn, span).to_dict(vault_key, key_file.vault_id)
        if on_disk.audit_head != head:  # a head that hasn't moved is not written again
            _clear_stale_temp_files(key_path)
            write_key_file(key_path, on_disk.with_audit_head(head))
    except (VaultDamaged, WriteFailed, sqlcipher3.Error):
        log.warning("the audit trail's head could not be anchored in the key file")
        return key_file
    return key_file.with_audit_head(head)


def only_newest_row_past(conn: Connection, key_file: KeyFile, vault_key: SecretKey | bytes) -> bool:
    """Whether the trail holds `key_file`'s anchored row unchanged, and one row after it.

    At unlock that one row is the unlock's own: the anchor is then current but for it,
    and moving it can wait (Vault.anchor_after_unlock). Any doubt (no anchor, a forged
    or missing one, more rows since) answers False, and the anchor moves at once.
    """
    try:
        anchor = read_anchor(key_file.audit_head, vault_key, key_file.vault_id)
    except AnchorForged:
        return False
    if anchor is None or anchor.rows == 0:
        return False
    row = conn.execute("SELECT mac FROM audit_log WHERE id = ?", (anchor.last_id,)).fetchone()
    if row is None or not hmac.compare_digest(str(row[0]), anchor.mac):
        return False
    after = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE id > ? LIMIT 2)", (anchor.last_id,)
    ).fetchone()[0]
    return int(after) == 1


def _clear_stale_temp_files(key_path: Path) -> None:
    """A process killed mid-write leaves its temp file; one a minute old is nobody's now."""
    for temp in key_path.parent.glob(f".{key_path.name}.*.part"):
        with contextlib.suppress(OSError):
            if time.time() - temp.stat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()


def _must_stay(
    conn: Connection, on_disk: KeyFile, vault_key: SecretKey | bytes, span: tuple[int, int]
) -> bool:
    try:
        anchor = read_anchor(on_disk.audit_head, vault_key, on_disk.vault_id)
    except AnchorForged:
        return True
    if anchor is None:
        return was_anchored(conn)
    return behind_anchor(conn, anchor, span) is not None


def was_anchored(conn: Connection) -> bool:
    """Whether an earlier unlock found an anchor: then a key file without one lost it."""
    row = conn.execute(
        "SELECT 1 FROM audit_log WHERE action = 'unlock' AND payload IS NOT NULL "
        "AND json_extract(payload, '$.anchored') = 1 LIMIT 1"
    ).fetchone()
    return row is not None
