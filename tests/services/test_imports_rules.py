"""Imported entries go through the quick log's rules, and the review counts them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.weeks import Week
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.agreements import sign, starting_point
from boundary_desk.services.contacts import log_event
from boundary_desk.services.imports import (
    ImportChoices,
    attach_handle,
    commit,
    preview,
    questions,
)
from boundary_desk.services.review import compute_review
from tests.services.import_files import messages, sms

# Moments in Toronto: a weekday afternoon, a weekday night, a Saturday morning.
MOMENTS = [
    datetime(2026, 11, 10, 19, 0, tzinfo=UTC),
    datetime(2026, 11, 11, 4, 30, tzinfo=UTC),
    datetime(2026, 11, 14, 15, 0, tzinfo=UTC),
    datetime(2026, 11, 16, 13, 59, tzinfo=UTC),
    datetime(2026, 11, 16, 14, 0, tzinfo=UTC),
]


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "CA-ON")
    services.settings.set("timezone", "America/Toronto")
    services.settings.set("hours", "mon-fri 09:00-17:00")
    return services


def add(services: Services, code: str, phone: str, **more: object) -> Client:
    handles = (ContactHandle(HandleKind.PHONE, phone),)
    return services.clients.add(
        Client(code=code, display_name=f"Client {code}", handles=handles, **more)  # type: ignore[arg-type]
    )


def test_after_hours_and_warnings_equal_the_quick_logs_for_the_same_moments(
    ready: Services, tmp_path: Path
) -> None:
    add(ready, "IM1", "416 555 0142")
    hand = add(ready, "HL1", "416 555 0143")
    path = messages(tmp_path, *(sms("+14165550142", m, "hello") for m in MOMENTS))
    [imported] = preview(ready, path, ImportChoices()).clients
    now = datetime.now(UTC)
    logged = [
        log_event(
            ready,
            ContactEvent(
                client_id=hand.id or 0,
                kind=EventKind.CONTACT,
                occurred_at=m,
                channel=ContactChannel.TEXT,
                direction=Direction.IN,
                summary="hello",
            ),
            now,
        )
        for m in MOMENTS
    ]
    assert [e.after_hours for e in imported.entries] == [x.after_hours is not None for x in logged]
    assert [set(e.warnings) for e in imported.entries] == [
        {w.code for w in x.warnings} for x in logged
    ]
    assert imported.after_hours == sum(x.after_hours is not None for x in logged) == 3


def test_the_agreement_the_end_of_therapy_and_crisis_words_raise_their_warnings(
    ready: Services, tmp_path: Path
) -> None:
    ended = add(
        ready,
        "EN1",
        "416 555 0150",
        status=ClientStatus.ENDED,
        started_on=date(2025, 1, 5),
        ended_on=date(2026, 11, 1),
    )
    draft, _ = starting_point(ready, ended)
    email_only = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    sign(
        ready,
        replace(
            draft.with_terms(email_only),
            client_signed_on=date(2026, 1, 1),
            clinician_signed_on=date(2026, 1, 1),
            review_on=date(2027, 11, 1),
        ),
        date(2026, 1, 2),
    )
    path = messages(tmp_path, sms("4165550150", MOMENTS[0], "I want to die, I can\u2019t go on"))
    shown = preview(ready, path, ImportChoices())
    [entry] = shown.clients[0].entries
    assert {"outside_agreement", "after_termination", "crisis_channel"} <= set(entry.warnings)
    commit(ready, shown)
    [event] = ready.events.list()
    assert event.category is Category.CRISIS
    assert {w.code for w in ready.events.warnings(event.id or 0)} == set(entry.warnings)


def test_the_clinicians_reply_is_paired_with_the_message_it_answers(
    ready: Services, tmp_path: Path
) -> None:
    add(ready, "RP1", "416 555 0142")
    asked, answered = MOMENTS[0], MOMENTS[1]  # answered at 23:30
    path = messages(
        tmp_path,
        sms("+14165550142", answered, "Sure", out=True),  # files are not always in order
        sms("+14165550142", asked, "Can we talk?"),
    )
    commit(ready, preview(ready, path, ImportChoices()))
    message, reply = ready.events.list()
    assert message.replied_at == answered and message.reply_channel is ContactChannel.TEXT
    assert reply.direction is Direction.OUT and reply.replied_at is None
    # The late reply is warned about once, on the reply, as a reply logged by hand is.
    assert "replied_after_hours" in {w.code for w in ready.events.warnings(reply.id or 0)}
    assert "replied_after_hours" not in {w.code for w in ready.events.warnings(message.id or 0)}


def test_a_local_number_that_only_ends_a_clients_is_shown_to_confirm_never_matched(
    ready: Services, tmp_path: Path
) -> None:
    add(ready, "PM1", "+1 416 555 0142")
    path = messages(
        tmp_path, sms("555-0142", MOMENTS[0], "short"), sms("5550142", MOMENTS[1], "again")
    )
    shown = preview(ready, path, ImportChoices())
    assert shown.clients == () and shown.others == 2
    assert {(p.client_code, p.count) for p in shown.partial} == {("PM1", 1)}
    assert {p.handle for p in shown.partial} == {"555-0142", "5550142"}
    assert shown.unmatched == ()


def test_an_unmatched_handle_attached_to_a_client_matches_next_time(
    ready: Services, tmp_path: Path
) -> None:
    add(ready, "AT1", "416 555 0142")
    path = messages(
        tmp_path, sms("+447700900123", MOMENTS[0], "one"), sms("+447700900123", MOMENTS[1], "two")
    )
    [unmatched] = preview(ready, path, ImportChoices()).unmatched
    assert (unmatched.handle, unmatched.count) == ("+447700900123", 2)
    attach_handle(ready, "AT1", unmatched.handle)
    attach_handle(ready, "AT1", "+44 7700 900123")  # the same number again: not added twice
    [client] = ready.clients.list()
    assert [h.value for h in client.handles] == ["416 555 0142", "+447700900123"]
    [now] = preview(ready, path, ImportChoices()).clients
    assert now.new == 2


def test_ties_match_a_handle_for_this_import_only(ready: Services, tmp_path: Path) -> None:
    add(ready, "TI1", "416 555 0142")
    path = messages(tmp_path, sms("+447700900123", MOMENTS[0], "one"))
    shown = preview(ready, path, ImportChoices(ties={"+447700900123": "TI1"}))
    assert shown.clients[0].new == 1
    assert [h.value for h in ready.clients.list()[0].handles] == ["416 555 0142"]


CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Robin Bëll
TEL;TYPE=CELL:(416) 555-0142
TEL;TYPE=HOME:+1 416 555 0199
EMAIL:Robin@Mail.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:A Stranger
TEL:+1 416 555 0777
END:VCARD
"""


