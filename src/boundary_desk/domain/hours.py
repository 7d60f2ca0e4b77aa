"""Working hours: the weekly times a clinician is available, as typed in settings.

Times here are wall-clock times in the practice's time zone; the zone is applied
by whoever converts an instant to local time before asking `is_working_time`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from itertools import pairwise
from typing import NamedTuple

from boundary_desk.domain.vocabulary.calendar_names import (
    CALENDAR_NAMES,
    calendar_names,
    day_name,
    shown_language,
    spellings,
)
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

# Hours are stored with English day names, whatever language the app speaks; they are
# typed in English, French or Hebrew ("sun-thu", "dim.–jeu.", "ראשון-חמישי").
_TYPED_NAMES = calendar_names("en")
DAY_ABBREVIATIONS = tuple(name.lower() for name in _TYPED_NAMES.short_days)
MONDAY, SATURDAY, SUNDAY = 0, 5, 6

# `time` cannot hold 24:00, so a range that runs to midnight ends at `time.max`.
END_OF_DAY = time.max
_MINUTES_PER_DAY = 24 * 60

ACCEPTED_HOURS = N_(
    'Working hours must look like "mon-thu 09:00-17:00; fri 09:00-13:00", '
    "with times from 00:00 to 24:00; leave out the days you are closed."
)

_DASH = r"\s*[-–]\s*"
# Day names are words of any script ("dim.", "יום א׳"); the times' digits are ASCII only,
# so digits from other scripts are refused rather than half-understood.
_GROUP = re.compile(r"(?P<days>[^\W\d_][^\d;]*?) (?P<ranges>[0-9].*)")
_RANGE = re.compile(rf"(?P<start>\d{{1,2}}:\d{{2}}){_DASH}(?P<end>\d{{1,2}}:\d{{2}})", re.ASCII)
_CLOCK = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})", re.ASCII)


class TimeRange(NamedTuple):
    """A stretch of one day; the start is inclusive and the end exclusive."""

    start: time
    end: time


def _typed_days() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in CALENDAR_NAMES.values():
        for number, (short, full) in enumerate(zip(names.short_days, names.days, strict=True)):
            for spelling in spellings(short) | spellings(full):
                table.setdefault(spelling, number)
    return table


TYPED_DAYS = _typed_days()


def parse_weekday(word: str) -> int | None:
    """Return 0 (Monday) to 6 (Sunday) for a day's name or abbreviation in English, French
    or Hebrew ("mon", "monday", "lun.", "lundi", "יום ב׳", "שני") in any case, else None."""
    return TYPED_DAYS.get(" ".join(word.split()).casefold())


def parse_clock(text: str) -> int | None:
    """Return minutes after midnight for "9:00" to "24:00", else None."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    if minute >= 60 or hour * 60 + minute > _MINUTES_PER_DAY:
        return None
    return hour * 60 + minute


