"""Reading another process's memory for given byte strings (Linux /proc only).

Only writable mappings are read: a secret made at run time can't be in a library's
code or read-only data, and skipping those keeps a scan of a Qt app to a second.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

CHUNK = 16 * 1024 * 1024


def writable_regions(pid: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of each readable and writable mapping of `pid`."""
    regions = []
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            perms = fields[1]
            name = fields[5].strip() if len(fields) > 5 else ""
            if perms[0] != "r" or perms[1] != "w" or name in ("[vvar]", "[vsyscall]"):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            regions.append((start, end, name))
    return regions


def count_in_memory(pid: int, needles: Iterable[bytes]) -> dict[bytes, int]:
    """How many times each needle occurs in the writable memory of `pid`."""
    wanted = list(needles)
    counts = dict.fromkeys(wanted, 0)
    overlap = max(len(n) for n in wanted) - 1
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for start, end, _name in writable_regions(pid):
            tail = b""
            for offset in range(start, end, CHUNK):
                try:
                    block = os.pread(fd, min(CHUNK, end - offset), offset)
                except OSError:
                    break  # a mapping that went away or can't be read (guard pages)
                window = tail + block
                for needle in wanted:
                    # Only matches that end inside this block: none is counted twice.
                    counts[needle] += window.count(needle) - tail.count(needle)
                tail = window[-overlap:] if overlap else b""
    finally:
        os.close(fd)
    return counts
