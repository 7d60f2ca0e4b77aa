"""What each channel is like, in the five factors the research names for choosing one.

Bandwidth, whether it is two-way, confidentiality, formality and the complexity of
message it suits, each in plain words, with a one-line "good for / not for". The
defaults are Boundary Desk's; the clinician's own tools (an encrypted email service,
say) adjust them through the "channels" setting (domain/channel_adjustments.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from boundary_desk.domain.agreements import UNENCRYPTED, Channel
from boundary_desk.domain.events import ContactChannel
from boundary_desk.system.i18n import N_


class Bandwidth(StrEnum):
    LEAN = "lean"  # words only: no tone of voice, no face
    MEDIUM = "medium"
    RICH = "rich"  # voice and face


class TwoWay(StrEnum):
    SYNCHRONOUS = "synchronous"
    ASYNCHRONOUS = "asynchronous"
    ONE_WAY = "one-way"


class Formality(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"


class Complexity(StrEnum):
    SIMPLE = "simple"
    MODERATE = "moderate"
    COMPLEX = "complex"


COMPLEXITY_ORDER = (Complexity.SIMPLE, Complexity.MODERATE, Complexity.COMPLEX)


@dataclass(frozen=True)
class ChannelProfile:
    channel: ContactChannel
    bandwidth: Bandwidth
    two_way: TwoWay
    encrypted: bool  # confidential by default: encrypted, or spoken face to face
    formality: Formality
    complexity: Complexity  # the most complex message it suits
    good_for: str
    not_for: str

    @property
    def confidentiality(self) -> str:
        return "confidential" if self.encrypted else "not encrypted"

    def factors(self) -> tuple[str, str, str, str, str]:
        """The five factors in words: ("lean", "asynchronous", "not encrypted", …)."""
        return (
            self.bandwidth.value,
            self.two_way.value,
            self.confidentiality,
            self.formality.value,
            f"{self.complexity.value} messages",
        )

    def good_and_not(self) -> str:
        """The one line: "Good for arranging times; not for clinical content."""
        return f"Good for {self.good_for}; not for {self.not_for}."


def _profile(
    channel: ContactChannel,
    bandwidth: Bandwidth,
    two_way: TwoWay,
    formality: Formality,
    complexity: Complexity,
    good_for: str,
    not_for: str,
) -> ChannelProfile:
    # Confidentiality follows the agreement's own list of unencrypted channels.
    encrypted = channel.agreement_channel not in UNENCRYPTED
    return ChannelProfile(
        channel, bandwidth, two_way, encrypted, formality, complexity, good_for, not_for
    )


_C = ContactChannel
_B, _W, _F, _X = Bandwidth, TwoWay, Formality, Complexity
DEFAULT_PROFILES: Mapping[ContactChannel, ChannelProfile] = {
    p.channel: p
    for p in (
        _profile(_C.EMAIL, _B.MEDIUM, _W.ASYNCHRONOUS, _F.FORMAL, _X.MODERATE,
                 N_("scheduling, documents and considered notes"),
                 N_("anything urgent or a crisis")),
        _profile(_C.TEXT, _B.LEAN, _W.ASYNCHRONOUS, _F.INFORMAL, _X.SIMPLE,
                 N_("arranging times and short reminders"), N_("clinical or emotional content")),
        _profile(_C.CALL, _B.MEDIUM, _W.SYNCHRONOUS, _F.FORMAL, _X.MODERATE,
                 N_("a brief check-in or sorting out a misunderstanding"),
                 N_("long therapeutic work")),
        _profile(_C.VOICEMAIL, _B.MEDIUM, _W.ONE_WAY, _F.FORMAL, _X.SIMPLE,
                 N_("asking for a call back"),
                 N_("anything that needs an answer or a conversation")),
        _profile(_C.VIDEO, _B.RICH, _W.SYNCHRONOUS, _F.FORMAL, _X.COMPLEX,
                 N_("sessions and emotional or complex conversations"), N_("quick admin")),
        _profile(_C.PORTAL, _B.MEDIUM, _W.ASYNCHRONOUS, _F.FORMAL, _X.MODERATE,
                 N_("clinical notes, homework and documents"), N_("anything urgent or a crisis")),
        _profile(_C.DM, _B.LEAN, _W.ASYNCHRONOUS, _F.INFORMAL, _X.SIMPLE,
                 N_("pointing the client to an agreed channel"), N_("any therapy content")),
        _profile(_C.IN_PERSON, _B.RICH, _W.SYNCHRONOUS, _F.FORMAL, _X.COMPLEX,
                 N_("anything, in session"), N_("chance meetings outside the frame")),
    )
}  # fmt: skip


def unencrypted_channels(profiles: Mapping[ContactChannel, ChannelProfile]) -> frozenset[Channel]:
    """The agreement's channels that are not confidential by `profiles`: by default email,
    text messages, voicemail and social-media messages; an encrypted email service the
    clinician set in the "channels" setting takes email off the list."""
    return frozenset(
        channel
        for profile in profiles.values()
        if not profile.encrypted and (channel := profile.channel.agreement_channel) is not None
    )
