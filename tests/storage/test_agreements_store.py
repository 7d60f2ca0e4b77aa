"""Agreements in the vault: versions, signing, supersession, withdrawals, states."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import (
    AgreementState,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
    next_version,
)
from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.clauses import wording_for

TODAY = date(2026, 11, 22)
EMAIL = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING, Purpose.HOMEWORK}))
TEXT = ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING}), "the same day")


@pytest.fixture
def client(services: Services) -> Client:
    services.settings.set("region", "CA-ON")
    return services.clients.add(Client(code="", display_name="Ana"))


def draft(services: Services, client: Client):  # type: ignore[no-untyped-def]
    return first_draft(client, services.settings.load()).with_terms(EMAIL).with_terms(TEXT)


def test_draft_round_trips_every_field(services: Services, client: Client) -> None:
    original = replace(
        draft(services, client),
        bills_between_session=True,
        client_timezone="America/Vancouver",
        review_on=date(2027, 3, 1),
    )
    saved = services.agreements.save_draft(original)
    assert saved.id is not None and saved.version == 1
    assert replace(saved, id=None) == original


def test_signing_supersedes_the_previous_version(services: Services, client: Client) -> None:
    first = services.agreements.sign(
        replace(draft(services, client), client_signed_on=date(2026, 5, 1)), TODAY
    )
    second = services.agreements.sign(
        replace(
            next_version(first).with_terms(replace(TEXT, allowed=False, purposes=frozenset())),
            client_signed_on=TODAY,
        ),
        TODAY,
    )
    history = services.agreements.history(client.id or 0)
    assert [(a.version, a.status) for a in history] == [
        (1, AgreementStatus.SUPERSEDED),
        (2, AgreementStatus.SIGNED),
    ]
    assert services.agreements.signed(client.id or 0) == second
    assert not second.allows(Channel.TEXT)


def test_a_signed_agreement_cannot_be_edited(services: Services, client: Client) -> None:
    signed = services.agreements.sign(
        replace(draft(services, client), client_signed_on=TODAY), TODAY
    )
    with pytest.raises(InvalidInput, match="Start a new version"):
        services.agreements.save_draft(replace(signed, bills_between_session=True))
    assert services.agreements.get(signed.id or 0) == signed


def test_a_refused_signing_saves_nothing(services: Services, client: Client) -> None:
    with pytest.raises(InvalidInput):
        services.agreements.sign(draft(services, client), TODAY)
    assert services.agreements.history(client.id or 0) == []


def test_withdrawal_is_recorded_with_its_date(services: Services, client: Client) -> None:
    services.agreements.sign(replace(draft(services, client), client_signed_on=TODAY), TODAY)
    updated = services.agreements.withdraw(client.id or 0, Channel.TEXT, TODAY)
    assert updated.terms(Channel.TEXT).withdrawn_on == TODAY
    assert not updated.allows(Channel.TEXT)
    with pytest.raises(InvalidInput, match="already withdrawn"):
        services.agreements.withdraw(client.id or 0, Channel.TEXT, TODAY)
    with pytest.raises(InvalidInput, match="isn't allowed"):
        services.agreements.withdraw(client.id or 0, Channel.DM, TODAY)
    with pytest.raises(InvalidInput, match="before the agreement was signed"):
        services.agreements.withdraw(client.id or 0, Channel.EMAIL, date(2026, 1, 1))


def test_withdrawal_needs_a_signed_agreement(services: Services, client: Client) -> None:
    services.agreements.save_draft(draft(services, client))
    with pytest.raises(InvalidInput, match="no signed agreement"):
        services.agreements.withdraw(client.id or 0, Channel.EMAIL, TODAY)


def test_states_for_the_client_list(services: Services, client: Client) -> None:
    other = services.clients.add(Client(code="", display_name="Bea"))
    due = services.clients.add(Client(code="", display_name="Cy"))
    services.agreements.save_draft(draft(services, other))
    services.agreements.sign(replace(draft(services, client), client_signed_on=TODAY), TODAY)
    services.agreements.sign(
        replace(
            draft(services, due), client_signed_on=date(2026, 1, 2), review_on=date(2026, 7, 1)
        ),
        TODAY,
    )
    assert services.agreements.states(TODAY) == {
        client.id: AgreementState.SIGNED,
        other.id: AgreementState.DRAFT,
        due.id: AgreementState.REVIEW_DUE,
    }


def test_markup_and_unicode_survive_storage(services: Services, client: Client) -> None:
    from boundary_desk.domain.agreements import CrisisPlan

    hostile = replace(
        draft(services, client),
        crisis=CrisisPlan(
            nearest_er='St. <b>Mary</b>\'s & "General" 🏥',
            emergency_contact="שרה כהן +972 50 000 0000",
        ),
    )
    saved = services.agreements.save_draft(hostile)
    assert saved.crisis.nearest_er == 'St. <b>Mary</b>\'s & "General" 🏥'
    assert saved.crisis.emergency_contact == "שרה כהן +972 50 000 0000"


def test_clause_overrides(services: Services) -> None:
    services.clauses.set("records", "Your file holds our messages, {client_name}.")
    assert services.clauses.clause_set().text("records").startswith("Your file")
    services.clauses.set("records", "")
    assert services.clauses.overrides() == {}
    with pytest.raises(InvalidInput):
        services.clauses.set("records", "{oops}")
    assert services.clauses.overrides() == {}


def test_a_signed_agreement_keeps_the_wording_it_was_signed_with(
    services: Services, client: Client
) -> None:
    services.clauses.set("records", "Version one wording, {client_name}.")
    signed = services.agreements.sign(
        replace(draft(services, client), client_signed_on=TODAY), TODAY
    )
    services.clauses.set("records", "Later wording, {client_name}.")
    assert wording_for(services, signed).render("records", {"client_name": "Ana"}) == (
        "Version one wording, Ana."
    )
    new_draft = next_version(signed)
    assert wording_for(services, new_draft).text("records") == "Later wording, {client_name}."
