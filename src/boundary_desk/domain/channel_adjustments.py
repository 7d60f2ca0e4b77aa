"""The clinician's own channel profiles: how their tools differ from the defaults.

Kept as one practice setting, e.g. "email: encrypted; portal: rich, synchronous". Every
word names one factor's value, so a channel's words may come in any order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from boundary_desk.domain.channel_profiles import (
    DEFAULT_PROFILES,
    Bandwidth,
    ChannelProfile,
    Complexity,
    Formality,
    TwoWay,
)
from boundary_desk.domain.events import ContactChannel
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

MAX_CHARS = 600

# Each factor: the refusal when two of its words are given for one channel (a whole
# sentence each, naming the factor), the profile field it sets, and its words.
_ENCRYPTION = {"encrypted": True, "unencrypted": False}
_FACTORS: tuple[tuple[str, str, Mapping[str, object]], ...] = (
    (
        N_('"{first}" and "{second}" both set the bandwidth of {channel}; choose one.'),
        "bandwidth",
        {b.value: b for b in Bandwidth},
    ),
    (
        N_('"{first}" and "{second}" both set the two-way of {channel}; choose one.'),
        "two_way",
        {w.value: w for w in TwoWay},
    ),
    (
        N_('"{first}" and "{second}" both set the confidentiality of {channel}; choose one.'),
        "encrypted",
        _ENCRYPTION,
    ),
    (
        N_('"{first}" and "{second}" both set the formality of {channel}; choose one.'),
        "formality",
        {f.value: f for f in Formality},
    ),
    (
        N_('"{first}" and "{second}" both set the complexity of {channel}; choose one.'),
        "complexity",
        {c.value: c for c in Complexity},
    ),
)
_WORDS = " / ".join(", ".join(words) for _twice, _field, words in _FACTORS)
_CHANNELS = ", ".join(c.value for c in ContactChannel)


@dataclass(frozen=True)
class ChannelAdjustment:
    """One channel's factors that differ from its default profile, by field name."""

    channel: ContactChannel
    changes: tuple[tuple[str, object], ...]  # (field, value), in the factors' order

    def words(self) -> str:
        return ", ".join(_word(field, value) for field, value in self.changes)


ChannelAdjustments = tuple[ChannelAdjustment, ...]


def _word(field: str, value: object) -> str:
    if isinstance(value, bool):
        return "encrypted" if value else "unencrypted"
    assert isinstance(value, StrEnum)
    return value.value


def _channel(text: str) -> ContactChannel:
    name = "-".join(text.lower().split())
    try:
        return ContactChannel(name)
    except ValueError:
        raise InvalidInput(
            _('"{text}" is not a channel; the channels are {channels}.').format(
                text=text, channels=_CHANNELS
            )
        ) from None


def _changes(channel: ContactChannel, text: str) -> tuple[tuple[str, object], ...]:
    words = [w for w in re.split(r"[,\s]+", text.lower()) if w]
    if not words:
        raise InvalidInput(
            _('Say how {channel} differs, e.g. "{channel}: encrypted".').format(
                channel=channel.value
            )
        )
    found: dict[str, tuple[str, object]] = {}
    for word in words:
        factor = next((f for f in _FACTORS if word in f[2]), None)
        if factor is None:
            raise InvalidInput(
                _('"{word}" is not a channel quality; use one of each: {words}.').format(
                    word=word, words=_WORDS
                )
            )
        twice, field, values = factor
        if field in found and found[field][0] != word:
            raise InvalidInput(
                _(twice).format(first=found[field][0], second=word, channel=channel.value)
            )
        found[field] = (word, values[word])
    return tuple((f, found[f][1]) for _twice, f, _values in _FACTORS if f in found)


def parse_channel_adjustments(text: str) -> ChannelAdjustments:
    """Read "email: encrypted; portal: rich" (empty: the defaults), or refuse in a sentence."""
    if len(text) > MAX_CHARS:
        raise InvalidInput(
            _("The channel profiles must be at most {max} characters.").format(max=MAX_CHARS)
        )
    adjusted: dict[ContactChannel, ChannelAdjustment] = {}
    for part in (p.strip() for p in re.split(r"[;\n]", text)):
        if not part:
            continue
        name, colon, words = part.partition(":")
        if not colon:
            raise InvalidInput(
                _(
                    'Write each channel as "email: encrypted", separated by semicolons; '
                    '"{part}" has no colon.'
                ).format(part=part)
            )
        channel = _channel(name.strip())
        if channel in adjusted:
            raise InvalidInput(
                _(
                    "{channel} is listed twice; put its qualities together, e.g. "
                    '"{channel}: encrypted, formal".'
                ).format(channel=channel.value)
            )
        adjusted[channel] = ChannelAdjustment(channel, _changes(channel, words))
    return tuple(adjusted[c] for c in ContactChannel if c in adjusted)


def format_channel_adjustments(adjustments: ChannelAdjustments) -> str:
    return "; ".join(f"{a.channel.value}: {a.words()}" for a in adjustments)


def adjusted_profiles(
    adjustments: ChannelAdjustments = (),
) -> Mapping[ContactChannel, ChannelProfile]:
    """Every channel's profile: the default, with the clinician's adjustments laid over it."""
    profiles = dict(DEFAULT_PROFILES)
    for adjustment in adjustments:
        changes: dict[str, object] = dict(adjustment.changes)
        profiles[adjustment.channel] = replace(profiles[adjustment.channel], **changes)  # type: ignore[arg-type]
    return profiles
