"""Sessions in the vault: client, start and end, each from one calendar occurrence.

A session's source key is unique, so importing the same calendar again, or a newer
export of it, adds nothing twice. Times are stored in UTC and read back aware.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.sessions import Session
from boundary_desk.storage.db.bulk import insert_rows
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.storage.stores.imports import ImportStore

_COLUMNS = "id, client_id, starts_at, ends_at, source_key"


@dataclass(frozen=True)
class SessionsWritten:
    import_id: int
    added: int
    already: int


class SessionStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def known_keys(self) -> set[str]:
        return {str(r[0]) for r in self._conn.execute("SELECT source_key FROM sessions")}

    def write(self, sessions: Sequence[Session], *, clients: int) -> SessionsWritten:
        """Every session not in the vault yet, in one transaction, with the import's one
        audit row (source and counts); each session's own row is audited too."""
        with transaction(self._conn):
            known = self.known_keys()
            fresh = list({s.source_key: s for s in sessions if s.source_key not in known}.values())
            import_id = ImportStore(self._conn, self._clock).record(
                "calendar", added=len(fresh), already=len(sessions) - len(fresh), clients=clients
            )
            insert_rows(  # few statements, not one a session (storage/db/bulk.py)
                self._conn,
                "INSERT INTO sessions (client_id, starts_at, ends_at, source_key, import_id)",
                [(s.client_id, _utc(s.start), _utc(s.end), s.source_key, import_id) for s in fresh],
            )
        return SessionsWritten(import_id, len(fresh), len(sessions) - len(fresh))

    def between(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        client_id: int | None = None,
    ) -> list[Session]:
        """Sessions starting in [since, until), oldest first; one client's if given."""
        sql = f"SELECT {_COLUMNS} FROM sessions WHERE 1 = 1"  # noqa: S608 - constant columns
        params: list[object] = []
        if since is not None:
            sql, params = sql + " AND starts_at >= ?", [*params, _utc(since)]
        if until is not None:
            sql, params = sql + " AND starts_at < ?", [*params, _utc(until)]
        if client_id is not None:
            sql, params = sql + " AND client_id = ?", [*params, client_id]
        rows = self._conn.execute(sql + " ORDER BY starts_at, id", params)
        return [_session(r) for r in rows]

    def next_after(self, client_id: int, moment: datetime) -> Session | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE client_id = ? AND starts_at > ? "  # noqa: S608
            "ORDER BY starts_at LIMIT 1",
            (client_id, _utc(moment)),
        ).fetchone()
        return _session(row) if row else None

    def last_before(self, client_id: int, moment: datetime) -> Session | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE client_id = ? AND starts_at <= ? "  # noqa: S608
            "ORDER BY starts_at DESC LIMIT 1",
            (client_id, _utc(moment)),
        ).fetchone()
        return _session(row) if row else None


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("session times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _session(row: Sequence[object]) -> Session:
    sid, client_id, starts, ends, key = row
    return Session(
        client_id=int(str(client_id)),
        start=datetime.fromisoformat(str(starts)),
        end=datetime.fromisoformat(str(ends)),
        source_key=str(key),
        id=int(str(sid)),
    )
