"""Contacts: logging with warnings, and the warnings that only appear as days pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
)
from boundary_desk.errors import AlreadyDone, InvalidInput, NotFound
from boundary_desk.services import Services
from boundary_desk.services.agreements import sign, starting_point
from boundary_desk.services.contacts import (
    acknowledge_entries,
    acknowledge_warning,
    acknowledge_warnings,
    delete_event,
    discard_draft,
    edit_history,
    load_draft,
    log_event,
    logged_events,
    poor_fit,
    raise_in_next_session,
    refresh_time_warnings,
    restore_event,
    save_draft,
)
from boundary_desk.storage.vault.location import VaultLocation

UNADDRESSED = "friend_request_unaddressed"


def pending_request(services: Services, when: datetime) -> int:
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    request = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=when,
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )
    logged = log_event(services, request, when + timedelta(minutes=1))
    assert logged.event.id is not None
    return logged.event.id


def codes(services: Services, event_id: int) -> set[str]:
    return {w.code for w in services.events.warnings(event_id)}


def test_a_request_pending_more_than_a_week_becomes_unaddressed_once(services: Services) -> None:
    sent = datetime(2026, 11, 2, 21, 0, tzinfo=UTC)
    event_id = pending_request(services, sent)
    assert UNADDRESSED not in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=3)) == 0
    assert UNADDRESSED not in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=12)) == 1
    assert UNADDRESSED in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=13)) == 0


def test_a_declined_request_is_left_alone(services: Services) -> None:
    sent = datetime(2026, 11, 2, 21, 0, tzinfo=UTC)
    event_id = pending_request(services, sent)
    event = services.events.get(event_id)
    declined = FriendRequest("Instagram", RequestAction.DECLINED)
    log_event(services, replace(event, request=declined), sent + timedelta(days=1))
    assert refresh_time_warnings(services, sent + timedelta(days=12)) == 0
    assert UNADDRESSED not in codes(services, event_id)


def test_any_cli_command_refreshes_them_at_unlock(
    services: Services, location: VaultLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = pending_request(services, datetime.now(UTC) - timedelta(days=12))
    services.close()
    assert run(["client", "list"], lambda _dir: location) == 0  # not `events`
    capsys.readouterr()
    reopened = Services.open(location.unlock())
    try:
        assert UNADDRESSED in codes(reopened, event_id)
    finally:
        reopened.close()


# -- reading, deleting and editing entries, and drafts ------------------------------------


def contact(client_id: int, when: datetime, summary: str = "Asked to move Tuesday") -> ContactEvent:
    return ContactEvent(
        client_id=client_id,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        summary=summary,
    )


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))


def test_logged_events_carry_their_after_hours_reason_and_warnings(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 20, 23, 25, tzinfo=UTC)  # a Friday night, after hours in UTC
    logged = log_event(services, contact(zoe.id or 0, late), late + timedelta(minutes=5))
    found = logged_events(services, client_id=zoe.id)
    assert [item.event.id for item in found] == [logged.event.id]
    assert found[0].after_hours is not None
    assert found[0].warnings == logged.warnings  # the same as just after logging it
    assert logged_events(services, kinds=(EventKind.SEARCH,)) == []


def test_a_deleted_entry_is_hidden_until_restored(services: Services, zoe: Client) -> None:
    when = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
    event_id = log_event(services, contact(zoe.id or 0, when), when).event.id
    assert event_id is not None
    delete_event(services, event_id)
    assert logged_events(services) == []
    restore_event(services, event_id)
    assert [item.event.id for item in logged_events(services)] == [event_id]


def test_deleting_an_entry_that_is_gone_says_so_and_changes_nothing(
    services: Services, zoe: Client
) -> None:
    when = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
    log_event(services, contact(zoe.id or 0, when), when)
    with pytest.raises(NotFound):
        delete_event(services, 999)
    with pytest.raises(NotFound):
        restore_event(services, 999)
    assert len(logged_events(services)) == 1


def test_the_edit_history_pairs_each_version_with_the_one_that_replaced_it(
    services: Services, zoe: Client
) -> None:
    when = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
    first = log_event(services, contact(zoe.id or 0, when, "First"), when).event
    assert edit_history(services, first).pairs() == []
    second = log_event(services, replace(first, summary="Second"), when).event
    third = log_event(services, replace(second, summary="Third"), when).event
    pairs = edit_history(services, third).pairs()
    assert [(r.before["summary"], later["summary"]) for r, later in pairs] == [
        ("First", "Second"),
        ("Second", "Third"),
    ]


def test_an_edit_that_is_refused_keeps_the_entry_as_it_was(services: Services, zoe: Client) -> None:
    when = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
    first = log_event(services, contact(zoe.id or 0, when, "First"), when).event
    with pytest.raises(InvalidInput):
        log_event(services, replace(first, minutes=-5), when)
    (kept,) = logged_events(services)
    assert kept.event == first
    assert edit_history(services, first).revisions == []


def test_a_draft_is_kept_until_discarded_and_cleared_when_its_entry_is_saved(
    services: Services, zoe: Client
) -> None:
    save_draft(services, "quick_log", {"summary": "half typed"})
    assert load_draft(services, "quick_log") == {"summary": "half typed"}
    discard_draft(services, "quick_log")
    assert load_draft(services, "quick_log") is None
    save_draft(services, "quick_log", {"summary": "half typed"})
    when = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
    log_event(services, contact(zoe.id or 0, when), when, draft="quick_log")
    assert load_draft(services, "quick_log") is None


def test_acknowledging_keeps_the_note_and_refuses_an_overlong_one_whole(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)  # a Friday night: after hours
    event_id = log_event(services, contact(zoe.id or 0, late), late).event.id
    assert event_id is not None and "after_hours" in codes(services, event_id)

    with pytest.raises(InvalidInput, match="at most 500 characters"):
        acknowledge_warning(services, event_id, "after_hours", "x" * 501)
    with pytest.raises(InvalidInput, match="single line"):
        acknowledge_warning(services, event_id, "after_hours", "two\nlines")
    assert all(w.acknowledged_at is None for w in services.events.warnings(event_id))

    acknowledge_warning(services, event_id, "after_hours", "  raised in session  ")
    (stored,) = [w for w in services.events.warnings(event_id) if w.code == "after_hours"]
    assert stored.acknowledged_at is not None and stored.note == "raised in session"
    with pytest.raises(NotFound):
        acknowledge_warning(services, event_id, "no_such_warning", "")


def test_acknowledge_all_keeps_one_note_on_every_warning_or_on_none(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
    event_id = log_event(services, contact(zoe.id or 0, late), late).event.id
    assert event_id is not None
    found = sorted(codes(services, event_id))
    assert len(found) >= 2  # after hours, and no signed agreement

    with pytest.raises(InvalidInput, match="at most 500 characters"):
        acknowledge_warnings(services, event_id, found, "x" * 501)
    with pytest.raises(NotFound):  # one gone: the others stay as they were too
        acknowledge_warnings(services, event_id, [*found, "no_such_warning"], "seen")
    assert all(w.acknowledged_at is None for w in services.events.warnings(event_id))

    acknowledge_warnings(services, event_id, found, " will raise in supervision ")
    stored = services.events.warnings(event_id)
    assert {w.code for w in stored} == set(found)
    assert all(w.acknowledged_at is not None for w in stored)
    assert {w.note for w in stored} == {"will raise in supervision"}


def test_acknowledging_twice_keeps_the_first_note_and_says_so(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
    event_id = log_event(services, contact(zoe.id or 0, late), late).event.id or 0
    acknowledge_warning(services, event_id, "after_hours", "raised in session")
    with pytest.raises(AlreadyDone):
        acknowledge_warning(services, event_id, "after_hours", "another note")
    with pytest.raises(AlreadyDone):  # all of them or none: the other stays open
        acknowledge_warnings(services, event_id, sorted(codes(services, event_id)), "seen")
    stored = {w.code: w for w in services.events.warnings(event_id)}
    assert stored["after_hours"].note == "raised in session"
    assert [c for c, w in stored.items() if w.acknowledged_at is None] == ["no_agreement"]


def test_warnings_of_several_entries_are_acknowledged_all_or_none(
    services: Services, zoe: Client
) -> None:
    first = datetime(2026, 11, 19, 22, 40, tzinfo=UTC)
    second = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
    ids = [log_event(services, contact(zoe.id or 0, t), t).event.id or 0 for t in (first, second)]
    pairs = [(i, "after_hours") for i in ids]

    with pytest.raises(NotFound):  # the second entry's is fine, the third is gone
        acknowledge_entries(services, [*pairs, (ids[1], "no_such_warning")], "seen")
    with pytest.raises(InvalidInput, match="single line"):
        acknowledge_entries(services, pairs, "two\nlines")
    assert all(w.acknowledged_at is None for i in ids for w in services.events.warnings(i))

    acknowledge_entries(services, pairs, " weekly review ")
    for i in ids:
        (stored,) = [w for w in services.events.warnings(i) if w.code == "after_hours"]
        assert stored.acknowledged_at is not None and stored.note == "weekly review"


def test_guidance_quotes_the_clients_signed_agreement(services: Services, zoe: Client) -> None:
    late = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
    unsigned = log_event(services, contact(zoe.id or 0, late), late)
    assert "your agreement" not in unsigned.guidance_for("after_hours").lower()

    draft, _ = starting_point(services, zoe)
    text = ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING}), "within two days")
    sign(
        services,
        replace(
            draft.with_terms(text),
            client_signed_on=date(2026, 11, 1),
            clinician_signed_on=date(2026, 11, 1),
        ),
        date(2026, 11, 2),
    )
    logged = log_event(services, contact(zoe.id or 0, late), late)
    expected = "Your agreement says you reply within two days, in working hours."
    assert logged.guidance_for("after_hours").startswith(expected)
    (listed,) = [
        e for e in logged_events(services, client_id=zoe.id) if e.event.id == logged.event.id
    ]
    assert listed.guidance_for("after_hours").startswith(expected)
    assert all(listed.guidance_for(w.code) for w in listed.warnings)


def test_the_complex_mark_is_kept_edited_and_shown_in_the_history(
    services: Services, zoe: Client
) -> None:
    when = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
    logged = log_event(services, replace(contact(zoe.id or 0, when), is_complex=True), when)
    assert services.events.get(logged.event.id or 0).is_complex is True
    edited = log_event(services, replace(logged.event, is_complex=False), when)
    assert edited.event.is_complex is False
    [revision] = edit_history(services, edited.event).revisions
    assert revision.before["complex"] == 1


def test_a_poor_fit_reply_is_raised_in_the_next_session_once_with_its_note(
    services: Services, zoe: Client
) -> None:
    when = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
    complex_text = replace(
        contact(zoe.id or 0, when),
        direction=Direction.OUT,
        category=Category.ADMIN,
        is_complex=True,
    )
    logged = log_event(services, complex_text, when)
    found = poor_fit(logged)
    assert found is not None and found.acknowledged_at is None
    raised = raise_in_next_session(services, logged.event.id or 0, when)
    assert raised.event.raise_next_session is True
    kept = poor_fit(raised)
    assert kept is not None and kept.note == "to raise in the next session"
    assert len(edit_history(services, raised.event).revisions) == 1
    again = raise_in_next_session(services, logged.event.id or 0, when)  # nothing more
    assert len(edit_history(services, again.event).revisions) == 1
    assert poor_fit(again) == kept


def test_raising_an_entry_without_a_poor_fit_only_keeps_it_for_the_session(
    services: Services, zoe: Client
) -> None:
    when = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
    logged = log_event(services, contact(zoe.id or 0, when), when)
    raised = raise_in_next_session(services, logged.event.id or 0, when)
    assert raised.event.raise_next_session is True
    assert poor_fit(raised) is None
    with pytest.raises(NotFound):
        raise_in_next_session(services, 999, when)
