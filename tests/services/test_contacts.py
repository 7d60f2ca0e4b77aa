"""Contacts: logging with warnings, and the warnings that only appear as days pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.agreement_document import build_document, numbers_to_call
from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, CrisisPlan, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.crisis import CrisisResource
from boundary_desk.domain.events import ContactEvent, EventKind, FriendRequest, RequestAction
from boundary_desk.services import Services
from boundary_desk.services.contacts import crisis_plan_for, log_event, refresh_time_warnings
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


def signed_with(services: Services, client: Client, crisis: CrisisPlan) -> None:
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = first_draft(client, services.settings.load()).with_terms(email)
    draft = replace(draft, crisis=crisis, client_signed_on=date(2026, 11, 1))
    services.agreements.sign(replace(draft, review_on=date(2027, 11, 1)), date(2026, 11, 2))


def test_the_crisis_plan_honours_the_agreements_emergency_number(services: Services) -> None:
    services.settings.set_many({"region": "CA-ON"})
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    practice_numbers = numbers_to_call(crisis_plan_for(services, client.id or 0))
    assert "911" in {number for _, number in practice_numbers}
    signed_with(services, client, CrisisPlan(emergency_number="999", nearest_er="St Mary's"))
    plan = crisis_plan_for(services, client.id or 0)
    assert plan.emergency_number == "999" and plan.nearest_er == "St Mary's"
    assert plan.resources == services.settings.load().crisis  # none of its own: the practice's
    assert numbers_to_call(plan)[0] == ("Emergency", "999")
    assert numbers_to_call(plan)[1:] == practice_numbers


def test_the_quick_log_and_the_agreement_print_the_same_plan(services: Services) -> None:
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    resources = (CrisisResource("Distress line", "555-0100"),)
    signed_with(services, client, CrisisPlan(resources=resources, emergency_number="999"))
    agreement = services.agreements.signed(client.id or 0)
    assert agreement is not None
    practice, wording = services.settings.load(), services.clauses_for(agreement)
    printed = build_document(agreement, client, practice, wording, date(2026, 11, 20))
    plan = crisis_plan_for(services, client.id or 0)
    assert printed.crisis.resources == (("Distress line", "555-0100"),)
    assert numbers_to_call(plan) == (("Emergency", "999"), ("Distress line", "555-0100"))
