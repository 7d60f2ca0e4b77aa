"""Small OLE compound files (MS-CFB, version 3) written by the tests, for .msg and .doc.

olefile only reads them, so this writes the few structures a reader needs: one FAT
sector, the directory, and every stream (all smaller than 4 KiB) in the mini stream.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SECTOR, _MINI = 512, 64
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5


@dataclass
class _Entry:
    name: str
    kind: int
    children: list[int] = field(default_factory=list)
    start: int = _END
    size: int = 0


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams`, named by path ("storage/stream")."""
    entries = [_Entry("Root Entry", _ROOT)]
    index = {"": 0}
    for path in sorted(streams):
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in index:
                leaf = depth == len(parts)
                entries.append(_Entry(parts[depth - 1], _STREAM if leaf else _STORAGE))
                index[key] = len(entries) - 1
                entries[index["/".join(parts[: depth - 1])]].children.append(index[key])
    mini = bytearray()
    mini_fat: list[int] = []
    for path, number in index.items():
        if path in streams:
            data = streams[path]
            assert len(data) < 4096, "only the mini stream is written"
            count = -(-len(data) // _MINI)
            first = len(mini) // _MINI
            entries[number].start, entries[number].size = (first if data else _END), len(data)
            mini_fat += [first + k + 1 for k in range(count - 1)] + ([_END] if count else [])
            mini += data.ljust(count * _MINI, b"\0")
    directory = _chunks(len(entries), 4)
    mini_fat_sectors = _chunks(len(mini_fat), 128)
    mini_sectors = _chunks(len(mini), _SECTOR)
    fat = [_FAT_SECTOR]
    starts = []
    for count in (directory, mini_fat_sectors, mini_sectors):
        starts.append(len(fat) if count else _END)
        fat += [len(fat) + k + 1 for k in range(count - 1)] + ([_END] if count else [])
    assert len(fat) <= 128, "one FAT sector is enough for the tests"
    entries[0].start, entries[0].size = starts[2], len(mini)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, 1, starts[0], 0, 4096, starts[1], mini_fat_sectors, _END, 0,
    )  # fmt: skip
    header += struct.pack("<109I", 0, *[_FREE] * 108)
    body = struct.pack("<128I", *fat, *[_FREE] * (128 - len(fat)))
    records = b"".join(_record(entries, n) for n in range(len(entries)))
    body += records.ljust(directory * _SECTOR, b"\0")
    fat_of_mini = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    body += fat_of_mini.ljust(mini_fat_sectors * _SECTOR, b"\xff")
    body += bytes(mini).ljust(mini_sectors * _SECTOR, b"\0")
    return header + body


def _chunks(count: int, per: int) -> int:
    return -(-count // per)


def _record(entries: list[_Entry], number: int) -> bytes:
    """One directory entry; siblings are chained through their right-hand links."""
    entry = entries[number]
    siblings = next((e.children for e in entries if number in e.children), [])
    place = siblings.index(number) if number in siblings else -1
    right = siblings[place + 1] if 0 <= place < len(siblings) - 1 else _NO_STREAM
    name = entry.name.encode("utf-16-le") + b"\0\0"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name.ljust(64, b"\0"), len(name), entry.kind, 1, _NO_STREAM, right,
        entry.children[0] if entry.children else _NO_STREAM, b"\0" * 16, 0, 0, 0,
        entry.start, entry.size,
    )  # fmt: skip
