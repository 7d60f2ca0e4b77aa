"""The week's messages at risk of misunderstanding, for the weekly review.

Two kinds. A clinical, personal or crisis contact, or one marked complex or emotional, in a
lean or one-way channel (by the clinician's own channel profiles), where "a lack of verbal
or visual cues can lead to misunderstandings". And a long thread: contacts with one client
on one message channel (asynchronous or one-way), each within the setting's hours of the
one before, counted when there are at least the setting's number of them. Live channels
(a call, video, in person) make no thread: a misunderstanding there can be sorted out as
it happens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from boundary_desk.domain.channel_fit import SENSITIVE
from boundary_desk.domain.channel_profiles import Bandwidth, ChannelProfile, TwoWay
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, EventKind
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _, ngettext, pgettext

THREAD_MESSAGES = (2, 100)
THREAD_HOURS = (1, 168)
CHECK_IN_SESSION = "check in session"


@dataclass(frozen=True)
class LongThread:
    """A thread this long is flagged: `messages`, each within `hours` of the one before."""

    messages: int = 6
    hours: int = 24


_THREAD = re.compile(
    r"([0-9]{1,4})\s*messages?\s*,?\s*(?:each\s+)?within\s+([0-9]{1,4})\s*(?:hours?|h)"
    r"(?:\s+of\s+the\s+(?:one\s+before|last|previous)(?:\s+one)?)?",
    re.IGNORECASE,
)
_REFUSAL = (
    'Write a long thread as "6 messages, each within 24 hours of the one before": from '
    f"{THREAD_MESSAGES[0]} to {THREAD_MESSAGES[1]} messages, from {THREAD_HOURS[0]} to "
    f"{THREAD_HOURS[1]} hours."
)


def parse_long_thread(text: str) -> LongThread:
    """Read "6 messages within 24 hours", or refuse in a sentence saying what is accepted."""
    found = _THREAD.fullmatch(" ".join(text.split()))
    if found is None:
        raise InvalidInput(_REFUSAL)
    messages, hours = int(found[1]), int(found[2])
    if not THREAD_MESSAGES[0] <= messages <= THREAD_MESSAGES[1]:
        raise InvalidInput(_REFUSAL)
    if not THREAD_HOURS[0] <= hours <= THREAD_HOURS[1]:
        raise InvalidInput(_REFUSAL)
    return LongThread(messages, hours)


def format_long_thread(thread: LongThread) -> str:
    unit = "hour" if thread.hours == 1 else "hours"
    return f"{thread.messages} messages, each within {thread.hours} {unit} of the one before"


class RiskReason(StrEnum):
    LEAN = "lean-channel"
    ONE_WAY = "one-way-channel"
    LONG_THREAD = "long-thread"


@dataclass(frozen=True)
class MisunderstandingRisk:
    """One item of the section: whose, when, by which channel, and why in one sentence."""

    client: str  # client code
    event_id: int | None  # the contact, or a thread's first
    occurred_at: datetime  # UTC; a thread's first message
    channel: ContactChannel
    reason: RiskReason
    why: str
    event_ids: tuple[int, ...] = ()  # every contact it covers (a thread's all)

    @property
    def key(self) -> str:
        """Where the decision is kept in the week's ReviewRecord.actions."""
        return f"{self.event_id if self.event_id is not None else self.client}:{self.reason}"


_CONTENT = {
    Category.CLINICAL: N_("clinical content"),
    Category.PERSONAL: N_("personal content"),
    Category.CRISIS: N_("crisis content"),
}


def _subject(channel: ContactChannel) -> str:
    """The channel as a sentence's subject, in the app's language ("A text message")."""
    subjects = {
        ContactChannel.EMAIL: pgettext("subject", "An email"),
        ContactChannel.TEXT: pgettext("subject", "A text message"),
        ContactChannel.CALL: pgettext("subject", "A phone call"),
        ContactChannel.VOICEMAIL: pgettext("subject", "A voicemail"),
        ContactChannel.VIDEO: pgettext("subject", "A video call"),
        ContactChannel.PORTAL: pgettext("subject", "A portal message"),
        ContactChannel.DM: pgettext("subject", "A social-media message"),
        ContactChannel.IN_PERSON: pgettext("subject", "Meeting in person"),
    }
    return subjects[channel]


def _channel_risk(event: ContactEvent, profile: ChannelProfile) -> tuple[RiskReason, str] | None:
    if event.is_complex:
        what = _("complex or emotional content")
    elif event.category is not None and event.category in SENSITIVE:
        what = _(_CONTENT[event.category])
    else:
        return None
    subject = _subject(profile.channel)
    if profile.two_way is TwoWay.ONE_WAY:
        return RiskReason.ONE_WAY, _(
            "{subject} is one-way and carried {content}: nobody could ask what was meant."
        ).format(subject=subject, content=what)
    if profile.bandwidth is Bandwidth.LEAN:
        return RiskReason.LEAN, _(
            "{subject} is lean and carried {content}: without tone or expression it is easily "
            "misread."
        ).format(subject=subject, content=what)
    return None


def _is_contact(event: ContactEvent) -> bool:
    return event.kind is EventKind.CONTACT and event.channel is not None