def test_contact_cards_add_the_handles_a_client_lacks(ready: Services, tmp_path: Path) -> None:
    ready.clients.add(
        Client(
            code="RB1",
            display_name="robin bell",
            handles=(ContactHandle(HandleKind.PHONE, "416-555-0142"),),
        )
    )
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    asked = questions(ready, path)
    assert asked.kind is SourceKind.VCARD and dict(asked.suggested_ties) == {"Robin Bëll": "RB1"}
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert (robin.new, robin.already, robin.entries, shown.others) == (2, 1, (), 1)
    result = commit(ready, shown)
    assert (result.added, result.clients) == (2, 1)
    [client] = ready.clients.list()
    assert [h.value for h in client.handles] == [
        "416-555-0142",
        "+1 416 555 0199",
        "Robin@Mail.example",
    ]
    again = preview(ready, path, ImportChoices())
    assert (again.new, again.already) == (0, 3)
    audit = ready.vault.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'import'")
    assert audit.fetchone()[0] == 1


def test_the_weekly_review_counts_imported_entries_and_their_warnings(
    ready: Services, tmp_path: Path
) -> None:
    add(ready, "WR1", "416 555 0142")
    night = datetime(2026, 11, 11, 4, 30, tzinfo=UTC)  # Tuesday 23:30 in Toronto
    path = messages(
        tmp_path,
        sms("+14165550142", MOMENTS[0], "afternoon"),
        sms("+14165550142", night, "late", out=True),
    )
    commit(ready, preview(ready, path, ImportChoices()))
    week = Week.of(MOMENTS[0], ready.settings.load().timezone)
    review = compute_review(ready, week, datetime(2026, 11, 20, tzinfo=UTC))
    assert (review.figures.contacts, review.figures.own_after_hours) == (2, 1)
    assert "replied_after_hours" in {w.code for w in review.warnings}
