"""Bad, odd and hostile chat files: each read the same way, or refused with one sentence."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.importers.whatsapp import read_whatsapp
from boundary_desk.importers.whatsapp_chat import inspect_chat
from tests.importers.whatsapp_files import Line, android, ios, write, zipped

LONDON = ZoneInfo("Europe/London")
CHAT: list[Line] = [
    ("02/03/2026", "09:15:00", "Dana", "Can we move Tuesday?"),
    ("02/03/2026", "09:15:00", "Dana", "\u200eimage omitted"),
    ("02/03/2026", "09:20:00", "Me", "Yes: 4pm works\nsee you then"),
]


def keys(path: Path, zone: ZoneInfo = LONDON, order: str = "day-first") -> list[str]:
    return [m.source_key for m in read_whatsapp(path, zone=zone, date_order=order)]


def bodies(path: Path) -> list[str]:
    return [m.body for m in read_whatsapp(path, zone=LONDON, date_order="day-first")]


def test_bom_crlf_lone_cr_and_mixed_line_ends_read_alike(tmp_path: Path) -> None:
    plain = android([(d, t[:5], a, x) for d, t, a, x in CHAT])
    expected = bodies(write(tmp_path, plain, "plain.txt"))
    assert expected == ["Can we move Tuesday?", "", "Yes: 4pm works\nsee you then"]
    variants = {
        "bom.txt": "\ufeff" + plain,
        "crlf.txt": plain.replace("\n", "\r\n"),
        "cr.txt": plain.replace("\n", "\r"),
        "mixed.txt": plain.replace("\n", "\r\n", 2),
    }
    for name, text in variants.items():
        assert bodies(write(tmp_path, text, name)) == expected, name


def test_a_crlf_split_between_chunks_is_one_line_end(tmp_path: Path) -> None:
    first = "02/03/2026, 09:15 - Dana: " + "x" * ((1 << 16) - 27) + "\r"
    assert len(first.encode()) == 1 << 16
    path = write(tmp_path, first + "\n02/03/2026, 09:16 - Dana: next\r\n")
    assert [len(b) for b in bodies(path)] == [(1 << 16) - 27, 4]


def test_invalid_utf8_is_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(
        b"02/03/2026, 09:15 - Dana: caf\xe9 \xff\xfe ok\n02/03/2026, 09:16 - Dana: \xc3\n"
    )
    reading = read_whatsapp(path, zone=LONDON, date_order="day-first")
    assert [m.body for m in reading] == ["caf\ufffd \ufffd\ufffd ok", "\ufffd"]
    assert reading.summary.replaced_bytes == 4


def test_an_export_saved_again_as_utf16_reads(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(android([("02/03/2026", "09:15", "Dana", "hé")]).encode("utf-16"))
    assert bodies(path) == ["hé"]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_an_empty_export_gets_a_sentence(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Dana.txt"
    path.write_bytes(data)
    with pytest.raises(WrongKind, match="empty"):
        list(read_whatsapp(path, zone=LONDON, date_order="day-first"))


def test_an_empty_chat_in_a_zip_gets_a_sentence(tmp_path: Path) -> None:
    path = zipped(tmp_path, "")
    with pytest.raises(UnreadableImport, match="empty: it holds no messages"):
        list(read_whatsapp(path, zone=LONDON, date_order="day-first"))


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"BEGIN:VCARD\nFN:Dana\nEND:VCARD\n", "contact cards"),
        (b"<?xml version='1.0'?><smses count='0'></smses>", "SMS Backup & Restore"),
        (b"Dear Dana,\nthanks for today.\n", "text file of another kind"),
    ],
)
def test_a_file_that_is_not_a_chat_says_what_it_looks_like(
    data: bytes, looks_like: str, tmp_path: Path
) -> None:
    path = tmp_path / "WhatsApp Chat with Dana.txt"
    path.write_bytes(data)
    with pytest.raises(WrongKind, match=looks_like):
        read_whatsapp(path, zone=LONDON, date_order="day-first")
    with pytest.raises(WrongKind, match=looks_like):
        inspect_chat(path)


def test_a_chat_whose_first_line_is_no_message_is_broken_at_line_one(tmp_path: Path) -> None:
    # The start of the export is missing: its first message's date and author are lost.
    text = "and so on\n" + android([(d, t[:5], a, x) for d, t, a, x in CHAT])
    path = write(tmp_path, text)
    with pytest.raises(BrokenFile) as raised:
        list(read_whatsapp(path, zone=LONDON, date_order="day-first"))
    assert raised.value.where == "line 1"
    assert raised.value.records_read == 0
    assert "and so on" not in str(raised.value)


def test_blank_lines_before_the_first_message_are_passed_over(tmp_path: Path) -> None:
    text = "\n\n" + android([(d, t[:5], a, x) for d, t, a, x in CHAT])
    assert len(bodies(write(tmp_path, text))) == 3


def test_the_ios_zip_is_read_from_the_archive_without_its_media(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = zipped(tmp_path, ios(CHAT))
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def recording_open(self: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object) -> object:
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    before = set(tmp_path.iterdir())
    reading = read_whatsapp(path, zone=LONDON, date_order="day-first")
    messages = list(reading)
    assert reading.kind is SourceKind.WHATSAPP_ZIP
    assert [m.body for m in messages] == [
        "Can we move Tuesday?",
        "",
        "Yes: 4pm works\nsee you then",
    ]
    assert messages[1].attachments == ("photo",)
    assert {m.conversation for m in messages} == {"Dana"}
    assert set(opened) == {"_chat.txt"}
    assert set(tmp_path.iterdir()) == before  # nothing extracted


def test_an_android_zip_with_a_single_chat_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Dana.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "WhatsApp Chat with Dana.txt", android([("02/03/2026", "09:15", "Dana", "hi")])
        )
        archive.writestr("IMG-20260302-WA0001.jpg", b"\xff\xd8")
    assert bodies(path) == ["hi"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat - Dana.zip"
    line = android([("02/03/2026", "09:15", "Dana", "hi")]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", line + b" " * (20 << 20))
    assert path.stat().st_size < 1 << 20
    with pytest.raises(UnreadableImport, match="far more than any chat's text"):
        list(read_whatsapp(path, zone=LONDON, date_order="day-first"))


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"a.jpg": b"\xff\xd8"}, "no WhatsApp chat"),
        ({"one/_chat.txt": b"x", "two/_chat.txt": b"y"}, "several text files"),
    ],
)
def test_a_zip_without_one_chat_gets_a_sentence(
    members: dict[str, bytes], message: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(UnreadableImport, match=message):
        list(read_whatsapp(path, zone=LONDON, date_order="day-first"))


def test_a_zip_whose_chat_is_damaged_is_refused_whole(tmp_path: Path) -> None:
    lines = [
        ("02/03/2026", "09:15", "Dana", f"message {n} {n * 7919 % 10007}") for n in range(3000)
    ]
    path = zipped(tmp_path, android(lines))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("_chat.txt")
    data = bytearray(path.read_bytes())
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    for offset in range(middle, middle + 40):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    read: list[str] = []
    # Deflate decodes the damage into plausible lines; only the checksum at the end
    # tells, so nothing at all is yielded.
    with pytest.raises(UnreadableImport, match="damaged") as raised:
        for message in read_whatsapp(path, zone=LONDON, date_order="day-first"):
            read.append(message.body)
    assert read == []
    assert "message" not in str(raised.value)
    with pytest.raises(UnreadableImport, match="damaged"):
        inspect_chat(path)


def test_reimporting_the_same_or_a_longer_export_gives_the_same_keys(tmp_path: Path) -> None:
    first = [*CHAT, CHAT[2]]  # the same words again in the same minute
    longer = [*first, ("03/03/2026", "08:00:00", "Dana", "thanks")]
    short_keys = keys(write(tmp_path, ios(first), "WhatsApp Chat - Dana.txt"))
    assert len(set(short_keys)) == 4  # the repeat is its minute's second occurrence
    again = keys(write(tmp_path, ios(first), "WhatsApp Chat - Dana (1).txt"))
    longer_keys = keys(zipped(tmp_path, ios(longer)))
    on_android = android([(d, t[:5], a, x) for d, t, a, x in longer])
    android_keys = keys(write(tmp_path, on_android, "WhatsApp Chat with Dana.txt"))
    assert again == short_keys
    assert longer_keys[:4] == short_keys
    assert android_keys == longer_keys
    # The zone chosen doesn't change a key: it is built from the minute as written.
    same = write(tmp_path, ios(first), "WhatsApp Chat - Dana.txt")
    assert keys(same, ZoneInfo("Asia/Jerusalem")) == short_keys


def test_the_same_words_in_another_chat_get_another_key(tmp_path: Path) -> None:
    dana = keys(write(tmp_path, ios(CHAT), "WhatsApp Chat - Dana.txt"))
    group = keys(write(tmp_path, ios(CHAT), "WhatsApp Chat - Tuesday group.txt"))
    assert not set(dana) & set(group)


def test_a_large_chat_is_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Dana.txt"
    with path.open("w", encoding="utf-8") as file:
        for n in range(5_000):
            file.write(f"02/03/2026, {n // 60 % 24:02}:{n % 60:02} - Dana: line {n} ")
            file.write("w" * 2_000 + "\nand a second line\n")
    assert path.stat().st_size > 9 << 20
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_whatsapp(path, zone=LONDON, date_order="day-first"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5_000
    assert peak < 2 << 20, f"peak {peak / (1 << 20):.1f} MB"
