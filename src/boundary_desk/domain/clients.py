"""Clients as the clinician knows them: a name, a short code, contact handles, a status."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from boundary_desk.domain import phones
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
_AUTO_CODE = re.compile(r"^C-(\d+)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")


class ClientStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class ChannelComfort(StrEnum):
    """How at ease the client says they are with their preferred channel."""

    COMFORTABLE = "comfortable"
    SOMEWHAT = "somewhat"
    NOT_COMFORTABLE = "not-comfortable"

    @property
    def words(self) -> str:
        """ "somewhat comfortable": the plain words for a line or a list."""
        return _COMFORT_WORDS[self]


_COMFORT_WORDS = {
    ChannelComfort.COMFORTABLE: N_("comfortable"),
    ChannelComfort.SOMEWHAT: N_("somewhat comfortable"),
    ChannelComfort.NOT_COMFORTABLE: N_("not comfortable"),
}


def parse_comfort(text: str) -> ChannelComfort:
    """ "comfortable", "somewhat" or "not comfortable" (or "not-comfortable"), any case."""
    word = " ".join(text.strip().casefold().replace("-", " ").split())
    for comfort in ChannelComfort:
        if word in (comfort.value.replace("-", " "), comfort.words):
            return comfort
    raise InvalidInput(
        f'"{text.strip()}" is not a comfort: use comfortable, somewhat or not-comfortable.'
    )


def parse_channel(text: str) -> ContactChannel | None:
    """A preferred channel by its name ("email", "in-person"); "none" for no preference."""
    word = text.strip().casefold()
    if word in ("", "none"):
        return None
    try:
        return ContactChannel(word)
    except ValueError:
        raise InvalidInput(
            f'"{text.strip()}" is not a channel: use one of {", ".join(ContactChannel)}, or none.'
        ) from None


class HandleKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    SOCIAL = "social"


@dataclass(frozen=True)
class ContactHandle:
    """A verified way of reaching the client (a number, an address, a social handle)."""

    kind: HandleKind
    value: str
    label: str = ""
    verified: bool = False
    # A phone number in E.164 ("+14165550142"), stored beside what was typed; "" when
    # the value doesn't read as a number. Derived, so two handles typed alike are equal.
    number: str = field(default="", compare=False)


@dataclass(frozen=True)
class Client:
    code: str
    display_name: str
    status: ClientStatus = ClientStatus.ACTIVE
    started_on: date | None = None
    ended_on: date | None = None
    is_minor: bool = False
    guardian_name: str = ""
    handles: tuple[ContactHandle, ...] = field(default_factory=tuple)
    archived: bool = False
    id: int | None = None
    # The channel the client says they prefer, and how comfortable they are with it.
    preferred_channel: ContactChannel | None = None
    channel_comfort: ChannelComfort | None = None

    def handles_of(self, kind: HandleKind) -> tuple[ContactHandle, ...]:
        return tuple(h for h in self.handles if h.kind is kind)


# Each kind of contact detail as a message about it names it.
_HANDLE_NAMES = {
    HandleKind.PHONE: N_("The phone number"),
    HandleKind.EMAIL: N_("The email address"),
    HandleKind.SOCIAL: N_("The social-media handle"),
}


def validate_name(text: str) -> str:
    return clean_line(text, label=_("A client's name"), max_len=120, required=True)


def validate_code(text: str) -> str:
    code = text.strip().upper()
    if not CODE_PATTERN.match(code):
        raise InvalidInput(
            _(
                "A client code is 2 to 12 letters, digits or dashes, starting with a letter "
                "or digit (for example C-014 or JD2). It appears on de-identified reports, "
                "so don't use the client's initials if they could identify them."
            )
        )
    return code


def validate_handle(
    kind: HandleKind, text: str, label: str = "", verified: bool = False
) -> ContactHandle:
    """A contact handle with its value checked for its kind."""
    value = clean_line(text, label=_(_HANDLE_NAMES[kind]), max_len=200, required=True)
    if kind is HandleKind.EMAIL and not _EMAIL.match(value):
        raise InvalidInput(
            _("{value} is not an email address (like name@example.org).").format(value=repr(value))
        )
    if kind is HandleKind.PHONE:
        digits = sum(ch.isdigit() for ch in value)
        if not _PHONE_CHARS.match(value) or not 3 <= digits <= 20:
            raise InvalidInput(
                _(
                    "{value} is not a phone number: use digits, spaces, dashes, brackets "
                    "and an optional leading +."
                ).format(value=repr(value))
            )
    clean_label = clean_line(label, label=_("A contact detail's label"), max_len=60, required=False)
    return ContactHandle(kind=kind, value=value, label=clean_label, verified=verified)


def validate_dates(status: ClientStatus, started: date | None, ended: date | None) -> None:
    if status is ClientStatus.ENDED and ended is None:
        raise InvalidInput(_("An ended client needs the date therapy ended."))
    if status is ClientStatus.ACTIVE and ended is not None:
        raise InvalidInput(_("An active client can't have an end date; mark them ended instead."))
    if started and ended and ended < started:
        raise InvalidInput(_("Therapy can't end before it started."))


def validate_client(client: Client) -> Client:
    """The client with every field checked and tidied, or InvalidInput."""
    validate_dates(client.status, client.started_on, client.ended_on)
    if client.channel_comfort is not None and client.preferred_channel is None:
        raise InvalidInput(
            _(
                "How comfortable the client is goes with their preferred channel: choose the "
                "channel first."
            )
        )
    guardian = clean_line(
        client.guardian_name, label=_("The guardian's name"), max_len=120, required=False
    )
    return Client(
        code=validate_code(client.code),
        display_name=validate_name(client.display_name),
        status=client.status,
        started_on=client.started_on,
        ended_on=client.ended_on,
        is_minor=client.is_minor,
        guardian_name=guardian if client.is_minor else "",
        handles=tuple(
            validate_handle(h.kind, h.value, h.label, h.verified) for h in client.handles
        ),
        archived=client.archived,
        id=client.id,
        preferred_channel=client.preferred_channel,
        channel_comfort=client.channel_comfort,
    )


def next_client_code(existing: Iterable[str]) -> str:
    """The next free automatic code, C-001, C-002, …"""
    used = {code.upper() for code in existing}
    numbers = [int(m.group(1)) for code in used if (m := _AUTO_CODE.match(code))]
    candidate = max(numbers, default=0) + 1
    while f"C-{candidate:03d}" in used:
        candidate += 1
    return f"C-{candidate:03d}"


@dataclass(frozen=True)
class ClientSearch:
    """What a search box's text looks for: the text itself, and a phone number if it is one."""

    text: str  # folded: case and accents set aside
    number: str = ""  # E.164, when the text reads as a whole phone number
    digits: str = ""  # its digits, when it reads as (part of) a phone number


def client_search(query: str, country: str = "") -> ClientSearch:
    """The search for `query`; numbers without a country code are read in `country`."""
    return ClientSearch(
        text=_fold(query), number=phones.e164(query, country), digits=phones.digits(query)
    )


def matches(client: Client, query: str | ClientSearch) -> bool:
    """Case- and accent-insensitive search over name, code and handles; phone numbers
    match as numbers, so "416-555-0142" finds "+1 416 555 0142"."""
    search = query if isinstance(query, ClientSearch) else client_search(query)
    if not search.text:
        return True
    haystack = [client.display_name, client.code, *(h.value for h in client.handles)]
    if any(search.text in _fold(text) for text in haystack):
        return True
    return any(_same_number(handle, search) for handle in client.handles_of(HandleKind.PHONE))


def _same_number(handle: ContactHandle, search: ClientSearch) -> bool:
    if search.number and handle.number == search.number:
        return True
    if not search.digits:
        return False
    stored = (phones.digits(handle.number), phones.digits(handle.value))
    return any(search.digits in found for found in stored if found)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()
