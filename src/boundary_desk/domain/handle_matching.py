"""Which client a handle in an export belongs to: numbers as numbers, addresses by case.

    index = HandleIndex.build(clients, country="CA", own=("me@practice.org",))
    index.match("+1 (416) 555-0142")   # HandleMatch: the client's code, the clinician, or none

A phone number is compared in E.164, read in the practice's country when it carries no
country code, and matches when it is a *possible* number (new and drama ranges are
real). A number that only ends a client's number (a 7-digit local number) is a partial
match, shown to the clinician to confirm and never matched silently. E-mail addresses
are compared case-insensitively; chat names and social handles by their folded form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from boundary_desk.domain import phones
from boundary_desk.domain.clients import Client, HandleKind

# Fewer digits than this can't be told from a short code or an extension.
PARTIAL_DIGITS = 7


class Found(StrEnum):
    CLIENT = "client"
    PARTIAL = "partial"  # ends a client's number: the clinician confirms
    OWN = "own"  # one of the clinician's own addresses or numbers
    NOT_CLIENT = "not-client"  # the clinician said this one is no client: never matched
    NONE = "none"


@dataclass(frozen=True, slots=True)
class HandleMatch:
    found: Found
    client_code: str = ""

    @property
    def is_client(self) -> bool:
        return self.found is Found.CLIENT


NO_MATCH = HandleMatch(Found.NONE)
OWN = HandleMatch(Found.OWN)
NOT_CLIENT = HandleMatch(Found.NOT_CLIENT)


def fold(text: str) -> str:
    """Case, accents and spacing set aside: "  Zoë  MARTIN" and "zoe martin" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


def email_key(text: str) -> str:
    """An address as compared: "<Alex@Example.ORG>" and "alex@example.org" are one."""
    value = text.strip().strip("<>").strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value.casefold()


@dataclass
class HandleIndex:
    """The clients' handles, looked up by what a message carries; answers are cached."""

    country: str
    by_number: dict[str, str] = field(default_factory=dict)  # E.164 -> client code
    by_email: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # folded social/chat name -> code
    own_numbers: set[str] = field(default_factory=set)
    own_emails: set[str] = field(default_factory=set)
    # What the clinician said is no client's, by each way a handle is compared.
    declined: set[str] = field(default_factory=set)
    _digits: list[tuple[str, str]] = field(default_factory=list)  # (digits, code)
    _cache: dict[str, HandleMatch] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        clients: Iterable[Client],
        *,
        country: str,
        own: Iterable[str] = (),
        ties: Mapping[str, str] = {},
        not_clients: Iterable[str] = (),
    ) -> HandleIndex:
        """`own`: the clinician's addresses and numbers; `ties`: a name or handle -> code;
        `not_clients`: names or handles the clinician said are no client's, even when a
        client's handle is the same."""
        index = cls(country=country.upper())
        for client in clients:
            for handle in client.handles:
                index._add(handle.kind, handle.value, handle.number, client.code)
        for value in own:
            if "@" in value:
                index.own_emails.add(email_key(value))
            elif number := phones.e164(value, index.country):
                index.own_numbers.add(number)
        for name, code in ties.items():
            index.tie(name, code)
        for name in not_clients:
            index.declined.update(index._keys(name))
        return index

    def _keys(self, handle: str) -> set[str]:
        """Each form `handle` is compared in: as an address, a number, and a name."""
        value = handle.strip()
        keys = {"name:" + fold(value.lstrip("@"))}
        if "@" in value:
            keys.add("email:" + email_key(value))
        elif number := phones.e164(value, self.country):
            keys.add("number:" + number)
        return keys

    def tie(self, handle: str, code: str) -> None:
        """Match `handle` (a number, an address or a chat name) to the client `code`."""
        self._cache.clear()
        if "@" in handle:
            self.by_email[email_key(handle)] = code
        elif number := phones.e164(handle, self.country):
            self.by_number[number] = code
        else:
            self.by_name[fold(handle)] = code

    def _add(self, kind: HandleKind, value: str, number: str, code: str) -> None:
        if kind is HandleKind.EMAIL:
            self.by_email.setdefault(email_key(value), code)
        elif kind is HandleKind.PHONE:
            number = number or phones.e164(value, self.country)
            if number:
                self.by_number.setdefault(number, code)
            found = phones.digits(number or value)
            if found:
                self._digits.append((found, code))
        else:
            self.by_name.setdefault(fold(value.lstrip("@")), code)

    def match(self, handle: str) -> HandleMatch:
        """Whose `handle` is; cached, since an export repeats a few handles many times."""
        found = self._cache.get(handle)
        if found is None:
            found = self._cache[handle] = self._look_up(handle)
        return found

    def _look_up(self, handle: str) -> HandleMatch:
        value = handle.strip()
        if not value:
            return NO_MATCH
        if self.declined and self._keys(value) & self.declined:
            return NOT_CLIENT
        if "@" in value:
            key = email_key(value)
            if key in self.own_emails:
                return OWN
            code = self.by_email.get(key)
            return HandleMatch(Found.CLIENT, code) if code else self._by_name(value)
        number = phones.e164(value, self.country)
        if number:
            if number in self.own_numbers:
                return OWN
            code = self.by_number.get(number)
            if code:
                return HandleMatch(Found.CLIENT, code)
        partial = self._partial(value)
        return partial if partial is not NO_MATCH else self._by_name(value)

    def _by_name(self, value: str) -> HandleMatch:
        code = self.by_name.get(fold(value.lstrip("@")))
        return HandleMatch(Found.CLIENT, code) if code else NO_MATCH

    def _partial(self, value: str) -> HandleMatch:
        """A number too short to be whole whose digits end exactly one client's number."""
        found = phones.digits(value)
        if len(found) < PARTIAL_DIGITS or phones.has_country_code(value):
            return NO_MATCH
        codes = {
            code for digits, code in self._digits if digits != found and digits.endswith(found)
        }
        if len(codes) == 1:
            return HandleMatch(Found.PARTIAL, codes.pop())
        return NO_MATCH


def suggested_ties(names: Iterable[str], clients: Iterable[Client]) -> dict[str, str]:
    """Each name (a chat participant, a card) that is exactly one client's name, folded."""
    by_name: dict[str, set[str]] = {}
    for client in clients:
        by_name.setdefault(fold(client.display_name), set()).add(client.code)
    found = {}
    for name in names:
        codes = by_name.get(fold(name), set())
        if len(codes) == 1:
            found[name] = next(iter(codes))
    return found
