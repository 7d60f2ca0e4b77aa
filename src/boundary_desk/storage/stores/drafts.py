"""Unfinished forms (a quick-log entry half typed) kept inside the encrypted vault.

A draft is never written anywhere else: not to a temp file, not to QSettings. It
survives a crash or a lock because it is saved in the vault as it is typed.
"""

from __future__ import annotations

import json
from typing import Any

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.storage.db.connection import Connection, transaction, waiting_at_most

MAX_DRAFT_BYTES = 200_000
# A draft is kept as it is typed: while another process writes, skip it (VaultBusy)
# rather than hold up the typing; the next save tries again.
DRAFT_WAIT_MS = 250


class DraftStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def save(self, name: str, body: dict[str, Any]) -> None:
        text = json.dumps(body, ensure_ascii=False)
        if len(text.encode("utf-8")) > MAX_DRAFT_BYTES:
            return  # an oversized draft is refused when saved as an entry; keep the last one
        with waiting_at_most(self._conn, DRAFT_WAIT_MS), transaction(self._conn):
            self._conn.execute(
                "INSERT INTO drafts (name, body, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET body = excluded.body, "
                "updated_at = excluded.updated_at",
                (name, text, self._clock().isoformat()),
            )

    def load(self, name: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT body FROM drafts WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        try:
            body = json.loads(row[0])
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def clear(self, name: str) -> None:
        with transaction(self._conn):
            self._conn.execute("DELETE FROM drafts WHERE name = ?", (name,))
