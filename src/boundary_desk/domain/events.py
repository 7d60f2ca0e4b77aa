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


CONTACT_CHANNEL_LABELS: dict[ContactChannel, str] = {
    ContactChannel.EMAIL: "email",
    ContactChannel.TEXT: "text message",
    ContactChannel.CALL: "phone call",
    ContactChannel.VOICEMAIL: "voicemail",
    ContactChannel.VIDEO: "video call",
    ContactChannel.PORTAL: "portal message",
    ContactChannel.DM: "social-media message",
    ContactChannel.IN_PERSON: "in-person encounter",
}


class Direction(StrEnum):
    IN = "in"  # the client reached out
    OUT = "out"  # the clinician reached out


class Category(StrEnum):
    ADMIN = "admin"
    CLINICAL = "clinical"
    CRISIS = "crisis"
    PERSONAL = "personal"


CATEGORY_LABELS: dict[Category, str] = {
    Category.ADMIN: "admin / scheduling",
    Category.CLINICAL: "clinical",
    Category.CRISIS: "crisis / risk",
    Category.PERSONAL: "personal / social",
}


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


SEARCH_PURPOSE_LABELS: dict[SearchPurpose, str] = {
    SearchPurpose.RISK: "imminent risk or safety of the client",
    SearchPurpose.ASSESSMENT: "assessment",
    SearchPurpose.VERIFICATION: "identity verification",
    SearchPurpose.SAFETY: "my own safety",
    SearchPurpose.CURIOSITY: "curiosity",
    SearchPurpose.OTHER: "other",
}


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

    def title(self) -> str:
        """A few words for timelines: "Text message in", "Friend request (Instagram)"."""
        if self.kind is EventKind.FRIEND_REQUEST and self.request:
            return f"Friend request ({self.request.platform}), {self.request.action.value}"
        if self.kind is EventKind.SEARCH:
            return "Online search for the client"
        if self.kind is EventKind.CLIENT_APPROACH:
            return "Client searched for or approached you"
        label = CONTACT_CHANNEL_LABELS[self.channel] if self.channel else "contact"
        arrow = "from the client" if self.direction is Direction.IN else "to the client"
        return f"{label.capitalize()} {arrow}"


@dataclass(frozen=True)
class Revision:
    """An earlier version of an entry, as its stored column values, and when it was replaced."""

    revised_at: datetime
    before: dict[str, Any]
