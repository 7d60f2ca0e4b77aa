"""The review use cases: the week it opens on, week statuses, notes, and figures that
are always the vault's figures now, the same for the app and `review --json`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.cli import run
from boundary_desk.cli.review_commands import review_json
from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.deidentify import Found
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
from boundary_desk.domain.review import ReviewRecord
from boundary_desk.domain.warning_guidance import guidance
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.services.review import (
    NOTHING_REPLACED,
    compute_review,
    deidentify_review,
    mark_reviewed,
    opening_week,
    save_notes,
    week_statuses,
)
from boundary_desk.storage.vault.location import VaultLocation

TORONTO = ZoneInfo("America/Toronto")
W47 = Week(2026, 47)  # Monday 16 to Sunday 22 November 2026
THURSDAY = datetime(2026, 11, 19, 12, 0, tzinfo=TORONTO).astimezone(UTC)
FRIDAY_EVENING = datetime(2026, 11, 20, 18, 0, tzinfo=TORONTO).astimezone(UTC)


def contact(client: Client, when: datetime, direction: Direction = Direction.IN) -> ContactEvent:
    return ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=ContactChannel.TEXT,
        direction=direction,
        category=Category.ADMIN,
        summary="Running late",
    )


@pytest.fixture
def zoe(services: Services) -> Client:
    services.settings.set_many(
        {"timezone": "America/Toronto", "hours": "mon-fri 09:00-17:00", "review": "fri 16:00"}
    )
    return services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))


def test_the_review_opens_on_last_week_until_review_day_then_on_this_week(
    services: Services, zoe: Client
) -> None:
    assert opening_week(services, THURSDAY) == W47.shifted(-1)
    assert opening_week(services, FRIDAY_EVENING) == W47


def test_week_statuses_follow_entries_and_marking_reviewed(services: Services, zoe: Client) -> None:
    now = FRIDAY_EVENING + timedelta(days=7)  # in W48
    assert [s.describe() for s in week_statuses(services, now)[:2]] == ["This week", "No entries"]
    log_event(services, contact(zoe, FRIDAY_EVENING), now)
    last = week_statuses(services, now)[1]
    assert (last.week, last.describe(), last.missed) == (W47, "Not reviewed", True)
    mark_reviewed(services, W47)
    assert week_statuses(services, now)[1].describe() == "✓ Reviewed"


def test_notes_are_kept_and_marking_reviewed_keeps_them(services: Services, zoe: Client) -> None:
    save_notes(services, W47, ReviewRecord(notes="Raise the Friday texts."))
    record = mark_reviewed(services, W47)
    assert record.notes == "Raise the Friday texts." and record.reviewed_at is not None
    assert compute_review(services, W47, FRIDAY_EVENING).reviewed


def test_a_contact_logged_after_a_review_was_computed_is_counted_next_time(
    services: Services, zoe: Client
) -> None:
    log_event(services, contact(zoe, FRIDAY_EVENING - timedelta(hours=3)), FRIDAY_EVENING)
    before = compute_review(services, W47, FRIDAY_EVENING).figures
    late = datetime(2026, 11, 20, 23, 25, tzinfo=TORONTO)
    log_event(services, contact(zoe, late, Direction.OUT), late)
    after = compute_review(services, W47, late).figures
    assert (before.contacts, before.own_after_hours) == (1, 0)
    assert (after.contacts, after.own_after_hours) == (2, 1)


def test_the_figures_are_those_of_review_json(
    services: Services,
    zoe: Client,
    location: VaultLocation,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log_event(services, contact(zoe, FRIDAY_EVENING), FRIDAY_EVENING)
    late = datetime(2026, 11, 20, 23, 25, tzinfo=TORONTO)
    log_event(services, contact(zoe, late, Direction.OUT), late)
    ours = review_json(compute_review(services, W47, late))
    services.close()  # the CLI opens the vault itself, as it would beside a locked app
    capsys.readouterr()
    assert run(["review", "--week", str(W47), "--json"], lambda _dir: location) == 0
    theirs = json.loads(capsys.readouterr().out)
    assert theirs == ours
    assert (theirs["contacts_total"], theirs["own_after_hours"]) == (2, 1)


def test_the_supervision_copy_replaces_every_clients_name_and_handle_in_its_free_text(
    services: Services, zoe: Client
) -> None:
    ana = services.clients.add(
        Client(
            code="AB1",
            display_name="Ana Brown",
            handles=(ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),),
            archived=True,  # an archived client is still a client in the vault
        )
    )
    log_event(services, contact(zoe, FRIDAY_EVENING), FRIDAY_EVENING)
    request = ContactEvent(
        client_id=ana.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=FRIDAY_EVENING,
        request=FriendRequest("Instagram as Ana B", RequestAction.PENDING),
    )
    log_event(services, request, FRIDAY_EVENING)
    search = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.SEARCH,
        occurred_at=FRIDAY_EVENING,
        summary="Zoë Martin's profile",
        search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED, found="Zoë's blog",
                      motive="I wondered about Zoë"),
    )  # fmt: skip
    log_event(services, search, FRIDAY_EVENING)
    save_notes(
        services,
        W47,
        ReviewRecord(
            notes="Zoë Martin texted twice; zoe's mother too.",
            reflections={"availability": "Ana called from (416) 555-0142.", "supervision": ""},
            supervision=("Zoë's late texts", "My own hours"),
        ),
    )
    review = compute_review(services, W47, FRIDAY_EVENING)
    copy = deidentify_review(services, review)
    record = copy.review.record
    assert record.notes == "ZM1 texted twice; ZM1's mother too."
    assert record.reflections == {"availability": "AB1 called from AB1."}
    assert record.supervision == ("ZM1's late texts", "My own hours")
    (friend_request,) = copy.review.friend_requests
    assert friend_request.event.request is not None
    assert friend_request.event.request.platform == "Instagram as AB1 B"
    assert all("Ana" not in w.message for w in copy.review.warnings)
    (searched,) = copy.review.searches
    assert searched.event.summary == "" and searched.event.search is not None
    assert (searched.event.search.found, searched.event.search.motive) == ("", "")
    assert copy.summary() == (
        "1 name replaced by a code in the friend requests; "
        "1 name replaced by a code in the reflections; "
        "1 phone number replaced by a code in the reflections; "
        "1 name replaced by a code in the supervision list; "
        "2 names replaced by codes in the notes"
    )
    assert copy.review.figures == review.figures  # only words change, never the figures
    replaced = {t.label: t.text for t in copy.replaced}
    assert replaced["Notes"].original == "Zoë Martin texted twice; zoe's mother too."
    assert [p.found for p in replaced["Notes"].replacements] == [Found.NAME, Found.NAME]
    # What the vault holds is untouched.
    assert compute_review(services, W47, FRIDAY_EVENING).record.notes.startswith("Zoë Martin")


def test_a_review_with_no_client_named_says_nothing_was_replaced(
    services: Services, zoe: Client
) -> None:
    save_notes(services, W47, ReviewRecord(notes="A quiet week.", supervision=("Hours",)))
    copy = deidentify_review(services, compute_review(services, W47, FRIDAY_EVENING))
    assert copy.review.record.notes == "A quiet week."
    assert copy.replaced == () and copy.summary() == NOTHING_REPLACED
    assert [t.label for t in copy.texts] == ["To take to supervision", "Notes"]


def test_each_warning_carries_the_guidance_of_the_clients_signed_agreement(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 19, 22, 40, tzinfo=TORONTO)  # a Thursday night text
    logged = log_event(services, contact(zoe, late), late)
    (unsigned,) = [
        w for w in compute_review(services, W47, late).warnings if w.code == "after_hours"
    ]
    assert unsigned.guidance == guidance("after_hours", logged.event, None)
    assert "signed communication agreement would settle" in unsigned.guidance

    text = ChannelTerms(Channel.TEXT, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = first_draft(zoe, services.settings.load()).with_terms(text)
    signed = replace(draft, client_signed_on=date(2026, 11, 1), review_on=date(2027, 11, 1))
    services.agreements.sign(signed, date(2026, 11, 2))

    (under,) = [w for w in compute_review(services, W47, late).warnings if w.code == "after_hours"]
    assert under.guidance.startswith("Your agreement says you reply within one business day")
    assert under.guidance == guidance(
        "after_hours", logged.event, services.agreements.signed(zoe.id or 0)
    )
    # The supervision copy leaves the guidance out: it can quote free text from the agreement.
    copy = deidentify_review(services, compute_review(services, W47, late))
    assert copy.review.warnings and all(w.guidance == "" for w in copy.review.warnings)
