"""Weeks in the practice's time zone, from the practice's first day 00:00 to 7 days later.

A week is named as ISO names the week holding its Monday ("2026-W47"), whatever day it
starts on: the ISO week of Monday 16 November 2026 is Monday 16 to Sunday 22 November;
the Sunday week of the same name is Sunday 15 to Saturday 21 November, the working week
Israel knows as that week. So a name typed at the CLI or kept with a review means the
same working week for everyone in a practice, and ISO years and numbers still apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from boundary_desk.domain.dates import FIRST_YEAR, LAST_YEAR, year_problem
from boundary_desk.domain.vocabulary.calendar_names import LANGUAGE, week_span
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MONDAY = 0


def _first_day_of(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def _named(first: date, first_weekday: int) -> Week:
    """The week starting on `first`, named by the ISO week of its Monday."""
    iso = (first + timedelta(days=(MONDAY - first_weekday) % 7)).isocalendar()
    return Week(iso.year, iso.week, first_weekday)


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int
    first_weekday: int = MONDAY  # 0 = Monday, 6 = Sunday

    def __post_init__(self) -> None:
        if not 0 <= self.first_weekday <= 6:
            raise ValueError("first_weekday must be 0 (Monday) to 6 (Sunday)")

    @classmethod
    def of(cls, moment: datetime | date, zone: ZoneInfo, first_weekday: int = MONDAY) -> Week:
        """The week holding `moment` (in `zone`), in weeks that start on `first_weekday`."""
        day = moment.astimezone(zone).date() if isinstance(moment, datetime) else moment
        return _named(_first_day_of(day, first_weekday), first_weekday)

    @classmethod
    def parse(cls, text: str, first_weekday: int = MONDAY) -> Week:
        match = _ISO_WEEK.match(text.strip().upper())
        if not match:
            raise InvalidInput(_('A week looks like "2026-W47" (ISO year, W, week number).'))
        year, number = int(match.group(1)), int(match.group(2))
        if year_problem(year) is not None:  # said here in one sentence of its own
            raise InvalidInput(
                _(
                    "For the week, the year {year} is outside {first}–{last}; check the year."
                ).format(year=year, first=FIRST_YEAR, last=LAST_YEAR)
            )
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise InvalidInput(
                _("{year} has no week {number}.").format(year=year, number=number)
            ) from None
        return cls(year, number, first_weekday)

    @property
    def monday(self) -> date:
        """The Monday the week is named by (its first day in an ISO week)."""
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def first_day(self) -> date:
        """The day the week starts on: its Monday, or the Sunday before it."""
        return self.monday - timedelta(days=(MONDAY - self.first_weekday) % 7)

    def date_of(self, weekday: int) -> date:
        """The date of `weekday` (0 = Monday) in this week."""
        return self.first_day + timedelta(days=(weekday - self.first_weekday) % 7)

    def weekdays(self) -> tuple[int, ...]:
        """The weekdays (0 = Monday) in the order the week runs, e.g. 6, 0, 1 … 5."""
        return tuple((self.first_weekday + offset) % 7 for offset in range(7))

    def start(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.first_day, time(0), tzinfo=zone)

    def end(self, zone: ZoneInfo) -> datetime:
        """The next week's first midnight: 167, 168 or 169 hours later across DST changes."""
        return datetime.combine(self.first_day + timedelta(days=7), time(0), tzinfo=zone)

    def shifted(self, weeks: int) -> Week:
        return _named(self.first_day + timedelta(weeks=weeks), self.first_weekday)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def label(self) -> str:
        """ "16–22 November 2026", in English (`week_span` writes it in other languages)."""
        return week_span(self.first_day, LANGUAGE)


def weeks_ending(last: Week, count: int) -> list[Week]:
    """`count` consecutive weeks, oldest first, ending with `last`."""
    return [last.shifted(-offset) for offset in range(count - 1, -1, -1)]
