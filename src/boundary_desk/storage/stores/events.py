"""Between-session events in the vault, with their warnings and edit history.

Deleting only marks an event deleted so it can be undone; editing keeps the
previous version in event_revisions. A clinical record is never silently rewritten.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from boundary_desk.domain.boundary_warnings import BoundaryWarning, StoredWarning
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.events import (
    Approach,
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Revision,
    Search,
    SearchPurpose,
)
from boundary_desk.errors import AlreadyDone, NotFound
from boundary_desk.storage.db.bulk import insert_rows
from boundary_desk.storage.db.connection import Connection, transaction

_COLUMNS = (
    "id, client_id, kind, occurred_at, channel, direction, category, minutes, summary, "
    "replied_at, reply_channel, raise_next_session, platform, request_action, discussed_on, "
    "search_purpose, search_consent, search_location, search_found, told_client, documented, "
    "consulted, motive, learned_how"
)
_WRITE_COLUMNS = _COLUMNS.split(", ")[1:]
# Read with every event: whether the clinician marked it complex or emotional (a row of
# complex_events, migration 13).
_SELECT = (
    f"{_COLUMNS}, "  # noqa: S608 - column names only
    "EXISTS (SELECT 1 FROM complex_events WHERE event_id = events.id) AS complex"
)
_INSERT_HEAD = f"INSERT INTO events ({', '.join(_WRITE_COLUMNS)}, created_at, updated_at)"
_INSERT = f"{_INSERT_HEAD} VALUES ({', '.join('?' for _ in _WRITE_COLUMNS)}, ?, ?)"
_INSERT_WARNINGS_HEAD = "INSERT INTO event_warnings (event_id, code, message, related)"


class EventStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def add(self, event: ContactEvent, warnings: list[BoundaryWarning]) -> ContactEvent:
        with transaction(self._conn):
            event_id = self.insert(event, warnings)
        return self.get(event_id)

    def insert(self, event: ContactEvent, warnings: builtins.list[BoundaryWarning]) -> int:
        """Write a new event and its warnings inside the caller's transaction; its id.

        Reads nothing back, so an import of many entries costs one insert each.
        """
        now = self._clock().isoformat()
        cur = self._conn.execute(_INSERT, (*_values(event), now, now))
        if cur.lastrowid is None:
            raise RuntimeError("insert returned no row id")
        event_id = int(cur.lastrowid)
        self._mark_complex(event_id, event.is_complex, now)
        self._conn.executemany(
            "INSERT INTO event_warnings (event_id, code, message, related) VALUES (?, ?, ?, ?)",
            [(event_id, w.code, w.message, ",".join(str(i) for i in w.related)) for w in warnings],
        )
        return event_id

    def insert_many(
        self, entries: Sequence[tuple[ContactEvent, Sequence[BoundaryWarning]]]
    ) -> builtins.list[int]:
        """Write new events and their warnings inside the caller's transaction, many rows
        to a statement (bulk.insert_rows); their ids, in order.

        Each row fires its audit trigger as a single insert does, so the trail is the same.
        """
        if not self._conn.in_transaction:
            raise RuntimeError("insert_many runs inside the caller's transaction")
        now = self._clock().isoformat()
        before = self._conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        insert_rows(self._conn, _INSERT_HEAD, [(*_values(e), now, now) for e, _ in entries])
        ids = [
            int(row[0])
            for row in self._conn.execute(
                "SELECT id FROM events WHERE id > ? ORDER BY id", (before,)
            )
        ]
        if len(ids) != len(entries):
            raise RuntimeError("the events written are not the ones given")
        for event_id, (event, _) in zip(ids, entries, strict=True):
            if event.is_complex:
                self._mark_complex(event_id, True, now)
        insert_rows(
            self._conn,
            _INSERT_WARNINGS_HEAD,
            [
                (event_id, w.code, w.message, ",".join(str(i) for i in w.related))
                for event_id, (_, warnings) in zip(ids, entries, strict=True)
                for w in warnings
            ],
        )
        return ids

    def update(self, event: ContactEvent, warnings: list[BoundaryWarning]) -> ContactEvent:
        """Save an edit; the previous version is kept, acknowledgements carry over."""
        if event.id is None:
            raise ValueError("update needs a saved event")
        before = self.get(event.id)
        assignments = ", ".join(f"{c} = ?" for c in _WRITE_COLUMNS)
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO event_revisions (event_id, revised_at, before) VALUES (?, ?, ?)",
                (event.id, self._clock().isoformat(), json.dumps(stored_columns(before))),
            )
            self._conn.execute(
                f"UPDATE events SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608
                (*_values(event), self._clock().isoformat(), event.id),
            )
            if event.is_complex != before.is_complex:
                self._mark_complex(event.id, event.is_complex, self._clock().isoformat())
            self._write_warnings(event.id, warnings)
        return self.get(event.id)

    def update_warnings(self, event_id: int, warnings: builtins.list[BoundaryWarning]) -> None:
        """Replace an event's warnings (kept acknowledgements carry over)."""
        with transaction(self._conn):
            self._write_warnings(event_id, warnings)

    def delete(self, event_id: int) -> None:
        self._set_deleted(event_id, self._clock().isoformat())

    def restore(self, event_id: int) -> None:
        """Undo a delete."""
        self._set_deleted(event_id, None)

    def get(self, event_id: int, *, include_deleted: bool = False) -> ContactEvent:
        sql = f"SELECT {_SELECT} FROM events WHERE id = ?"  # noqa: S608
        if not include_deleted:
            sql += " AND deleted_at IS NULL"
        row = self._conn.execute(sql, (event_id,)).fetchone()
        if row is None:
            raise NotFound("That entry no longer exists.")
        return _event(row)

    def list(
        self,
        *,
        client_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: tuple[EventKind, ...] = (),
    ) -> builtins.list[ContactEvent]:
        """Events oldest first, optionally for one client, a time span and some kinds."""
        sql = f"SELECT {_SELECT} FROM events WHERE deleted_at IS NULL"  # noqa: S608
        params: builtins.list[Any] = []
        if client_id is not None:
            sql += " AND client_id = ?"
            params.append(client_id)
        if since is not None:
            sql += " AND occurred_at >= ?"
            params.append(_utc(since))
        if until is not None:
            sql += " AND occurred_at < ?"
            params.append(_utc(until))
        if kinds:
            sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params.extend(k.value for k in kinds)
        rows = self._conn.execute(sql + " ORDER BY occurred_at, id", params).fetchall()
        return [_event(row) for row in rows]

    def warnings(self, event_id: int) -> builtins.list[StoredWarning]:
        rows = self._conn.execute(
            "SELECT code, message, related, acknowledged_at, note FROM event_warnings "
            "WHERE event_id = ? ORDER BY rowid",
            (event_id,),
        ).fetchall()
        return [_warning(row) for row in rows]

    def warnings_by_event(
        self, event_ids: builtins.list[int]
    ) -> dict[int, builtins.list[StoredWarning]]:
        result: dict[int, builtins.list[StoredWarning]] = {i: [] for i in event_ids}
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            rows = self._conn.execute(
                "SELECT event_id, code, message, related, acknowledged_at, note "  # noqa: S608
                f"FROM event_warnings WHERE event_id IN ({', '.join('?' for _ in chunk)}) "
                "ORDER BY event_id, rowid",
                chunk,
            )
            for event_id, *rest in rows:
                result[int(event_id)].append(_warning(rest))
        return result

    def acknowledge(self, event_id: int, code: str, note: str = "") -> None:
        """Mark a warning seen, once: the first acknowledgement (its time and note) is the
        record, so a second one is refused (AlreadyDone) and changes nothing."""
        with transaction(self._conn):
            cur = self._conn.execute(
                "UPDATE event_warnings SET acknowledged_at = ?, note = ? "
                "WHERE event_id = ? AND code = ? AND acknowledged_at IS NULL",
                (self._clock().isoformat(), note.strip(), event_id, code),
            )
            if cur.rowcount == 1:
                return
            found = self._conn.execute(
                "SELECT 1 FROM event_warnings WHERE event_id = ? AND code = ?", (event_id, code)
            ).fetchone()
            if found is None:
                raise NotFound("That warning no longer exists.")
            raise AlreadyDone(
                "That warning was acknowledged already; its first acknowledgement and "
                "note are kept as they were."
            )

    def revisions(self, event_id: int) -> builtins.list[Revision]:
        rows = self._conn.execute(
            "SELECT revised_at, before FROM event_revisions WHERE event_id = ? ORDER BY id",
            (event_id,),
        ).fetchall()
        return [Revision(datetime.fromisoformat(at), json.loads(before)) for at, before in rows]

    def _mark_complex(self, event_id: int, complex_: bool, now: str) -> None:
        if complex_:
            self._conn.execute(
                "INSERT OR IGNORE INTO complex_events (event_id, marked_at) VALUES (?, ?)",
                (event_id, now),
            )
        else:
            self._conn.execute("DELETE FROM complex_events WHERE event_id = ?", (event_id,))

    def _set_deleted(self, event_id: int, stamp: str | None) -> None:
        with transaction(self._conn):
            cur = self._conn.execute(
                "UPDATE events SET deleted_at = ?, updated_at = ? WHERE id = ?",
                (stamp, self._clock().isoformat(), event_id),
            )
            if cur.rowcount != 1:
                raise NotFound("That entry no longer exists.")

    def _write_warnings(self, event_id: int, warnings: builtins.list[BoundaryWarning]) -> None:
        kept = {w.code: w for w in self.warnings(event_id)}
        self._conn.execute("DELETE FROM event_warnings WHERE event_id = ?", (event_id,))
        self._conn.executemany(
            "INSERT INTO event_warnings (event_id, code, message, related, acknowledged_at, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    event_id,
                    w.code,
                    w.message,
                    ",".join(str(i) for i in w.related),
                    _iso(kept[w.code].acknowledged_at) if w.code in kept else None,
                    kept[w.code].note if w.code in kept else "",
                )
                for w in warnings
            ],
        )


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _values(e: ContactEvent) -> tuple[Any, ...]:
    request, search, approach = e.request, e.search, e.approach
    return (
        e.client_id,
        e.kind.value,
        _utc(e.occurred_at),
        e.channel.value if e.channel else None,
        e.direction.value if e.direction else None,
        e.category.value if e.category else None,
        e.minutes,
        e.summary,
        _utc(e.replied_at) if e.replied_at else None,
        e.reply_channel.value if e.reply_channel else None,
        int(e.raise_next_session),
        request.platform if request else None,
        request.action.value if request else None,
        request.discussed_on.isoformat() if request and request.discussed_on else None,
        search.purpose.value if search else None,
        search.consent.value if search else None,
        search.location if search else None,
        search.found if search else None,
        int(search.told_client) if search else None,
        int(search.documented) if search else None,
        search.consulted if search else None,
        search.motive if search else None,
        approach.learned_how if approach else None,
    )


