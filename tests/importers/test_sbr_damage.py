"""Damaged, hostile and oddly encoded SMS Backup & Restore files: one clear sentence each."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from boundary_desk.domain.events import Direction
from boundary_desk.importers.problems import BrokenFile, HostileMarkup, WrongKind
from boundary_desk.importers.sbr import read_sbr
from tests.importers.samples import params
from tests.importers.sbr_files import HEAD, backup, mms, sms

RECORD_END = re.compile(rb"<sms\b[^>]*/>|</mms>")


def whole_records_before(data: bytes, cut: int) -> int:
    return sum(1 for m in RECORD_END.finditer(data) if m.end() <= cut)


@pytest.mark.parametrize("path", params("sms", "*sample_small.xml"))
def test_every_truncation_reports_how_many_records_were_whole(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    root_start = data.index(b"<smses")
    cuts = range(data.index(b">", root_start) + 1, len(data) - len(b"</smses>\n"), 37)
    for cut in cuts:
        copy = tmp_path / f"cut-{cut}.xml"
        copy.write_bytes(data[:cut])
        reading = read_sbr(copy)
        read: list[object] = []
        with pytest.raises(BrokenFile) as raised:
            read.extend(reading)
        expected = whole_records_before(data, cut)
        assert raised.value.records_read == expected, cut
        assert len(read) == expected
        assert f"the {expected:,} record" in str(raised.value)
        line = data[:cut].count(b"\n") + 1
        assert raised.value.where == f"line {line:,}"
        for private in ("in Thread", "Contact A", "+1555"):  # no text or handle in the sentence
            assert private not in str(raised.value)


def test_a_file_cut_inside_a_big_attachment_keeps_the_records_before(tmp_path: Path) -> None:
    whole = backup(tmp_path, sms("one"), sms("two"), mms([("+1555", "137")], data="A" * 300_000))
    data = whole.read_bytes()
    whole.write_bytes(data[: data.index(b"AAAA") + 100_000])
    with pytest.raises(BrokenFile) as raised:
        list(read_sbr(whole))
    assert raised.value.records_read == 2


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE smses [\n <!ENTITY lol "lol">\n'
    ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    '<smses count="1"><sms address="1" date="1700000000000" type="1" body="&lol3;" /></smses>\n'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<smses count="1"><sms address="1" date="1700000000000" type="1" body="&x;" /></smses>\n'
)
PLAIN_DOCTYPE = (
    '<?xml version="1.0"?>\n<!DOCTYPE smses SYSTEM "http://example.com/x.dtd">\n<smses/>'
)


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL, PLAIN_DOCTYPE])
def test_hostile_xml_is_refused_unread(text: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HostileMarkup) as raised:
        list(read_sbr(path))
    assert "refused" in str(raised.value)
    assert "root:" not in str(raised.value)


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    path = backup(tmp_path, sms("with a mark"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (message,) = read_sbr(path)
    assert message.body == "with a mark"


def test_bytes_that_are_not_utf8_become_replacement_characters(tmp_path: Path) -> None:
    path = backup(tmp_path, sms("caf\x00"), sms("fine"))
    path.write_bytes(path.read_bytes().replace(b"caf\x00", b"caf\xe9 \xff"))
    reading = read_sbr(path)
    first, second = reading
    assert first.body == "caf\ufffd \ufffd"
    assert second.body == "fine"
    assert reading.summary.replaced_bytes == 2


def test_emoji_written_as_surrogate_halves_are_mended(tmp_path: Path) -> None:
    path = backup(
        tmp_path,
        sms("&#55357;&#56832; ok"),
        sms("&#xD83D;&#xDE00;"),
        sms("lone &#55357; half"),
        sms("real &#55000; CJK"),
    )
    assert [m.body for m in read_sbr(path)] == [
        "😀 ok",
        "😀",
        "lone \ufffd half",
        f"real {chr(55000)} CJK",
    ]


def test_a_surrogate_pair_split_across_read_chunks_is_mended(tmp_path: Path) -> None:
    prefix = HEAD + '<smses count="1">\n'
    before = '  <sms address="1" date="1700000000000" type="1" body="'
    filler = "x" * (65536 - len(prefix) - len(before) - 4)
    path = tmp_path / "split.xml"
    path.write_text(f'{prefix}{before}{filler}&#55357;&#56832;" /></smses>', encoding="utf-8")
    (message,) = read_sbr(path)
    assert message.body.endswith("x😀")


def test_a_count_that_disagrees_is_noted_not_fatal(tmp_path: Path) -> None:
    reading = read_sbr(backup(tmp_path, sms("a"), sms("b"), count=9))
    assert len(list(reading)) == 2
    assert reading.summary.declared_count == 9
    assert reading.summary.count_disagrees


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(WrongKind, match="empty"):
        read_sbr(path)


@pytest.mark.parametrize("path", params("vcard", "*gmail-list.vcf"))
def test_a_contact_file_is_not_read_as_messages(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sms-2024.xml"  # the name says SB&R, the content does not
    shutil.copy(path, copy)
    with pytest.raises(WrongKind, match="contact cards"):
        read_sbr(copy)


def test_group_mms_lists_everyone_and_names_the_sender(tmp_path: Path) -> None:
    received = mms([("+15550000002", "137"), ("+15550000001", "151"), ("+15550000003", "151")])
    sent = mms([("+15550000001", "137"), ("+15550000002", "151")], box="2")
    first, second = read_sbr(backup(tmp_path, received, sent))
    assert first.direction is Direction.IN
    assert first.sender == "+15550000002"
    assert set(first.handles) == {"+15550000001", "+15550000002", "+15550000003"}
    assert first.names == ()  # "(Unknown)" is the app's placeholder, not a name
    assert second.direction is Direction.OUT
    assert second.sender == ""


def test_dates_in_seconds_and_unreadable_dates(tmp_path: Path) -> None:
    reading = read_sbr(
        backup(tmp_path, sms(date="1512226167"), sms(date="bad"), sms(date="0"), sms(kind="9"))
    )
    (message,) = reading
    assert message.instant.year == 2017
    assert reading.summary.skipped == {"unreadable date": 2, "unknown type": 1}


def test_replacements_are_counted_across_chunks_and_a_real_replacement_sign_is_not(
    tmp_path: Path,
) -> None:
    long_text = "é" * 70_000  # two-byte characters, so 64 KB chunks split some of them
    path = backup(tmp_path, sms(long_text), sms("real \ufffd sign"), sms("bad\x00byte"))
    path.write_bytes(path.read_bytes().replace(b"bad\x00byte", b"bad\xffbyte"))
    reading = read_sbr(path)
    first, second, third = reading
    assert first.body == long_text  # whole, though split between chunks
    assert second.body == "real \ufffd sign"
    assert third.body == "bad\ufffdbyte"
    assert reading.summary.replaced_bytes == 1
