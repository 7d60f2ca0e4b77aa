"""The weekly self-review moment, e.g. Fridays at 16:00 in the practice's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from boundary_desk.domain.hours import DAY_ABBREVIATIONS, parse_clock, parse_weekday
from boundary_desk.domain.vocabulary.calendar_names import day_name
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

ACCEPTED_REVIEW_TIME = N_(
    'The weekly review time must look like "fri 16:00": a day and a time from 00:00 to 23:59.'
)

_REVIEW = re.compile(r"(?P<day>[a-z]+)\s+(?P<clock>\d{1,2}:\d{2})", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class ReviewTime:
    """A weekday (0 = Monday) and a wall-clock time; the zone is supplied when it is used."""

    weekday: int
    at: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        # The zone comes from the practice settings, so `at` is deliberately naive.
        if self.at.tzinfo is not None or self.at.second or self.at.microsecond:
            raise ValueError("at must be a whole-minute wall-clock time without tzinfo")

    def next_occurrence(self, now: datetime, tz: ZoneInfo) -> datetime:
        """The first review moment at or after `now`, as an aware datetime in `tz`."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("next_occurrence needs a timezone-aware now")
        local_now = now.astimezone(tz)
        days_ahead = (self.weekday - local_now.weekday()) % 7
        for extra_weeks in (0, 1):
            day = local_now.date() + timedelta(days=days_ahead + 7 * extra_weeks)
            # A UTC round trip resolves a time skipped by spring-forward to the real
            # instant just after the jump; an ambiguous fall-back time takes the first.
            candidate = datetime.combine(day, self.at, tzinfo=tz).astimezone(UTC).astimezone(tz)
            if candidate >= now:
                return candidate
        raise AssertionError("unreachable: a week later is always after now")

    def has_come(self, day: date, week: Week) -> bool:
        """Whether `day`, in `week`, is the review's day or later in that week: Friday's
        review has come on Saturday of a Monday week, not yet on Sunday of a Sunday week."""
        first = week.first_weekday
        return (day.weekday() - first) % 7 >= (self.weekday - first) % 7

    def describe(self) -> str:
        """Plain words, e.g. "Fridays at 16:00"."""
        return f"{day_name(self.weekday)}s at {self.at.hour:02d}:{self.at.minute:02d}"


def parse_review_time(text: str) -> ReviewTime:
    """Read a review time such as "fri 16:00" or "Friday 9:30"."""
    if not text.strip():
        raise _refused(_("No review time was given."))
    match = _REVIEW.fullmatch(text.strip())
    if match is None:
        raise _refused(_('Could not read "{text}".').format(text=text.strip()))
    weekday = parse_weekday(match["day"])
    if weekday is None:
        raise _refused(_('"{day}" is not a day name.').format(day=match["day"]))
    minutes = parse_clock(match["clock"])
    if minutes is None or minutes >= 24 * 60:
        raise _refused(_('"{clock}" is not a time of day.').format(clock=match["clock"]))
    return ReviewTime(weekday, time(minutes // 60, minutes % 60))


def _refused(problem: str) -> InvalidInput:
    """What was wrong, then what is accepted: two sentences, each in the app's language."""
    return InvalidInput(" ".join((problem, _(ACCEPTED_REVIEW_TIME))))


def format_review_time(review: ReviewTime) -> str:
    """Canonical text, e.g. "fri 16:00"."""
    return f"{DAY_ABBREVIATIONS[review.weekday]} {review.at.hour:02d}:{review.at.minute:02d}"
