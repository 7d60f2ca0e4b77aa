"""A session calendar (.ics, RFC 5545), read into occurrences: pure, no storage.

Google, Apple and Outlook export calendars as iCalendar; icalendar parses them with
their time zones, and recurring-ical-events expands repeating events (RRULE, RDATE,
EXDATE cancellations, occurrences moved with RECURRENCE-ID) across DST changes.

Each event (a UID's master and its moved occurrences) is expanded on its own, so one
event the libraries can't read is counted and skipped, never the whole calendar. An
Exchange habit is repaired first: spaces inside a repeat rule ("BYDAY=MO, TU"), which
the standard doesn't allow, and Outlook's display-name zones ("(UTC-05:00) Eastern Time
(US & Canada)") are given their IANA zone. Times with no zone (floating) and zones the
file names without defining, and no one can place, are read in the practice's zone, and
said so.

Nothing here keeps a description, location or attendee name: a title and attendee
addresses are only used to tie an occurrence to a client, by the caller.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import recurring_ical_events

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.calendar_zone_names import with_zones_placed
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.system.i18n import N_, _

MOST_BYTES = 64 * 1024 * 1024  # a calendar of ten years of sessions is a few megabytes
_RULE_SPACES = re.compile(r"\s+")
_DAMAGED = N_(
    "This calendar is damaged or cut short: a line in it can't be read, so nothing "
    "was imported. Export it again from your calendar app."
)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a calendar event, its times aware."""

    # Stable across exports, and when the occurrence is moved: a hash of the event's UID
    # and the start the occurrence was first given (its RECURRENCE-ID).
    key: str
    series: str  # a hash of the event's UID: what a later export of the event replaces
    title: str
    start: datetime
    end: datetime
    all_day: bool
    attendees: tuple[str, ...]  # e-mail addresses, lower-cased
    busy: bool  # not marked free (TRANSP:TRANSPARENT)


@dataclass(frozen=True)
class CalendarReading:
    occurrences: tuple[Occurrence, ...]
    unreadable_events: int  # events skipped: no start, or a rule no reader accepts
    floating: bool  # some times had no zone, or a zone the file doesn't define
    # Every event read whole (as `Occurrence.series`), with or without occurrences in the
    # window: a stored session of one of them that the file no longer holds is gone.
    series: frozenset[str] = frozenset()


