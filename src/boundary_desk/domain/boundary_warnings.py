"""The warnings shown when an event is logged: plain rules, each with one sentence.

Every rule is a small pure function of the event and its context, so each can be
tested on its own. Codes are stable: they are stored with the event and used by the
weekly review. The sentence is written in the app's language when the rule runs (the
command line's is English) and kept with the entry as it was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.agreement_words import CHANNEL_PHRASES
from boundary_desk.domain.agreements import Agreement
from boundary_desk.domain.channel_profiles import Bandwidth, ChannelProfile
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.crisis import CrisisResource
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    RequestAction,
    SearchPurpose,
)
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.severity import Severity as Severity  # re-exported for callers
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS, EVENT_KIND_LABELS, shown
from boundary_desk.domain.vocabulary.phrasing import spoken_list
from boundary_desk.system.i18n import N_, _, ngettext

UNADDRESSED_AFTER = timedelta(days=7)
ACKNOWLEDGE_NOTE_LIMIT = 500  # characters in the note kept with an acknowledgement
REPEAT_WINDOW = timedelta(days=30)


# Every code a rule or a trend test gives its warning, with its severity: defined here
# once, and worked out from the code wherever a warning is shown (never stored apart).
SEVERITIES: Mapping[str, Severity] = {
    "after_hours": Severity.ATTENTION,
    "replied_after_hours": Severity.ATTENTION,
    "no_agreement": Severity.ATTENTION,
    "outside_agreement": Severity.SERIOUS,
    "agreement_review_due": Severity.INFORMATION,
    "crisis_channel": Severity.SERIOUS,
    "reply_poor_fit": Severity.ATTENTION,
    "friend_request_accepted": Severity.SERIOUS,
    "friend_request_unaddressed": Severity.ATTENTION,
    "search_curiosity": Severity.SERIOUS,
    "search_no_consent": Severity.SERIOUS,
    "search_repeated": Severity.ATTENTION,
    "search_undocumented": Severity.ATTENTION,
    "client_approach": Severity.ATTENTION,
    "after_termination": Severity.ATTENTION,
    "after_hours_trend": Severity.ATTENTION,
    "practice_after_hours_drift": Severity.ATTENTION,
}


def severity_of(code: str) -> Severity:
    """The code's severity; one not listed (from a newer version) asks for attention."""
    return SEVERITIES.get(code, Severity.ATTENTION)


@dataclass(frozen=True)
class BoundaryWarning:
    code: str
    message: str
    related: tuple[int, ...] = ()

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)


@dataclass(frozen=True)
class StoredWarning:
    """A warning as kept with its entry: what it said, and whether it was acknowledged."""

    code: str
    message: str
    related: tuple[int, ...] = ()
    acknowledged_at: datetime | None = None
    note: str = ""

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)


@dataclass(frozen=True)
class WarningContext:
    practice: PracticeSettings
    client: Client
    agreement: Agreement | None  # the signed agreement in force, if any
    history: Sequence[ContactEvent]  # the client's other saved events
    now: datetime
    # The practice-time day of the client's last session in the imported calendar: therapy
    # ended then, when that is before the end date typed (a file closed weeks later).
    last_session: date | None = None


Rule = Callable[[ContactEvent, WarningContext], BoundaryWarning | None]


def _channel_words(channel: ContactChannel | None) -> str:
    """ "text message", "texto", "הודעת טקסט": the channel as a sentence names it."""
    label = CONTACT_CHANNEL_LABELS[channel] if channel else EVENT_KIND_LABELS[EventKind.CONTACT]
    return shown(label)


def after_hours_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.kind is not EventKind.CONTACT or event.direction is not Direction.IN:
        return None
    found = after_hours(event.occurred_at, ctx.practice)
    if found is None:
        return None
    return BoundaryWarning(
        "after_hours",
        _("This {channel} came {when}, outside your working hours.").format(
            channel=_channel_words(event.channel), when=found.describe()
        ),
    )


def replied_after_hours_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    moment = event.replied_at
    if event.kind is EventKind.CONTACT and event.direction is Direction.OUT and moment is None:
        moment = event.occurred_at  # reaching out yourself counts as replying
    if moment is None:
        return None
    found = after_hours(moment, ctx.practice)
    if found is None:
        return None
    return BoundaryWarning(
        "replied_after_hours",
        _("You replied {when}, outside your working hours.").format(when=found.describe()),
    )


