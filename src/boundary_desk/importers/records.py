"""What a reader yields: plain frozen records, with message text kept in memory only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from boundary_desk.domain.events import ContactChannel, Direction, EventKind


class CallOutcome(StrEnum):
    ANSWERED = "answered"
    NOT_ANSWERED = "not-answered"  # an outgoing call nobody picked up
    MISSED = "missed"
    VOICEMAIL = "voicemail"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    ANSWERED_ELSEWHERE = "answered-elsewhere"


@dataclass(frozen=True, slots=True)
class ImportedMessage:
    """One contact read from an export: a text, an MMS, a call, or a friend request."""

    # Stable across re-imports of the same message: a hash, never readable content.
    source_key: str
    instant: datetime  # aware, UTC
    # None when the file can't tell who wrote it: an e-mail or a chat line is "out" when
    # its sender is the clinician, which only the import (their addresses, or the chat
    # participant they say is them) can decide.
    direction: Direction | None
    channel: ContactChannel
    # The handles in the conversation, as written in the file: one for a text or a call,
    # several for a group MMS or a group chat, whose list can include the phone owner's
    # own. Handles, sender and names are people's: kept out of repr, like the body.
    handles: tuple[str, ...] = field(repr=False)
    # The handle that wrote it when it came in; "" when the phone's owner sent it (a
    # chat line names its author, whoever that is: the import tells who is the owner).
    sender: str = field(default="", repr=False)
    # Names the phone showed for the handles, when the export carries them.
    names: tuple[str, ...] = field(default=(), repr=False)
    # The conversation it belongs to, as the file names it (a chat's name, an e-mail
    # thread's root Message-ID); "" when the file has none. Kept out of repr.
    conversation: str = field(default="", repr=False)
    # An e-mail's subject; "" for texts, calls and chats. Kept out of repr.
    subject: str = field(default="", repr=False)
    # Kept out of repr so a traceback or a log line can never carry it.
    body: str = field(default="", repr=False)
    attachments: tuple[str, ...] = ()  # kinds only: "photo", "video", ...
    duration: timedelta | None = None  # calls only
    outcome: CallOutcome | None = None  # calls only
    record: int = 0  # position in the file, from 1
    # What the entry is: a contact, or a friend or follow request received (a social
    # download's list of requests), whose platform ("Facebook") is then named.
    kind: EventKind = EventKind.CONTACT
    platform: str = ""

    @property
    def body_length(self) -> int:
        return len(self.body)


@dataclass(frozen=True, slots=True)
class SocialHandle:
    service: str  # "skype", "twitter", "url", ... lower case, as the card names it
    value: str


@dataclass(frozen=True, slots=True)
class ImportedContact:
    """One contact card, reduced to the name and the handles a message can be matched by."""

    display_name: str
    family_name: str = ""
    given_name: str = ""
    nicknames: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # as written on the card
    emails: tuple[str, ...] = ()
    socials: tuple[SocialHandle, ...] = ()
    record: int = 0  # position in the file, from 1
