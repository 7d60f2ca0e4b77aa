"""MAPI properties of an Outlook .msg file (MS-OXMSG), read from its compound file.

Variable-size properties are streams named `__substg1.0_IIIITTTT` (id, type: 001F
UTF-16, 001E 8-bit in the item's code page, 0102 binary); fixed-size ones (times,
numbers) are 16-byte entries of the storage's `__properties_version1.0` stream, after
a header of 32 bytes for the message itself and 8 for a recipient or an attachment.
"""

from __future__ import annotations

import codecs
import struct
from datetime import UTC, datetime, timedelta

import olefile

_UNICODE, _STRING8, _BINARY = 0x001F, 0x001E, 0x0102
_LONG, _TIME, _BOOLEAN = 0x0003, 0x0040, 0x000B
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)
# Code pages Python knows by another name than "cpNNNN".
_CODE_PAGES = {
    65001: "utf-8",
    20127: "ascii",
    28591: "latin-1",
    28592: "iso8859-2",
    28605: "iso8859-15",
    50220: "iso2022_jp",
    50221: "iso2022_jp",
    50222: "iso2022_jp",
    51932: "euc_jp",
    20866: "koi8-r",
    21866: "koi8-u",
    936: "gbk",
}
_MESSAGE_CODE_PAGE, _INTERNET_CODE_PAGE = 0x3FFD, 0x3FDE
TOP_LEVEL_HEADER, CHILD_HEADER = 32, 8


class Properties:
    """The properties of one storage: the message itself, a recipient or an attachment."""

    def __init__(self, ole: olefile.OleFileIO[str], storage: str, header: int, encoding: str = ""):
        self.ole = ole
        self._prefix = f"{storage}/" if storage else ""
        self._fixed = _fixed_values(self._stream(f"{self._prefix}__properties_version1.0"), header)
        self.encoding = encoding or _encoding(self._fixed)

    def string(self, prop_id: int) -> str:
        """A text property, from its UTF-16 or its 8-bit form; "" when it is absent."""
        data = self._stream(self._name(prop_id, _UNICODE))
        if data is not None:
            return data.decode("utf-16-le", "replace").rstrip("\x00")
        data = self._stream(self._name(prop_id, _STRING8))
        if data is not None:
            return data.decode(self.encoding, "replace").rstrip("\x00")
        return ""

    def binary(self, prop_id: int) -> bytes | None:
        return self._stream(self._name(prop_id, _BINARY))

    def time(self, prop_id: int) -> datetime | None:
        """A time property (FILETIME, 100 ns steps since 1601, UTC); None when unset."""
        value = self._fixed.get((prop_id << 16) | _TIME)
        if value is None:
            return None
        ticks = struct.unpack("<Q", value)[0]
        if ticks == 0 or ticks // 10 > (_LATEST - _FILETIME_EPOCH) // timedelta(microseconds=1):
            return None
        return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)

    def number(self, prop_id: int) -> int | None:
        value = self._fixed.get((prop_id << 16) | _LONG)
        return None if value is None else int(struct.unpack("<i", value[:4])[0])

    def flag(self, prop_id: int) -> bool:
        value = self._fixed.get((prop_id << 16) | _BOOLEAN)
        return value is not None and value[:2] != b"\x00\x00"

    def children(self, kind: str) -> list[str]:
        """The recipient or attachment storages (`__recip_version1.0_#...`) under this one."""
        depth = self._prefix.count("/")
        found = set()
        for entry in self.ole.listdir(streams=False, storages=True):
            if len(entry) == depth + 1 and "/".join(entry).startswith(self._prefix + kind):
                found.add("/".join(entry))
        return sorted(found)

    def _name(self, prop_id: int, kind: int) -> str:
        return f"{self._prefix}__substg1.0_{prop_id:04X}{kind:04X}"

    def _stream(self, name: str) -> bytes | None:
        if not self.ole.exists(name) or self.ole.get_type(name) != olefile.STGTY_STREAM:
            return None
        with self.ole.openstream(name) as stream:
            data = stream.read()
        return bytes(data)


def _fixed_values(data: bytes | None, header: int) -> dict[int, bytes]:
    found: dict[int, bytes] = {}
    if data is None:
        return found
    for start in range(header, len(data) - 15, 16):
        tag = struct.unpack_from("<I", data, start)[0]
        found.setdefault(tag, data[start + 8 : start + 16])
    return found


def _encoding(fixed: dict[int, bytes]) -> str:
    for prop_id in (_MESSAGE_CODE_PAGE, _INTERNET_CODE_PAGE):
        value = fixed.get((prop_id << 16) | _LONG)
        if value is None:
            continue
        page = struct.unpack("<I", value[:4])[0]
        name = _CODE_PAGES.get(page, f"cp{page}")
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return "cp1252"
