"""Read Google Voice from a Google Takeout export: a folder of pages, or one page.

    reading = read_google_voice(path)   # the Takeout, Voice or Calls folder, or one .html
    for message in reading:             # ImportedMessage: texts, calls, voicemails
        ...
    reading.summary                     # counts, known once the loop has finished

Each page is read whole (one conversation or call is small) and its records yielded
in page order. Takeout's " (1)" copies of a page are read once. Source keys come from
what the page says (the instant, the numbers, the text), never from the file name, so
they stay the same in the next export.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.gvoice_files import (
    copies_in,
    holds_voice_pages,
    is_voice_page,
    named_type,
    voice_pages,
)
from boundary_desk.importers.gvoice_page import Page, PageMessage, Party, parse_page
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.system.i18n import _, ngettext

_MAX_PAGE = 64 << 20  # one conversation page; larger is not a Takeout page
_DURATION = re.compile(
    r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", re.IGNORECASE
)
# The words a call page's heading starts with, for pages whose name has no type.
_HEADINGS = {
    "placed": "Placed",
    "received": "Received",
    "missed": "Missed",
    "voicemail": "Voicemail",
    "recorded": "Recorded",
}
_ME_TO = "Me to "
_SKIP_DATE = "unreadable date"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class GoogleVoiceReading:
    """One pass over the Google Voice pages of a Takeout export."""

    kind = SourceKind.GOOGLE_VOICE

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pages = voice_pages(path) if path.is_dir() else [path]
        self._records = 0
        self._contacts = 0
        self._skipped: Counter[str] = Counter()
        self._pages_left: Counter[str] = Counter()
        self._replaced = 0
        self.bytes_read = 0
        if path.is_dir() and (copies := copies_in(path)):
            self._pages_left["copy"] = copies

    @property
    def bytes_total(self) -> int:
        """The bytes of every page to read, so a folder's progress is told right."""
        return sum(_size(page) for page in self._pages)

    def __iter__(self) -> Iterator[ImportedMessage]:
        for page_path in self._pages:
            try:
                raw = _read_page(page_path)
            except OSError:
                self._pages_left["unreadable"] += 1
                self.bytes_read += _size(page_path)
                continue
            if raw is None:
                self._pages_left["large"] += 1
                self.bytes_read += _size(page_path)
                continue
            self.bytes_read += len(raw)
            text = raw.decode("utf-8", errors="replace")
            self._replaced += text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
            if not is_voice_page(text):
                self._pages_left["other"] += 1
                continue
            page = parse_page(text)
            for message in self._records_of(page, named_type(page_path)):
                self._contacts += 1
                yield message

    def _records_of(self, page: Page, named: str) -> Iterator[ImportedMessage]:
        if page.layout == "chat":
            yield from self._texts(page)
        elif page.layout == "call":
            self._records += 1
            call = _call(page, named or _heading_type(page), self._records)
            if call is None:
                self._skipped[_SKIP_DATE] += 1
            else:
                yield call
        else:
            self._pages_left["other"] += 1

    def _texts(self, page: Page) -> Iterator[ImportedMessage]:
        people = _others(page)
        handles = tuple(dict.fromkeys(p.number or p.name for p in people if p.number or p.name))
        names = tuple(p.name for p in people if p.number or p.name)
        group = bool(page.participants)
        for message in page.messages:
            self._records += 1
            instant = _instant(message.instant)
            if instant is None:
                self._skipped[_SKIP_DATE] += 1
                continue
            yield _text(message, instant, handles, names, group, self._records)

    @property
    def summary(self) -> ReadSummary:
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            replaced_bytes=max(0, self._replaced),
            notes=tuple(
                _page_note(why, number) for why, number in sorted(self._pages_left.items())
            ),
        )


def read_google_voice(path: Path) -> GoogleVoiceReading:
    """A reading of a Takeout folder or page; WrongKind at once when it holds no Voice page."""
    if path.is_dir():
        if not holds_voice_pages(path):
            raise WrongKind(
                _(
                    "This folder holds no Google Voice pages; choose the Voice folder of a "
                    "Google Takeout export, or the Calls folder inside it."
                )
            )
        return GoogleVoiceReading(path)
    kind = recognise(path)
    if kind is not SourceKind.GOOGLE_VOICE:
        raise WrongKind(
            _(
                "This file looks like {kind}; a Google Voice page from Google Takeout (.html) "
                "was expected."
            ).format(kind=kind.description)
        )
    return GoogleVoiceReading(path)


