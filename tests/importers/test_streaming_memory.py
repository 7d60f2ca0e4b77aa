"""A large backup or mailbox, mostly base64 attachments, is read in bounded memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.sbr import read_sbr
from boundary_desk.importers.telegram import read_telegram
from tests.importers.sbr_files import HEAD, mms, sms
from tests.importers.telegram_files import message

MB = 1 << 20


def write_big_backup(path: Path, attachments: int, attachment_bytes: int) -> int:
    """An SB&R file of `attachments` MMS photos and as many texts; returns its size."""
    data = "QUJD" * (attachment_bytes // 4)
    with path.open("w", encoding="utf-8") as file:
        file.write(f'{HEAD}<smses count="{attachments * 2}">\n')
        for number in range(attachments):
            file.write(sms(f"text {number}"))
            file.write(mms([("+15550000002", "137"), ("+15550000001", "151")], data=data))
        file.write("</smses>\n")
    return path.stat().st_size


def test_fifty_megabytes_of_attachments_use_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "sms-big.xml"
    size = write_big_backup(path, attachments=50, attachment_bytes=MB)
    assert size > 50 * MB

    tracemalloc.start()
    try:
        reading = read_sbr(path)
        photos = texts = 0
        for message in reading:
            photos += message.attachments.count("photo")
            texts += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (photos, texts) == (50, 100)
    assert reading.summary.records == 100
    assert peak < 20 * MB, f"peak {peak / MB:.1f} MB"


def write_big_mailbox(path: Path, messages: int, attachment_bytes: int) -> int:
    """An mbox of `messages` e-mails, each with a base64 photo; returns its size."""
    line = "QUJD" * 19 + "\n"  # base64 is written in lines of 76
    photo = line * (attachment_bytes // len(line))
    with path.open("w", encoding="utf-8") as file:
        for number in range(messages):
            file.write(
                f"From client@example.org Tue Nov 14 22:13:20 2023\n"
                f"From: Client <client@example.org>\nTo: me@example.net\n"
                f"Subject: photo {number}\nDate: Tue, 14 Nov 2023 22:13:20 +0000\n"
                f"Message-ID: <{number}@example.org>\nMIME-Version: 1.0\n"
                'Content-Type: multipart/mixed; boundary="b"\n\n'
                f"--b\nContent-Type: text/plain\n\nmessage {number}\n"
                "--b\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n"
                f"{photo}--b--\n\n"
            )
    return path.stat().st_size


def test_a_fifty_megabyte_mailbox_uses_the_memory_of_one_message(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    size = write_big_mailbox(path, messages=100, attachment_bytes=MB // 2)
    assert size > 50 * MB

    tracemalloc.start()
    try:
        reading = read_email(path)
        photos = texts = 0
        for message in reading:
            photos += message.attachments.count("photo")
            texts += message.body.startswith("message ")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (photos, texts) == (100, 100)
    assert reading.summary.records == 100
    assert peak < 10 * MB, f"peak {peak / MB:.1f} MB"


def write_big_telegram(path: Path, chats: int, per_chat: int) -> int:
    """A whole-account Telegram export of `chats` personal chats; returns its size."""
    with path.open("w", encoding="utf-8") as file:
        file.write('{"personal_information": {"user_id": 1}, "chats": {"list": [')
        for number in range(chats):
            file.write("," if number else "")
            file.write(f'{{"name": "P{number}", "type": "personal_chat", "id": {number + 2},')
            file.write(' "messages": [')
            for n in range(per_chat):
                line = message(n, 1_700_000_000 + n, f"P{number}", number + 2, "word " * 40)
                file.write(("," if n else "") + json.dumps(line, indent=1))
            file.write("]}")
        file.write("]}}")
    return path.stat().st_size


def test_a_large_telegram_export_is_read_a_message_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    size = write_big_telegram(path, chats=3, per_chat=10_000)  # a 100 MB one: see the commit
    assert size > 9 * MB

    tracemalloc.start()
    try:
        reading = read_telegram(path)
        count = sum(1 for _ in reading)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == reading.summary.contacts == 30_000
    assert peak < 20 * MB, f"peak {peak / MB:.1f} MB"
