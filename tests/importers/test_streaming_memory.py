"""A large backup or mailbox, mostly base64 attachments, is read in bounded memory."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.sbr import read_sbr
from tests.importers.sbr_files import HEAD, mms, sms

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
