"""Every real SMS Backup & Restore sample reads whole, checked against an independent count."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers.problems import BrokenFile, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome
from boundary_desk.importers.sbr import read_sbr
from tests.importers.samples import params

RECORD = re.compile(r"<(sms|mms)\b(.*?)(/>|</mms>)", re.DOTALL)
CALL = re.compile(r"<call\b([^>]*)/>")


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return html.unescape(found.group(1)) if found else None


def expected_records(path: Path) -> list[tuple[str, str]]:
    """(tag, start tag's attributes) for each record, found by regex, not by the reader."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [(m.group(1), m.group(2).split(">", 1)[0]) for m in RECORD.finditer(text)]


WELL_FORMED_SMS = [p for p in params("sms", "*.xml") if "malformed" not in str(p.values[0])]


@pytest.mark.parametrize("path", WELL_FORMED_SMS)
def test_each_message_sample_reads_every_record(path: Path) -> None:
    records = expected_records(path)
    sent_or_received = [
        (tag, attrs)
        for tag, attrs in records
        if attribute(attrs, "type" if tag == "sms" else "msg_box") in {"1", "2"}
    ]

    reading = read_sbr(path)
    messages = list(reading)

    assert recognise(path) is SourceKind.SBR_MESSAGES
    assert reading.summary.records == len(records)
    assert len(messages) == len(sent_or_received)
    assert sum(reading.summary.skipped.values()) == len(records) - len(sent_or_received)
    for message, (tag, attrs) in zip(messages, sent_or_received, strict=True):
        millis = int(attribute(attrs, "date") or "0")
        assert message.instant == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=millis)
        assert message.instant.tzinfo is UTC
        code = attribute(attrs, "type" if tag == "sms" else "msg_box")
        assert message.direction is (Direction.IN if code == "1" else Direction.OUT)
        assert message.channel is ContactChannel.TEXT
        assert attribute(attrs, "address") in message.handles
        if tag == "sms":
            assert message.body == (attribute(attrs, "body") or "")


@pytest.mark.parametrize("path", WELL_FORMED_SMS)
def test_declared_count_is_compared_with_what_was_read(path: Path) -> None:
    declared = re.search(r'<smses count="(\d+)"', path.read_text(encoding="utf-8"))
    reading = read_sbr(path)
    list(reading)
    assert declared is not None
    assert reading.summary.declared_count == int(declared.group(1))
    assert reading.summary.count_disagrees is (int(declared.group(1)) != reading.summary.records)


@pytest.mark.parametrize("path", params("sms", "*minimal_mms.xml"))
def test_an_mms_notes_its_photo_and_keeps_its_text(path: Path) -> None:
    (message,) = read_sbr(path)
    assert message.attachments == ("photo",)  # the SMIL part is layout, not an attachment
    assert message.body == "Hello from MMS!"
    assert message.sender == "+15559876543"  # the addr with type 137
    assert set(message.handles) == {"+15559876543", "+15551234567"}
    assert "Hello" not in repr(message)


@pytest.mark.parametrize("path", params("sms", "*sample_mms.xml"))
def test_attachment_kinds_follow_their_content_types(path: Path) -> None:
    kinds = [m.attachments for m in read_sbr(path)]
    assert kinds == [("photo",), ("video",), ("audio",), ("document",)]


@pytest.mark.parametrize("path", params("sms", "*mixed.xml"))
def test_a_draft_is_not_a_contact(path: Path) -> None:
    reading = read_sbr(path)
    messages = list(reading)
    assert reading.summary.skipped == {"draft": 1}
    assert "+15559990001" not in {h for m in messages for h in m.handles}


@pytest.mark.parametrize("path", params("sms", "*AndroidSMSBackupRestoreCleaner*"))
def test_exact_duplicates_share_one_source_key(path: Path) -> None:
    first, second = read_sbr(path)
    assert first.source_key == second.source_key
    assert first.record == 1 and second.record == 2


@pytest.mark.parametrize("path", params("sms", "*malformed.xml"))
def test_the_malformed_sample_says_where_it_breaks(path: Path) -> None:
    reading = read_sbr(path)
    with pytest.raises(BrokenFile) as raised:
        list(reading)
    assert raised.value.where == "line 4"
    assert raised.value.records_read == 0
    assert "This is fine" not in str(raised.value)


@pytest.mark.parametrize("path", params("calls", "*.xml"))
def test_each_call_sample_reads_every_call_or_is_refused(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "<calls" not in text:
        with pytest.raises(WrongKind, match="Super Backup"):
            read_sbr(path)
        return
    calls = CALL.findall(text)
    outcomes = {"1": CallOutcome.ANSWERED, "3": CallOutcome.MISSED}

    reading = read_sbr(path)
    found = list(reading)

    assert recognise(path) is SourceKind.SBR_CALLS
    assert len(found) == len(calls) == reading.summary.records
    for call, attrs in zip(found, calls, strict=True):
        assert call.duration == timedelta(seconds=int(attribute(attrs, "duration") or "0"))
        number = attribute(attrs, "number")
        assert call.handles == (() if number == "-1" else (number,))
        code = attribute(attrs, "type")
        assert call.direction is (Direction.OUT if code == "2" else Direction.IN)
        if code in outcomes:
            assert call.outcome is outcomes[code]
        elif code == "2":
            expected = (
                CallOutcome.NOT_ANSWERED
                if call.duration == timedelta(0)
                else (CallOutcome.ANSWERED)
            )
            assert call.outcome is expected


@pytest.mark.parametrize("path", params("calls", "*NOT-SBR*"))
def test_another_apps_call_log_is_recognised_as_not_sbr(path: Path) -> None:
    with pytest.raises(WrongKind) as raised:
        recognise(path)
    assert "Super Backup" in str(raised.value)
    assert "SMS Backup & Restore" in str(raised.value)


@pytest.mark.parametrize("path", params("calls", "*minimal_calls.xml"))
def test_a_call_log_is_refused_where_messages_were_expected(path: Path) -> None:
    with pytest.raises(WrongKind, match="call log"):
        read_sbr(path, expected=SourceKind.SBR_MESSAGES)
