"""Chat exports written by hand in WhatsApp's own layouts, for the reader's tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

# (date as written, time as written, author or "" for a notice, text)
Line = tuple[str, str, str, str]


def android(lines: list[Line]) -> str:
    """An Android export: "20/06/2019, 15:58 - Author: text"."""
    rows = [f"{d}, {t} - {a}: {x}" if a else f"{d}, {t} - {x}" for d, t, a, x in lines]
    return "\n".join(rows) + "\n"


def ios(lines: list[Line]) -> str:
    """An iOS export: "[20/06/2019, 15:58:47] Author: text", CRLF line ends."""
    rows = [f"[{d}, {t}] {a}: {x}" if a else f"[{d}, {t}] {x}" for d, t, a, x in lines]
    return "\r\n".join(rows) + "\r\n"


def write(folder: Path, text: str, name: str = "WhatsApp Chat with Dana.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def zipped(folder: Path, chat: str, name: str = "WhatsApp Chat - Dana.zip") -> Path:
    """An iOS export with media: `_chat.txt` and a photo beside it."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", chat.encode("utf-8"))
        archive.writestr("00000001-PHOTO-2026-03-02-09-15-00.jpg", b"\xff\xd8\xff" + b"\0" * 5000)
    return path
