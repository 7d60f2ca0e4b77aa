"""One line of a client's communication record, as printed for the chart."""

from __future__ import annotations

from dataclasses import dataclass

from boundary_desk.domain.after_hours import AfterHours
from boundary_desk.domain.events import ContactEvent


@dataclass(frozen=True)
class RecordWarning:
    code: str
    message: str
    acknowledged: bool = False
    note: str = ""


@dataclass(frozen=True)
class RecordEntry:
    event: ContactEvent
    after_hours: AfterHours | None
    warnings: tuple[RecordWarning, ...] = ()
