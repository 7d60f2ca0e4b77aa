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

_COLUMNS = "id, client_id, starts_at, ends_at, source_key, series"


@dataclass(frozen=True)
class SessionsWritten:
    import_id: int
    added: int
    already: int
    moved: int = 0  # sessions whose time (or client) changed in the calendar
    removed: int = 0  # sessions the calendar no longer holds (cancelled, deleted, ended)


@dataclass(frozen=True)
class CalendarRead:
    """What one reading of a calendar saw: every occurrence's key (tied to a client or
    not), every event read whole, and the span it was read over."""

    present: frozenset[str]
    series: frozenset[str]
    since: datetime
    until: datetime


@dataclass(frozen=True)
class SessionPlan:
    fresh: tuple[Session, ...]
    changed: tuple[tuple[int, Session], ...]  # (stored id, as the calendar has it now)
    same: int
    removed: tuple[int, ...]  # stored ids


class SessionStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def known_keys(self) -> set[str]:
        return {str(r[0]) for r in self._conn.execute("SELECT source_key FROM sessions")}

    def plan(self, sessions: Sequence[Session], read: CalendarRead) -> SessionPlan:
        """What writing `sessions` from `read` would add, change and remove.

        A stored session is removed only when its event was read whole, its time falls
        in the span read, and the calendar no longer holds it: cancelled, deleted or
        ended. One still in the calendar but tied to no client now is kept as it was.
        """
        stored = {
            str(key): (int(sid), int(cid), str(starts), str(ends), str(series))
            for sid, key, cid, starts, ends, series in self._conn.execute(
                "SELECT id, source_key, client_id, starts_at, ends_at, series FROM sessions"
            )
        }
        fresh, changed, same = [], [], 0
        for session in {s.source_key: s for s in sessions}.values():
            found = stored.get(session.source_key)
            if found is None:
                fresh.append(session)
            elif found[1:4] != (session.client_id, _utc(session.start), _utc(session.end)):
                changed.append((found[0], session))
            else:
                same += 1
        since, until = _utc(read.since), _utc(read.until)
        removed = tuple(
            sid
            for key, (sid, _, starts, _, series) in stored.items()
            if series in read.series and since <= starts < until and key not in read.present
        )
        return SessionPlan(tuple(fresh), tuple(changed), same, removed)

    def write(
        self, sessions: Sequence[Session], read: CalendarRead, *, clients: int
    ) -> SessionsWritten:
        """The calendar's sessions, in one transaction with the import's one audit row
        (source and counts): new ones added, moved ones moved, cancelled ones removed;
        each session's own change is audited too."""
        with transaction(self._conn):
            plan = self.plan(sessions, read)
            import_id = ImportStore(self._conn, self._clock).record(
                "calendar", added=len(plan.fresh), already=plan.same, clients=clients
            )
            insert_rows(  # few statements, not one a session (storage/db/bulk.py)
                self._conn,
                "INSERT INTO sessions "
                "(client_id, starts_at, ends_at, source_key, series, import_id)",
                [
                    (s.client_id, _utc(s.start), _utc(s.end), s.source_key, s.series, import_id)
                    for s in plan.fresh
                ],
            )
            self._conn.executemany(
                "UPDATE sessions SET client_id = ?, starts_at = ?, ends_at = ?, import_id = ? "
                "WHERE id = ?",
                [
                    (s.client_id, _utc(s.start), _utc(s.end), import_id, sid)
                    for sid, s in plan.changed
                ],
            )
            self._conn.executemany(
                "DELETE FROM sessions WHERE id = ?", [(sid,) for sid in plan.removed]
            )
        return SessionsWritten(
            import_id, len(plan.fresh), plan.same, len(plan.changed), len(plan.removed)
        )

    def remove(self, ids: Sequence[int]) -> int:
        """Remove these sessions (each removal audited); how many were there."""
        with transaction(self._conn):
            cur = self._conn.executemany("DELETE FROM sessions WHERE id = ?", [(i,) for i in ids])
        return max(cur.rowcount, 0)

    def last_import(self) -> datetime | None:
        """When a calendar was last imported, if ever."""
        row = self._conn.execute(
            "SELECT max(imported_at) FROM imports WHERE source = 'calendar'"
        ).fetchone()
        return datetime.fromisoformat(str(row[0])) if row and row[0] else None

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
    sid, client_id, starts, ends, key, series = row
    return Session(
        client_id=int(str(client_id)),
        start=datetime.fromisoformat(str(starts)),
        end=datetime.fromisoformat(str(ends)),
        source_key=str(key),
        series=str(series),
        id=int(str(sid)),
    )
