"""One Google Voice page of a Takeout export, parsed with the standard HTML parser.

A conversation page (`hChatLog`) lists its participants when it is a group, then one
`div.message` each: the instant (`abbr.dt`), the sender (`a.tel`, whose name is "Me"
for the account's owner) and the text (`q`). A call page (`haudio`) names the other
party (`div.contributor`), the instant (`abbr.published`), the duration
(`abbr.duration`, "PT12M51S") and, for a voicemail, the transcript (`span.full-text`).
html.parser expands only HTML's own character references and fetches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"br", "img", "meta", "hr", "input", "link", "source", "wbr", "area", "col", "embed"}
_MEDIA = {"img": "photo", "audio": "audio", "video": "video"}


@dataclass
class Party:
    number: str = field(default="", repr=False)  # as written after "tel:", "" when withheld
    name: str = field(default="", repr=False)
    me: bool = False  # the account's owner


@dataclass
class PageMessage:
    instant: str = ""  # the abbr's title, ISO 8601 with an offset
    sender: Party = field(default_factory=Party)
    text: list[str] = field(default_factory=list, repr=False)
    attachments: list[str] = field(default_factory=list)


@dataclass
class Page:
    layout: str = ""  # "chat", "call" or "" when the page is neither
    participants: list[Party] = field(default_factory=list)
    messages: list[PageMessage] = field(default_factory=list)
    heading: list[str] = field(default_factory=list, repr=False)  # "Missed call from …"
    title: list[str] = field(default_factory=list, repr=False)  # "Me to Agatha …"
    contributor: Party = field(default_factory=Party)
    published: str = ""
    duration: str = ""
    transcript: list[str] = field(default_factory=list, repr=False)
    labels: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._stack: list[tuple[str, str]] = []  # (tag, role)
        self._party: Party | None = None

    def _roles(self) -> set[str]:
        return {role for _, role in self._stack if role}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = set(found.get("class", "").split())
        roles = self._roles()
        page = self.page
        role = ""
        if tag == "br":
            self._text("\n")
        if "hChatLog" in classes:
            page.layout = page.layout or "chat"
        elif "haudio" in classes:
            page.layout = page.layout or "call"
        if tag in _MEDIA and "message" in roles and page.messages:
            page.messages[-1].attachments.append(_MEDIA[tag])
        elif tag == "a" and "vcard" in classes and "message" in roles and page.messages:
            page.messages[-1].attachments.append("contact card")
        if tag == "div" and "message" in classes:
            page.messages.append(PageMessage())
            role = "message"
        elif tag == "div" and "participants" in classes:
            role = "participants"
        elif tag == "div" and "contributor" in classes:
            role = "contributor"
        elif tag == "abbr" and "dt" in classes and "message" in roles and page.messages:
            page.messages[-1].instant = page.messages[-1].instant or found.get("title", "")
        elif tag == "abbr" and "published" in classes:
            page.published = page.published or found.get("title", "")
        elif tag == "abbr" and "duration" in classes:
            page.duration = page.duration or found.get("title", "")
        elif tag == "a" and "tel" in classes:
            self._party = self._new_party(roles, found.get("href", ""))
            role = "tel"
        elif "fn" in classes and "tel" in roles:
            role = "fn"
            if tag == "abbr" and self._party is not None:
                self._party.me = True  # the owner is an abbr "Me"; others a span
        elif tag == "span" and "fn" in classes and not roles and page.layout == "call":
            role = "heading"
        elif tag == "title":
            role = "title"
        elif tag == "q" and "message" in roles:
            role = "q"
        elif tag == "span" and "full-text" in classes:
            role = "transcript"
        elif tag == "a" and found.get("rel") == "tag":
            role = "label"
            page.labels.append("")
        if tag not in _VOID:
            self._stack.append((tag, role))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                closed = self._stack[depth:]
                del self._stack[depth:]
                if any(role == "tel" for _, role in closed):
                    self._party = None
                return

    def _new_party(self, roles: set[str], href: str) -> Party | None:
        number = href[4:] if href.lower().startswith("tel:") else ""
        number = number.strip()
        while number.startswith("++"):
            number = number[1:]
        party = Party(number=number)
        page = self.page
        if "participants" in roles:
            page.participants.append(party)
        elif "message" in roles and page.messages:
            page.messages[-1].sender = party
        elif "contributor" in roles:
            page.contributor = party
        else:
            return None
        return party

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        roles = [role for _, role in self._stack if role]
        if not roles:
            return
        page = self.page
        innermost = roles[-1]
        if innermost == "fn" and self._party is not None:
            self._party.name += data
        elif innermost == "q" and page.messages:
            page.messages[-1].text.append(data)
        elif innermost == "transcript":
            page.transcript.append(data)
        elif innermost == "title":
            page.title.append(data)
        elif innermost == "heading":
            page.heading.append(data)
        elif innermost == "label" and page.labels:
            page.labels[-1] += data


def parse_page(text: str) -> Page:
    """The parts of one page; a page that is not Google Voice's has an empty layout."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    page = parser.page
    for party in (*page.participants, page.contributor, *(m.sender for m in page.messages)):
        party.name = " ".join(party.name.split())
        # The owner is an abbr named "Me", or as the account's language says it ("Moi").
        party.me = party.me and bool(party.name)
    return page
