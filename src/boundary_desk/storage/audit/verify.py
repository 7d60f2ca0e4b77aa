"""`audit verify` in full: the chain, its anchored head, its triggers and its payloads.

The HMAC chain (audit.verify_chain) shows a changed row. It can't show rows cut from
the end, triggers dropped so changes go unrecorded, or a payload cleared outside a
purge; the checks here name each of those.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import (
    AnchorForged,
    behind_anchor,
    read_anchor,
    was_anchored,
)
from boundary_desk.storage.audit.schema import expected_triggers
from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.key_file import read_key_file
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.system.i18n import _, ngettext

# A cleared payload is accounted for by a later purge of the same client; a purge
# recorded before purges named their client accounts for rows of clients now gone.
_UNACCOUNTED_NULLS = """
SELECT a.id FROM audit_log a
WHERE a.payload IS NULL AND NOT EXISTS (
    SELECT 1 FROM audit_log p
    WHERE p.action = 'purge' AND p.id > a.id AND p.payload IS NOT NULL AND (
        p.client_id = a.client_id
        OR (p.client_id IS NULL AND a.client_id IS NOT NULL
            AND a.client_id NOT IN (SELECT id FROM clients))))
ORDER BY a.id
"""


def verify_trail(
    conn: Connection, vault_key: SecretKey | bytes, key_path: Path, vault_id: str
) -> audit.ChainCheck:
    """Every check `audit verify` makes; each problem is named in the result."""
    chain = audit.verify_chain(conn, vault_key)
    problems = [
        *trigger_problems(conn),
        *payload_problems(conn),
        *anchor_problems(conn, vault_key, key_path, vault_id),
    ]
    return replace(chain, problems=tuple(problems))


def trigger_problems(conn: Connection) -> list[str]:
    """Audit triggers that are missing or whose SQL was changed, by name."""
    present = {
        str(name): " ".join(str(sql).split())
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    problems = []
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = frozenset(
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    )
    for name, sql in expected_triggers(version, tables).items():
        if name not in present:
            problems.append(
                _("the trigger {name} is missing, so changes can go unrecorded").format(name=name)
            )
        elif present[name] != " ".join(sql.split()):
            problems.append(_("the trigger {name} was altered").format(name=name))
    return problems


def payload_problems(conn: Connection) -> list[str]:
    """Rows whose contents were cleared with no recorded purge to account for it."""
    ids = [int(r[0]) for r in conn.execute(_UNACCOUNTED_NULLS)]
    if not ids:
        return []
    shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
    return [
        ngettext(
            "the contents of row {rows} were removed, and no purge accounts for it",
            "the contents of rows {rows} were removed, and no purge accounts for it",
            len(ids),
        ).format(rows=shown)
    ]


def anchor_problems(
    conn: Connection, vault_key: SecretKey | bytes, key_path: Path, vault_id: str
) -> list[str]:
    """Whether the table still reaches the head anchored in the key file."""
    try:
        doc = read_key_file(key_path).audit_head
    except VaultDamaged:
        return [_("the key file can't be read, so the trail's anchored head can't be checked")]
    try:
        anchor = read_anchor(doc, vault_key, vault_id)
    except AnchorForged as exc:
        return [f"{exc} ({key_path.name})"]
    if anchor is None:
        if was_anchored(conn):
            return [
                _("the audit anchor was removed from the key file ({file})").format(
                    file=key_path.name
                )
            ]
        return []
    reason = behind_anchor(conn, anchor)
    return [] if reason is None else [reason]
