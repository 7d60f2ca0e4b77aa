"""Every real e-mail sample, read and checked against counts taken from the file itself."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import olefile
import pytest

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers.email_outlook_props import TOP_LEVEL_HEADER, Properties
from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import SourceKind
from tests.importers.samples import params, sample_files, samples_folder

needs_samples = pytest.mark.skipif(samples_folder() is None, reason="samples folder absent")


def _sample(kind: str, name: str) -> Path:
    folder = samples_folder()
    assert folder is not None
    return folder / kind / name


def _grep(path: Path, pattern: bytes) -> list[bytes]:
    return re.findall(pattern, path.read_bytes(), re.MULTILINE | re.IGNORECASE)


@pytest.mark.parametrize("path", params("mbox") + params("eml"))
def test_each_message_is_counted_once_and_has_what_the_file_says(path: Path) -> None:
    reading = read_email(path)
    messages = list(reading)
    summary = reading.summary
    # Independent counts: header lines at the start of a line, read with a regex.
    senders = _grep(path, rb"^From: ")
    months = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    dates = _grep(path, rb"^Date: (?:\w{3}, )?\d{1,2} " + months + rb" \d{4} \d")
    ids = {m.strip(b"<> \r").decode() for m in _grep(path, rb"^Message-ID:\s*(\S+)")}
    forwarded = len(_grep(path, rb"^-+ ?Forwarded message"))
    assert summary.records == len(senders) - forwarded
    assert summary.contacts == len(messages) == summary.records - sum(summary.skipped.values())
    assert set(summary.skipped) <= {"unreadable date"}
    # A mailbox's message with no Date header at all is placed at its envelope's date.
    undated = summary.records - len(_grep(path, rb"^Date:")) if path.suffix == ".mbox" else 0
    assert summary.skipped.get("unreadable date", 0) == summary.records - len(dates) - undated
    for message in messages:
        assert message.channel is ContactChannel.EMAIL
        assert message.direction is None
        assert message.instant.tzinfo is UTC
        assert message.sender in message.handles
        assert all(h == h.lower() for h in message.handles)
        assert len(set(message.handles)) == len(message.handles)
        assert message.body not in repr(message) or not message.body
    keys = [m.source_key for m in messages]
    assert len(set(keys)) == len(keys)
    # In these samples a file's messages either all carry a Message-ID or none does.
    assert sum(k.startswith("email-id:") for k in keys) == (len(messages) if ids else 0)


@needs_samples
def test_the_mailbox_with_gmail_envelopes_holds_four_messages_with_their_ids() -> None:
    path = _sample("mbox", "jstedfast__MimeKit__issue1189.mbox")
    messages = list(read_email(path))
    assert len(_grep(path, rb"^From ")) == len(messages) == 4
    grepped = [m.strip(b"<>").decode() for m in _grep(path, rb"^Message-ID: (\S+)")]
    assert [m.conversation for m in messages] == grepped  # no thread: each its own root
    assert [m.subject for m in messages] == [f"Message {n}" for n in range(1, 5)]
    assert [m.body for m in messages] == [f"Body of message {n}." for n in range(1, 5)]
    assert messages[1].attachments == ("file",)  # a .zip
    assert messages[0].instant == datetime(2025, 9, 26, 17, 18, 40, tzinfo=UTC)
    assert messages[0].names == ("Sender", "Recipient")


@needs_samples
def test_an_unquoted_from_in_a_body_does_not_start_a_message() -> None:
    path = _sample("mbox", "python__cpython__mailbox_01.mbox")
    assert len(_grep(path, rb"^From ")) == 2  # the envelope, and "From time to time"
    reading = read_email(path)
    (message,) = reading  # it has no Date header: its envelope's date places it
    assert _grep(path, rb"^Date:") == []
    assert message.instant == datetime(2022, 8, 7, 11, 40, 37, tzinfo=UTC)
    assert reading.summary.records == 1 and reading.summary.skipped == {}


@needs_samples
def test_nested_parts_reusing_one_boundary_still_give_three_messages() -> None:
    path = _sample("mbox", "jstedfast__MimeKit__simple.mbox")
    messages = list(read_email(path))
    assert len(messages) == len(_grep(path, rb"^From - ")) == 3
    assert all(m.body.startswith("Hello world.") for m in messages)
    assert all(m.source_key.startswith("email-content:") for m in messages)  # no Message-ID
    assert messages[0].instant == datetime(2002, 8, 23, 6, 32, 53, tzinfo=UTC)


@needs_samples
def test_japanese_subject_split_over_two_encoded_words_and_iso_2022_jp_body() -> None:
    path = _sample("eml", "jstedfast__MimeKit__messages_japanese.eml")
    (message,) = read_email(path)
    assert message.subject == "日本語メールテスト (testing Japanese emails)"
    assert "日本語が\n正常に\n送れているか\nテスト." in message.body
    assert message.instant == datetime(2015, 7, 21, 16, 2, 29, tzinfo=UTC)
    assert message.names == ("Atsushi Eno", "Jeffrey Stedfast")
    assert message.handles == ("x@x.com",)


@needs_samples
def test_shift_jis_body_and_an_offset_with_a_zone_comment() -> None:
    path = _sample("eml", "mikel__mail__japanese_shift_jis.eml")
    (message,) = read_email(path)
    assert message.body.startswith("あいうえお\n\nこのメールはテスト用のメールです。")
    assert message.instant == datetime(2014, 5, 28, 8, 18, 19, tzinfo=UTC)  # +0900 (JST)
    assert message.handles == ("xxxxxxx@docomo.ne.jp", "unknown@example.com")


@needs_samples
def test_a_date_nobody_can_read_is_skipped_and_counted() -> None:
    path = _sample("eml", "mikel__mail__raw_email_with_bad_date.eml")
    assert _grep(path, rb"^Date: (.*)") == [b"Pn, 29 paX 2007 21:13:00 +0100\r"]
    reading = read_email(path)
    assert list(reading) == []
    assert (reading.summary.records, reading.summary.skipped) == (1, {"unreadable date": 1})


@needs_samples
def test_raw_utf8_headers_are_read_as_utf8(tmp_path: Path) -> None:
    path = _sample("eml", "mikel__mail__rfc6532_utf8_headers.eml")
    reading = read_email(path)
    assert list(reading) == [] and reading.summary.skipped == {"unreadable date": 1}
    dated = tmp_path / "dated.eml"  # the same bytes, with the Date the sample lacks
    dated.write_bytes(b"Date: Mon, 1 Jan 2024 09:00:00 +0100\r\n" + path.read_bytes())
    (message,) = read_email(dated)
    assert message.sender == "jdöe@mächine.example"
    assert message.handles == ("jdöe@mächine.example", "märy@exämple.net")
    assert message.names == ("Jöhn Doe", "Märy Smith")
    assert message.subject == "Säying Hello"
    assert message.body == "body"


@needs_samples
def test_an_eml_starting_with_an_envelope_and_an_undecodable_attachment_name() -> None:
    path = _sample("eml", "mikel__mail__attachment_with_encoded_name.eml")
    reading = read_email(path)
    # It starts with an mbox "From " line: a mailbox of one message, read the same either way.
    assert reading.kind is SourceKind.MBOX
    (message,) = reading
    assert read_email(path, expected=SourceKind.EMAIL).summary.kind is SourceKind.MBOX
    assert message.attachments == ("audio",)  # name*=iso-2022-jp'ja'...Pitbull.mp3
    assert message.conversation == "F6E2D0B4-CC35-4A91-BA4C-C7C712B10C13@mac.com"
    assert message.handles == ("xxxxxxxxx.xxxxxxx@gmail.com", "xxxxx@xxxxxxxxx.com")
    assert message.body.startswith("We should not include these files or vcards")
    assert "\r" not in message.body
    assert message.instant == datetime(2005, 5, 8, 19, 9, 11, tzinfo=UTC)


OUTLOOK_ITEMS = {
    "aquasync__ruby-msg__Swetlana_Novikova.msg": "a contact card",
    "aquasync__ruby-msg__contact-unicode.msg": "a contact card",
    "aquasync__ruby-msg__note.msg": "a note",
    "aquasync__ruby-msg__test_Blammo.msg": "a post in a shared folder",
}


@pytest.mark.parametrize("path", params("msg"))
def test_each_outlook_item_is_read_or_refused_by_what_it_is(path: Path) -> None:
    with olefile.OleFileIO(str(path)) as ole:
        item_class = Properties(ole, "", TOP_LEVEL_HEADER).string(0x001A).strip()
    if path.name in OUTLOOK_ITEMS:
        assert not item_class.startswith("IPM.Note")
        with pytest.raises(WrongKind) as raised:
            read_email(path)
        assert (
            str(raised.value) == f"This Outlook item is {OUTLOOK_ITEMS[path.name]}, not an e-mail."
        )
    else:
        assert item_class == "IPM.Note"
        reading = read_email(path)
        assert list(reading) == []  # SOURCES.md: an unsent draft, to "asdf" with no address
        assert (reading.summary.records, reading.summary.skipped) == (1, {"draft": 1})


@needs_samples
def test_the_outlook_drafts_properties_are_read_from_both_streams() -> None:
    path = _sample("msg", "aquasync__ruby-msg__qwerty_1-orig.msg")
    with olefile.OleFileIO(str(path)) as ole:
        item = Properties(ole, "", TOP_LEVEL_HEADER)
        assert item.string(0x0037) == "qwerty"  # an 8-bit (001E) subject
        assert item.string(0x1035).endswith("@sydexmail1.freehills.com.au>")
        assert item.string(0x0E04) == "asdf"  # the trailing NUL is dropped
        assert item.time(0x0039) is None
        delivered = item.time(0x0E06)
        assert delivered is not None and delivered.tzinfo is UTC
        assert 2000 < delivered.year < 2010
        (recipient,) = item.children("__recip_version1.0_#")
        assert Properties(ole, recipient, 8).string(0x3001) == "asdf"


def test_every_sample_kind_is_covered() -> None:
    found = {p.parent.name for k in ("eml", "mbox", "msg") for p in sample_files(k)}
    assert found in ({"eml", "mbox", "msg"}, set())
