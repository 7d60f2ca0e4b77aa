"""Agreements, for the app and the CLI alike: the draft to start from, save, sign,
withdraw consent, where each client stands, and who to call in a crisis."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from boundary_desk.domain.agreement_document import (
    KeptAtSigning,
    crisis_plan,
    practice_as_signed,
)
from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementState,
    AgreementStatus,
    Channel,
    CrisisPlan,
    next_version,
)
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "AgreementState",
    "Attention",
    "Standing",
    "attention",
    "crisis_plan_for",
    "history",
    "kept_at_signing",
    "latest_or_first",
    "needs_agreement",
    "practice_for",
    "save_draft",
    "sign",
    "signed",
    "standings",
    "starting_agreement",
    "starting_point",
    "version",
    "with_channel_reasons",
    "withdraw",
]


def starting_agreement(
    history: list[Agreement], client: Client, practice: PracticeSettings
) -> Agreement:
    """The latest draft, else a new version of the signed one, else a first draft."""
    latest = history[-1] if history else None
    signed_versions = [a for a in history if a.status is AgreementStatus.SIGNED]
    if latest is None:
        start = first_draft(client, practice)
    elif latest.status is AgreementStatus.DRAFT:
        start = latest
    else:
        older = signed_versions[-1] if signed_versions else latest
        start = replace(next_version(older), version=latest.version + 1)
    # A draft prints the crisis numbers in Settings today, not those when it began.
    return replace(start, crisis=replace(start.crisis, resources=practice.crisis))


def starting_point(services: Services, client: Client) -> tuple[Agreement, Agreement | None]:
    """The draft to fill in for `client`, and the version it follows (if any)."""
    assert client.id is not None
    versions = history(services, client.id)
    draft = starting_agreement(versions, client, services.settings.load())
    if not versions:
        return draft, None
    latest = versions[-1]
    if latest.status is AgreementStatus.DRAFT:
        return draft, signed(services, client.id)
    return draft, latest


def history(services: Services, client_id: int) -> list[Agreement]:
    """Every version of the client's agreement, oldest first."""
    return services.agreements.history(client_id)


def signed(services: Services, client_id: int) -> Agreement | None:
    """The version in force: the latest signed one."""
    return services.agreements.signed(client_id)


def practice_for(services: Services, agreement: Agreement) -> PracticeSettings:
    """The practice as the agreement prints: as signed for a signed one, else as set today."""
    values = services.settings.values()
    if agreement.id is None or agreement.status is AgreementStatus.DRAFT:
        return PracticeSettings.from_values(values)
    # Signed before the details were kept: today's settings are all there is.
    return practice_as_signed(values, services.agreements.practice(agreement.id))


def kept_at_signing(services: Services, agreement: Agreement) -> KeptAtSigning:
    """Whether a signed version's practice details and wording were kept when it was signed.

    A draft has nothing to keep and prints as it is today, so it counts as kept.
    """
    if agreement.id is None or agreement.status is AgreementStatus.DRAFT:
        return KeptAtSigning()
    return KeptAtSigning(
        practice=bool(services.agreements.practice(agreement.id)),
        wording=bool(services.agreements.wording(agreement.id)),
    )


def version(services: Services, client: Client, number: int) -> Agreement:
    """Version `number` of the client's agreement (InvalidInput naming those there are)."""
    assert client.id is not None
    versions = history(services, client.id)
    for found in versions:
        if found.version == number:
            return found
    if not versions:
        raise InvalidInput(
            _("{code} has no agreement yet, so there is no version {number}.").format(
                code=client.code, number=number
            )
        )
    known = ", ".join(str(a.version) for a in versions)
    raise InvalidInput(
        _("{code} has no agreement version {number}; its versions are {known}.").format(
            code=client.code, number=number, known=known
        )
    )


