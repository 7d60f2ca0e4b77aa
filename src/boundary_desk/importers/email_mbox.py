"""The messages of an mbox file, one at a time, in memory bounded by one message.

Messages are split on their "From " envelope lines, read line by line, so a mailbox of
any size costs the memory of its largest message. mboxo and mboxrd both quote a body
line that starts "From " as ">From "; one ">" is taken off again. A body line that
starts "From " unquoted (some writers leave them) ends a message only when it looks
like an envelope line: an address and a date, or nothing after the address, followed
by a header line. CRLF, LF and mixed line endings, and a byte-order mark, are read alike.

A message with no Date header is placed at its envelope line's date, the time it was
delivered (ctime's form, read as UTC unless it names an offset).

An mbox has no end marker, so a message is taken as whole when the file ends with a
line break after its header block; anything else at the end is damage, reported with
`BrokenFile` once the whole messages before it have been handed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import BrokenFile, at_line
from boundary_desk.system.i18n import ngettext

_BOM = b"\xef\xbb\xbf"
# "From sender@example.com Sat Jan  3 01:05:34 1996", "From - ", "From 1844...@xxx".
_ENVELOPE = re.compile(rb"From \S+(?:[ \t]*|[ \t]+(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|\d).*)")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_QUOTED_FROM = re.compile(rb">+From ")


@dataclass(frozen=True, slots=True)
class RawMessage:
    data: bytes
    number: int  # from 1, in file order
    line: int  # the line its envelope is on, from 1
    envelope: bytes = b""  # its "From " line, when it has one


_MONTHS = {
    m: n for n, m in enumerate(b"jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
# The envelope's date, as ctime writes it: "Sat Jan  3 01:05:34 1996", maybe with a zone.
_ENVELOPE_DATE = re.compile(
    rb"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[ \t]+)?([A-Za-z]{3})[ \t]+(\d{1,2})[ \t]+"
    rb"(\d{1,2}):(\d{2})(?::(\d{2}))?[ \t]+(?:[A-Z]{3,5}[ \t]+|([+-]\d{4})[ \t]+)?(\d{4})"
    rb"(?:[ \t]+([+-]\d{4}))?"
)


def envelope_instant(envelope: bytes) -> datetime | None:
    """When the envelope line says the message was delivered, in UTC; None when it names
    no date. ctime writes no zone: a date without one is read as UTC."""
    found = _ENVELOPE_DATE.search(envelope)
    if found is None:
        return None
    month = _MONTHS.get(found[1].lower())
    if month is None:
        return None
    offset = found[6] or found[8]  # before the year or after it; a zone's name is UTC
    zone = UTC
    if offset:
        sign = -1 if offset[:1] == b"-" else 1
        minutes = int(offset[1:3]) * 60 + int(offset[3:5])
        zone = timezone(sign * timedelta(minutes=minutes))
    try:
        when = datetime(
            int(found[7]), month, int(found[2]), int(found[3]), int(found[4]),
            int(found[5] or 0), tzinfo=zone,
        )  # fmt: skip
        return when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


class MboxStream:
    """Iterate once over the messages; `messages` counts the whole ones handed over."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.messages = 0

    def __iter__(self) -> Iterator[RawMessage]:
        with self._path.open("rb") as file:
            yield from self._split(_lines(file))

    def _split(self, lines: Iterator[tuple[int, bytes]]) -> Iterator[RawMessage]:
        current: list[bytes] | None = None
        start, envelope = 0, b""
        headers_done = False
        line_number, line = next(lines, (0, b""))
        while line:
            following = next(lines, (0, b""))
            if current is None or (line.startswith(b"From ") and _ends_message(line, following[1])):
                if current is not None:
                    yield self._whole(current, start, envelope)
                current, start, headers_done = [], line_number, False
                envelope = line if line.startswith(b"From ") else b""
                if not envelope:  # no envelope: the message starts here
                    current.append(line)
                    headers_done = line in (b"\n", b"\r\n")
            else:
                if not headers_done and line in (b"\n", b"\r\n"):
                    headers_done = True
                current.append(line[1:] if _QUOTED_FROM.match(line) else line)
            line_number, line = following
        if current is None:
            return
        last = current[-1] if current else b""
        if headers_done and last.endswith(b"\n"):
            yield self._whole(current, start, envelope)
            return
        raise _broken(start, self.messages)

    def _whole(self, lines: list[bytes], start: int, envelope: bytes) -> RawMessage:
        self.messages += 1
        return RawMessage(b"".join(lines), self.messages, start, envelope)


def _broken(line: int, messages: int) -> BrokenFile:
    sentence = ngettext(
        "This mailbox is damaged at line {line}; the {count} e-mail before that point was "
        "read whole.",
        "This mailbox is damaged at line {line}; the {count} e-mails before that point were "
        "read whole.",
        messages,
    ).format(line=whole_number(line), count=whole_number(messages))
    return BrokenFile(sentence, at_line(line), messages)


def _ends_message(line: bytes, following: bytes) -> bool:
    """Whether a line starting "From " is the next message's envelope, not body text."""
    if not line.endswith(b"\n") or not looks_like_envelope(line):
        return False  # a line the file stops inside is the damage, not a new message
    if not following or not following.endswith(b"\n"):
        return True  # the file stops right after it: an envelope cut short
    return bool(_HEADER_LINE.match(following))


def looks_like_envelope(line: bytes) -> bool:
    """Whether a line has the form of an mbox "From " line: an address, maybe a date."""
    return bool(_ENVELOPE.fullmatch(line.rstrip(b"\r\n")))


def _lines(file: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """The file's lines with their endings, numbered from 1, leading blank lines skipped."""
    started = False
    for number, line in enumerate(file, 1):
        if not started:
            line = line.removeprefix(_BOM) if number == 1 else line
            if not line.strip():
                continue
            started = True
        yield number, line
