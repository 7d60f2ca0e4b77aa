"""ISO weeks in the practice's time zone: Monday 00:00 to the next Monday 00:00 local."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from boundary_desk.domain.dates import year_problem
from boundary_desk.domain.vocabulary.calendar_names import calendar_names
from boundary_desk.errors import InvalidInput

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def of(cls, moment: datetime | date, zone: ZoneInfo) -> Week:
        day = moment.astimezone(zone).date() if isinstance(moment, datetime) else moment
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> Week:
        match = _ISO_WEEK.match(text.strip().upper())
        if not match:
            raise InvalidInput('A week looks like "2026-W47" (ISO year, W, week number).')
        year, number = int(match.group(1)), int(match.group(2))
        if problem := year_problem(year):
            raise InvalidInput(f"For the week, {problem}.")
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise InvalidInput(f"{year} has no week {number}.") from None
        return cls(year, number)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    def start(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.monday, time(0), tzinfo=zone)

    def end(self, zone: ZoneInfo) -> datetime:
        """The next Monday's midnight: 167, 168 or 169 hours later across DST changes."""
        return datetime.combine(self.monday + timedelta(days=7), time(0), tzinfo=zone)

    def shifted(self, weeks: int) -> Week:
        day = self.monday + timedelta(weeks=weeks)
        iso = day.isocalendar()
        return Week(iso.year, iso.week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def label(self) -> str:
        """ "16–22 November 2026"."""
        first, last = self.monday, self.monday + timedelta(days=6)
        months = calendar_names().months
        if first.month == last.month:
            return f"{first.day}–{last.day} {months[last.month - 1]} {last.year}"
        start = f"{first.day} {months[first.month - 1]}"
        if first.year == last.year:
            return f"{start} – {last.day} {months[last.month - 1]} {last.year}"
        return (
            f"{first.day} {months[first.month - 1]} {first.year} – "
            f"{last.day} {months[last.month - 1]} {last.year}"
        )


def weeks_ending(last: Week, count: int) -> list[Week]:
    """`count` consecutive weeks, oldest first, ending with `last`."""
    return [last.shifted(-offset) for offset in range(count - 1, -1, -1)]