def no_agreement_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.kind is not EventKind.CONTACT or ctx.agreement is not None:
        return None
    return BoundaryWarning(
        "no_agreement",
        _("{client} has no signed communication agreement yet.").format(client=ctx.client.code),
    )


def outside_agreement_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    agreement = ctx.agreement
    if agreement is None or event.kind is not EventKind.CONTACT:
        return None
    used = [c for c in (event.channel, event.reply_channel) if c is not None]
    for contact_channel in used:
        channel = contact_channel.agreement_channel
        if channel is None or agreement.allows(channel):
            continue
        terms = agreement.terms(channel)
        allowed = spoken_list([_(CHANNEL_PHRASES[t.channel]) for t in agreement.allowed_channels])
        if terms.withdrawn_on:
            why = _("the client withdrew consent for it on {day}").format(
                day=long_date(terms.withdrawn_on)
            )
        elif allowed:
            why = _("the agreement allows only {channels}").format(channels=allowed)
        else:
            why = _("it allows no channel")
        return BoundaryWarning(
            "outside_agreement",
            _("{client}'s agreement doesn't include {channel}: {why}.").format(
                client=ctx.client.code, channel=_(CHANNEL_PHRASES[channel]), why=why
            ),
        )
    return None


def review_due_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    agreement = ctx.agreement
    today = ctx.now.astimezone(ctx.practice.timezone).date()
    if agreement is None or agreement.review_on is None or not agreement.review_due(today):
        return None
    return BoundaryWarning(
        "agreement_review_due",
        _("{client}'s agreement was due for review on {day}.").format(
            client=ctx.client.code, day=long_date(agreement.review_on)
        ),
    )


def crisis_channel_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.category is not Category.CRISIS:
        return None
    if event.channel is ContactChannel.IN_PERSON:
        return None
    numbers = ", ".join(f"{r.label} {r.number}" for r in _crisis(ctx))
    return BoundaryWarning(
        "crisis_channel",
        _(
            "Crisis content came by {channel}, which is not a crisis channel. Follow the "
            "crisis protocol ({numbers}) and document your follow-up."
        ).format(channel=_channel_words(event.channel), numbers=numbers),
    )


# What the clinician wrote, as the lean-channel warning names it.
_WEIGHTY = {
    Category.CLINICAL: N_("clinical"),
    Category.PERSONAL: N_("personal"),
    Category.CRISIS: N_("crisis"),
}
_COMPLEX = N_("complex or emotional")


def _reply_channel(event: ContactEvent) -> ContactChannel | None:
    """The channel the clinician wrote by: theirs when they reached out, else their reply's.

    A reply whose channel was not given is not judged: it may have come by a call or in a
    session, so it is never taken to have gone by the channel of the message it answered.
    """
    if event.direction is Direction.OUT:
        return event.channel
    return event.reply_channel


def reply_poor_fit_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    return reply_poor_fit(event, ctx.practice.channel_profiles)


def reply_poor_fit(
    event: ContactEvent, profiles: Mapping[ContactChannel, ChannelProfile]
) -> BoundaryWarning | None:
    """The lean-channel warning on the clinician's own writing, judged by `profiles` (the
    clinician's adjusted channel profiles); the one rule that depends on them."""
    what = _WEIGHTY.get(event.category) if event.category else None
    if event.is_complex:
        what = _COMPLEX
    channel = _reply_channel(event) if event.kind is EventKind.CONTACT else None
    if what is None or channel is None:
        return None
    if profiles[channel].bandwidth is not Bandwidth.LEAN:
        return None
    return BoundaryWarning(
        "reply_poor_fit",
        _(
            "You wrote {what} content by {channel}, a lean channel where it is easily "
            "misread; consider checking in the next session how it landed."
        ).format(what=_(what), channel=_channel_words(channel)),
    )


def _crisis(ctx: WarningContext) -> Sequence[CrisisResource]:
    if ctx.agreement is not None and ctx.agreement.crisis.resources:
        return ctx.agreement.crisis.resources
    return ctx.practice.crisis


def friend_request_accepted_rule(
    event: ContactEvent, ctx: WarningContext
) -> BoundaryWarning | None:
    request = event.request
    if request is None or request.action is not RequestAction.ACCEPTED:
        return None
    return BoundaryWarning(
        "friend_request_accepted",
        _("You accepted a friend request from {client} on {platform}.").format(
            client=ctx.client.code, platform=request.platform
        ),
    )


