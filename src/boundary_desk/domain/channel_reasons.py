"""Each channel's profile in a few words, and why an agreement uses it for what.

Beside each channel the agreement editor shows a compact profile of the five factors
("Words only · replies later · not encrypted · informal · simple matters") and a
one-line "good for / not for"; the printed agreement can say, per allowed channel, in
a plain sentence why it is used for what. All three come from the clinician's adjusted
profile, so an encrypted email service no longer says "not encrypted".

Every function takes the text lookup (`text`, gettext's `_` or a catalog's own), so
the same sentences can be given in the agreement's language; without one they are
English. The messages are marked with N_ where they are declared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from boundary_desk.domain.agreements import Agreement, Channel, ChannelTerms, Purpose
from boundary_desk.domain.channel_profiles import (
    Bandwidth,
    ChannelProfile,
    Complexity,
    Formality,
    TwoWay,
)
from boundary_desk.domain.events import ContactChannel
from boundary_desk.system.i18n import N_

Text = Callable[[str], str]


def english(message: str) -> str:
    """The source text itself: the lookup when no language is given."""
    return message


# -- the compact profile ------------------------------------------------------------------

_BANDWIDTH = {
    Bandwidth.LEAN: N_("words only"),
    Bandwidth.MEDIUM: N_("some cues"),
    Bandwidth.RICH: N_("voice and face"),
}
_TWO_WAY = {
    TwoWay.SYNCHRONOUS: N_("live"),
    TwoWay.ASYNCHRONOUS: N_("replies later"),
    TwoWay.ONE_WAY: N_("one-way"),
}
_CONFIDENTIAL = {True: N_("confidential"), False: N_("not encrypted")}
_FORMALITY = {Formality.FORMAL: N_("formal"), Formality.INFORMAL: N_("informal")}
_COMPLEXITY = {
    Complexity.SIMPLE: N_("simple matters"),
    Complexity.MODERATE: N_("some detail"),
    Complexity.COMPLEX: N_("complex matters"),
}


def profile_words(profile: ChannelProfile, text: Text = english) -> tuple[str, ...]:
    """The five factors, a word or two each, in the lookup's language."""
    return (
        text(_BANDWIDTH[profile.bandwidth]),
        text(_TWO_WAY[profile.two_way]),
        text(_CONFIDENTIAL[profile.encrypted]),
        text(_FORMALITY[profile.formality]),
        text(_COMPLEXITY[profile.complexity]),
    )


def profile_line(profile: ChannelProfile, text: Text = english) -> str:
    """ "Words only · replies later · not encrypted · informal · simple matters"."""
    line = " · ".join(profile_words(profile, text))
    return line[:1].upper() + line[1:]


# -- good for / not for -------------------------------------------------------------------

_GOOD_AND_NOT = N_("Good for {good}; not for {bad}.")
_GOOD_AND_NOT_PRIVATE = N_("Good for {good}; not for {bad}, nor for private details.")


def good_and_not_line(profile: ChannelProfile, text: Text = english) -> str:
    """ "Good for arranging times…; not for clinical…, nor for private details."

    An unencrypted channel is also not for private details; once the clinician says
    their service is encrypted, the line no longer says so.
    """
    template = _GOOD_AND_NOT if profile.encrypted else _GOOD_AND_NOT_PRIVATE
    return text(template).format(good=text(profile.good_for), bad=text(profile.not_for))


# -- why the agreement uses a channel for what ----------------------------------------------

_WE_USE: Mapping[Channel, str] = {
    Channel.EMAIL: N_("We use email"),
    Channel.TEXT: N_("We use text messages (SMS)"),
    Channel.PHONE: N_("We use phone calls"),
    Channel.VOICEMAIL: N_("We use voicemail"),
    Channel.VIDEO: N_("We use video calls"),
    Channel.PORTAL: N_("We use the secure client portal"),
    Channel.DM: N_("We use social-media direct messages"),
}
_FOR: Mapping[Purpose, str] = {
    Purpose.SCHEDULING: N_("to arrange times and other admin"),
    Purpose.CHECK_IN: N_("for a brief check-in"),
    Purpose.HOMEWORK: N_("for homework between sessions"),
}
_TWO = N_("{first} and {second}")
_THREE = N_("{first}, {second} and {third}")
_SENTENCE = N_("{we_use} {purposes}, because {reason}.")
_ONLY_SENTENCE = N_("{we_use} only {purposes}, because {reason}.")
_NOT_ENCRYPTED = N_("This channel is not encrypted, so private details wait for a session.")

_LEAN = N_("short messages without tone of voice are easy to misread")
_ONE_WAY = N_("a recorded message can't be answered or talked through")
_BECAUSE: Mapping[tuple[Bandwidth, TwoWay], str] = {
    (Bandwidth.MEDIUM, TwoWay.SYNCHRONOUS): N_(
        "we can talk things through as they happen, though without seeing each other"
    ),
    (Bandwidth.MEDIUM, TwoWay.ASYNCHRONOUS): N_(
        "written messages leave time for a considered reply but carry no tone of voice"
    ),
    (Bandwidth.RICH, TwoWay.SYNCHRONOUS): N_(
        "we can see and hear each other, much as in a session"
    ),
    (Bandwidth.RICH, TwoWay.ASYNCHRONOUS): N_(
        "recorded messages carry tone of voice, but replies come later"
    ),
}


def profile_of(
    channel: Channel, profiles: Mapping[ContactChannel, ChannelProfile]
) -> ChannelProfile:
    """The profile of the contact channel an agreement's channel stands for."""
    contact = next(c for c in ContactChannel if c.agreement_channel is channel)
    return profiles[contact]


def _because(profile: ChannelProfile) -> str:
    if profile.bandwidth is Bandwidth.LEAN:
        return _LEAN
    if profile.two_way is TwoWay.ONE_WAY:
        return _ONE_WAY
    return _BECAUSE[(profile.bandwidth, profile.two_way)]


def _purposes(purposes: frozenset[Purpose], text: Text) -> str:
    phrases = [text(_FOR[p]) for p in Purpose if p in purposes]
    if len(phrases) == 1:
        return phrases[0]
    if len(phrases) == 2:
        return text(_TWO).format(first=phrases[0], second=phrases[1])
    return text(_THREE).format(first=phrases[0], second=phrases[1], third=phrases[2])


def reason_sentence(terms: ChannelTerms, profile: ChannelProfile, text: Text = english) -> str:
    """Why the agreement uses this channel for what it allows, in a plain sentence or two.

    "We use text messages (SMS) only to arrange times and other admin, because short
    messages without tone of voice are easy to misread. This channel is not encrypted, so
    private details wait for a session." Empty for a channel with no purpose agreed.
    """
    if not terms.purposes:
        return ""
    restricted = terms.purposes != frozenset(Purpose)
    sentence = text(_ONLY_SENTENCE if restricted else _SENTENCE).format(
        we_use=text(_WE_USE[terms.channel]),
        purposes=_purposes(terms.purposes, text),
        reason=text(_because(profile)),
    )
    if not profile.encrypted:
        sentence += " " + text(_NOT_ENCRYPTED)
    return sentence


def channel_reasons(
    agreement: Agreement,
    profiles: Mapping[ContactChannel, ChannelProfile],
    text: Text = english,
) -> dict[Channel, str]:
    """Each channel the agreement allows (and is not withdrawn), with its sentence."""
    return {
        t.channel: reason_sentence(t, profile_of(t.channel, profiles), text)
        for t in agreement.allowed_channels
        if t.purposes
    }