def _event(row: Any) -> ContactEvent:
    (
        eid,
        client_id,
        kind,
        occurred,
        channel,
        direction,
        category,
        minutes,
        summary,
        replied,
        reply_channel,
        raise_next,
        platform,
        action,
        discussed_on,
        purpose,
        consent,
        location,
        found,
        told,
        documented,
        consulted,
        motive,
        learned_how,
        complex_,
    ) = row
    event_kind = EventKind(kind)
    return ContactEvent(
        id=int(eid),
        client_id=int(client_id),
        kind=event_kind,
        occurred_at=datetime.fromisoformat(occurred),
        channel=ContactChannel(channel) if channel else None,
        direction=Direction(direction) if direction else None,
        category=Category(category) if category else None,
        minutes=minutes,
        summary=summary,
        replied_at=datetime.fromisoformat(replied) if replied else None,
        reply_channel=ContactChannel(reply_channel) if reply_channel else None,
        raise_next_session=bool(raise_next),
        request=FriendRequest(
            platform,
            RequestAction(action),
            date.fromisoformat(discussed_on) if discussed_on else None,
        )
        if event_kind is EventKind.FRIEND_REQUEST
        else None,
        search=Search(
            SearchPurpose(purpose),
            Consent(consent),
            location or "",
            found or "",
            bool(told),
            bool(documented),
            consulted or "",
            motive or "",
        )
        if event_kind is EventKind.SEARCH
        else None,
        approach=Approach(learned_how or "") if event_kind is EventKind.CLIENT_APPROACH else None,
        is_complex=bool(complex_),
    )


def _warning(row: Any) -> StoredWarning:
    code, message, related, acknowledged_at, note = row
    return StoredWarning(
        code=code,
        message=message,
        related=tuple(int(i) for i in related.split(",") if i),
        acknowledged_at=datetime.fromisoformat(acknowledged_at) if acknowledged_at else None,
        note=note,
    )


def stored_columns(event: ContactEvent) -> dict[str, Any]:
    """The event column by column, as the vault keeps it (and keeps an edit's earlier version)."""
    columns = dict(zip(_WRITE_COLUMNS, _values(event), strict=True))
    columns["complex"] = int(event.is_complex)  # kept apart, in complex_events
    return columns
