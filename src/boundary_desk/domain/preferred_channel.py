"""Whether the week's contact followed each client's preferred channel, for the weekly review.

The research names the client's own preference among the benefits of a channel, so the
review says, for every client with contact that week, how much of it went by the
channel they prefer. What is counted: the week's contact entries with that client
(either direction) whose channel was given; of those, the ones in the preferred
channel. An entry's own channel is counted, not the channel of a reply to it. A
client with no preference recorded has no figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from boundary_desk.domain.clients import ChannelComfort
from boundary_desk.domain.events import ContactChannel, ContactEvent, EventKind
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS, shown
from boundary_desk.system.i18n import _, ngettext


@dataclass(frozen=True)
class Preference:
    """The channel a client prefers, and how comfortable they are with it (if said)."""

    channel: ContactChannel
    comfort: ChannelComfort | None = None


@dataclass(frozen=True)
class PreferenceFollowed:
    """One client's week: the contact with a channel given, and how much of it went by the
    channel they prefer (None when they have no preference recorded)."""

    client: str  # the client's code
    preference: Preference | None
    with_channel: int  # the week's contact entries with the client whose channel is given
    in_preferred: int  # of those, the ones in the preferred channel (0 with no preference)

    @property
    def share(self) -> float | None:
        """The part in the preferred channel, 0 to 1; None with no preference or no contact
        whose channel is given."""
        if self.preference is None or self.with_channel == 0:
            return None
        return self.in_preferred / self.with_channel

    def line(self, who: str = "") -> str:
        """The plain line for the review, naming the client by `who` or else by code only,
        e.g. "C-001 prefers email (somewhat comfortable): 3 of 4 contacts this week were
        by email"; in the app's language."""
        who = who or self.client
        if self.preference is None:
            return _("{who}: no preferred channel recorded.").format(who=who)
        channel = shown(CONTACT_CHANNEL_LABELS[self.preference.channel])
        comfort = self.preference.comfort
        if comfort:
            prefers = _("{who} prefers {channel} ({comfort})").format(
                who=who, channel=channel, comfort=_(comfort.words)
            )
        else:
            prefers = _("{who} prefers {channel}").format(who=who, channel=channel)
        if self.with_channel == 0:
            said = _("{prefers}: no contact this week had its channel given.")
        elif self.with_channel == 1:
            said = (
                _("{prefers}: the one contact this week was by {channel}.")
                if self.in_preferred
                else _("{prefers}: the one contact this week was by another channel.")
            )
        elif self.in_preferred == self.with_channel:
            said = _("{prefers}: every contact this week was by {channel}.")
        else:
            said = ngettext(
                "{prefers}: {count} of {total} contacts this week was by {channel}.",
                "{prefers}: {count} of {total} contacts this week were by {channel}.",
                self.in_preferred,
            )
        return said.format(
            prefers=prefers, channel=channel, count=self.in_preferred, total=self.with_channel
        )


def preferences_followed(
    week_events: Iterable[ContactEvent],
    codes: Mapping[int, str],
    preferences: Mapping[int, Preference],
) -> tuple[PreferenceFollowed, ...]:
    """Every client with contact in `week_events` (already the week's), by code."""
    counted: dict[int, list[int]] = {}
    for event in week_events:
        if event.kind is not EventKind.CONTACT:
            continue
        tally = counted.setdefault(event.client_id, [0, 0])
        if event.channel is None:
            continue
        tally[0] += 1
        preference = preferences.get(event.client_id)
        tally[1] += int(preference is not None and event.channel is preference.channel)
    rows = [
        PreferenceFollowed(codes.get(cid, "?"), preferences.get(cid), with_channel, followed)
        for cid, (with_channel, followed) in counted.items()
    ]
    return tuple(sorted(rows, key=lambda r: r.client))
