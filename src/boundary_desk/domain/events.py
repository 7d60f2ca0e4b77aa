"""What happened between sessions: contacts, friend requests, searches, approaches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from boundary_desk.domain.agreements import Channel


class EventKind(StrEnum):
    CONTACT = "contact"
    FRIEND_REQUEST = "friend-request"
    SEARCH = "search"
    CLIENT_APPROACH = "client-approach"


class ContactChannel(StrEnum):
    EMAIL = "email"
    TEXT = "text"
    CALL = "call"
    VOICEMAIL = "voicemail"
    VIDEO = "video"
    PORTAL = "portal"
    DM = "dm"
    IN_PERSON = "in-person"

    @property
    def agreement_channel(self) -> Channel | None:
        """The agreement's channel this contact used; None for meeting in person."""
        if self is ContactChannel.IN_PERSON:
            return None
        if self is ContactChannel.CALL:
            return Channel.PHONE
        return Channel(self.value)


class Direction(StrEnum):
    IN = "in"  # the client reached out
    OUT = "out"  # the clinician reached out


class Category(StrEnum):
    ADMIN = "admin"
    CLINICAL = "clinical"
    CRISIS = "crisis"
    PERSONAL = "personal"


class RequestAction(StrEnum):
    PENDING = "pending"
    DECLINED = "declined"
    IGNORED = "ignored"
    ACCEPTED = "accepted"
    DISCUSSED = "discussed"


class SearchPurpose(StrEnum):
    RISK = "risk"
    ASSESSMENT = "assessment"
    VERIFICATION = "verification"
    SAFETY = "safety"
    CURIOSITY = "curiosity"
    OTHER = "other"


class Consent(StrEnum):
    OBTAINED = "obtained"
    NOT_OBTAINED = "not-obtained"
    IMMINENT_RISK = "imminent-risk"


@dataclass(frozen=True)
class FriendRequest:
    platform: str
    action: RequestAction
    discussed_on: date | None = None


@dataclass(frozen=True)
class Search:
    """A clinician's search for a client, after Clinton, Silverman & Brendel (2010)."""

    purpose: SearchPurpose
    consent: Consent
    location: str = ""
    found: str = ""
    told_client: bool = False
    documented: bool = False
    consulted: str = ""
    motive: str = ""


@dataclass(frozen=True)
class Approach:
    """The client searched for the clinician or turned up in their personal life."""

    learned_how: str = ""


@dataclass(frozen=True)
class ContactEvent:
    client_id: int
    kind: EventKind
    occurred_at: datetime
    channel: ContactChannel | None = None
    direction: Direction | None = None
    category: Category | None = None
    minutes: int | None = None
    summary: str = ""
    replied_at: datetime | None = None
    reply_channel: ContactChannel | None = None
    raise_next_session: bool = False
    request: FriendRequest | None = None
    search: Search | None = None
    approach: Approach | None = None
    id: int | None = None
    # The clinician marked the message complex or emotional: it needs a richer channel.
    is_complex: bool = False

    def title(self) -> str:
        """A few words for timelines: "Text message from the client", "Friend request …"."""
        # The wording lives with the other labels, which need this module's enums.
        from boundary_desk.domain.vocabulary.labels import event_title

        return event_title(self)


@dataclass(frozen=True)
class Revision:
    """An earlier version of an entry, as its stored column values, and when it was replaced."""

    revised_at: datetime
    before: dict[str, Any]
