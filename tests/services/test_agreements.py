"""Agreements: the draft to start from, signing and withdrawing, where each client stands,
and the crisis plan the quick log and the agreement both print."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.agreement_document import build_document, numbers_to_call
from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    CrisisPlan,
    Purpose,
)
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.crisis import CrisisResource
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.agreements import (
    AgreementState,
    Attention,
    Standing,
    attention,
    crisis_plan_for,
    history,
    save_draft,
    sign,
    signed,
    standings,
    starting_point,
    withdraw,
)
from boundary_desk.services.clauses import wording_for

TODAY = date(2026, 11, 20)
EMAIL = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))


def signed_version(
    services: Services, client: Client, review_on: date = date(2027, 11, 1)
) -> Agreement:
    draft, _previous = starting_point(services, client)
    draft = replace(
        draft.with_terms(EMAIL),
        client_signed_on=date(2026, 11, 1),
        clinician_signed_on=date(2026, 11, 1),
        review_on=review_on,
    )
    return sign(services, draft, date(2026, 11, 2))


def test_a_new_client_starts_from_a_first_draft_with_nothing_before(
    services: Services, zoe: Client
) -> None:
    draft, previous = starting_point(services, zoe)
    assert previous is None
    assert draft.id is None and draft.status is AgreementStatus.DRAFT
    assert draft.crisis.resources == services.settings.load().crisis


def test_after_signing_the_next_draft_follows_the_signed_version(
    services: Services, zoe: Client
) -> None:
    first = signed_version(services, zoe)
    draft, previous = starting_point(services, zoe)
    assert previous == first
    assert draft.version == first.version + 1 and draft.status is AgreementStatus.DRAFT
    kept = save_draft(services, draft)
    again, previous = starting_point(services, zoe)
    assert again == kept  # the saved draft is picked up, not a second new version
    assert previous == signed(services, zoe.id or 0)


def test_a_draft_prints_todays_crisis_numbers(services: Services, zoe: Client) -> None:
    save_draft(services, starting_point(services, zoe)[0])
    services.settings.set("crisis", "Warmline: 555-0199")
    draft, _ = starting_point(services, zoe)
    assert draft.crisis.resources == services.settings.load().crisis


def test_signing_without_a_signing_date_is_refused_and_nothing_is_kept(
    services: Services, zoe: Client
) -> None:
    draft = starting_point(services, zoe)[0].with_terms(EMAIL)
    with pytest.raises(InvalidInput):
        sign(services, draft, TODAY)
    assert history(services, zoe.id or 0) == []


def test_withdrawing_consent_marks_the_channel_on_the_signed_version(
    services: Services, zoe: Client
) -> None:
    signed_version(services, zoe)
    after = withdraw(services, zoe.id or 0, Channel.EMAIL, TODAY)
    assert after.terms(Channel.EMAIL).withdrawn_on == TODAY
    assert Channel.EMAIL not in {t.channel for t in after.allowed_channels}


def test_withdrawing_without_a_signed_agreement_is_refused(services: Services, zoe: Client) -> None:
    with pytest.raises(InvalidInput):
        withdraw(services, zoe.id or 0, Channel.EMAIL, TODAY)
    assert history(services, zoe.id or 0) == []


def test_standings_and_attention_count_active_clients_only(services: Services, zoe: Client) -> None:
    drafting = services.clients.add(Client(code="AB1", display_name="Ana Brown"))
    ended = services.clients.add(
        Client(
            code="OLD",
            display_name="Old Client",
            status=ClientStatus.ENDED,
            started_on=date(2025, 1, 1),
            ended_on=date(2026, 1, 1),
        )
    )
    signed_version(services, zoe, review_on=date(2027, 11, 1))
    draft = save_draft(services, starting_point(services, drafting)[0])
    everyone = [zoe, drafting, ended]
    found = standings(services, everyone, TODAY)
    assert found[zoe.id or 0] == Standing(AgreementState.SIGNED, review_on=date(2027, 11, 1))
    assert found[drafting.id or 0] == Standing(AgreementState.DRAFT, version=draft.version)
    assert found[ended.id or 0] == Standing(AgreementState.NONE)
    assert attention(services, TODAY) == Attention(review_due=0, unsigned=1)
    later = date(2027, 11, 2)
    assert standings(services, [zoe], later)[zoe.id or 0].state is AgreementState.REVIEW_DUE
    assert attention(services, later) == Attention(review_due=1, unsigned=1)


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
    practice, wording = services.settings.load(), wording_for(services, agreement)
    printed = build_document(agreement, client, practice, wording, date(2026, 11, 20))
    plan = crisis_plan_for(services, client.id or 0)
    assert printed.crisis.resources == (("Distress line", "555-0100"),)
    assert numbers_to_call(plan) == (("Emergency", "999"), ("Distress line", "555-0100"))


# -- reprinting a signed version -----------------------------------------------------------


def _letterhead_of(services: Services, client: Client, agreement: Agreement) -> tuple[str, ...]:
    from boundary_desk.services.agreements import practice_for

    practice = practice_for(services, agreement)
    document = build_document(agreement, client, practice, wording_for(services, agreement), TODAY)
    return document.letterhead


def test_a_signed_version_reprints_with_the_practice_details_it_was_signed_with(
    services: Services, zoe: Client
) -> None:
    services.settings.set_many(
        {
            "practice": "Harbour",
            "clinician": "Jo Rivera",
            "phone": "416 555 0100",
            "region": "CA-ON",
        }
    )
    v1 = signed_version(services, zoe)
    before = _letterhead_of(services, zoe, v1)
    assert "416 555 0100" in before

    services.settings.set_many(
        {"phone": "416 555 0199", "practice": "Harbour Counselling", "region": "US-NY"}
    )
    from boundary_desk.services.agreements import practice_for

    assert _letterhead_of(services, zoe, v1) == before
    assert practice_for(services, v1).region.country == "CA"  # its paper size too
    # A new draft takes the details as they are today.
    draft, _previous = starting_point(services, zoe)
    assert "416 555 0199" in _letterhead_of(services, zoe, draft)


def test_a_version_signed_before_details_were_kept_reprints_with_todays(
    services: Services, zoe: Client
) -> None:
    services.settings.set("phone", "416 555 0100")
    v1 = signed_version(services, zoe)
    assert v1.id is not None
    services.vault.conn.execute("DELETE FROM agreement_practice WHERE agreement_id = ?", (v1.id,))
    services.settings.set("phone", "416 555 0199")
    assert "416 555 0199" in _letterhead_of(services, zoe, v1)


def test_a_version_is_found_by_its_number_or_refused_naming_those_there_are(
    services: Services, zoe: Client
) -> None:
    from boundary_desk.services.agreements import version

    with pytest.raises(InvalidInput, match="no agreement yet"):
        version(services, zoe, 1)
    v1 = signed_version(services, zoe)
    assert version(services, zoe, 1) == v1
    with pytest.raises(InvalidInput, match="no agreement version 3; its versions are 1"):
        version(services, zoe, 3)
