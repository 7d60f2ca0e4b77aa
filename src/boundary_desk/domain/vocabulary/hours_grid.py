"""The working-hours grid a review shows under its contacts: seven days by 24 hours.

The screen shades each hour that is working time and the printed review outlines the
working ranges; both read them from here, so a holiday or a vacation day is left out
of both alike.
"""

from __future__ import annotations

from datetime import datetime, time

from boundary_desk.domain.after_hours import AfterHoursReason, after_hours
from boundary_desk.domain.hours import TimeRange
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.weeks import Week

_CLOSED = (AfterHoursReason.HOLIDAY, AfterHoursReason.VACATION)


def closed_days(week: Week, practice: PracticeSettings) -> tuple[int, ...]:
    """Weekdays of `week` (0 = Monday) you would work but are a holiday or vacation day."""
    closed = []
    for day, ranges in enumerate(practice.hours.days):
        if not ranges:
            continue
        date = week.date_of(day)
        found = after_hours(datetime.combine(date, ranges[0].start, practice.timezone), practice)
        if found is not None and found.reason in _CLOSED:
            closed.append(day)
    return tuple(closed)


def working_spans(week: Week, practice: PracticeSettings) -> tuple[tuple[TimeRange, ...], ...]:
    """Each day's working ranges in `week`, Monday first; none on a closed day."""
    closed = closed_days(week, practice)
    return tuple(() if day in closed else ranges for day, ranges in enumerate(practice.hours.days))


def working_grid(week: Week, practice: PracticeSettings) -> list[list[bool]]:
    """Whether each hour of `week` is working time, judged at half past the hour."""
    return [
        [any(_holds(span, time(hour, 30)) for span in ranges) for hour in range(24)]
        for ranges in working_spans(week, practice)
    ]


def _holds(span: TimeRange, wall: time) -> bool:
    return span.start <= wall < span.end


HEAT_LEVELS = 5  # shades of blue after "none", the same on screen and on paper


def heat_level(count: int, peak: int) -> int:
    """0 for none; 1–5 for the count, scaled when the busiest hour held more than five."""
    if count <= 0:
        return 0
    return count if peak <= HEAT_LEVELS else max(1, -(-count * HEAT_LEVELS // peak))