def channel_risks(
    contacts: Iterable[ContactEvent],
    profiles: Mapping[ContactChannel, ChannelProfile],
    codes: Mapping[int, str],
) -> list[MisunderstandingRisk]:
    """Each clinical, personal or crisis contact in a lean or one-way channel."""
    found = []
    for event in contacts:
        if not _is_contact(event):
            continue
        assert event.channel is not None
        risk = _channel_risk(event, profiles[event.channel])
        if risk is not None:
            ids = (event.id,) if event.id is not None else ()
            found.append(
                MisunderstandingRisk(
                    codes.get(event.client_id, "?"), event.id, event.occurred_at,
                    event.channel, *risk, ids,
                )
            )  # fmt: skip
    return found


def threads(
    contacts: Iterable[ContactEvent],
    profiles: Mapping[ContactChannel, ChannelProfile],
    within: timedelta,
) -> list[list[ContactEvent]]:
    """Contacts with one client on one message channel, each within `within` of the one
    before, oldest first; live channels make none."""
    by_pair: dict[tuple[int, ContactChannel], list[ContactEvent]] = {}
    for event in sorted(contacts, key=lambda e: e.occurred_at):
        channel = event.channel if _is_contact(event) else None
        if channel is not None and profiles[channel].two_way is not TwoWay.SYNCHRONOUS:
            by_pair.setdefault((event.client_id, channel), []).append(event)
    found: list[list[ContactEvent]] = []
    for events in by_pair.values():
        current = [events[0]]
        for event in events[1:]:
            if event.occurred_at - current[-1].occurred_at <= within:
                current.append(event)
            else:
                found.append(current)
                current = [event]
        found.append(current)
    return sorted(found, key=lambda t: t[0].occurred_at)


def thread_risks(
    contacts: Iterable[ContactEvent],
    profiles: Mapping[ContactChannel, ChannelProfile],
    codes: Mapping[int, str],
    setting: LongThread,
) -> list[MisunderstandingRisk]:
    """Each thread of at least `setting.messages` contacts."""
    found = []
    for thread in threads(contacts, profiles, timedelta(hours=setting.hours)):
        if len(thread) < setting.messages:
            continue
        first, last = thread[0], thread[-1]
        assert first.channel is not None
        hours = max(1, round((last.occurred_at - first.occurred_at).total_seconds() / 3600))
        why = ngettext(
            "{count} {messages} over {hours} hour: a long exchange in writing drifts, and "
            "each reply answers less of what was meant.",
            "{count} {messages} over {hours} hours: a long exchange in writing drifts, and "
            "each reply answers less of what was meant.",
            hours,
        ).format(count=len(thread), messages=_plural(first.channel), hours=hours)
        ids = tuple(e.id for e in thread if e.id is not None)
        found.append(
            MisunderstandingRisk(
                codes.get(first.client_id, "?"), first.id, first.occurred_at, first.channel,
                RiskReason.LONG_THREAD, why, ids,
            )
        )  # fmt: skip
    return found


def _plural(channel: ContactChannel) -> str:
    """Several messages of `channel`, in the app's language ("text messages")."""
    plurals = {
        ContactChannel.EMAIL: pgettext("several", "emails"),
        ContactChannel.TEXT: pgettext("several", "text messages"),
        ContactChannel.VOICEMAIL: pgettext("several", "voicemails"),
        ContactChannel.PORTAL: pgettext("several", "portal messages"),
        ContactChannel.DM: pgettext("several", "social-media messages"),
    }
    return plurals.get(channel) or f"{channel.value} contacts"  # live channels make no thread


def misunderstanding_risks(
    contacts: Sequence[ContactEvent],
    profiles: Mapping[ContactChannel, ChannelProfile],
    codes: Mapping[int, str],
    setting: LongThread,
) -> tuple[MisunderstandingRisk, ...]:
    """The week's items at risk of misunderstanding, oldest first (a thread at its start)."""
    found = [
        *channel_risks(contacts, profiles, codes),
        *thread_risks(contacts, profiles, codes, setting),
    ]
    return tuple(sorted(found, key=lambda r: (r.occurred_at, r.reason != RiskReason.LONG_THREAD)))


@dataclass(frozen=True)
class LongExchange:
    """The long thread a contact belongs to, as said when it is logged."""

    messages: int  # in the thread, this contact included
    channel: ContactChannel
    hours: int  # from the thread's first message to its last, at least 1

    def sentence(self) -> str:
        """What the quick log says of the thread, in the app's language."""
        if self.hours <= 1:
            said = _(
                "This is one of {count} {messages} with this client within an hour: a long "
                "exchange in writing drifts, and each reply answers less of what was meant. "
                "Consider raising it in the next session."
            )
        else:
            said = _(
                "This is one of {count} {messages} with this client over {hours} hours: a long "
                "exchange in writing drifts, and each reply answers less of what was meant. "
                "Consider raising it in the next session."
            )
        return said.format(count=self.messages, messages=_plural(self.channel), hours=self.hours)


def long_exchange(
    event: ContactEvent,
    contacts: Iterable[ContactEvent],
    profiles: Mapping[ContactChannel, ChannelProfile],
    setting: LongThread,
) -> LongExchange | None:
    """The long thread `event` is part of, by the weekly review's rule, or None.

    `contacts` are the client's other entries; `event` is counted whether or not they
    include it. A live channel (a call, video, in person) makes no thread.
    """
    if not _is_contact(event):
        return None
    others = [c for c in contacts if c.id is None or c.id != event.id]
    for thread in threads([*others, event], profiles, timedelta(hours=setting.hours)):
        if not any(c is event for c in thread):
            continue
        if len(thread) < setting.messages:
            return None
        assert event.channel is not None
        seconds = (thread[-1].occurred_at - thread[0].occurred_at).total_seconds()
        return LongExchange(len(thread), event.channel, max(1, round(seconds / 3600)))
    return None
