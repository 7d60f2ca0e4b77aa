"""What to do about a warning, in one or two sentences, from the client's signed agreement.

A warning's message says what happened; its guidance says what the clinician agreed
with the client and what to do now. Where the client has a signed agreement, the
guidance quotes its terms ("your agreement says you reply within one business day, in
working hours"); without one it says what a signed agreement would settle. It is
written in the app's language each time it is shown (it is never stored).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from boundary_desk.domain.agreement_words import CHANNEL_PHRASES
from boundary_desk.domain.agreements import Agreement, ChannelTerms
from boundary_desk.domain.events import Category, ContactEvent
from boundary_desk.system.i18n import N_, _

# What every agreement says about searching and about friend requests (the clauses
# "online_search" and "social_media"), as the clinician's own promise.
SEARCH_TERM = N_(
    "Your agreement says you won't search for the client online without their consent, "
    "except for an imminent risk."
)
FRIEND_TERM = N_(
    "Your agreement says you don't accept friend, follow or connection requests from clients."
)
NO_AGREEMENT = N_("A signed communication agreement would settle this with the client.")

Guide = Callable[[ContactEvent | None, Agreement | None], str]


def _then(first: str, second: str) -> str:
    """Two sentences one after the other (a space between them in all three languages)."""
    return f"{first} {second}"


def _terms(event: ContactEvent | None, agreement: Agreement, *, reply: bool) -> ChannelTerms | None:
    """The agreement's terms for the channel used (for `reply`, the one replied by), if it
    allows that channel."""
    if event is None:
        return None
    channel = (event.reply_channel or event.channel) if reply else event.channel
    if channel is None:
        return None
    wanted = channel.agreement_channel
    if wanted is None or not agreement.allows(wanted):
        return None
    return agreement.terms(wanted)


def _reply_term(event: ContactEvent | None, agreement: Agreement, *, reply: bool) -> str:
    terms = _terms(event, agreement, reply=reply)
    if terms is None:
        return _(
            "Your agreement says messages outside working hours are answered on your next "
            "working day."
        )
    if terms.channel.value in ("phone", "voicemail", "video"):
        said = _("Your agreement says you return calls {response_time}, in working hours.")
    else:
        said = _("Your agreement says you reply {response_time}, in working hours.")
    # The offered times are in the catalog; one the clinician typed stays as typed.
    response_time = _(terms.response_time) if terms.response_time else ""
    return said.format(response_time=response_time)


def _after_hours(event: ContactEvent | None, agreement: Agreement | None) -> str:
    if event is not None and event.category is Category.CRISIS:
        return _("Crisis content doesn't wait for your working hours: follow the crisis protocol.")
    if agreement is None:
        wait = _(
            "It can wait for your working hours; replying now tells the client you are "
            "available at this hour."
        )
        return _then(wait, _(NO_AGREEMENT))
    return _then(_reply_term(event, agreement, reply=False), _("This can wait until then."))


def _replied_after_hours(event: ContactEvent | None, agreement: Agreement | None) -> str:
    habit = _(
        "A reply at this hour tells the client you are available then; next time it can wait."
    )
    if agreement is None:
        return _then(habit, _(NO_AGREEMENT))
    return _then(_reply_term(event, agreement, reply=True), habit)


def _no_agreement(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Go through a communication agreement with the client at the next session and sign "
        "it together, so you both know which channels to use and when you reply."
    )


def _outside_agreement(event: ContactEvent | None, agreement: Agreement | None) -> str:
    if agreement is None:
        return _(NO_AGREEMENT)
    allowed = [_(CHANNEL_PHRASES[t.channel]) for t in agreement.allowed_channels]
    if not allowed:
        return _(
            "Your agreement includes no channel between sessions. Raise it in session, or "
            "revisit the agreement with the client."
        )
    listed = (
        allowed[0]
        if len(allowed) == 1
        else _("{items} or {last}").format(items=", ".join(allowed[:-1]), last=allowed[-1])
    )
    return _(
        "Your agreement says you keep in touch by {channels}. Reply that way, and raise the "
        "channel in session or revisit the agreement."
    ).format(channels=listed)


def _review_due(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Go over the agreement with the client at the next session; if anything changes, "
        "sign a new version."
    )


def _crisis(event: ContactEvent | None, agreement: Agreement | None) -> str:
    if agreement is None:
        return _(
            "Go over a crisis plan with the client at the next session, and put it in a "
            "signed agreement."
        )
    return _(
        "Your agreement says this channel is never for emergencies and gives the client the "
        "crisis numbers. Go over the crisis plan again at the next session."
    )


def _reply_poor_fit(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Ask in the next session how your message read, and keep clinical or emotional "
        "content for a session, a call or a video call."
    )


def _friend_accepted(event: ContactEvent | None, agreement: Agreement | None) -> str:
    act = _("Remove the connection, and raise it in session.")
    if agreement is None:
        return _then(act, _(NO_AGREEMENT))
    return _then(_(FRIEND_TERM), act)


def _friend_waiting(event: ContactEvent | None, agreement: Agreement | None) -> str:
    act = _("Decline it without comment online.")
    if agreement is None:
        return _then(act, _(NO_AGREEMENT))
    return _then(_(FRIEND_TERM), act)


def _search(act: str) -> Guide:
    def guide(event: ContactEvent | None, agreement: Agreement | None) -> str:
        if agreement is None:
            only = _("Search only with the client's consent or for an imminent risk.")
            return _then(only, _(act))
        return _then(_(SEARCH_TERM), _(act))

    return guide


def _search_undocumented(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Note what you found in the client's record and tell the client, as you would any "
        "information from outside the sessions."
    )


def _client_approach(event: ContactEvent | None, agreement: Agreement | None) -> str:
    if agreement is None:
        return _then(_("Talk it through with the client in session."), _(NO_AGREEMENT))
    return _(
        "Your agreement invites the client to bring what they find about you online to a "
        "session. Talk it through there."
    )


def _after_termination(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Reply briefly, if at all, without starting therapy again by message; say how to "
        "reach you if they want to return."
    )


def _trend(event: ContactEvent | None, agreement: Agreement | None) -> str:
    if agreement is None:
        return _then(_("Raise the pattern with the client in session."), _(NO_AGREEMENT))
    return _(
        "Raise the pattern in session, and go over your agreement's working hours and reply "
        "times together."
    )


def _drift(event: ContactEvent | None, agreement: Agreement | None) -> str:
    return _(
        "Look at when you reply and how long contact takes you, and consider bringing it to "
        "supervision."
    )


GUIDES: Mapping[str, Guide] = {
    "after_hours": _after_hours,
    "replied_after_hours": _replied_after_hours,
    "no_agreement": _no_agreement,
    "outside_agreement": _outside_agreement,
    "agreement_review_due": _review_due,
    "crisis_channel": _crisis,
    "reply_poor_fit": _reply_poor_fit,
    "friend_request_accepted": _friend_accepted,
    "friend_request_unaddressed": _friend_waiting,
    "search_curiosity": _search(N_("Bring what drew you to search to supervision.")),
    "search_no_consent": _search(N_("Tell the client, and bring it to supervision.")),
    "search_repeated": _search(N_("Ask yourself what keeps drawing you back, with a supervisor.")),
    "search_undocumented": _search_undocumented,
    "client_approach": _client_approach,
    "after_termination": _after_termination,
    "after_hours_trend": _trend,
    "practice_after_hours_drift": _drift,
}


def guidance(
    code: str, event: ContactEvent | None = None, agreement: Agreement | None = None
) -> str:
    """What to do about warning `code` on `event`, under the client's signed `agreement`."""
    guide = GUIDES.get(code)
    return guide(event, agreement) if guide is not None else ""
