"""Channel profiles as the clinician has adjusted them, and channels ranked for a reply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from boundary_desk.domain.channel_fit import Fit, ranked
from boundary_desk.domain.channel_profiles import ChannelProfile
from boundary_desk.domain.clients import Client
from boundary_desk.domain.crisis import CrisisResource
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.errors import InvalidInput
from boundary_desk.services.agreements import crisis_plan_for

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "adjusted_channels",
    "agreed_channels",
    "channel_profiles",
    "crisis_numbers",
    "reply_options",
    "reply_ranking",
]


def channel_profiles(services: Services) -> Mapping[ContactChannel, ChannelProfile]:
    """Every channel's profile: the defaults, with the clinician's adjustments."""
    return services.settings.load().channel_profiles


def adjusted_channels(services: Services) -> frozenset[ContactChannel]:
    """The channels whose profile the clinician adjusted."""
    return frozenset(a.channel for a in services.settings.load().channels)


def agreed_channels(services: Services, client: Client) -> tuple[ContactChannel, ...]:
    """The contact channels the client's signed agreement allows, in its order."""
    assert client.id is not None
    agreement = services.agreements.signed(client.id)
    if agreement is None:
        raise InvalidInput(
            f"{client.code} has no signed agreement, so no channels are agreed; name the "
            "channels to rank with --among."
        )
    allowed = {t.channel for t in agreement.allowed_channels}
    return tuple(c for c in ContactChannel if c.agreement_channel in allowed)


def reply_ranking(
    services: Services, among: Iterable[ContactChannel], category: Category, complex_: bool
) -> tuple[Fit, ...]:
    """The channels `among`, best first for this message; crisis: the protocol first."""
    return ranked(among, category, complex_, channel_profiles(services))


def crisis_numbers(services: Services, client: Client | None) -> tuple[CrisisResource, ...]:
    """Who to call in a crisis: the client's signed plan, else the practice's numbers."""
    if client is None or client.id is None:
        return services.settings.load().crisis
    return crisis_plan_for(services, client.id).resources


def reply_options(
    services: Services, client_id: int, category: Category, complex_: bool
) -> tuple[Fit, ...] | None:
    """The channels the client's signed agreement allows, best first for replying to a
    message of `category`; crisis: the protocol first. None without a signed agreement."""
    agreement = services.agreements.signed(client_id)
    if agreement is None:
        return None
    allowed = {t.channel for t in agreement.allowed_channels}
    among = [c for c in ContactChannel if c.agreement_channel in allowed]
    return reply_ranking(services, among, category, complex_)
