"""Where a chat's text is: the .txt itself, or `_chat.txt` inside an iOS .zip.

The zip is read as a stream, member by member as asked, straight from the archive:
nothing is extracted to disk and no photo or video in it is ever read. A member whose
size is absurd for a chat's text (a zip bomb) is refused before a byte of it is read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import UnreadableImport
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.importers.zip_safety import ZIP_DAMAGE, too_large
from boundary_desk.system.i18n import _

# Ten years of a busy group is tens of megabytes of text; a gigabyte is no chat.
LARGEST_CHAT = 1 << 30
# "WhatsApp Chat with Alice.txt" (Android), "WhatsApp Chat - Alice.zip" (iOS), and the
# French and Hebrew names; "(1)" is what a browser adds to a second download.
_NAMED = re.compile(
    r"^(?:WhatsApp Chat with |WhatsApp Chat - |Discussion WhatsApp avec |"
    r"Discussion WhatsApp - |צ'אט WhatsApp עם |צ׳אט WhatsApp עם )(?P<name>.+?)"
    r"(?: ?\(\d+\))?$"
)


def chat_name(path: Path) -> str:
    """The chat's name when the file's name says it ("WhatsApp Chat with X.txt"), else ""."""
    stem = path.name
    for suffix in (".txt", ".zip"):
        stem = stem.removesuffix(suffix)
    found = _NAMED.match(stem.replace("_", " ").strip())
    return found["name"].strip() if found else ""


@contextmanager
def open_chat(path: Path, kind: SourceKind) -> Iterator[IO[bytes]]:
    """The chat's bytes, as a stream; `UnreadableImport` when a zip holds no readable chat."""
    if kind is not SourceKind.WHATSAPP_ZIP:
        with path.open("rb") as file:
            yield file
        return
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_DAMAGE:
        raise UnreadableImport(_("This ZIP archive is damaged and could not be opened.")) from None
    with archive:
        member = _chat_member(archive)
        try:
            stream = archive.open(member)
        except NotImplementedError:  # zipfile's word for a compression method it lacks
            raise UnreadableImport(
                _(
                    "The chat in this ZIP archive is compressed in a way that can't be read; "
                    "export the chat again from WhatsApp."
                )
            ) from None
        except RuntimeError:  # zipfile's word for a password-protected member
            raise UnreadableImport(
                _(
                    "The chat in this ZIP archive is protected by a password; export the chat "
                    "again from WhatsApp without one."
                )
            ) from None
        except ZIP_DAMAGE:
            raise UnreadableImport(
                _("This ZIP archive is damaged and its chat can't be read.")
            ) from None
        with stream:
            yield stream


def _chat_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    texts = [
        info
        for info in archive.infolist()
        if not info.is_dir() and PurePosixPath(info.filename).suffix.lower() == ".txt"
    ]
    chats = [info for info in texts if info.filename.endswith("_chat.txt")]
    if len(chats) != 1 and len(texts) != 1:
        if not texts:
            sentence = _(
                "This ZIP archive holds no chat; a WhatsApp export (.zip) has one _chat.txt."
            )
        else:
            sentence = _(
                "This ZIP archive holds several text files and no single _chat.txt; a WhatsApp "
                "export (.zip) has one _chat.txt."
            )
        raise UnreadableImport(sentence)
    member = chats[0] if len(chats) == 1 else texts[0]
    if too_large(member, LARGEST_CHAT):
        sentence = _(
            "The chat in this ZIP archive claims {size} MB unpacked, far more than any chat's "
            "text; it was refused without being unpacked."
        )
        size = whole_number(round(member.file_size / (1 << 20)))
        raise UnreadableImport(sentence.format(size=size))
    return member
