"""Property tests: whatever bytes a file holds, a reader either yields records or raises
one of the importers' own errors (UnreadableImport), never anything else."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind
from boundary_desk.importers.recognise import recognise
from boundary_desk.importers.sbr import read_sbr
from boundary_desk.importers.vcard import read_vcards
from boundary_desk.importers.whatsapp import read_whatsapp
from boundary_desk.importers.whatsapp_chat import inspect_chat
from boundary_desk.importers.whatsapp_time import DateOrder
from tests.importers.samples import sample_files
from tests.importers.test_whatsapp_samples import headers, is_message

FUZZ = settings(max_examples=150, deadline=None, database=None)

_XML_PIECES = st.sampled_from([
    "<?xml version='1.0' encoding='UTF-8' ?>", "<smses count=\"2\">", "</smses>", "<calls>",
    "</calls>", "<sms ", "<mms ", "<call ", "/>", ">", "</mms>", "<parts>", "</parts>",
    "<part ct=\"image/png\" data=\"QUJD\" />", "<part ct=\"text/plain\" text=\"hi\"/>",
    "<addrs>", "<addr address=\"+1555\" type=\"137\"/>", "</addrs>", 'date="1700000000000" ',
    'date="1512226167" ', 'date="99999999999999999999999" ', 'date="²" ', 'count="²"',
    'type="1" ', 'type="2" ', 'type="3" ', 'msg_box="1" ', 'address="+1~+2" ',
    'body="x &amp; y" ', 'duration="-5" ', 'number="-1" ', "&#55357;", "&#56832;", "&#0;",
    "&lol;", "<!DOCTYPE smses>", "<!-- c -->", "\ufeff", "\r\n", " ", "\x00", "é", '"',
])  # fmt: skip
_CARD_PIECES = st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "FN", "N", "TEL", "EMAIL", "IMPP", "URL",
    "X-SOCIALPROFILE", "item1.", ";", ":", "=", ",", '"', "\\", "\r\n", "\n", " ", "\t",
    "CHARSET=ISO-8859-1", "CHARSET=bogus", "CHARSET=rot13", "ENCODING=QUOTED-PRINTABLE",
    "QUOTED-PRINTABLE", "=C3=91", "=\r\n", "=ZZ", "TYPE=twitter", "X-USER=", "tel:",
    "mailto:", "xmpp:", "é", "\xff",
])  # fmt: skip


_CHAT_PIECES = st.sampled_from([
    "20/06/2019, 15:58 - ", "[20.06.19, 15:58:47] ", "6/20/19, 3:58\u202fPM - ", "2019-06-20, ",
    "25/10/2026, 01:30 - ", "29/03/2026, 01:30 - ", "31/02/2026, 10:00 - ", "99/99/99, 99:99 - ",
    "12:00 AM", "a. m.", "Dana: ", "Sam:", ": ", ":", "[", "]", " - ", "/", ".", ",", " ", "\u200e",
    "\u200f", "\ufeff", "\r\n", "\n", "\r", "\xff", "<Media omitted>", "image omitted",
    "<attached: 00000001-PHOTO-x.jpg>", " (file attached)", "document omitted", "Missed voice call",
    "Voice call, ", "12 min", "No answer", "This message was deleted", "created group", "added",
    "Messages and calls are end-to-end encrypted", "<This message was edited>", "é", "0", "13",
])  # fmt: skip
_ZONE = ZoneInfo("Europe/London")


def _as_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


CHAT_FILES = st.one_of(
    st.binary(max_size=300),
    st.lists(_CHAT_PIECES | st.text(max_size=4), max_size=40)
    .map("".join)
    .map(lambda t: t.encode("utf-8", "surrogatepass").replace("\xff".encode(), b"\xff")),
)
XML_FILES = st.one_of(
    st.binary(max_size=400),
    st.lists(_XML_PIECES | st.text(max_size=4), max_size=40).map("".join).map(_as_bytes),
)
CARD_FILES = st.one_of(
    st.binary(max_size=400),
    st.lists(_CARD_PIECES | st.text(max_size=4), max_size=40)
    .map("".join)
    .map(lambda t: t.encode("utf-8", "surrogatepass").replace("\xff".encode(), b"\xff")),
)


def _file_with(data: bytes) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name, "fuzz")
    path.write_bytes(data)
    return folder, path


@FUZZ
@given(XML_FILES)
@example(b"<smses count='1'><sms date='\xc2\xb2' type='1'/></smses>")
@example(b"<?xml version='1.0' encoding='UTF-16'?><smses/>")
@example(b"<?xml version='1.0' encoding='bogus'?><smses/>")
@example(b"<smses><sms date='1' type='1' address='&#55357;'/></smses>")
def test_message_backups_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data)
    with folder:
        try:
            for message in read_sbr(path):
                assert message.instant.tzinfo is not None
        except UnreadableImport as problem:
            assert problem.message


@FUZZ
@given(CARD_FILES)
@example(b"BEGIN:VCARD\nFN;CHARSET=rot13:x\nEND:VCARD\n")
@example(b"BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=\n")
def test_contact_files_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data)
    with folder:
        try:
            for card in read_vcards(path):
                assert isinstance(card.display_name, str)
        except UnreadableImport as problem:
            assert problem.message


@FUZZ
@given(st.one_of(st.binary(max_size=300), XML_FILES, CARD_FILES))
@example(b"PK\x03\x04" + b"\x00" * 40)
@example(b"\xff\xfe<\x00s\x00")
def test_recognition_fails_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data)
    with folder:
        try:
            recognise(path)
        except UnreadableImport as problem:
            assert problem.message


def _cut_samples(kind: str, pattern: str) -> list[bytes]:
    return [p.read_bytes() for p in sample_files(kind, pattern) if "malformed" not in p.name]


_RECORD_END = re.compile(rb"<(?:sms|call)\b[^>]*/>|</mms>")
REAL_EXPORTS = _cut_samples("sms", "*.xml") + _cut_samples("calls", "*.xml")
REAL_CARDS = _cut_samples("vcard", "*.vcf")


@pytest.mark.skipif(not REAL_EXPORTS, reason="samples folder absent")
@FUZZ
@given(st.data())
def test_a_real_backup_cut_anywhere_keeps_what_was_whole(data: st.DataObject) -> None:
    whole = data.draw(st.sampled_from(REAL_EXPORTS))
    cut = data.draw(st.integers(0, len(whole)))
    folder, path = _file_with(whole[:cut])
    read = []
    with folder:
        try:
            reading = read_sbr(path)
            read.extend(reading)
        except BrokenFile as broken:
            assert broken.records_read == len(_RECORD_END.findall(whole[:cut]))
        except WrongKind:  # cut inside the prolog: not recognisable as a backup any more
            assert not read
        else:
            assert reading.summary.records == len(_RECORD_END.findall(whole))


@pytest.mark.skipif(not REAL_CARDS, reason="samples folder absent")
@FUZZ
@given(st.data())
def test_a_real_card_file_cut_anywhere_keeps_the_whole_cards(data: st.DataObject) -> None:
    whole = data.draw(st.sampled_from(REAL_CARDS))
    cut = data.draw(st.integers(0, len(whole)))
    folder, path = _file_with(whole[:cut])
    read = []
    with folder:
        try:
            read.extend(read_vcards(path))
        except BrokenFile as broken:
            assert broken.records_read == len(read)
        except WrongKind:
            assert not read
        assert len(read) == whole[:cut].upper().count(b"END:VCARD")


_MAIL_PIECES = st.sampled_from([
    "From sender@example.org Tue Nov 14 22:13:20 2023\n", "From - \n", "From time to time\n",
    ">From ", "From: ", "To: ", "Cc: ", "Subject: ", "Date: ", "Message-ID: ", "References: ",
    "Tue, 14 Nov 2023 22:13:20 +0000", "Pn, 29 paX 2007", "-0000", "EST", "<a@b>", "<", ">",
    '"', "a@b.c", "Name", ",", ";", ":", "=?utf-8?q?=C3=A9?=", "=?bogus?b?AAAA?=",
    "=?iso-2022-jp?b?GyRC?=", "MIME-Version: 1.0\n", "Content-Type: multipart/mixed; boundary=x",
    "Content-Type: text/html; charset=bogus", "Content-Transfer-Encoding: base64\n",
    "Content-Disposition: attachment; filename*=iso-2022-jp'ja'%8a.mp3\n", "--x\n", "--x--\n",
    "<p>", "</p>", "<script>", "&amp;", "\n", "\r\n", "\r", "\n\n", " ", "\t", "\ufeff", "é",
    "\xff",
])  # fmt: skip
MAIL_FILES = st.one_of(
    st.binary(max_size=400),
    st.lists(_MAIL_PIECES | st.text(max_size=4), max_size=50)
    .map("".join)
    .map(lambda t: t.encode("utf-8", "surrogatepass").replace("\xff".encode(), b"\xff")),
)


@FUZZ
@given(MAIL_FILES)
@example(b"From x\n\n")
@example(b"Date: 1 Jan 2024 00:00 +0000\nContent-Type: text/html\n\n<![<")
@example(b"From x Mon\nFrom: <>\nDate: Mon, 1 Jan 1 00:00:00 +2359\n\nhi\n")
@example(b"Subject: =?\x80-2022-jp?B?GyRC?=\nDate: 1 Jan 2024 00:00 +0000\nFrom: a@b\n\nx\n")
@example(b"Subject: =?utf-8?q?=C3?=\nDate: 1 Jan 2024 00:00 +0000\nFrom: a@b\n\n" + b"\xff" * 3)
def test_mail_files_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data)
    with folder:
        try:
            for message in read_email(path):
                assert message.instant.tzinfo is not None
                assert all(h == h.lower() for h in message.handles)
        except UnreadableImport as problem:
            assert problem.message


_ENVELOPE_START = re.compile(rb"^From [^\r\n]*\r?\n(?=[!-9;-~]+:)", re.MULTILINE)
_HEADER_END = re.compile(rb"(?:\A|\n)\r?\n")
REAL_MAILBOXES = [
    data for data in _cut_samples("mbox", "*") + _cut_samples("eml", "*")
    if data.startswith(b"From ")
]  # fmt: skip
REAL_OUTLOOK = _cut_samples("msg", "*.msg")


def _whole_in_cut(whole: bytes, cut: int) -> tuple[int, bool]:
    """How many messages of `whole` its first `cut` bytes hold whole, and if it is damaged.

    A message is whole once the next envelope line is complete; the last one begun also
    when the cut ends a line after its header block: an mbox has no end marker.
    """
    starts = [(m.start(), m.end()) for m in _ENVELOPE_START.finditer(whole)]
    text = whole[:cut]
    complete = sum(1 for start, end in starts[1:] if end <= cut)
    begun = [end for start, end in starts if end <= cut]
    last_whole = bool(begun) and text.endswith(b"\n") and bool(_HEADER_END.search(text, begun[-1]))
    if cut == len(whole):
        return len(starts), False
    return complete + last_whole, not last_whole


@pytest.mark.skipif(not REAL_MAILBOXES, reason="samples folder absent")
@FUZZ
@given(st.data())
def test_a_real_mailbox_cut_anywhere_keeps_the_whole_messages(data: st.DataObject) -> None:
    whole = data.draw(st.sampled_from(REAL_MAILBOXES))
    cut = data.draw(st.integers(0, len(whole)))
    expected, damaged = _whole_in_cut(whole, cut)
    folder, path = _file_with(whole[:cut])
    with folder:
        try:
            reading = read_email(path)
            list(reading)
        except BrokenFile as broken:
            assert damaged
            assert broken.records_read == expected
        except UnreadableImport:  # cut inside "From ": not a mailbox, or nothing at all
            assert cut < len(b"From x")
        else:
            assert not damaged
            assert reading.summary.records == expected


@pytest.mark.skipif(not REAL_OUTLOOK, reason="samples folder absent")
@FUZZ
@given(st.data())
def test_a_real_outlook_file_cut_or_scribbled_on_fails_only_with_a_sentence(
    data: st.DataObject,
) -> None:
    whole = bytearray(data.draw(st.sampled_from(REAL_OUTLOOK)))
    if data.draw(st.booleans()):
        whole = whole[: data.draw(st.integers(0, len(whole)))]
    else:
        at = data.draw(st.integers(0, len(whole) - 1))
        whole[at : at + 8] = data.draw(st.binary(min_size=1, max_size=8))
    folder, path = _file_with(bytes(whole))
    with folder:
        try:
            for message in read_email(path):
                assert message.instant.tzinfo is not None
        except UnreadableImport as problem:
            assert problem.message


def _read_chat(path: Path) -> None:
    try:
        facts = inspect_chat(path)
        assert sum(p.messages for p in facts.participants) <= facts.entries
    except UnreadableImport as problem:
        assert problem.message
    for order in DateOrder:
        try:
            reading = read_whatsapp(path, zone=_ZONE, date_order=order)
            for message in reading:
                assert message.instant.utcoffset() is not None
            summary = reading.summary
            assert summary.records == summary.contacts + sum(summary.skipped.values())
        except UnreadableImport as problem:
            assert problem.message


@FUZZ
@given(CHAT_FILES)
@example(b"20/06/2019, 15:58 - Dana: hi\r")
@example(b"[25/10/2026, 01:30:00] Dana: a\n[25/10/2026, 01:10:00] Dana: b")
@example(b"\xff\xfe2\x000\x00")
def test_chat_exports_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data)
    with folder:
        _read_chat(path)


@FUZZ
@given(CHAT_FILES)
def test_zipped_chat_exports_fail_only_with_a_sentence(data: bytes) -> None:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name, "chat.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", data)
        archive.writestr("00000001-PHOTO.jpg", b"\xff\xd8")
    with folder:
        _read_chat(path)


REAL_CHATS = sample_files("whatsapp", "*.txt")


@pytest.mark.skipif(not REAL_CHATS, reason="samples folder absent")
@FUZZ
@given(st.data())
def test_a_real_chat_cut_anywhere_keeps_every_message_before_the_cut(data: st.DataObject) -> None:
    whole = data.draw(st.sampled_from(REAL_CHATS))
    raw = whole.read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    folder, path = _file_with(raw[:cut])
    with folder:
        expected = [h for h in headers(path) if is_message(h.group(7))]
        try:
            reading = read_whatsapp(path, zone=_ZONE, date_order=_ORDERS[whole.name])
            messages = list(reading)
        except WrongKind:  # cut before the first line was whole: empty, or no chat yet
            assert expected == []
            return
        assert len(messages) == len(expected)
        assert [m.sender for m in messages] == [h.group(7).split(":", 1)[0] for h in expected]


_ORDERS = {
    p.name: (
        "year-first" if "yyyymmdd" in p.name else "month-first" if "mmdd" in p.name else "day-first"
    )
    for p in REAL_CHATS
}
