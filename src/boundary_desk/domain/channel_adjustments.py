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

MAX_CHARS = 600

# Each factor: its name in a sentence, the profile field it sets, and its words.
_ENCRYPTION = {"encrypted": True, "unencrypted": False}
_FACTORS: tuple[tuple[str, str, Mapping[str, object]], ...] = (
    ("bandwidth", "bandwidth", {b.value: b for b in Bandwidth}),
    ("two-way", "two_way", {w.value: w for w in TwoWay}),
    ("confidentiality", "encrypted", _ENCRYPTION),
    ("formality", "formality", {f.value: f for f in Formality}),
    ("complexity", "complexity", {c.value: c for c in Complexity}),
)
_WORDS = " / ".join(", ".join(words) for _, _, words in _FACTORS)
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
        raise InvalidInput(f'"{text}" is not a channel; the channels are {_CHANNELS}.') from None


def _changes(channel: ContactChannel, text: str) -> tuple[tuple[str, object], ...]:
    words = [w for w in re.split(r"[,\s]+", text.lower()) if w]
    if not words:
        raise InvalidInput(f'Say how {channel.value} differs, e.g. "{channel.value}: encrypted".')
    found: dict[str, tuple[str, object]] = {}
    for word in words:
        factor = next((f for f in _FACTORS if word in f[2]), None)
        if factor is None:
            raise InvalidInput(f'"{word}" is not a channel quality; use one of each: {_WORDS}.')
        name, field, values = factor
        if field in found and found[field][0] != word:
            raise InvalidInput(
                f'"{found[field][0]}" and "{word}" both set the {name} of {channel.value}; '
                "choose one."
            )
        found[field] = (word, values[word])
    return tuple((f, found[f][1]) for _, f, _ in _FACTORS if f in found)


def parse_channel_adjustments(text: str) -> ChannelAdjustments:
    """Read "email: encrypted; portal: rich" (empty: the defaults), or refuse in a sentence."""
    if len(text) > MAX_CHARS:
        raise InvalidInput(f"The channel profiles must be at most {MAX_CHARS} characters.")
    adjusted: dict[ContactChannel, ChannelAdjustment] = {}
    for part in (p.strip() for p in re.split(r"[;\n]", text)):
        if not part:
            continue
        name, colon, words = part.partition(":")
        if not colon:
            raise InvalidInput(
                f'Write each channel as "email: encrypted", separated by semicolons; '
                f'"{part}" has no colon.'
            )
        channel = _channel(name.strip())
        if channel in adjusted:
            raise InvalidInput(
                f"{channel.value} is listed twice; put its qualities together, e.g. "
                f'"{channel.value}: encrypted, formal".'
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
