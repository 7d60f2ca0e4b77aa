"""E-mail files written by the tests: damage, odd line endings, hostile text, odd dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind
from tests.importers.email_files import mbox, message, write

THREE = mbox(
    message("first", message_id="<a@x>"),
    message("second", message_id="<b@x>"),
    message("third", message_id="<c@x>"),
)


def test_a_mailbox_cut_inside_its_last_message_keeps_the_whole_ones(tmp_path: Path) -> None:
    path = write(tmp_path, THREE[: THREE.index("third") + 3])
    read = []
    with pytest.raises(BrokenFile) as raised:
        read.extend(read_email(path))
    assert [m.body for m in read] == ["first", "second"]
    assert raised.value.records_read == 2
    third_envelope = THREE[: THREE.index("From sender", THREE.index("<b@x>"))].count("\n") + 1
    assert str(raised.value) == (
        f"This mailbox is damaged at line {third_envelope}; the 2 e-mails before that point "
        "were read whole."
    )


def test_a_mailbox_cut_inside_a_header_block_is_damaged_there(tmp_path: Path) -> None:
    cut = THREE[: THREE.index("Subject: Tuesday", THREE.index("<b@x>"))]
    path = write(tmp_path, cut)
    with pytest.raises(BrokenFile) as raised:
        list(read_email(path))
    assert raised.value.records_read == 2


def test_a_mailbox_cut_inside_an_envelope_line_loses_only_what_follows(tmp_path: Path) -> None:
    path = write(tmp_path, THREE + "From sender@exa")
    with pytest.raises(BrokenFile) as raised:
        list(read_email(path))
    assert raised.value.records_read == 2  # the third's last line is the one cut short


def test_crlf_mixed_endings_and_a_bom_read_the_same(tmp_path: Path) -> None:
    plain = [(m.body, m.subject, m.instant) for m in read_email(write(tmp_path, THREE))]
    crlf = write(tmp_path, THREE, "crlf.mbox", newline="\r\n")
    mixed = tmp_path / "mixed.mbox"
    lines = THREE.split("\n")
    mixed.write_bytes(
        "".join(line + ("\r\n" if n % 2 else "\n") for n, line in enumerate(lines[:-1])).encode()
    )
    bom = tmp_path / "bom.mbox"
    bom.write_bytes(b"\xef\xbb\xbf" + THREE.encode())
    for path in (crlf, mixed, bom):
        assert [(m.body, m.subject, m.instant) for m in read_email(path)] == plain
    assert len(plain) == 3


def test_quoted_from_lines_are_unquoted_once(tmp_path: Path) -> None:
    body = ">From the start\n>>From a quote\nFrom time to time"
    path = write(tmp_path, mbox(message(body), message("next")))
    first, second = read_email(path)
    assert first.body == "From the start\n>From a quote\nFrom time to time"
    assert second.body == "next"


@pytest.mark.parametrize("data", [b"", b"  \r\n\n", b"\xef\xbb\xbf\n"])
def test_an_empty_mailbox_says_so(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "empty.mbox"
    path.write_bytes(data)
    with pytest.raises(UnreadableImport, match=r"^This file is empty: it holds no e-mails\.$"):
        read_email(path)


def test_a_message_without_a_message_id_gets_a_stable_key_from_its_content(
    tmp_path: Path,
) -> None:
    one = write(tmp_path, message("same", message_id=None), "one.eml")
    again = write(tmp_path, message("same", message_id=None), "again.eml")
    other = write(tmp_path, message("different", message_id=None), "other.eml")
    (a,), (b,), (c,) = (list(read_email(p)) for p in (one, again, other))
    assert a.source_key == b.source_key != c.source_key
    assert a.source_key.startswith("email-content:")
    assert "same" not in a.source_key and "client" not in a.source_key
    assert a.conversation == ""


def test_the_same_message_id_is_the_same_key_in_a_file_and_in_a_mailbox(tmp_path: Path) -> None:
    (single,) = read_email(write(tmp_path, message("x", message_id="<m1@example.org>"), "m.eml"))
    boxed = next(
        iter(read_email(write(tmp_path, mbox(message("y", message_id=" <m1@example.org> ")))))
    )
    assert single.source_key == boxed.source_key
    assert single.source_key.startswith("email-id:")


def test_markup_in_names_subjects_and_bodies_stays_text(tmp_path: Path) -> None:
    body = "<script>alert(1)</script> &amp; <b>bold</b>"
    text = message(
        body, sender='"<b>Eve</b>" <eve@example.org>', subject="<img src=x onerror=alert(1)>"
    )
    (found,) = read_email(write(tmp_path, text, "m.eml"))
    assert found.names[0] == "<b>Eve</b>"
    assert found.subject == "<img src=x onerror=alert(1)>"
    assert found.body == body  # a plain part is never read as HTML


def test_an_html_only_body_is_reduced_to_its_text(tmp_path: Path) -> None:
    html = (
        "<html><head><style>p{}</style><script>steal()</script></head><body>"
        "<p>Can we move &amp; talk?</p><div>Thanks<br>A</div></body></html>"
    )
    extra = "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8"
    (found,) = read_email(write(tmp_path, message(html, extra=extra), "m.eml"))
    assert found.body == "Can we move & talk?\n\nThanks\nA"  # blocks on their own lines


def test_a_broken_html_declaration_still_gives_the_text(tmp_path: Path) -> None:
    extra = "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8"
    html = "<p>See you</p><![<b>Tuesday</b> &amp; after"
    (found,) = read_email(write(tmp_path, message(html, extra=extra), "m.eml"))
    assert found.body == "See you\n\nTuesday\n& after"


@pytest.mark.parametrize(
    ("declared", "raw", "text"),
    [
        ("", "café ☕".encode(), "café ☕"),  # no charset, UTF-8 bytes
        ("; charset=us-ascii", "café".encode(), "café"),  # 8-bit "in US-ASCII"
        ("; charset=us-ascii", "café".encode("cp1252"), "café"),  # neither: Windows-1252
        ("; charset=x-unheard-of", "café".encode(), "café"),
        ("; charset=iso-8859-1", "café".encode("latin-1"), "café"),
    ],
)
def test_body_bytes_in_no_or_the_wrong_charset_are_read_sensibly(
    declared: str, raw: bytes, text: str, tmp_path: Path
) -> None:
    head = message("", extra=f"MIME-Version: 1.0\nContent-Type: text/plain{declared}")
    path = tmp_path / "m.eml"
    path.write_bytes(head.rstrip("\n").encode() + b"\n\n" + raw + b"\n")
    (found,) = read_email(path)
    assert found.body == text


def test_addresses_are_lower_case_once_each_in_order_with_their_names(tmp_path: Path) -> None:
    extra = (
        "Cc: =?utf-8?q?Ren=C3=A9e?= <RENEE@example.com>, client.a@example.org\n"
        "Bcc: hidden@example.com\nReply-To: Client A <client.a+home@example.org>"
    )
    (found,) = read_email(write(tmp_path, message(extra=extra), "m.eml"))
    assert found.sender == "client.a@example.org"
    assert found.handles == (
        "client.a@example.org",
        "therapist@example.net",
        "renee@example.com",
        "hidden@example.com",
        "client.a+home@example.org",
    )
    assert found.names == ("Client A", "Dr Therapist", "Renée")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Tue, 14 Nov 2023 17:13:20 EST", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("14 Nov 23 14:13:20 PST", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("Tue, 14 Nov 2023 22:13:20 -0000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("Tue, 14 Nov 2023 23:43:20 +0130", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("Tue, 14 Nov 2023 22:13:20 GMT", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
    ],
)
def test_offsets_and_obsolete_zones_give_the_instant(
    date: str, expected: datetime, tmp_path: Path
) -> None:
    (found,) = read_email(write(tmp_path, message(date=date), "m.eml"))
    assert found.instant == expected and found.instant.tzinfo is UTC


def test_bad_dates_are_skipped_and_counted(tmp_path: Path) -> None:
    text = mbox(message(date="yesterday"), message("kept", message_id="<k@x>"))
    reading = read_email(write(tmp_path, text))
    assert [m.body for m in reading] == ["kept"]
    assert reading.summary.records == 2
    assert reading.summary.skipped == {"unreadable date": 1}


def test_a_mailbox_message_with_no_date_takes_its_envelopes_delivery_time(
    tmp_path: Path,
) -> None:
    text = (
        mbox(message("ctime", date=None), envelope="From a@x Sat Jan  3 01:05:34 1996")
        + mbox(message("offset", date=None), envelope="From a@x Tue Nov 14 23:43:20 2023 +0130")
        + mbox(message("bare", date=None), envelope="From MAILER-DAEMON Fri Feb 30 10:00:00 2024")
        + mbox(message("none", date=None), envelope="From - ")
    )
    reading = read_email(write(tmp_path, text))
    found = [(m.body, m.instant) for m in reading]
    assert found == [
        ("ctime", datetime(1996, 1, 3, 1, 5, 34, tzinfo=UTC)),  # no zone: UTC
        ("offset", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
    ]
    assert reading.summary.skipped == {"unreadable date": 2}  # 30 February; no date at all


def test_a_single_e_mail_with_no_date_stays_skipped(tmp_path: Path) -> None:
    reading = read_email(write(tmp_path, message(date=None), "m.eml"))
    assert list(reading) == []
    assert reading.summary.skipped == {"unreadable date": 1}


def test_the_thread_root_is_the_first_reference(tmp_path: Path) -> None:
    extra = "In-Reply-To: <parent@x>\nReferences: <root@x>\n <parent@x>"
    (reply,) = read_email(write(tmp_path, message(extra=extra), "a.eml"))
    (answer,) = read_email(write(tmp_path, message(extra="In-Reply-To: <parent@x>"), "b.eml"))
    assert (reply.conversation, answer.conversation) == ("root@x", "parent@x")


def test_attachments_are_noted_by_kind_only(tmp_path: Path) -> None:
    boundary = "b1"
    parts = [
        ("text/plain; charset=utf-8", "", "See attached"),
        ("image/jpeg", "attachment; filename=p.jpg", "/9j/4AAQ"),
        ("application/octet-stream", 'attachment; filename="report.PDF"', "JVBERi0x"),
        ("application/pkcs7-signature", "attachment", "MIAG"),
        ("message/rfc822", "", "Subject: inner\n\ninner body"),
    ]
    body = "".join(
        f"--{boundary}\nContent-Type: {kind}\n"
        + (f"Content-Disposition: {disposition}\n" if disposition else "")
        + ("Content-Transfer-Encoding: base64\n" if "base64" not in kind and "/9j" in data else "")
        + f"\n{data}\n"
        for kind, disposition, data in parts
    )
    extra = f'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="{boundary}"'
    text = message(body + f"--{boundary}--", extra=extra)
    (found,) = read_email(write(tmp_path, text, "m.eml"))
    assert found.body == "See attached"
    assert found.attachments == ("photo", "document", "e-mail")


def test_nothing_read_from_the_file_reaches_repr(tmp_path: Path) -> None:
    (found,) = read_email(
        write(tmp_path, message("secret body", subject="secret subject"), "m.eml")
    )
    assert "secret" not in repr(found)


def test_files_of_other_kinds_are_refused_naming_what_was_expected(tmp_path: Path) -> None:
    sms = tmp_path / "sms.xml"
    sms.write_text("<?xml version='1.0'?><smses count='0'></smses>", encoding="utf-8")
    with pytest.raises(WrongKind, match=r"SMS Backup & Restore.*an e-mail"):
        read_email(sms)
    eml = write(tmp_path, message(), "m.eml")
    with pytest.raises(WrongKind, match=r"an Outlook item \(\.msg\) was expected"):
        read_email(eml, expected=SourceKind.OUTLOOK_MSG)
    assert read_email(eml, expected=SourceKind.MBOX).kind is SourceKind.EMAIL  # one message


def test_a_damaged_outlook_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "item.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnreadableImport, match="damaged"):
        read_email(path)


def test_parts_nested_thousands_deep_skip_only_that_message(tmp_path: Path) -> None:
    nested = "".join(
        f'Content-Type: multipart/mixed; boundary="b{n}"\n\n--b{n}\n' for n in range(3000)
    )
    deep = message(nested + "Content-Type: text/plain\n\ndeep", extra="MIME-Version: 1.0")
    deep = deep.replace("MIME-Version: 1.0\n\n", "MIME-Version: 1.0\n", 1)  # one header block
    reading = read_email(write(tmp_path, mbox(deep, message("fine", message_id="<f@x>"))))
    assert [m.body for m in reading] == ["fine"]
    assert reading.summary.skipped == {"unreadable message": 1}