def _page_note(why: str, number: int) -> str:
    """One sentence for the pages, not messages, left unread for one reason ("copy")."""
    if why == "copy":
        words = ngettext(
            "{count} page Takeout wrote twice was read once.",
            "{count} pages Takeout wrote twice were read once.",
            number,
        )
    elif why == "other":
        words = ngettext(
            "{count} page in the folder is not a Google Voice page and was not read.",
            "{count} pages in the folder are not Google Voice pages and were not read.",
            number,
        )
    elif why == "large":
        words = ngettext(
            "{count} page was too large to be a Google Voice page.",
            "{count} pages were too large to be Google Voice pages.",
            number,
        )
    else:  # "unreadable"
        words = ngettext(
            "{count} page could not be opened.", "{count} pages could not be opened.", number
        )
    return words.format(count=whole_number(number))


def _read_page(path: Path) -> bytes | None:
    with path.open("rb") as file:
        raw = file.read(_MAX_PAGE + 1)
    return None if len(raw) > _MAX_PAGE else raw


def _others(page: Page) -> list[Party]:
    """The people in a conversation besides the account's owner, each once; when only the
    owner wrote, the one the page's title names ("Me to Agatha", "Me to +1555…")."""
    seen: dict[str, Party] = {}
    for party in (*page.participants, *(m.sender for m in page.messages)):
        key = party.number or party.name
        if not party.me and key and key not in seen:
            seen[key] = party
    if not seen:
        title = " ".join("".join(page.title).split())
        if title.startswith(_ME_TO) and (other := title[len(_ME_TO) :].strip()):
            number = other.lstrip("+")
            if number.isascii() and number.isdigit():
                return [Party(number="+" + number if other.startswith("+") else number)]
            return [Party(name=other)]
    return list(seen.values())


def _text(
    message: PageMessage,
    instant: datetime,
    handles: tuple[str, ...],
    names: tuple[str, ...],
    group: bool,
    record: int,
) -> ImportedMessage:
    body = "".join(message.text).strip()
    mine = message.sender.me
    sender = "" if mine else (message.sender.number or message.sender.name)
    if body in {"MMS Sent", "MMS Received"} and message.attachments:
        body = ""  # the words Takeout puts in place of a picture's missing text
    return ImportedMessage(
        source_key=source_key(
            "gvoice-text", ",".join(sorted(handles)), sender, _millis(instant), body
        ),
        instant=instant,
        direction=Direction.OUT if mine else Direction.IN,
        channel=ContactChannel.TEXT,
        handles=handles,
        sender=sender,
        names=names,
        conversation="group" if group else "",
        body=body,
        attachments=tuple(message.attachments),
        record=record,
    )


def _call(page: Page, kind: str, record: int) -> ImportedMessage | None:
    instant = _instant(page.published)
    if instant is None:
        return None
    party = page.contributor
    handles = (party.number,) if party.number else ()
    duration = _duration(page.duration)
    transcript = " ".join("".join(page.transcript).split())
    direction: Direction | None = Direction.IN
    channel = ContactChannel.CALL
    if kind == "Placed":
        direction = Direction.OUT
        outcome = CallOutcome.ANSWERED if duration else CallOutcome.NOT_ANSWERED
    elif kind == "Missed":
        outcome = CallOutcome.MISSED
    elif kind == "Voicemail":
        outcome, channel = CallOutcome.VOICEMAIL, ContactChannel.VOICEMAIL
    elif kind == "Recorded":
        direction, outcome = None, CallOutcome.ANSWERED  # the page does not say who called
    else:
        outcome = CallOutcome.ANSWERED
    return ImportedMessage(
        source_key=source_key("gvoice-call", kind, party.number, _millis(instant)),
        instant=instant,
        direction=direction,
        channel=channel,
        handles=handles,
        sender=party.number if direction is Direction.IN else "",
        names=(party.name,) if party.name and handles else (),
        body=transcript,
        duration=duration,
        outcome=outcome,
        record=record,
    )


def _heading_type(page: Page) -> str:
    words = " ".join("".join(page.heading).split()).lower()
    for start, kind in _HEADINGS.items():
        if words.startswith(start):
            return kind
    labels = {label.strip().lower() for label in page.labels}
    for start, kind in _HEADINGS.items():
        if start in labels:
            return kind
    return "Received"


def _instant(value: str) -> datetime | None:
    try:
        found = datetime.fromisoformat(value.strip())
        if found.tzinfo is None or found.utcoffset() is None:
            return None  # Takeout always writes the offset; a time without one can't be placed
        return found.astimezone(UTC)
    except (ValueError, OverflowError):  # not a time, or one beyond the calendar
        return None


def _duration(value: str) -> timedelta | None:
    found = _DURATION.match(value.strip())
    if not found or not value.strip():
        return None
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in found.groups())
    try:
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:  # "PT24000000000H": longer than any call, read as no duration
        return None


def _millis(instant: datetime) -> str:
    return str(int(instant.timestamp() * 1000))


def source_key(kind: str, *parts: str) -> str:
    """A stable key for one record: a hash, so no content is kept in the key itself."""
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass"))
    return f"{kind}:{digest.hexdigest()}"
