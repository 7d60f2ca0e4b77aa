"""Call records of an SMS Backup & Restore call log, as imported contacts."""

from __future__ import annotations

from datetime import timedelta

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers import sbr_fields as fields
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.importers.sbr_fields import Skipped
from boundary_desk.importers.sbr_stream import RawRecord

# Android CallLog.Calls types: the direction and how the call ended.
_TYPES = {
    "1": (Direction.IN, CallOutcome.ANSWERED),
    "2": (Direction.OUT, CallOutcome.ANSWERED),
    "3": (Direction.IN, CallOutcome.MISSED),
    "4": (Direction.IN, CallOutcome.VOICEMAIL),
    "5": (Direction.IN, CallOutcome.REJECTED),
    "6": (Direction.IN, CallOutcome.BLOCKED),
    "7": (Direction.IN, CallOutcome.ANSWERED_ELSEWHERE),
}
# `presentation` 2 restricted, 3 unknown, 4 payphone: the number is not the caller's.
_WITHHELD_PRESENTATION = {"2", "3", "4"}
_WITHHELD_NUMBERS = {"", "-1", "-2", "-3", "null", "private", "unknown"}


def read_call(element: RawRecord, record: int) -> ImportedMessage:
    code = (element.get("type") or "").strip()
    if code not in _TYPES:
        raise Skipped("unknown type")
    when = fields.instant(element.get("date"))
    if when is None:
        raise Skipped("unreadable date")
    direction, outcome = _TYPES[code]
    number = fields.text(element.get("number")).strip()
    if (
        number.lower() in _WITHHELD_NUMBERS
        or (element.get("presentation") or "").strip() in _WITHHELD_PRESENTATION
    ):
        number = ""
    seconds = fields.whole_number(element.get("duration"))
    if outcome is CallOutcome.ANSWERED and direction is Direction.OUT and seconds == 0:
        outcome = CallOutcome.NOT_ANSWERED
    name = fields.name(element.get("contact_name"))
    return ImportedMessage(
        source_key=fields.source_key("call", number, fields.millis(when), code),
        instant=when,
        direction=direction,
        channel=ContactChannel.VOICEMAIL
        if outcome is CallOutcome.VOICEMAIL
        else ContactChannel.CALL,
        handles=(number,) if number else (),
        sender=number if direction is Direction.IN else "",
        names=(name,) if name else (),
        duration=timedelta(seconds=seconds) if seconds is not None else None,
        outcome=outcome,
        record=record,
    )