def _time_from_minutes(minutes: int) -> time:
    return END_OF_DAY if minutes == _MINUTES_PER_DAY else time(minutes // 60, minutes % 60)


def _clock_text(moment: time, *, pad: bool) -> str:
    if moment == END_OF_DAY:
        return "24:00"
    return f"{moment.hour:02d}:{moment.minute:02d}" if pad else f"{moment.hour}:{moment.minute:02d}"


@dataclass(frozen=True)
class WorkingHours:
    """The ranges worked on each weekday; `days[0]` is Monday and an empty day is closed."""

    days: tuple[tuple[TimeRange, ...], ...]

    def __post_init__(self) -> None:
        # Guard the invariants `format_hours` relies on for an exact round trip.
        if len(self.days) != 7:
            raise ValueError("WorkingHours needs exactly seven days")
        for ranges in self.days:
            for earlier, later in pairwise(ranges):
                if later.start < earlier.end:
                    raise ValueError("ranges must be sorted and must not overlap")
            for span in ranges:
                _check_range(span)

    @classmethod
    def from_mapping(cls, ranges: Mapping[int, tuple[tuple[time, time], ...]]) -> WorkingHours:
        """Build from {weekday: ((start, end), ...)}; days left out are closed."""
        return cls(
            tuple(
                tuple(sorted(TimeRange(start, end) for start, end in ranges.get(day, ())))
                for day in range(7)
            )
        )

    def as_mapping(self) -> dict[int, tuple[TimeRange, ...]]:
        """Return {weekday: ranges} for the working days only."""
        return {day: ranges for day, ranges in enumerate(self.days) if ranges}

    def is_working_time(self, local_dt: datetime) -> bool:
        """Whether an aware datetime, already in the practice's zone, falls in working hours."""
        if local_dt.tzinfo is None or local_dt.utcoffset() is None:
            raise ValueError("is_working_time needs a timezone-aware datetime")
        wall = local_dt.time()
        return any(
            span.start <= wall and (wall < span.end or span.end == END_OF_DAY)
            for span in self.days[local_dt.weekday()]
        )

    def describe(self) -> str:
        """Plain words for letterheads, e.g. "Monday to Thursday 9:00–17:00; Friday 9:00–13:00"."""
        parts = []
        for first, last, ranges in _runs(self):
            if first == last:
                days = day_name(first)
            else:
                joiner = " and " if (last - first) % 7 == 1 else " to "
                days = f"{day_name(first)}{joiner}{day_name(last)}"
            times = ", ".join(
                f"{_clock_text(s.start, pad=False)}–{_clock_text(s.end, pad=False)}" for s in ranges
            )
            parts.append(f"{days} {times}")
        return "; ".join(parts)


def _check_range(span: TimeRange) -> None:
    for moment in span:
        if moment.tzinfo is not None:
            raise ValueError("working hours are wall-clock times without a tzinfo")
        if moment != END_OF_DAY and (moment.second or moment.microsecond):
            raise ValueError("working hours are whole minutes")
    if span.end <= span.start:
        raise ValueError("a range must end after it starts")


def working_runs(hours: WorkingHours) -> list[tuple[int, int, tuple[TimeRange, ...]]]:
    """Group consecutive working days with identical ranges as (first, last, ranges)."""
    return _runs(hours)


def _runs(hours: WorkingHours) -> list[tuple[int, int, tuple[TimeRange, ...]]]:
    """Group consecutive working days with identical ranges as (first, last, ranges)."""
    runs: list[tuple[int, int, tuple[TimeRange, ...]]] = []
    for day, ranges in enumerate(hours.days):
        if not ranges:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == ranges:
            runs[-1] = (runs[-1][0], day, ranges)
        else:
            runs.append((day, day, ranges))
    # A week worked from Sunday ("sun-thu") reads as one run, Sunday first, when Sunday
    # stands alone and has the hours of the run that starts on Monday.
    first, sunday = (runs[0], runs[-1]) if runs else ((0, 0, ()), (0, 0, ()))
    if (
        len(runs) > 1
        and first[:1] == (MONDAY,)
        and first[1] != SATURDAY
        and sunday == (SUNDAY, SUNDAY, first[2])
    ):
        runs = [(SUNDAY, first[1], first[2]), *runs[1:-1]]
    return runs


def _days_of(first: int, last: int) -> list[int]:
    """The days from `first` to `last`, through Sunday into Monday when `first` is Sunday."""
    return [(first + offset) % 7 for offset in range((last - first) % 7 + 1)]


def _range_text(span: TimeRange) -> str:
    return f"{_clock_text(span.start, pad=True)}-{_clock_text(span.end, pad=True)}"


def _span_text(first: int, last: int) -> str:
    if first == last:
        return DAY_ABBREVIATIONS[first]
    return f"{DAY_ABBREVIATIONS[first]}-{DAY_ABBREVIATIONS[last]}"


def format_hours(hours: WorkingHours) -> str:
    """Canonical text, e.g. "mon-thu 09:00-17:00; fri 09:00-13:00"."""
    parts = []
    for first, last, ranges in _runs(hours):
        parts.append(f"{_span_text(first, last)} {', '.join(_range_text(span) for span in ranges)}")
    return "; ".join(parts)


def _refuse(problem: str) -> InvalidInput:
    """The problem (already in the app's language), then what is accepted."""
    return InvalidInput(f"{problem} {_(ACCEPTED_HOURS)}")


def _day(weekday: int) -> str:
    """A day named in a refusal, in the app's language."""
    return day_name(weekday, shown_language())


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for token in text.split(","):
        ends = re.split(_DASH, token.strip())
        if len(ends) > 2 or not all(ends):
            raise _refuse(_('Could not read the days "{days}".').format(days=text.strip()))
        first = parse_weekday(ends[0])
        last = first if len(ends) == 1 else parse_weekday(ends[-1])
        if first is None or last is None:
            raise _refuse(
                _('"{token}" is not a day name such as "mon" or "monday".').format(
                    token=token.strip()
                )
            )
        if last < first and first != SUNDAY:
            # A week runs Monday to Sunday or Sunday to Saturday; wrapping further (from
            # Friday into Monday) reads ambiguously, so ask for the two spans instead.
            raise _refuse(
                _('"{token}" runs past Sunday; write it as "{first}, {second}".').format(
                    token=token.strip(), first=_span_text(0, last), second=_span_text(first, 6)
                )
            )
        days.extend(_days_of(first, last))
    return days


def _parse_ranges(text: str) -> list[TimeRange]:
    ranges = []
    for token in text.split(","):
        match = _RANGE.fullmatch(token.strip())
        if match is None:
            raise _refuse(_('Could not read the times "{times}".').format(times=token.strip()))
        start, end = parse_clock(match["start"]), parse_clock(match["end"])
        if start is None or end is None:
            raise _refuse(
                _('"{times}" has a time outside 00:00 to 24:00.').format(times=token.strip())
            )
        if end <= start:
            raise _refuse(
                _(
                    '"{times}" does not end after it starts; split a shift past midnight as '
                    '"mon 20:00-24:00; tue 00:00-02:00".'
                ).format(times=token.strip())
            )
        ranges.append(TimeRange(_time_from_minutes(start), _time_from_minutes(end)))
    return ranges


def parse_hours(text: str) -> WorkingHours:
    """Read working hours such as "mon-thu 09:00-17:00; fri 09:00-13:00"."""
    by_day: dict[int, list[TimeRange]] = {}
    # Any run of whitespace (tabs, no-break spaces) reads as one space; a new line
    # separates day groups just as ";" does, for those who type one group per line.
    groups = [" ".join(group.split()) for group in re.split(r"[;\n]", text)]
    if not any(groups):
        raise _refuse(_("No working hours were given."))
    for group in groups:
        if not group:
            continue  # a stray or trailing ";" is harmless
        match = _GROUP.fullmatch(group)
        if match is None:
            raise _refuse(_('Could not read "{group}".').format(group=group))
        ranges = _parse_ranges(match["ranges"])
        for day in _parse_days(match["days"]):
            if day in by_day:
                raise _refuse(_("{day} is given twice; list each day once.").format(day=_day(day)))
            by_day[day] = sorted(ranges)
    for day, ranges in by_day.items():
        for earlier, later in pairwise(ranges):
            if later.start < earlier.end:
                raise _refuse(
                    _("On {day}, {earlier} overlaps {later}.").format(
                        day=_day(day), earlier=_range_text(earlier), later=_range_text(later)
                    )
                )
    return WorkingHours(tuple(tuple(by_day.get(day, ())) for day in range(7)))
