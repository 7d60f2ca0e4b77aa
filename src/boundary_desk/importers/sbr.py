"""Read an Android "SMS Backup & Restore" export: messages (`sms-*.xml`) or calls.

    reading = read_sbr(path)
    for message in reading:      # ImportedMessage, one at a time, in file order
        ...
    reading.summary              # counts, known once the loop has finished

A damaged file raises `BrokenFile` mid-way, saying where, after the whole records
before it have been yielded; the caller decides whether to keep those or nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, not_expected, recognise
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr_calls import read_call
from boundary_desk.importers.sbr_fields import Skipped
from boundary_desk.importers.sbr_messages import read_mms, read_sms
from boundary_desk.importers.sbr_stream import RawRecord, RecordStream
from boundary_desk.system.i18n import _

_ROOTS = {SourceKind.SBR_MESSAGES: "smses", SourceKind.SBR_CALLS: "calls"}


class SbrReading:
    """One pass over one SMS Backup & Restore file."""

    def __init__(self, path: Path, kind: SourceKind) -> None:
        self.kind = kind
        self._stream = RecordStream(path, _ROOTS[kind])
        self._contacts = 0
        self._skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ImportedMessage]:
        for record in self._stream:
            try:
                message = _read(record)
            except Skipped as skipped:
                self._skipped[skipped.reason] += 1
                continue
            self._contacts += 1
            yield message

    @property
    def bytes_read(self) -> int:
        """How far into the file the reading has come, for a progress bar."""
        return self._stream.bytes_read

    @property
    def summary(self) -> ReadSummary:
        return ReadSummary(
            kind=self.kind,
            records=self._stream.records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            declared_count=self._stream.declared_count,
            replaced_bytes=self._stream.replaced_bytes,
        )


def read_sbr(path: Path, expected: SourceKind | None = None) -> SbrReading:
    """A reading of `path`; refuses at once a file that is not an SB&R export."""
    kind = recognise(path)
    if kind not in _ROOTS:
        raise WrongKind(
            _(
                "This file looks like {kind}; an SMS Backup & Restore export (.xml) was expected."
            ).format(kind=kind.description)
        )
    if expected is not None and kind is not expected:
        raise WrongKind(not_expected(kind, expected.description))
    return SbrReading(path, kind)


def _read(record: RawRecord) -> ImportedMessage:
    if record.tag == "sms":
        return read_sms(record, record.number)
    if record.tag == "mms":
        return read_mms(record, record.number)
    return read_call(record, record.number)
