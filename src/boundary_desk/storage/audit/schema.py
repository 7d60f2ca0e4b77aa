"""The audit trail's table and triggers, generated once for migration 7.

Every insert, update and delete on a record table writes an audit row from inside
SQLite, so no code path can forget to. Each row carries a SHA-256 of its payload and
an HMAC chained to the previous row (bd_audit_mac, registered on every connection with
a key derived from the vault key). The log is append-only; the one change allowed is
clearing a payload when a client is purged, and the hash keeps the chain verifiable.
"""

from __future__ import annotations

import re

# Columns as they stand at schema version 7; a later migration adding a column to one
# of these tables must recreate that table's triggers.
AUDITED: dict[str, tuple[str, ...]] = {
    "settings": ("key", "value", "updated_at"),
    "clients": (
        "id",
        "code",
        "display_name",
        "status",
        "started_on",
        "ended_on",
        "is_minor",
        "guardian_name",
        "archived_at",
        "created_at",
        "updated_at",
    ),
    "client_handles": ("id", "client_id", "kind", "value", "label", "verified", "position"),
    "agreements": (
        "id",
        "client_id",
        "version",
        "status",
        "contact_phone",
        "contact_email",
        "shared_device",
        "voicemail_ok",
        "lock_screen_previews_ok",
        "client_timezone",
        "crisis_resources",
        "emergency_number",
        "nearest_er",
        "emergency_contact",
        "unencrypted_choice",
        "bills_between_session",
        "guardian_role",
        "client_signed_on",
        "clinician_signed_on",
        "copy_given_on",
        "review_on",
        "created_at",
        "updated_at",
    ),
    "agreement_channels": (
        "agreement_id",
        "channel",
        "allowed",
        "purposes",
        "response_time",
        "withdrawn_on",
    ),
    "clause_overrides": ("name", "text", "updated_at"),
    "events": (
        "id",
        "client_id",
        "kind",
        "occurred_at",
        "channel",
        "direction",
        "category",
        "minutes",
        "summary",
        "replied_at",
        "reply_channel",
        "raise_next_session",
        "platform",
        "request_action",
        "discussed_on",
        "search_purpose",
        "search_consent",
        "search_location",
        "search_found",
        "told_client",
        "documented",
        "consulted",
        "motive",
        "learned_how",
        "created_at",
        "updated_at",
        "deleted_at",
    ),
    "event_warnings": ("event_id", "code", "message", "related", "acknowledged_at", "note"),
    "weekly_reviews": (
        "week",
        "reviewed_at",
        "notes",
        "reflections",
        "supervision",
        "actions",
        "updated_at",
    ),
}

# Record tables made after version 7, each with the migration that made it and its
# columns there; that migration creates the table's triggers (`triggers_sql`).
AUDITED_LATER: dict[str, tuple[int, tuple[str, ...]]] = {
    "sessions": (
        12,
        ("id", "client_id", "starts_at", "ends_at", "source_key", "series", "import_id"),
    ),
    "complex_events": (13, ("event_id", "marked_at")),
    "client_preferences": (14, ("client_id", "channel", "comfort", "updated_at")),
    "agreement_languages": (15, ("agreement_id", "language")),
    "clause_edits": (15, ("language", "name", "text", "updated_at")),
}

# How to find the client a row belongs to, as an SQL expression over NEW./OLD.
_CLIENT_OF = {
    "sessions": "{r}.client_id",
    "complex_events": "(SELECT client_id FROM events WHERE id = {r}.event_id)",
    "client_preferences": "{r}.client_id",
    "clients": "{r}.id",
    "client_handles": "{r}.client_id",
    "agreements": "{r}.client_id",
    "events": "{r}.client_id",
    "agreement_channels": "(SELECT client_id FROM agreements WHERE id = {r}.agreement_id)",
    "agreement_languages": "(SELECT client_id FROM agreements WHERE id = {r}.agreement_id)",
    "event_warnings": "(SELECT client_id FROM events WHERE id = {r}.event_id)",
}
_KEY_OF = {
    "complex_events": "{r}.event_id",
    "client_preferences": "{r}.client_id",
    "settings": "{r}.key",
    "clause_overrides": "{r}.name",
    "agreement_languages": "{r}.agreement_id",
    "clause_edits": "{r}.language || ':' || {r}.name",
    "agreement_channels": "{r}.agreement_id || ':' || {r}.channel",
    "event_warnings": "{r}.event_id || ':' || {r}.code",
    "weekly_reviews": "{r}.week",
}