def friend_request_unaddressed_rule(
    event: ContactEvent, ctx: WarningContext
) -> BoundaryWarning | None:
    request = event.request
    if request is None or request.action is not RequestAction.PENDING:
        return None
    waiting = ctx.now - event.occurred_at
    if waiting <= UNADDRESSED_AFTER:
        return None
    return BoundaryWarning(
        "friend_request_unaddressed",
        ngettext(
            "A friend request from {client} on {platform} has been waiting {days} day. "
            "Decline it, and consider raising it in session.",
            "A friend request from {client} on {platform} has been waiting {days} days. "
            "Decline it, and consider raising it in session.",
            waiting.days,
        ).format(client=ctx.client.code, platform=request.platform, days=waiting.days),
    )


def search_curiosity_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.search is None or event.search.purpose is not SearchPurpose.CURIOSITY:
        return None
    return BoundaryWarning(
        "search_curiosity",
        _(
            "This search for {client} was made out of curiosity, which is not a clinical "
            "reason. Consider bringing it to supervision."
        ).format(client=ctx.client.code),
    )


def search_no_consent_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.search is None or event.search.consent is not Consent.NOT_OBTAINED:
        return None
    return BoundaryWarning(
        "search_no_consent",
        _(
            "You searched for {client} without their consent, and not because of imminent risk."
        ).format(client=ctx.client.code),
    )


def search_repeated_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.kind is not EventKind.SEARCH:
        return None
    others = [
        e
        for e in ctx.history
        if e.kind is EventKind.SEARCH
        and e.id != event.id
        and abs(e.occurred_at - event.occurred_at) <= REPEAT_WINDOW
    ]
    if not others:
        return None
    return BoundaryWarning(
        "search_repeated",
        _("This is search number {number} about {client} within 30 days.").format(
            number=len(others) + 1, client=ctx.client.code
        ),
        tuple(e.id for e in others if e.id is not None),
    )


def search_undocumented_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    search = event.search
    if search is None or (search.documented and search.told_client):
        return None
    if not search.documented and not search.told_client:
        sentence = _("What this search found is not yet documented or told to the client.")
    elif not search.documented:
        sentence = _("What this search found is not yet documented.")
    else:
        sentence = _("What this search found is not yet told to the client.")
    return BoundaryWarning("search_undocumented", sentence)


def client_approach_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    if event.kind is not EventKind.CLIENT_APPROACH:
        return None
    return BoundaryWarning(
        "client_approach",
        _(
            "{client} searched for or approached you outside the professional frame. "
            "Consider raising it in session."
        ).format(client=ctx.client.code),
    )


def after_termination_rule(event: ContactEvent, ctx: WarningContext) -> BoundaryWarning | None:
    client = ctx.client
    if client.status is not ClientStatus.ENDED or client.ended_on is None:
        return None
    day = event.occurred_at.astimezone(ctx.practice.timezone).date()
    # Therapy ends at the last session, even when the file is closed later.
    last = ctx.last_session
    if last is not None and last < client.ended_on:
        if day <= last:
            return None
        return BoundaryWarning(
            "after_termination",
            _(
                "This came after {client}'s last session, on {day}; therapy with them has ended."
            ).format(client=client.code, day=long_date(last)),
        )
    if day <= client.ended_on:
        return None
    return BoundaryWarning(
        "after_termination",
        _("This came after therapy with {client} ended on {day}.").format(
            client=client.code, day=long_date(client.ended_on)
        ),
    )


RULES: tuple[Rule, ...] = (
    after_hours_rule,
    replied_after_hours_rule,
    no_agreement_rule,
    outside_agreement_rule,
    review_due_rule,
    crisis_channel_rule,
    reply_poor_fit_rule,
    friend_request_accepted_rule,
    friend_request_unaddressed_rule,
    search_curiosity_rule,
    search_no_consent_rule,
    search_repeated_rule,
    search_undocumented_rule,
    client_approach_rule,
    after_termination_rule,
)


def warnings_for(event: ContactEvent, ctx: WarningContext) -> list[BoundaryWarning]:
    """Every warning the event raises, in a stable order."""
    return [found for rule in RULES if (found := rule(event, ctx)) is not None]
