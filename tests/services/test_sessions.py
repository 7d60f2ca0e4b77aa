"""Sessions from the calendar, through the application layer: previewed, imported once,
listed, and used by the warnings and the log (the next session, the last one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.problems import UnreadableImport
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event, logged_events
from boundary_desk.services.purge import purge_client
from boundary_desk.services.sessions import commit_calendar, list_sessions, preview_calendar

TORONTO = ZoneInfo("America/Toronto")


def calendar(tmp_path: Path, first: datetime, weeks: int = 6, title: str = "Session RB") -> Path:
    start = first.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    end = (first + timedelta(minutes=50)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:series@example.org\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
        f"RRULE:FREQ=WEEKLY;COUNT={weeks}\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:other@example.org\r\nDTSTART:20261201T150000Z\r\n"
        "DTEND:20261201T160000Z\r\nSUMMARY:Lunch with a friend\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "cal.ics"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def robin(services: Services) -> Client:
    services.settings.set("timezone", "America/Toronto")
    return services.clients.add(Client(code="RB1", display_name="Robin Bell"))


def test_preview_writes_nothing_and_commit_adds_each_session_once(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    path = calendar(tmp_path, datetime.now(TORONTO).replace(hour=18, minute=0) - timedelta(weeks=2))
    shown = preview_calendar(services, path, {"RB1": "session rb"})
    assert [(c.code, c.sessions, c.new) for c in shown.per_client] == [("RB1", 6, 6)]
    assert shown.untied_titles == (("Lunch with a friend", 1),)
    assert list_sessions(services) == []
    assert commit_calendar(services, shown).added == 6
    again = preview_calendar(services, path, {"RB1": "session rb"})
    assert again.new == 0 and again.already == 6
    written = commit_calendar(services, again)
    assert (written.added, written.already) == (0, 6)
    listed = list_sessions(services, "RB1")
    assert len(listed) == 6 and all(s.start.hour == 18 for s in listed)


def test_a_rule_naming_no_client_is_refused_before_anything_is_read(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="ZZ9"):
        preview_calendar(services, tmp_path / "absent.ics", {"ZZ9": "x"})
    with pytest.raises(UnreadableImport, match="can't be read"):
        preview_calendar(services, tmp_path / "absent.ics", {"RB1": "x"})


def test_an_entry_to_raise_in_session_carries_the_next_sessions_time(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    monday = datetime(2026, 11, 30, 18, 0, tzinfo=TORONTO)
    commit_calendar(services, preview_calendar(services, calendar(tmp_path, monday), {"RB1": "RB"}))
    text = ContactEvent(
        client_id=robin.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=datetime(2026, 12, 2, 21, 0, tzinfo=TORONTO),
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        summary="Wants to talk about the holidays",
        raise_next_session=True,
    )
    log_event(services, text, text.occurred_at + timedelta(minutes=2))
    log_event(services, replace(text, raise_next_session=False), text.occurred_at)
    found = logged_events(services, client_id=robin.id)
    raised = [i.next_session for i in found if i.event.raise_next_session]
    assert raised == [datetime(2026, 12, 7, 18, 0, tzinfo=TORONTO)]
    assert [i.next_session for i in found if not i.event.raise_next_session] == [None]


def test_contact_after_an_ended_clients_last_session_is_warned_about(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    first = datetime(2026, 10, 5, 18, 0, tzinfo=TORONTO)
    commit_calendar(
        services, preview_calendar(services, calendar(tmp_path, first, 4), {"RB1": "RB"})
    )
    # The file was closed on 15 November; the last session was on 26 October.
    services.clients.update(replace(robin, status=ClientStatus.ENDED, ended_on=date(2026, 11, 15)))
    late = ContactEvent(
        client_id=robin.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=datetime(2026, 11, 10, 12, 0, tzinfo=TORONTO),
        channel=ContactChannel.EMAIL,
        direction=Direction.IN,
        summary="Checking in",
    )
    logged = log_event(services, late, late.occurred_at + timedelta(minutes=1))
    termination = [w for w in logged.warnings if w.code == "after_termination"]
    assert termination and "last session, on 26 October 2026" in termination[0].message


def test_an_attendee_address_ties_without_a_rule_and_a_purge_removes_the_sessions(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    sam = services.clients.add(
        Client(
            code="SL1",
            display_name="Sam Lee",
            handles=(ContactHandle(HandleKind.EMAIL, "sam@example.org"),),
        )
    )
    path = tmp_path / "one.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:i@x\r\nDTSTART:20261110T150000Z\r\n"
        "DTEND:20261110T160000Z\r\nSUMMARY:Intake\r\nATTENDEE:MAILTO:SAM@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    commit_calendar(services, preview_calendar(services, path, {}))
    assert [s.code for s in list_sessions(services)] == ["SL1"]
    ended = services.clients.update(
        replace(sam, status=ClientStatus.ENDED, ended_on=date(2026, 11, 10))
    )
    purge_client(services, ended, date(2045, 1, 1))
    assert list_sessions(services) == []
    assert services.vault.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_a_newer_export_moves_and_removes_sessions_and_keeps_the_rest(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    monday = datetime(2026, 11, 30, 18, 0, tzinfo=TORONTO)
    first = calendar(tmp_path, monday, weeks=4)
    shown = preview_calendar(services, first, {"RB1": "RB"})
    commit_calendar(services, shown)
    # The newer export: the second week moved to Tuesday 9:00, the third cancelled.
    text = (
        first.read_bytes()
        .decode("utf-8")
        .replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nUID:series@example.org\r\nRECURRENCE-ID:20261207T230000Z\r\n"
            "DTSTART;TZID=America/Toronto:20261208T090000\r\n"
            "DTEND;TZID=America/Toronto:20261208T095000\r\nSUMMARY:Session RB\r\nEND:VEVENT\r\n"
            "END:VCALENDAR",
        )
        .replace("COUNT=4\r\n", "COUNT=4\r\nEXDATE:20261214T230000Z\r\n")
    )
    newer = tmp_path / "newer.ics"
    newer.write_text(text, encoding="utf-8")
    again = preview_calendar(services, newer, {"RB1": "RB"})
    assert (again.new, again.moved, again.removed, again.already) == (0, 1, 1, 2)
    written = commit_calendar(services, again)
    assert (written.added, written.moved, written.removed) == (0, 1, 1)
    days = [(s.start.date().isoformat(), s.start.hour) for s in list_sessions(services)]
    assert days == [("2026-11-30", 18), ("2026-12-08", 9), ("2026-12-21", 18)]
    # Without the rule the events are still in the file: nothing is removed.
    untied = preview_calendar(services, newer, {})
    assert (untied.new, untied.moved, untied.removed) == (0, 0, 0)


def test_sessions_are_kept_only_twelve_weeks_ahead(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    start = datetime.now(TORONTO).replace(hour=18, minute=0, second=0, microsecond=0)
    path = calendar(tmp_path, start, weeks=52)
    shown = preview_calendar(services, path, {"RB1": "RB"})
    assert 11 <= len(shown.sessions) <= 13


def test_a_calendar_imported_before_the_file_closed_says_nothing_of_the_last_session(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    from boundary_desk.services.sessions import last_session_day

    first = datetime(2026, 10, 5, 18, 0, tzinfo=TORONTO)
    commit_calendar(
        services, preview_calendar(services, calendar(tmp_path, first, 4), {"RB1": "RB"})
    )
    now = datetime.now(TORONTO)
    closed_today = replace(robin, status=ClientStatus.ENDED, ended_on=now.date())
    assert last_session_day(services, closed_today, TORONTO, now) == date(2026, 10, 26)
    # Closed after the import: later sessions may be missing from the vault.
    closed_later = replace(closed_today, ended_on=now.date() + timedelta(days=1))
    assert last_session_day(services, closed_later, TORONTO, now) is None
    assert last_session_day(services, robin, TORONTO, now) is None  # still in therapy


def _guests_calendar(tmp_path: Path, *guests: str) -> Path:
    """One event, "Couple", a week after 10 Nov 2026, with `guests` as its attendees."""
    attendees = "".join(f"ATTENDEE;CN=Guest:mailto:{g}\r\n" for g in guests)
    path = tmp_path / "couple.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:couple@x\r\nDTSTART:20261117T150000Z\r\n"
        f"DTEND:20261117T160000Z\r\nSUMMARY:Couple\r\n{attendees}END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def test_an_event_with_two_clients_among_its_guests_is_a_session_with_each_said_by_address(
    services: Services, robin: Client, tmp_path: Path
) -> None:
    def client(code: str, name: str, address: str) -> Client:
        handle = ContactHandle(HandleKind.EMAIL, address)
        return services.clients.add(Client(code=code, display_name=name, handles=(handle,)))

    client("SL1", "Sam Lee", "sam@example.org")
    client("KL2", "Kim Lee", "kim@example.org")
    path = _guests_calendar(tmp_path, "Sam@Example.org", "kim@example.org", "me@practice.ca")
    shown = preview_calendar(services, path, {})
    rows = {c.code: (c.sessions, c.by_address, c.joint) for c in shown.per_client}
    assert rows == {
        "KL2": (1, (("kim@example.org", 1),), 1),
        "SL1": (1, (("sam@example.org", 1),), 1),  # as the reader folds it
    }
    assert shown.claimed_twice == 0 and shown.untied_titles == ()
    assert commit_calendar(services, shown).added == 2
    again = preview_calendar(services, path, {})
    assert (again.new, again.already, again.moved, again.removed) == (0, 2, 0, 0)
    # Kim no longer invited: the joint sessions go, and one with Sam alone comes.
    alone = preview_calendar(services, _guests_calendar(tmp_path, "sam@example.org"), {})
    assert (alone.new, alone.removed) == (1, 2)
    commit_calendar(services, alone)
    assert [s.code for s in list_sessions(services)] == ["SL1"]
    # A title rule of the clinician's still comes first: that event is Robin's alone.
    ruled = preview_calendar(services, path, {"RB1": "Couple"})
    assert [(c.code, c.by_address, c.joint) for c in ruled.per_client] == [("RB1", (), 0)]
