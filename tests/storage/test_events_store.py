"""Events in the vault: round trips, warnings, edit history, undoable delete, filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlcipher3

from boundary_desk.domain.boundary_warnings import BoundaryWarning
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.errors import AlreadyDone, NotFound
from boundary_desk.services import Services

T0 = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)


@pytest.fixture
def client_id(services: Services) -> int:
    return services.clients.add(Client(code="", display_name="Ana")).id or 0


def text(client_id: int, **changes: object) -> ContactEvent:
    base = ContactEvent(
        client_id=client_id,
        kind=EventKind.CONTACT,
        occurred_at=T0,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        category=Category.ADMIN,
        summary="Can we move <b>Monday</b>? & thanks 😀 שלום",
        minutes=None,
        replied_at=T0 + timedelta(minutes=15),
        reply_channel=ContactChannel.EMAIL,
        raise_next_session=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_contact_round_trip(services: Services, client_id: int) -> None:
    saved = services.events.add(text(client_id), [BoundaryWarning("after_hours", "Late.")])
    assert replace(saved, id=None) == text(client_id)
    assert [w.code for w in services.events.warnings(saved.id or 0)] == ["after_hours"]


def test_search_and_request_round_trip(services: Services, client_id: int) -> None:
    search = ContactEvent(
        client_id=client_id,
        kind=EventKind.SEARCH,
        occurred_at=T0,
        direction=Direction.OUT,
        search=Search(
            SearchPurpose.RISK,
            Consent.IMMINENT_RISK,
            "Google",
            "news item",
            True,
            True,
            "supervisor",
            "worried after a message",
        ),
    )
    request = ContactEvent(
        client_id=client_id,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=T0,
        channel=ContactChannel.DM,
        direction=Direction.IN,
        request=FriendRequest("LinkedIn", RequestAction.PENDING),
    )
    for event in (search, request):
        assert replace(services.events.add(event, []), id=None) == event


def test_times_are_stored_in_utc_and_come_back_equal(services: Services, client_id: int) -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2026, 11, 20, 17, 40, tzinfo=ZoneInfo("America/Toronto"))
    saved = services.events.add(text(client_id, occurred_at=local, replied_at=None), [])
    assert saved.occurred_at == local
    assert saved.occurred_at.utcoffset() == timedelta(0)


def test_edit_keeps_history_and_acknowledgements(services: Services, client_id: int) -> None:
    saved = services.events.add(text(client_id), [BoundaryWarning("after_hours", "Late.")])
    services.events.acknowledge(saved.id or 0, "after_hours", "Discussed in session.")
    edited = services.events.update(
        replace(saved, summary="Corrected summary"), [BoundaryWarning("after_hours", "Late!")]
    )
    assert edited.summary == "Corrected summary"
    [revision] = services.events.revisions(saved.id or 0)
    assert revision.before["summary"] == text(client_id).summary
    [warning] = services.events.warnings(saved.id or 0)
    assert (warning.message, warning.note) == ("Late!", "Discussed in session.")
    assert warning.acknowledged_at is not None


def test_delete_is_undoable(services: Services, client_id: int) -> None:
    saved = services.events.add(text(client_id), [])
    services.events.delete(saved.id or 0)
    assert services.events.list() == []
    with pytest.raises(NotFound):
        services.events.get(saved.id or 0)
    services.events.restore(saved.id or 0)
    assert [e.id for e in services.events.list()] == [saved.id]


def test_filters(services: Services, client_id: int) -> None:
    other = services.clients.add(Client(code="", display_name="Bea")).id or 0
    services.events.add(text(client_id, occurred_at=T0 - timedelta(days=10)), [])
    services.events.add(text(client_id), [])
    services.events.add(text(other), [])
    assert len(services.events.list()) == 3
    assert len(services.events.list(client_id=other)) == 1
    assert len(services.events.list(since=T0 - timedelta(days=1))) == 2
    assert len(services.events.list(until=T0 - timedelta(days=1))) == 1
    assert services.events.list(kinds=(EventKind.SEARCH,)) == []


def test_acknowledging_a_missing_warning_is_a_clear_error(
    services: Services, client_id: int
) -> None:
    saved = services.events.add(text(client_id), [])
    with pytest.raises(NotFound, match="warning"):
        services.events.acknowledge(saved.id or 0, "after_hours")


def test_a_second_acknowledgement_is_refused_and_the_first_is_kept(
    services: Services, client_id: int
) -> None:
    now = [T0]
    store = type(services.events)(services.vault.conn, clock=lambda: now[0])
    saved = store.add(text(client_id), [BoundaryWarning("after_hours", "Late.")])
    store.acknowledge(saved.id or 0, "after_hours", "Raised in session.")
    now[0] = T0 + timedelta(days=3)
    with pytest.raises(AlreadyDone, match="first acknowledgement and note are kept"):
        store.acknowledge(saved.id or 0, "after_hours", "A later, different note.")
    [warning] = store.warnings(saved.id or 0)
    assert (warning.acknowledged_at, warning.note) == (T0, "Raised in session.")


def test_event_log_refuses_bad_input_and_writes_nothing(services: Services, client_id: int) -> None:
    from boundary_desk.errors import InvalidInput
    from boundary_desk.services.contacts import log_event

    now = T0 + timedelta(hours=1)
    with pytest.raises(InvalidInput):
        log_event(services, text(client_id, summary="x" * 1_000_000), now)
    with pytest.raises(InvalidInput):
        log_event(services, text(client_id, occurred_at=now + timedelta(days=365)), now)
    assert services.events.list() == []
    logged = log_event(services, text(client_id, replied_at=None, reply_channel=None), now)
    assert [w.code for w in logged.warnings] == ["after_hours", "no_agreement"]


class Executions:
    """A connection that counts how often each statement runs (executemany: once a row)."""

    def __init__(self, conn: object) -> None:
        self._conn = conn
        self.runs: list[str] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: object) -> object:
        self.runs.append(sql)
        return self._conn.execute(sql, *args)  # type: ignore[attr-defined]

    def executemany(self, sql: str, rows: Iterable[object]) -> object:
        rows = list(rows)
        self.runs += [sql] * len(rows)
        return self._conn.executemany(sql, rows)  # type: ignore[attr-defined]

    def of(self, start: str) -> int:
        return sum(sql.startswith(start) for sql in self.runs)


def test_many_events_are_written_in_few_statements_each_with_its_warnings_and_audit_rows(
    services: Services, client_id: int
) -> None:
    from boundary_desk.storage.db.connection import transaction
    from boundary_desk.storage.stores.events import EventStore

    conn = services.vault.conn
    runs = Executions(conn)
    store = EventStore(runs)  # type: ignore[arg-type]
    entries = [
        (
            text(client_id, occurred_at=T0 + timedelta(minutes=i), summary=f"entry {i}"),
            [
                BoundaryWarning(f"rule_{k}", f"Warning {k} of entry {i}.", (i,))
                for k in range(i % 3)
            ],
        )
        for i in range(100)
    ]
    audit_before = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    with transaction(conn):
        ids = store.insert_many(entries)
    # 25 values a row: 39 rows to a statement, so three statements, not one a row.
    assert runs.of("INSERT INTO events ") == 3
    assert runs.of("INSERT INTO event_warnings ") == 1
    assert ids == sorted(ids) and len(set(ids)) == 100
    for event_id, (event, warnings) in zip(ids, entries, strict=True):
        assert store.get(event_id) == replace(event, id=event_id)
        stored = [(w.code, w.message, w.related) for w in store.warnings(event_id)]
        assert stored == [(w.code, w.message, w.related) for w in warnings]
    audited = conn.execute(
        "SELECT table_name, count(*) FROM audit_log WHERE id > ? AND action = 'insert' "
        "GROUP BY table_name ORDER BY table_name",
        (audit_before,),
    ).fetchall()
    assert audited == [("event_warnings", sum(len(w) for _, w in entries)), ("events", 100)]
    assert services.vault.verify_audit().intact


def test_many_events_refuse_a_bad_one_and_write_none(services: Services, client_id: int) -> None:
    from boundary_desk.storage.db.connection import transaction
    from boundary_desk.storage.stores.events import EventStore

    store = EventStore(services.vault.conn)
    good = [(text(client_id, summary=f"entry {i}"), []) for i in range(60)]
    bad = (text(client_id, minutes=601), [])  # the vault takes at most 600 minutes
    audit_before = services.vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(sqlcipher3.IntegrityError), transaction(services.vault.conn):
        store.insert_many([*good, bad])
    assert services.events.list() == []
    audit_after = services.vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert audit_after == audit_before
    assert services.vault.verify_audit().intact
