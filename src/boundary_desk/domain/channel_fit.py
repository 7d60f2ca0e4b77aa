"""How well a channel fits a message, and the channels ranked for a reply.

Each of the five factors that decides the verdict gives one sentence, in the app's
language (the CLI's is English). Crisis content always points to the crisis protocol
first, whatever channels are allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from boundary_desk.domain.channel_profiles import (
    COMPLEXITY_ORDER,
    DEFAULT_PROFILES,
    Bandwidth,
    ChannelProfile,
    Complexity,
    Formality,
    TwoWay,
)
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.system.i18n import N_, _

SENSITIVE = frozenset({Category.CLINICAL, Category.PERSONAL, Category.CRISIS})
CRISIS_FIRST = N_(
    "Crisis content goes to the crisis protocol first, whatever channel it came by: the "
    "emergency number and crisis line come before any reply."
)


# Each channel as the subject of a reason's sentence.
SUBJECTS: Mapping[ContactChannel, str] = {
    ContactChannel.EMAIL: N_("An email"),
    ContactChannel.TEXT: N_("A text message"),
    ContactChannel.CALL: N_("A phone call"),
    ContactChannel.VOICEMAIL: N_("A voicemail"),
    ContactChannel.VIDEO: N_("A video call"),
    ContactChannel.PORTAL: N_("A portal message"),
    ContactChannel.DM: N_("A social-media message"),
    ContactChannel.IN_PERSON: N_("Meeting in person"),
}


class Verdict(StrEnum):
    CRISIS_PROTOCOL = "crisis-protocol"
    GOOD = "good"
    CAUTION = "caution"
    POOR = "poor"


_ORDER = (Verdict.CRISIS_PROTOCOL, Verdict.GOOD, Verdict.CAUTION, Verdict.POOR)


@dataclass(frozen=True)
class Fit:
    """A verdict on one channel (None: the crisis protocol), with a sentence per factor."""

    channel: ContactChannel | None
    verdict: Verdict
    reasons: tuple[str, ...]
    levels: tuple[Verdict, ...] = ()  # each reason's own verdict, for ranking


Reason = tuple[Verdict, str]


def _what(category: Category, complex_: bool) -> str:
    if complex_:
        return _("complex or emotional content")
    return {
        Category.ADMIN: _("admin"),
        Category.CLINICAL: _("clinical content"),
        Category.PERSONAL: _("personal content"),
        Category.CRISIS: _("crisis content"),
    }[category]


def _bandwidth(
    p: ChannelProfile, name: str, what: str, weighty: bool, complex_: bool
) -> Reason | None:
    if p.bandwidth is Bandwidth.LEAN:
        if weighty:
            said = _("{name} is lean: without tone or expression, {what} is easily misread.")
            return Verdict.POOR, said.format(name=name, what=what)
        return Verdict.GOOD, _("{name} is lean, which is enough for short admin.").format(name=name)
    if p.bandwidth is Bandwidth.RICH and weighty:
        said = _("{name} is rich: tone and expression help {what} land as meant.")
        return Verdict.GOOD, said.format(name=name, what=what)
    if complex_:
        said = _("{name} carries only some of the tone {what} needs.")
        return Verdict.CAUTION, said.format(name=name, what=what)
    return None


def _two_way(
    p: ChannelProfile, name: str, category: Category, weighty: bool, complex_: bool
) -> Reason | None:
    if p.two_way is TwoWay.ONE_WAY and weighty:
        said = _("{name} is one-way: the client can't ask what you meant.")
        return Verdict.POOR, said.format(name=name)
    if p.two_way is not TwoWay.SYNCHRONOUS and category is Category.CRISIS:
        said = _("{name} may be read hours later, too late for a crisis.")
        return Verdict.POOR, said.format(name=name)
    if p.two_way is TwoWay.SYNCHRONOUS and weighty:
        said = _("{name} is live, so you can check at once that you were understood.")
        return Verdict.GOOD, said.format(name=name)
    if p.two_way is TwoWay.ASYNCHRONOUS and complex_:
        return Verdict.CAUTION, _("{name} stretches a back-and-forth over hours.").format(name=name)
    return None


def _confidential(p: ChannelProfile, name: str, what: str, sensitive: bool) -> Reason | None:
    if not sensitive:
        return None
    if p.encrypted:
        said = _("{name} is confidential, as {what} should be.")
        return Verdict.GOOD, said.format(name=name, what=what)
    said = _("{name} is not encrypted, so {what} could be read by others.")
    return Verdict.CAUTION, said.format(name=name, what=what)


def _formality(p: ChannelProfile, name: str, category: Category) -> Reason | None:
    if p.formality is Formality.INFORMAL and category in (Category.CLINICAL, Category.PERSONAL):
        said = _("{name} is informal, which blurs the professional frame.")
        return Verdict.CAUTION, said.format(name=name)
    return None


def _suits(level: Complexity) -> str:
    """The messages a channel suits, as the complexity sentence names them."""
    return {
        Complexity.SIMPLE: _("simple messages"),
        Complexity.MODERATE: _("moderate messages"),
        Complexity.COMPLEX: _("complex messages"),
    }[level]


def _this_one(level: Complexity) -> str:
    """What this message is, as the complexity sentence names it."""
    return {
        Complexity.SIMPLE: _("this one is simple"),
        Complexity.MODERATE: _("this one is moderate"),
        Complexity.COMPLEX: _("this one is complex"),
    }[level]


def _complexity(p: ChannelProfile, name: str, need: Complexity) -> Reason:
    gap = COMPLEXITY_ORDER.index(need) - COMPLEXITY_ORDER.index(p.complexity)
    parts = {"name": name, "suits": _suits(p.complexity), "this_one": _this_one(need)}
    if gap <= 0:
        return Verdict.GOOD, _("{name} suits {suits}, and {this_one}.").format(**parts)
    said = _("{name} suits {suits}; {this_one}.").format(**parts)
    return (Verdict.POOR if gap > 1 else Verdict.CAUTION), said


def fit(
    channel: ContactChannel,
    category: Category,
    complex_: bool = False,
    profiles: Mapping[ContactChannel, ChannelProfile] = DEFAULT_PROFILES,
) -> Fit:
    """How well `channel` fits a message of `category` (`complex_`: complex or emotional)."""
    p = profiles[channel]
    name, what = _(SUBJECTS[channel]), _what(category, complex_)
    sensitive = category in SENSITIVE
    weighty = sensitive or complex_
    need = Complexity.COMPLEX if complex_ else Complexity.MODERATE if weighty else Complexity.SIMPLE
    found = [
        r
        for r in (
            _bandwidth(p, name, what, weighty, complex_),
            _two_way(p, name, category, weighty, complex_),
            _confidential(p, name, what, sensitive),
            _formality(p, name, category),
            _complexity(p, name, need),
        )
        if r is not None
    ]
    found.sort(key=lambda r: -_ORDER.index(r[0]))  # the worst first: it decides
    verdict = found[0][0]
    return Fit(channel, verdict, tuple(s for _, s in found), tuple(v for v, _ in found))


def _rank_key(f: Fit) -> tuple[int, int, int, int]:
    count = f.levels.count
    return (
        _ORDER.index(f.verdict),
        count(Verdict.POOR),
        count(Verdict.CAUTION),
        -count(Verdict.GOOD),
    )


def ranked(
    allowed: Iterable[ContactChannel],
    category: Category,
    complex_: bool = False,
    profiles: Mapping[ContactChannel, ChannelProfile] = DEFAULT_PROFILES,
) -> tuple[Fit, ...]:
    """The `allowed` channels best first (ties keep their order); crisis: the protocol first."""
    fits = sorted(
        (fit(c, category, complex_, profiles) for c in dict.fromkeys(allowed)), key=_rank_key
    )
    if category is Category.CRISIS:
        return (Fit(None, Verdict.CRISIS_PROTOCOL, (_(CRISIS_FIRST),)), *fits)
    return tuple(fits)
