"""Every real WhatsApp sample reads whole, checked against an independent count."""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.whatsapp import read_whatsapp
from boundary_desk.importers.whatsapp_chat import inspect_chat
from boundary_desk.importers.whatsapp_time import DateOrder
from tests.importers.samples import params

UTC_ZONE = ZoneInfo("UTC")
# A header, found with a pattern of its own: date, time, then "] " or " - ".
HEADER = re.compile(
    r"^\u200e?\[?(\d{1,4})[./](\d{1,2})[./](\d{2,4}),? (\d{1,2}):(\d{2})(?::\d{2})?"
    r"(?: ?([ap])\. ?m\.)?(?:\] | - )(.*)$"
)
SAMPLES = params("whatsapp")


def headers(path: Path) -> list[re.Match[str]]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [found for line in lines if (found := HEADER.match(line))]


def expected_order(path: Path) -> DateOrder:
    """What the file's name says its dates are (the two without a layout in the name
    are read from their first lines: 20.06.19 and 15.04.2016)."""
    name = path.name
    if "yyyymmdd" in name:
        return DateOrder.YEAR_FIRST
    if "mmdd" in name:
        return DateOrder.MONTH_FIRST
    return DateOrder.DAY_FIRST


def is_message(rest: str) -> bool:
    """An author before a colon, and not the encryption notice some chats put under one."""
    return ":" in rest and "end-to-end encrypted" not in rest


@pytest.mark.parametrize("path", SAMPLES)
def test_each_sample_is_a_chat_and_its_date_order_is_inferred(path: Path) -> None:
    facts = inspect_chat(path)
    assert recognise(path) is SourceKind.WHATSAPP_TEXT
    assert facts.date_order is expected_order(path)
    assert facts.decided
    assert facts.entries == len(headers(path))


@pytest.mark.parametrize("path", SAMPLES)
def test_each_sample_yields_every_message_and_counts_the_rest(path: Path) -> None:
    found = headers(path)
    messages_expected = [h for h in found if is_message(h.group(7))]
    reading = read_whatsapp(path, zone=UTC_ZONE, date_order=expected_order(path))
    messages = list(reading)

    assert len(messages) == len(messages_expected)
    summary = reading.summary
    assert summary.records == len(found)
    assert summary.contacts == len(messages)
    assert sum(summary.skipped.values()) == len(found) - len(messages)
    assert summary.replaced_bytes == 0
    for message, header in zip(messages, messages_expected, strict=True):
        author = header.group(7).split(":", 1)[0]
        assert message.sender == author
        assert message.names == (author,)
        assert author in message.handles
        assert message.direction is None
        assert message.channel is ContactChannel.TEXT
        assert message.instant.tzinfo is UTC
        assert message.instant.minute == int(header.group(5))
        hour = int(header.group(4)) % 12 + (12 if header.group(6) == "p" else 0)
        assert message.instant.hour == (hour if header.group(6) else int(header.group(4)))
        year = header.group(1) if len(header.group(1)) == 4 else header.group(3)
        assert message.instant.year == (int(year) if len(year) == 4 else 2000 + int(year))


@pytest.mark.parametrize("path", SAMPLES)
def test_participants_come_in_order_of_first_appearance(path: Path) -> None:
    authors: list[str] = []
    counts: dict[str, int] = {}
    for header in headers(path):
        if is_message(header.group(7)):
            author = header.group(7).split(":", 1)[0]
            if author not in counts:
                authors.append(author)
            counts[author] = counts.get(author, 0) + 1
    facts = inspect_chat(path)
    assert [p.name for p in facts.participants] == authors
    assert [p.messages for p in facts.participants] == [counts[a] for a in authors]


@pytest.mark.parametrize("path", params("whatsapp", "*chat_ios_2024*"))
def test_the_ios_sample_keeps_its_lines_and_notes_its_media(path: Path) -> None:
    messages = list(read_whatsapp(path, zone=ZoneInfo("Europe/Zurich"), date_order="day-first"))
    kinds = [m.attachments for m in messages if m.attachments]
    assert kinds == [("photo",), ("video",), ("audio",), ("file",)]
    multi = [m for m in messages if m.body.startswith("Come on...")]
    assert multi[0].body == "Come on...\ndon't be so mysterious and show us!"
    poll = next(m for m in messages if m.body.startswith("POLL:"))
    assert poll.body.count("\n") == 6  # the LF-only lines join like the CRLF ones
    assert messages[0].instant.isoformat() == "2019-06-20T13:58:53+00:00"  # 15:58 CEST


@pytest.mark.parametrize("path", params("whatsapp", "*12hrs*"))
def test_twelve_hour_times_with_spanish_markers(path: Path) -> None:
    messages = list(read_whatsapp(path, zone=UTC_ZONE, date_order="month-first"))
    assert [m.instant.strftime("%m/%d/%Y %H:%M") for m in messages[:3]] == [
        "01/01/2019 11:25",
        "01/20/2019 11:23",
        "01/30/2019 20:49",  # 08:49 p. m.
    ]