def read_calendar(data: bytes, zone: tzinfo, since: datetime, until: datetime) -> CalendarReading:
    """The occurrences between `since` and `until`; times without a zone are in `zone`."""
    if len(data) > MOST_BYTES:
        raise WrongKind(
            _(
                "This calendar is larger than {size} MB, far more than a practice's calendar "
                "holds; export only the calendar with your sessions."
            ).format(size=whole_number(MOST_BYTES // (1024 * 1024)))
        )
    text = _text(data)
    if not text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCALENDAR"):
        raise WrongKind(
            _("This file is not a calendar (.ics): it does not begin with BEGIN:VCALENDAR.")
        )
    try:
        calendars = icalendar.Calendar.from_ical(with_zones_placed(text), multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise UnreadableImport(_(_DAMAGED)) from exc
    if not calendars:
        raise UnreadableImport(_(_DAMAGED))
    components = [c for cal in calendars for c in cal.subcomponents]  # several blocks: one
    # Google writes times in UTC and names the calendar's zone once (X-WR-TIMEZONE):
    # repeating sessions keep their local hour across DST only when read in that zone.
    named = next((str(c["X-WR-TIMEZONE"]) for c in calendars if "X-WR-TIMEZONE" in c), "")
    zones = [c for c in components if c.name == "VTIMEZONE"]
    found: list[Occurrence] = []
    series: set[str] = set()
    unreadable = 0
    floating = False
    for uid, events in _by_uid(c for c in components if c.name == "VEVENT").items():
        try:
            for event in events:
                _repair_rule(event)
                floating = floating or _floats(event)
            expanded = _expand(zones, events, since, until, named)
            found.extend(_occurrence(uid, e, zone) for e in expanded if not _cancelled(e))
        except Exception:  # noqa: BLE001 - the libraries raise many kinds; one event is skipped
            unreadable += 1
        else:
            series.add(_digest(uid))
    found.sort(key=lambda o: o.start)
    return CalendarReading(tuple(found), unreadable, floating, frozenset(series))


def _text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def _by_uid(events: Iterable[Any]) -> dict[str, list[Any]]:
    """Events grouped by UID (a master and its moved occurrences); no UID stands alone."""
    groups: dict[str, list[Any]] = {}
    seen: dict[str, int] = {}
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if not uid:
            # Its times alone, not its place in the file or its title: an event added
            # elsewhere in a later export leaves this one's key as it was.
            times = "|".join(_raw(event.get(name)) for name in ("DTSTART", "DTEND", "DURATION"))
            copy = seen[times] = seen.get(times, 0) + 1
            uid = f"no-uid:{_digest(times, str(copy))}"
        groups.setdefault(uid, []).append(event)
    return groups


def _raw(prop: Any) -> str:
    if prop is None:
        return ""
    if isinstance(prop, list):  # a property written twice ("DTSTART" on two lines): each
        return ",".join(_raw(each) for each in prop)
    tzid = prop.params.get("TZID", "") if hasattr(prop, "params") else ""
    return f"{tzid}:{prop.to_ical().decode(errors='replace')}"


def _repair_rule(event: Any) -> None:
    """Exchange writes "BYDAY=MO, TU"; the standard has no spaces there."""
    rule = event.get("RRULE")
    if rule is None or isinstance(rule, icalendar.vRecur):
        return
    raw = str(rule).replace("\\;", ";").replace("\\,", ",")
    event["RRULE"] = icalendar.vRecur.from_ical(_RULE_SPACES.sub("", raw))


def _floats(event: Any) -> bool:
    start = event.get("DTSTART")
    if start is None or not isinstance(start.dt, datetime):
        return False
    # A zone the file defines, an IANA name, or a Windows name Outlook writes without
    # defining it ("Eastern Standard Time"): the library gives each its zone. Only a name
    # it can't place leaves the time without one, to be read in the practice's.
    return start.dt.tzinfo is None


def _expand(
    zones: list[Any], events: list[Any], since: datetime, until: datetime, named: str
) -> list[Any]:
    one = icalendar.Calendar()
    if named:
        one.add("X-WR-TIMEZONE", named)
    for part in (*zones, *events):
        one.add_component(part)
    return list(recurring_ical_events.of(one).between(since, until))


def _occurrence(uid: str, event: Any, zone: tzinfo) -> Occurrence:
    start_value = event["DTSTART"].dt
    end_prop = event.get("DTEND")
    all_day = not isinstance(start_value, datetime)
    start = _aware(start_value, zone)
    if end_prop is not None:
        end = _aware(end_prop.dt, zone)
    elif all_day:
        end = start + timedelta(days=1)
    else:
        end = start
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    addresses = tuple(
        sorted(
            {
                str(a).lower().removeprefix("mailto:")
                for a in attendees
                if str(getattr(a, "params", {}).get("PARTSTAT", "")).upper() != "DECLINED"
            }
        )
    )  # a guest who declined is not at the session
    return Occurrence(
        key=_digest(uid, _first_start(event, start_value)),
        series=_digest(uid),
        title=" ".join(str(event.get("SUMMARY", "")).split()),
        start=start,
        end=max(end, start),
        all_day=all_day,
        attendees=addresses,
        busy=str(event.get("TRANSP", "OPAQUE")).upper() != "TRANSPARENT",
    )


def _first_start(event: Any, start: date | datetime) -> str:
    """The start this occurrence was first given (its RECURRENCE-ID, which the expansion
    sets on every occurrence), as text that doesn't depend on the practice's zone."""
    original = event.get("RECURRENCE-ID")
    value = original.dt if original is not None else start
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    return value.isoformat()  # a day, or a floating time: as written


def _cancelled(event: Any) -> bool:
    """A cancelled occurrence (STATUS:CANCELLED) is no session; EXDATE ones never appear."""
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def _aware(value: date | datetime, zone: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=zone)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
