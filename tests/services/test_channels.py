"""The channels ranked for a reply to a client's message, from their signed agreement."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.channel_fit import CRISIS_FIRST, Verdict
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.services import Services
from boundary_desk.services.agreements import sign, starting_point
from boundary_desk.services.channels import reply_options


def signed_for(services: Services, client: Client, *channels: Channel) -> None:
    draft, _ = starting_point(services, client)
    for channel in channels:
        draft = draft.with_terms(ChannelTerms(channel, True, frozenset({Purpose.SCHEDULING})))
    sign(
        services,
        replace(draft, client_signed_on=date(2026, 11, 1), clinician_signed_on=date(2026, 11, 1)),
        date(2026, 11, 2),
    )


def options(services: Services, client: Client, category: Category, complex_: bool = False):  # type: ignore[no-untyped-def]
    found = reply_options(services, client.id or 0, category, complex_)
    assert found is not None
    return [(f.channel, f.verdict) for f in found]


def test_without_a_signed_agreement_there_is_nothing_to_rank(services: Services) -> None:
    client = services.clients.add(Client(code="NA1", display_name="No Agreement"))
    assert reply_options(services, client.id or 0, Category.CLINICAL, False) is None


def test_the_agreed_channels_are_ranked_for_the_message(services: Services) -> None:
    client = services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    signed_for(services, client, Channel.EMAIL, Channel.TEXT, Channel.PORTAL)
    assert options(services, client, Category.CLINICAL) == [
        (ContactChannel.PORTAL, Verdict.GOOD),
        (ContactChannel.EMAIL, Verdict.CAUTION),
        (ContactChannel.TEXT, Verdict.POOR),
    ]
    assert options(services, client, Category.ADMIN)[0][1] is Verdict.GOOD
    # Complex or emotional: none of the written channels suits it well.
    assert all(v is not Verdict.GOOD for _, v in options(services, client, Category.ADMIN, True))
    crisis = reply_options(services, client.id or 0, Category.CRISIS, False)
    assert crisis is not None
    assert crisis[0].channel is None and crisis[0].reasons == (CRISIS_FIRST,)
    services.settings.set("channels", "Email: encrypted")
    assert options(services, client, Category.CLINICAL)[0] == (ContactChannel.EMAIL, Verdict.GOOD)