def latest_or_first(services: Services, client: Client) -> Agreement:
    """The newest version to print, else the first draft the practice's settings make."""
    assert client.id is not None
    return services.agreements.latest(client.id) or first_draft(client, services.settings.load())


def save_draft(services: Services, draft: Agreement) -> Agreement:
    """Keep a draft (InvalidInput, nothing kept, if it is not one that can be saved)."""
    return services.agreements.save_draft(draft)


def with_channel_reasons(services: Services, agreement: Agreement, wanted: bool) -> Agreement:
    """The agreement printing (or not) each allowed channel's reason; a saved draft keeps it.

    A signed version reprints as it was signed, so changing it is refused in a sentence.
    """
    if agreement.channel_reasons is wanted:
        return agreement
    if agreement.status is not AgreementStatus.DRAFT:
        signed_as = (
            _(
                "Version {version} was signed with the reason for each channel, and a signed "
                "agreement reprints as it was signed. Start a new version to change it."
            )
            if agreement.channel_reasons
            else _(
                "Version {version} was signed without the reason for each channel, and a "
                "signed agreement reprints as it was signed. Start a new version to change it."
            )
        )
        raise InvalidInput(signed_as.format(version=agreement.version))
    changed = replace(agreement, channel_reasons=wanted)
    return changed if changed.id is None else save_draft(services, changed)


def sign(services: Services, agreement: Agreement, today: date) -> Agreement:
    """Sign a draft as of `today`, keeping the wording it was signed with.

    Refused (InvalidInput) while a clause the clinician reworded in another language has
    no wording of theirs in the agreement's language: the client would sign text the
    clinician never chose.
    """
    services.clauses.clause_set(agreement.language).check_complete(agreement.language)
    return services.agreements.sign(agreement, today)


def withdraw(services: Services, client_id: int, channel: Channel, on: date) -> Agreement:
    """Record that the client withdrew consent for `channel` on `on`; the signed version."""
    return services.agreements.withdraw(client_id, channel, on)


def crisis_plan_for(services: Services, client_id: int) -> CrisisPlan:
    """Who to call for this client: their signed agreement's plan, else the practice's."""
    return crisis_plan(signed(services, client_id), services.settings.load())


@dataclass(frozen=True)
class Standing:
    """Where a client's agreement stands, for the client list."""

    state: AgreementState
    version: int | None = None  # the draft's, for a draft
    review_on: date | None = None  # the signed version's, when it has one


def standings(services: Services, clients: list[Client], today: date) -> dict[int, Standing]:
    """Each of `clients`' agreement standing on `today`."""
    states = services.agreements.states(today)
    found: dict[int, Standing] = {}
    for client in clients:
        if client.id is None:
            continue
        state = states.get(client.id, AgreementState.NONE)
        if state is AgreementState.DRAFT:
            latest = services.agreements.latest(client.id)
            found[client.id] = Standing(state, version=latest.version if latest else None)
        elif state is AgreementState.SIGNED:
            current = services.agreements.signed(client.id)
            found[client.id] = Standing(state, review_on=current.review_on if current else None)
        else:
            found[client.id] = Standing(state)
    return found


@dataclass(frozen=True)
class Attention:
    """Active clients whose agreement needs the clinician: review due, or none signed."""

    review_due: int
    unsigned: int


def needs_agreement(client: Client) -> bool:
    """An active client on the list is expected to have a signed agreement."""
    return client.status is ClientStatus.ACTIVE and not client.archived


def attention(services: Services, today: date) -> Attention:
    """How many active clients have a review due, and how many have nothing signed."""
    states = services.agreements.states(today)
    active = [c for c in services.clients.list() if needs_agreement(c)]
    due = sum(states.get(c.id or 0) is AgreementState.REVIEW_DUE for c in active)
    unsigned = sum(
        states.get(c.id or 0, AgreementState.NONE) in (AgreementState.NONE, AgreementState.DRAFT)
        for c in active
    )
    return Attention(due, unsigned)
