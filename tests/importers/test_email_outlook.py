"""Outlook .msg items written by the tests as real compound files, property by property."""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import recognise
from tests.importers.compound_files import compound_file
from tests.importers.email_files import message, write

SENT = datetime(2024, 3, 5, 21, 30, tzinfo=UTC)
RECIPIENT, ATTACHMENT = "__recip_version1.0_#00000000", "__attach_version1.0_#00000000"


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _fixed(header: int, *entries: tuple[int, bytes]) -> bytes:
    """A `__properties_version1.0` stream: the header, then one 16-byte entry each."""
    packed = (struct.pack("<II", tag, 6) + value.ljust(8, b"\0") for tag, value in entries)
    return b"\0" * header + b"".join(packed)


def _filetime(when: datetime) -> bytes:
    steps = (when - datetime(1601, 1, 1, tzinfo=UTC)) // datetime.resolution * 10
    return struct.pack("<Q", steps)


def _item(tmp_path: Path, streams: dict[str, bytes], name: str = "item.msg") -> Path:
    path = tmp_path / name
    every_item = {"__substg1.0_001A001F": _utf16("IPM.Note"), "__properties_version1.0": _fixed(32)}
    path.write_bytes(compound_file({**every_item, **streams}))
    return path


def test_a_sent_mail_item_gives_its_people_text_and_time(tmp_path: Path) -> None:
    path = _item(tmp_path, {
        "__properties_version1.0": _fixed(
            32,
            (0x00390040, _filetime(SENT)),  # PidTagClientSubmitTime
            (0x0E070003, struct.pack("<I", 1)),  # read, not unsent
            (0x3FFD0003, struct.pack("<I", 1252)),
        ),
        "__substg1.0_0037001F": _utf16("Can we <b>talk</b>?\0"),
        "__substg1.0_0C1F001F": _utf16("/O=ORG/OU=EXCHANGE/CN=RECIPIENTS/CN=CLIENT"),
        "__substg1.0_5D01001F": _utf16("Client.A@Example.org"),
        "__substg1.0_0C1A001E": "Client Ä".encode("cp1252"),
        "__substg1.0_1000001F": _utf16("\r\nLine one\r\nLine two\r\n"),
        "__substg1.0_1035001F": _utf16("<m1@example.org>"),
        "__substg1.0_1042001F": _utf16("<root@example.org>"),
        f"{RECIPIENT}/__properties_version1.0": _fixed(8, (0x0C150003, struct.pack("<I", 1))),
        f"{RECIPIENT}/__substg1.0_39FE001F": _utf16("Therapist@Example.net"),
        f"{RECIPIENT}/__substg1.0_3001001F": _utf16("Dr Therapist"),
        f"{ATTACHMENT}/__properties_version1.0": _fixed(8, (0x37050003, struct.pack("<I", 1))),
        f"{ATTACHMENT}/__substg1.0_3707001F": _utf16("scan.jpeg"),
    })  # fmt: skip
    reading = read_email(path)
    (found,) = reading
    assert found.instant == SENT
    assert found.sender == "client.a@example.org"  # the SMTP address, not the Exchange path
    assert found.handles == ("client.a@example.org", "therapist@example.net")
    assert found.names == ("Client Ä", "Dr Therapist")  # 8-bit, in the item's code page
    assert found.subject == "Can we <b>talk</b>?"
    assert found.body == "Line one\nLine two"
    assert found.attachments == ("photo",)
    assert found.conversation == "root@example.org"
    assert (reading.summary.records, reading.summary.contacts) == (1, 1)
    # The same e-mail saved as .eml instead: the same key, so it is never imported twice.
    (saved,) = read_email(write(tmp_path, message("other text", message_id="<m1@example.org>")))
    assert found.source_key == saved.source_key


def test_an_exchange_item_takes_its_addresses_from_its_internet_headers(tmp_path: Path) -> None:
    headers = (
        "Received: from mx.example.net\r\nFrom: Client A <Client.A@Example.org>\r\n"
        "To: me@example.net, me@example.net\r\nCc: Other <other@example.com>\r\n"
        "Message-ID: <x1@example.org>\r\nReferences: <root@example.org> <x0@example.org>\r\n"
    )
    path = _item(tmp_path, {
        "__properties_version1.0": _fixed(32, (0x0E060040, _filetime(SENT))),
        "__substg1.0_0C1F001F": _utf16("/O=ORG/OU=EXCHANGE/CN=RECIPIENTS/CN=CLIENT"),
        "__substg1.0_007D001F": _utf16(headers),
        "__substg1.0_1013001E": b"<p>Hello &amp; thanks</p><script>x()</script>",
    })  # fmt: skip
    (found,) = read_email(path)
    assert found.instant == SENT  # delivered: PidTagMessageDeliveryTime
    assert found.sender == "client.a@example.org"
    assert found.handles == ("client.a@example.org", "me@example.net", "other@example.com")
    assert found.conversation == "root@example.org"
    assert found.body == "Hello & thanks"  # no plain text: the HTML, reduced to text


def test_an_unsent_item_is_counted_as_a_draft(tmp_path: Path) -> None:
    path = _item(tmp_path, {
        "__properties_version1.0": _fixed(
            32, (0x0E070003, struct.pack("<I", 0x8)), (0x0E060040, _filetime(SENT))
        ),
        "__substg1.0_5D01001F": _utf16("me@example.net"),
    })  # fmt: skip
    reading = read_email(path)
    assert list(reading) == []
    assert reading.summary.skipped == {"draft": 1}


@pytest.mark.parametrize(
    ("item_class", "what"),
    [
        ("IPM.Appointment", "a calendar appointment"),
        ("IPM.Schedule.Meeting.Request", "a meeting request"),
        ("IPM.Task", "a task"),
        ("REPORT.IPM.Note.NDR", "a delivery report"),
    ],
)
def test_items_that_are_not_mail_are_named(item_class: str, what: str, tmp_path: Path) -> None:
    path = _item(tmp_path, {"__substg1.0_001A001F": _utf16(item_class)})
    with pytest.raises(WrongKind) as raised:
        read_email(path)
    assert str(raised.value) == f"This Outlook item is {what}, not an e-mail."


def test_an_item_of_an_unknown_class_is_refused_too(tmp_path: Path) -> None:
    path = _item(tmp_path, {"__substg1.0_001A001F": _utf16("IPM.Custom.Thing")})
    with pytest.raises(WrongKind, match=r"^This Outlook item is not an e-mail\.$"):
        read_email(path)


@pytest.mark.parametrize(
    ("stream", "what"),
    [
        ("WordDocument", "a Word document"),
        ("Workbook", "an Excel workbook"),
        ("PowerPoint Document", "a PowerPoint presentation"),
        ("Contents", "an Office file of another kind"),
    ],
)
def test_office_files_in_the_same_container_are_told_apart(
    stream: str, what: str, tmp_path: Path
) -> None:
    path = tmp_path / "file.msg"
    path.write_bytes(compound_file({stream: b"\0" * 100}))
    with pytest.raises(WrongKind, match=f"looks like {what}, not an export"):
        recognise(path)
