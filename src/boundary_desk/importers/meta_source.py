"""Where a Facebook or Instagram download's JSON is: a folder, the .zip, or one file.

Only the members the import needs are read (message threads, requests received, the
owner's profile), each straight from the folder or the archive: nothing is extracted to
disk and no photo or video is ever opened. A member whose size is absurd for JSON text
(a zip bomb) is refused before a byte of it is unpacked.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.meta_layout import Part, part_of
from boundary_desk.importers.problems import UnreadableImport
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.importers.zip_safety import ZIP_DAMAGE, too_large
from boundary_desk.system.i18n import _

# The largest thread file seen is tens of megabytes; a quarter of a gigabyte is no thread.
LARGEST_MEMBER = 256 << 20
LARGEST_TOTAL = 4 << 30  # of all the members read


@dataclass(frozen=True, slots=True)
class Member:
    # The path inside the download, "/"-separated: thread folders carry people's names.
    name: str = field(repr=False)
    part: Part
    size: int


class MetaSource:
    """The JSON members of one download, listed once, each loaded when asked."""

    def __init__(self, path: Path, kind: SourceKind) -> None:
        self.path = path
        self.kind = kind
        self._read = 0

    def members(self) -> list[Member]:
        """The members the import reads, in a stable order (threads' files in turn)."""
        if self.kind is SourceKind.META_JSON:
            return [Member(self.path.name, Part.THREAD, self.path.stat().st_size)]
        if self.kind is SourceKind.META_FOLDER:
            found = list(_folder_members(self.path))
        else:
            found = list(self._zip_members())
        return sorted(found, key=lambda m: _order(m.name))

    def load(self, member: Member) -> Any:
        """The member's JSON; UnreadableImport when it is too big, or can't be decoded
        (json.JSONDecodeError, a ValueError, when it is cut short or malformed)."""
        if member.size > LARGEST_MEMBER:
            raise _too_big(member.size)
        self._read += member.size
        if self._read > LARGEST_TOTAL:
            raise UnreadableImport(
                _("This download holds more message text than any real one; it was refused.")
            )
        raw = self._bytes(member)
        return json.loads(raw.decode("utf-8", errors="replace").lstrip("\ufeff"))

    def _bytes(self, member: Member) -> bytes:
        if self.kind is SourceKind.META_JSON:
            with self.path.open("rb") as file:
                return file.read(LARGEST_MEMBER + 1)
        if self.kind is SourceKind.META_FOLDER:
            with (self.path / member.name).open("rb") as file:
                return file.read(LARGEST_MEMBER + 1)
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(member.name) as stream:
                return stream.read(LARGEST_MEMBER + 1)
        except NotImplementedError:  # zipfile's word for a compression method it lacks
            raise UnreadableImport(
                _(
                    "A file in this ZIP archive is compressed in a way that can't be read; "
                    "download the information again."
                )
            ) from None
        except RuntimeError:  # zipfile's word for a password-protected member
            raise UnreadableImport(
                _(
                    "This ZIP archive is protected by a password; download the information "
                    "again without one."
                )
            ) from None
        except ZIP_DAMAGE:
            raise UnreadableImport(
                _(
                    "This ZIP archive is damaged (a file in it fails the archive's own check), "
                    "so it can't be trusted; download the information again."
                )
            ) from None

    def _zip_members(self) -> Iterator[Member]:
        try:
            with zipfile.ZipFile(self.path) as archive:
                infos = archive.infolist()
        except ZIP_DAMAGE:
            raise UnreadableImport(
                _("This ZIP archive is damaged and could not be opened.")
            ) from None
        for info in infos:
            part = None if info.is_dir() else part_of(info.filename)
            if part is None:
                continue
            if too_large(info, LARGEST_MEMBER):
                raise _too_big(info.file_size)
            yield Member(info.filename, part, info.file_size)


def _folder_members(folder: Path) -> Iterator[Member]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for file in files:
            full = Path(root, file)
            name = full.relative_to(folder).as_posix()
            part = part_of(name)
            if part is None or full.is_symlink() or not full.is_file():
                continue
            yield Member(name, part, full.stat().st_size)


def _order(name: str) -> tuple[str, int]:
    """Members by folder, then message_1, message_2, … numerically."""
    found = re.search(r"message_(\d+)\.json$", name)
    if found is None:
        return name, 0
    return name[: found.start()], int(found.group(1))


def _too_big(size: int) -> UnreadableImport:
    sentence = _(
        "A file in this download claims {size} MB unpacked, far more than any message file; "
        "it was refused without being unpacked."
    )
    return UnreadableImport(sentence.format(size=whole_number(round(size / (1 << 20)))))
