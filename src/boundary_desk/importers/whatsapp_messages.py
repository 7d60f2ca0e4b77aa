"""The messages of a chat export, one at a time: a header line and the lines that follow it.

A line that doesn't start with a date and time continues the message before it: that
is how WhatsApp writes a message of several lines. Memory holds one message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import BrokenFile, at_line
from boundary_desk.importers.whatsapp_header import Stamp, read_header
from boundary_desk.importers.whatsapp_notices import is_group_event
from boundary_desk.system.i18n import _

_MARKS = "\u200e\u200f"
# Longer than any name WhatsApp shows; a longer "author" is a notice holding a colon.
_LONGEST_NAME = 80


@dataclass(frozen=True, slots=True)
class ChatEntry:
    """One entry as written: its line, date and time, author ("" for a notice) and text."""

    line: int  # where its header is, from 1
    number: int  # its position among the entries, from 1
    stamp: Stamp = field(repr=False)
    # Kept out of repr, so a traceback or a log line can never carry a name or words.
    author: str = field(repr=False)
    text: str = field(repr=False)  # continuation lines joined by "\n"


def chat_entries(lines: Iterable[str]) -> Iterator[ChatEntry]:
    """Each entry in file order; `BrokenFile` when the file doesn't start with one."""
    pending: tuple[int, Stamp, str] | None = None
    body: list[str] = []
    number = 0
    for line_number, line in enumerate(lines, start=1):
        header = read_header(line)
        if header is None:
            if pending is None:
                if line.strip(_MARKS + " \t"):
                    # A chat export starts with a message; this one's start is missing.
                    raise _missing_start(line_number)
                continue
            body.append(line)
            continue
        if pending is not None:
            number += 1
            yield _entry(pending, number, body)
        pending, body = (line_number, header.stamp, header.rest), []
    if pending is not None:
        yield _entry(pending, number + 1, body)


def _entry(pending: tuple[int, Stamp, str], number: int, more: list[str]) -> ChatEntry:
    line, stamp, rest = pending
    author, first = _author(rest)
    text = "\n".join([first, *more]).rstrip()
    return ChatEntry(line, number, stamp, author, text)


def _author(rest: str) -> tuple[str, str]:
    """Who wrote it and what, or ("", the notice) when WhatsApp wrote it."""
    if is_group_event(rest):
        return "", rest
    name, colon, text = rest.partition(":")
    name = name.strip(_MARKS + " \u00a0")
    if not colon or not name or len(name) > _LONGEST_NAME:
        return "", rest
    return name, text.removeprefix(" ")


def _missing_start(line: int) -> BrokenFile:
    """The file starts with a line that is no message's: the chat's start is missing."""
    sentence = _(
        "This WhatsApp chat export is damaged at line {line}; the 0 messages before that "
        "point were read whole."
    )
    return BrokenFile(sentence.format(line=whole_number(line)), at_line(line), 0)
