"""Read contact cards (vCard 2.1, 3.0, 4.0) from Android, iPhone, Google and Outlook.

Only what a message can be matched by is kept: names, phone numbers, e-mail addresses
and social or messaging handles. Photos, addresses and notes are passed over.

A small reader of our own rather than vobject: vobject fails on the QUOTED-PRINTABLE
soft line breaks that Android and Outlook write in vCard 2.1, and matching needs only
a handful of properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import BrokenFile, WrongKind, at_line
from boundary_desk.importers.records import ImportedContact, SocialHandle
from boundary_desk.importers.vcard_lines import (
    ContentLine,
    content_lines,
    split_components,
    unescape,
)
from boundary_desk.system.i18n import _, ngettext

_MESSENGERS = {
    "X-AIM": "aim",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-JABBER": "jabber",
    "X-MSN": "msn",
    "X-YAHOO": "yahoo",
    "X-ICQ": "icq",
    "X-QQ": "qq",
    "X-GTALK": "gtalk",
    "X-GOOGLE-TALK": "gtalk",
    "X-TWITTER": "twitter",
}


# A fax or pager number can't send the texts and calls an import matches, so it is not
# offered as a client's phone.
_NOT_REACHABLE = frozenset({"FAX", "PAGER"})


@dataclass
class _Card:
    start: int
    display_name: str = ""
    family_name: str = ""
    given_name: str = ""
    nicknames: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    socials: list[SocialHandle] = field(default_factory=list)

    def add(self, line: ContentLine) -> None:
        value = line.value()
        if line.name == "FN" and not self.display_name:
            self.display_name = unescape(value).strip()
        elif line.name == "N" and not (self.family_name or self.given_name):
            parts = [*split_components(value), "", ""]
            self.family_name, self.given_name = parts[0].strip(), parts[1].strip()
        elif line.name == "NICKNAME":
            self.nicknames += [n.strip() for n in unescape(value).split(",") if n.strip()]
        elif line.name == "TEL":
            kinds = {kind.strip('" ') for listed in line.types for kind in listed.split(",")}
            if not _NOT_REACHABLE & kinds:  # nobody texts or calls from these
                _append(self.phones, _without_scheme(unescape(value), "tel:"))
        elif line.name == "EMAIL":
            _append(self.emails, _without_scheme(unescape(value), "mailto:"))
        else:
            social = _social(line, unescape(value).strip())
            if social is not None and social not in self.socials:
                self.socials.append(social)

    def finished(self, record: int) -> ImportedContact:
        name = self.display_name or " ".join(p for p in (self.given_name, self.family_name) if p)
        return ImportedContact(
            display_name=name,
            family_name=self.family_name,
            given_name=self.given_name,
            nicknames=tuple(self.nicknames),
            phones=tuple(self.phones),
            emails=tuple(self.emails),
            socials=tuple(self.socials),
            record=record,
        )


def _append(found: list[str], value: str) -> None:
    if value and value not in found:
        found.append(value)


def _without_scheme(value: str, scheme: str) -> str:
    value = value.strip()
    return value[len(scheme) :].strip() if value.lower().startswith(scheme) else value


def _social(line: ContentLine, value: str) -> SocialHandle | None:
    if not value:
        return None
    if line.name in _MESSENGERS:
        return SocialHandle(_MESSENGERS[line.name], value)
    if line.name == "IMPP":
        service = (line.params.get("X-SERVICE-TYPE") or ("",))[0].lower()
        scheme, sep, handle = value.partition(":")
        if sep and handle:
            return SocialHandle(service or scheme.lower(), handle.lstrip("/"))
        return SocialHandle(service or "im", value)
    if line.name == "X-SOCIALPROFILE":
        service = (line.types or ("profile",))[0].lower()
        user = (line.params.get("X-USER") or ("",))[0]
        return SocialHandle(service, user or value)
    if line.name == "URL":
        return SocialHandle("url", value)
    return None


def read_vcards(path: Path) -> Iterator[ImportedContact]:
    """Each card in `path`, in file order; `BrokenFile` if the last card is cut short."""
    with path.open("rb") as file:
        if file.read(2) in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16, as some Windows tools write
            file.seek(0)
            text = file.read().decode("utf-16", errors="replace")
            yield from _cards(iter(text.encode("utf-8").splitlines(keepends=True)))
            return
        file.seek(0)
        yield from _cards(_without_bom(file))


def _without_bom(lines: Iterator[bytes]) -> Iterator[bytes]:
    first = next(lines, None)
    if first is None:
        return
    yield first.removeprefix(b"\xef\xbb\xbf")
    yield from lines


def _cards(physical: Iterator[bytes]) -> Iterator[ImportedContact]:
    card: _Card | None = None
    depth = cards = 0
    for line in content_lines(physical):
        value = line.raw_value.strip().upper()
        if line.name == "BEGIN" and value == b"VCARD":
            depth += 1
            if depth == 1:
                card = _Card(line.line)
        elif line.name == "END" and value == b"VCARD" and depth:
            depth -= 1
            if depth == 0 and card is not None:
                cards += 1
                yield card.finished(cards)
                card = None
        elif depth == 1 and card is not None:
            card.add(line)  # depth > 1: a card inside a card (2.1 AGENT), passed over
    if card is not None:
        sentence = ngettext(
            "This contact file is damaged at line {line}; the {count} card before that point "
            "was read whole.",
            "This contact file is damaged at line {line}; the {count} cards before that point "
            "were read whole.",
            cards,
        ).format(line=whole_number(card.start), count=whole_number(cards))
        raise BrokenFile(sentence, at_line(card.start), cards)
    if cards == 0:
        raise WrongKind(_("This file has no contact cards in it (no BEGIN:VCARD line)."))
