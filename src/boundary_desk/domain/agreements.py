"""The communication agreement as structured fields, versioned per client.

The PDF and the on-screen preview are both generated from these fields; nothing
here is free-form clause text except what the clinician typed for this client.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from boundary_desk.domain.crisis import CrisisResource


class Channel(StrEnum):
    EMAIL = "email"
    TEXT = "text"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    VIDEO = "video"
    PORTAL = "portal"
    DM = "dm"


# Channels that travel unencrypted or through third parties; choosing one needs the
# client's informed choice (HIPAA's "warn and honour the preference").
UNENCRYPTED = frozenset({Channel.EMAIL, Channel.TEXT, Channel.VOICEMAIL, Channel.DM})


class Purpose(StrEnum):
    SCHEDULING = "scheduling"
    CHECK_IN = "check-in"
    HOMEWORK = "homework"


DEFAULT_RESPONSE_TIME = "within one business day"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class ChannelTerms:
    """What one channel may be used for, and how soon the clinician replies."""

    channel: Channel
    allowed: bool = False
    purposes: frozenset[Purpose] = frozenset()
    response_time: str = DEFAULT_RESPONSE_TIME
    withdrawn_on: date | None = None

    @property
    def in_use(self) -> bool:
        """Allowed and not withdrawn."""
        return self.allowed and self.withdrawn_on is None


@dataclass(frozen=True)
class ContactSafety:
    """Verified details and how private the client's device is."""

    phone: str = ""
    email: str = ""
    shared_device: bool = False
    voicemail_ok: bool = False
    lock_screen_previews_ok: bool = False


@dataclass(frozen=True)
class CrisisPlan:
    resources: tuple[CrisisResource, ...] = ()
    emergency_number: str = ""
    nearest_er: str = ""
    emergency_contact: str = ""


def default_channels() -> tuple[ChannelTerms, ...]:
    return tuple(ChannelTerms(channel) for channel in Channel)


@dataclass(frozen=True)
class Agreement:
    client_id: int
    version: int = 1
    status: AgreementStatus = AgreementStatus.DRAFT
    channels: tuple[ChannelTerms, ...] = field(default_factory=default_channels)
    safety: ContactSafety = ContactSafety()
    client_timezone: str = ""
    crisis: CrisisPlan = CrisisPlan()
    unencrypted_choice: bool = False
    bills_between_session: bool = False
    guardian_role: str = ""
    # Print, per allowed channel, a plain sentence of why it is used for what.
    channel_reasons: bool = False
    client_signed_on: date | None = None
    clinician_signed_on: date | None = None
    copy_given_on: date | None = None
    review_on: date | None = None
    id: int | None = None
    # The language the agreement prints in (en, fr, he): the client's, whatever the app's.
    language: str = "en"

    def terms(self, channel: Channel) -> ChannelTerms:
        for terms in self.channels:
            if terms.channel is channel:
                return terms
        return ChannelTerms(channel)

    @property
    def allowed_channels(self) -> tuple[ChannelTerms, ...]:
        return tuple(t for t in self.channels if t.in_use)

    @property
    def refused_channels(self) -> tuple[ChannelTerms, ...]:
        return tuple(t for t in self.channels if not t.in_use)

    def allows(self, channel: Channel) -> bool:
        return self.terms(channel).in_use

    def with_terms(self, terms: ChannelTerms) -> Agreement:
        updated = tuple(terms if t.channel is terms.channel else t for t in self.channels)
        return replace(self, channels=updated)

    def review_due(self, today: date) -> bool:
        return self.review_on is not None and self.review_on <= today


def next_version(previous: Agreement) -> Agreement:
    """A new draft from the previous version's fields: unsigned, with a fresh review date."""
    return replace(
        previous,
        id=None,
        version=previous.version + 1,
        status=AgreementStatus.DRAFT,
        client_signed_on=None,
        clinician_signed_on=None,
        copy_given_on=None,
        review_on=None,
        unencrypted_choice=False,
    )


class AgreementState(StrEnum):
    """Where a client stands, for the client list."""

    NONE = "none"
    DRAFT = "draft"
    SIGNED = "signed"
    REVIEW_DUE = "review due"
