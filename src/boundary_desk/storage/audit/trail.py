"""The audit trail: append rows, verify the HMAC chain, show a client's history.

Record changes are written by triggers (audit_schema.py); this module adds the
actions SQLite cannot see (unlock, lock, views, exports, backups, restores) and
checks the chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from boundary_desk.storage.audit.functions import audit_key, chain_mac, sha256_text
from boundary_desk.storage.audit.schema import APPEND_SQL
from boundary_desk.storage.db.connection import Connection, pay_before_write
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.system.i18n import _, ngettext


def record(
    conn: Connection,
    action: str,
    subject: str,
    *,
    row_key: object = None,
    client_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an action the triggers can't see (unlock, view, export…).

    A vault open read-only can't take the row; it records nothing, and the app says
    so when it opens such a vault.
    """
    if conn.execute("PRAGMA query_only").fetchone()[0]:
        return
    pay_before_write(conn)  # the unlock's deferred anchor, if still owed (vault.py)
    sql = APPEND_SQL.format(
        at="strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        action="?",
        tbl="?",
        rk="?",
        cid="?",
        payload="?",
    )
    payload = json.dumps(details or {}, sort_keys=True)
    conn.execute(sql, (action, subject, row_key, client_id, payload, payload))


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    action: str
    table_name: str
    row_key: str | None
    client_id: int | None
    payload: str | None

    def details(self) -> dict[str, Any]:
        if self.payload is None:
            return {"redacted": True}
        value = json.loads(self.payload)
        return value if isinstance(value, dict) else {"value": value}


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    first_broken: int | None
    reason: str = ""
    # What the chain alone can't show: a cut-back tail, a missing trigger, a cleared payload.
    problems: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.first_broken is None and not self.problems

    def summary(self) -> str:
        """One paragraph for the clinician: intact, or every problem found.

        Each problem is a whole clause in the app's language (as `reason` and `problems`
        were written by the checks); they are listed after the one sentence that says the
        trail was tampered with.
        """
        if self.intact:
            return ngettext(
                "The audit trail is intact: {count} row, every link verified.",
                "The audit trail is intact: {count} rows, every link verified.",
                self.rows,
            ).format(count=self.rows)
        found = list(self.problems)
        if self.first_broken is not None:
            found.insert(
                0,
                _(
                    "it is broken at row {row}: {reason}; everything before that row verified"
                ).format(row=self.first_broken, reason=self.reason),
            )
        return _("The audit trail has been tampered with: {problems}.").format(
            problems="; ".join(found)
        )


def verify_chain(conn: Connection, vault_key: SecretKey | bytes) -> ChainCheck:
    """Recompute every row's hash and MAC; name the first row that doesn't match."""
    key = audit_key(vault_key)
    prev: str | None = None
    expected_id: int | None = None
    count = 0
    rows = conn.execute(
        "SELECT id, at, action, table_name, row_key, client_id, payload, payload_hash, mac "
        "FROM audit_log ORDER BY id"
    )
    for row_id, at, action, table, row_key, client_id, payload, payload_hash, mac in rows:
        count += 1
        if expected_id is not None and row_id != expected_id:
            missing = _("rows {first}–{last} are missing").format(
                first=expected_id, last=row_id - 1
            )
            return ChainCheck(count, row_id, missing)
        if payload is not None and sha256_text(payload) != payload_hash:
            return ChainCheck(count, row_id, _("its contents were changed"))
        if chain_mac(key, prev, at, action, table, row_key, client_id, payload_hash) != mac:
            return ChainCheck(count, row_id, _("its MAC does not match the chain"))
        prev, expected_id = mac, row_id + 1
    return ChainCheck(count, None)


def history(conn: Connection, client_id: int | None = None, limit: int = 500) -> list[AuditRow]:
    sql = "SELECT id, at, action, table_name, row_key, client_id, payload FROM audit_log"
    params: tuple[Any, ...] = ()
    if client_id is not None:
        sql += " WHERE client_id = ?"
        params = (client_id,)
    sql += " ORDER BY id DESC LIMIT ?"
    rows = conn.execute(sql, (*params, limit)).fetchall()
    return [AuditRow(*row) for row in rows]
