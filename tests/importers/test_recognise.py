"""Each export is told by its content, whatever its name; the rest get one clear sentence."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import KNOWN_FORMATS, SourceKind, recognise
from tests.importers.samples import params, sample_files

EXPECTED = {
    "sms": {SourceKind.SBR_MESSAGES},
    "calls": {SourceKind.SBR_CALLS},
    "vcard": {SourceKind.VCARD},
    "mbox": {SourceKind.MBOX},
    # One .eml starts with an mbox "From " line: a mailbox of one message.
    "eml": {SourceKind.EMAIL, SourceKind.MBOX},
    "msg": {SourceKind.OUTLOOK_MSG},
    "whatsapp": {SourceKind.WHATSAPP_TEXT},
    "telegram": {SourceKind.TELEGRAM},
    "ics": {SourceKind.CALENDAR},
}
KNOWN_SAMPLES = [
    p
    for kind in EXPECTED
    for p in params(kind)
    if p.values[0] is None
    or not str(p.values[0]).endswith((".txt", "NOT-SBR.xml"))
    or kind == "whatsapp"
]


@pytest.mark.parametrize("path", KNOWN_SAMPLES)
def test_each_sample_is_recognised_from_its_content(path: Path, tmp_path: Path) -> None:
    anonymous = tmp_path / "export.dat"  # no extension to go by
    shutil.copy(path, anonymous)
    assert recognise(anonymous) in EXPECTED[path.parent.name]


OTHER_SAMPLES = [
    pytest.param(path, looks_like, id=path.name)
    for kind, pattern, looks_like in [
        ("calls", "*NOT-SBR*", "another app"),
    ]
    for path in sample_files(kind, pattern)
] or [pytest.param(None, "", marks=pytest.mark.skip(reason="samples folder absent"))]


@pytest.mark.parametrize(("path", "looks_like"), OTHER_SAMPLES)
def test_other_files_say_what_they_look_like_and_what_is_known(path: Path, looks_like: str) -> None:
    with pytest.raises(WrongKind) as raised:
        recognise(path)
    assert looks_like in str(raised.value)
    assert str(raised.value).endswith(KNOWN_FORMATS)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"From - \nFrom: a@example.org\n\nhi\n", SourceKind.MBOX),
        (
            b"\xef\xbb\xbf\r\nFrom x@y Mon Jan  1 00:00:00 2024\r\nX_Odd_Name: 1\r\n",
            SourceKind.MBOX,
        ),
        (b"X_Spam_Flag: NO\nSubject: hi\n\nbody\n", SourceKind.EMAIL),
    ],
)
def test_mailboxes_and_messages_are_told_by_their_headers(
    data: bytes, kind: SourceKind, tmp_path: Path
) -> None:
    path = tmp_path / "export.dat"
    path.write_bytes(data)
    assert recognise(path) is kind


def test_a_whatsapp_zip_is_told_from_other_zips(tmp_path: Path) -> None:
    chat, other = tmp_path / "chat.zip", tmp_path / "photos.zip"
    with zipfile.ZipFile(chat, "w") as archive:
        archive.writestr("_chat.txt", "[01.02.24, 10:00:00] A: hi\n")
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("a.jpg", b"\xff\xd8")
    assert recognise(chat) is SourceKind.WHATSAPP_ZIP
    with pytest.raises(WrongKind, match="ZIP archive with no WhatsApp chat"):
        recognise(other)


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"", "empty"),
        (b" \r\n\t", "empty"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04garbage", "damaged ZIP"),
        (b"<?xml version='1.0'?><!-- only a comment", "damaged XML"),
        (b"<catalog><book/></catalog>", "XML file of another kind"),
        (b"\x00\x01\x02\xfe binary", "binary"),
        (b"2024-01-01 10:00:00 INFO start\n2024-01-01 10:00:01 INFO ok\n", "text file"),
        (b"From the desk of the practice\n\nDear client,\n", "text file"),
    ],
)
def test_unknown_content_is_named(data: bytes, looks_like: str, tmp_path: Path) -> None:
    path = tmp_path / "sms-backup.xml"
    path.write_bytes(data)
    with pytest.raises(WrongKind, match=looks_like):
        recognise(path)


@pytest.mark.parametrize(
    "text",
    [
        "[20.06.19, 15:58:47] Loris: a message\r\nof two lines\r\n",  # one dated line
        "\u200e[6/20/19, 3:58:47\u202fPM] Loris: \u200eimage omitted\n",
        "[1.10.2026 klo 16.46.12] Aino: moi\n",
        "20. 6. 2019 15:58 - Jana: ahoj\n",
        "title someone added\n20/06/2019, 15:58 - Dana: a\n20/06/2019, 15:59 - Dana: b\n",
    ],
)
def test_short_and_local_chat_layouts_are_told_as_chats(text: str, tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text(text, encoding="utf-8")
    assert recognise(path) is SourceKind.WHATSAPP_TEXT


def test_an_android_zip_of_one_chat_text_is_a_chat_export(tmp_path: Path) -> None:
    path, other = tmp_path / "a.zip", tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("WhatsApp Chat with Dana.txt", "20/06/2019, 15:58 - Dana: hi\n")
        archive.writestr("IMG-20190620-WA0001.jpg", b"\xff\xd8")
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "shopping: milk\n")
    assert recognise(path) is SourceKind.WHATSAPP_ZIP
    with pytest.raises(WrongKind, match="no WhatsApp chat"):
        recognise(other)
