"""What every message reader returns: one pass over one file, and its counts afterwards.

    reading = read_sbr(path)          # or read_email(path), read_whatsapp(path, ...)
    for message in reading:           # ImportedMessage, one at a time, in file order
        ...
    reading.summary                   # ReadSummary, complete once the loop has finished

A damaged file raises `BrokenFile` mid-way, after the whole records before it have been
yielded; the caller decides whether to keep those or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from boundary_desk.importers.recognise import SourceKind
from boundary_desk.importers.records import ImportedMessage


@dataclass(frozen=True, slots=True)
class ReadSummary:
    kind: SourceKind
    records: int  # records in the file, read whole
    contacts: int  # of them yielded as messages or calls
    skipped: dict[str, int]  # reason ("draft", "unreadable date", ...) -> how many
    declared_count: int | None = None  # what the file says it holds, when it says
    replaced_bytes: int = 0  # bytes that were not UTF-8, shown as U+FFFD
    # Facts about the reading the clinician should see, one sentence each, naming
    # nothing read from the file ("Dates were read day-first (31/12/2026).").
    notes: tuple[str, ...] = field(default=())

    @property
    def count_disagrees(self) -> bool:
        return self.declared_count is not None and self.declared_count != self.records


class Reading(Protocol):
    """One pass over one export; `summary` is complete once iteration has finished."""

    kind: SourceKind

    def __iter__(self) -> Iterator[ImportedMessage]: ...

    @property
    def summary(self) -> ReadSummary: ...