AUDIT_TABLE = """
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row_key      TEXT,
    client_id    INTEGER,
    payload      TEXT,
    payload_hash TEXT NOT NULL,
    mac          TEXT NOT NULL
);
CREATE INDEX audit_by_client ON audit_log (client_id);
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_only_redact BEFORE UPDATE ON audit_log
WHEN NEW.payload IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
  OR NEW.action IS NOT OLD.action OR NEW.table_name IS NOT OLD.table_name
  OR NEW.row_key IS NOT OLD.row_key OR NEW.client_id IS NOT OLD.client_id
  OR NEW.payload_hash IS NOT OLD.payload_hash OR NEW.mac IS NOT OLD.mac
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""

APPEND_SQL = """
INSERT INTO audit_log (at, action, table_name, row_key, client_id, payload, payload_hash, mac)
SELECT at, action, tbl, rk, cid, p, h,
       bd_audit_mac((SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1), at, action, tbl, rk,
                    cid, h)
FROM (SELECT {at} AS at, {action} AS action, {tbl} AS tbl, {rk} AS rk, {cid} AS cid,
             {payload} AS p, bd_sha256({payload}) AS h)
"""

NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def _columns(table: str) -> tuple[str, ...]:
    return AUDITED[table] if table in AUDITED else AUDITED_LATER[table][1]


def _json(table: str, ref: str) -> str:
    pairs = ", ".join(f"'{c}', {ref}.{c}" for c in _columns(table))
    return f"json_object({pairs})"


def _trigger(table: str, operation: str) -> str:
    ref = "OLD" if operation == "delete" else "NEW"
    if operation == "update":
        payload = f"json_object('old', {_json(table, 'OLD')}, 'new', {_json(table, 'NEW')})"
    else:
        payload = f"json_object('{ref.lower()}', {_json(table, ref)})"
    client = _CLIENT_OF.get(table, "NULL").format(r=ref)
    key = _KEY_OF.get(table, "{r}.id").format(r=ref)
    body = APPEND_SQL.format(
        at=NOW, action=f"'{operation}'", tbl=f"'{table}'", rk=key, cid=client, payload=payload
    )
    return (
        f"CREATE TRIGGER audit_{table}_{operation} AFTER {operation.upper()} ON {table}\n"
        f"BEGIN {body.strip()}; END"
    )


def migration_sql() -> str:
    triggers = [_trigger(t, op) for t in AUDITED for op in ("insert", "update", "delete")]
    return AUDIT_TABLE + ";\n".join(triggers) + ";\n"


def triggers_sql(table: str) -> str:
    """The audit triggers of a table in AUDITED_LATER, for the migration that makes it."""
    return ";\n".join(_trigger(table, op) for op in ("insert", "update", "delete")) + ";\n"


def expected_triggers(
    version: int | None = None, tables: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Every audit trigger by name, with the SQL it was created with, at schema `version`
    (None: the newest). A later table in `tables` (the file's own) is expected to have
    its triggers whatever the version says, so lowering it hides nothing."""
    sql = migration_sql() + "".join(
        triggers_sql(table)
        for table, (made_in, _) in AUDITED_LATER.items()
        if version is None or version >= made_in or table in tables
    )
    found = re.findall(r"(CREATE TRIGGER (\w+).*?\bEND\b)", sql, re.DOTALL)
    return {name: sql for sql, name in found}
