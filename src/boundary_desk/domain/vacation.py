"""Days the clinician is away: contact on them counts as after hours."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

ACCEPTED_VACATION = N_(
    'Vacation days look like "2026-12-24..2027-01-02; 2027-07-01": single dates or '
    "ranges (first..last), separated by semicolons."
)
_MAX_RANGE_DAYS = 366


@dataclass(frozen=True)
class VacationDays:
    """Inclusive date ranges, sorted and not overlapping."""

    ranges: tuple[tuple[date, date], ...] = ()

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and any(a <= day <= b for a, b in self.ranges)


def parse_vacation(text: str) -> VacationDays:
    parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    ranges = sorted(_parse_part(p) for p in parts)
    for (_first, end), (start, _last) in pairwise(ranges):
        if start <= end:
            raise _refused(
                _("Two vacation periods overlap around {day}.").format(day=start.isoformat())
            )
    return VacationDays(tuple(ranges))


def format_vacation(days: VacationDays) -> str:
    return "; ".join(
        a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in days.ranges
    )


def _parse_part(part: str) -> tuple[date, date]:
    first, sep, last = part.partition("..")
    try:
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if sep else start
    except ValueError:
        raise _refused(_('"{part}" is not a date or range.').format(part=part)) from None
    if end < start:
        raise _refused(_('"{part}" ends before it starts.').format(part=part))
    if (end - start).days >= _MAX_RANGE_DAYS:
        raise _refused(_('"{part}" is longer than a year.').format(part=part))
    return start, end


def _refused(problem: str) -> InvalidInput:
    """What was wrong, then what is accepted: two sentences, each in the app's language."""
    return InvalidInput(" ".join((problem, _(ACCEPTED_VACATION))))


def with_days(days: VacationDays, added: Iterable[tuple[date, date]]) -> VacationDays:
    """`days` with the ranges `added`, overlapping and touching ranges made one."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted([*days.ranges, *added]):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return VacationDays(tuple(merged))


def new_days(
    days: VacationDays, added: Iterable[tuple[date, date]]
) -> tuple[tuple[date, date], ...]:
    """The ranges of `added` holding at least one day `days` doesn't already have."""
    found = []
    for start, end in sorted(set(added)):
        span = (start + timedelta(days=n) for n in range((end - start).days + 1))
        if any(day not in days for day in span):
            found.append((start, end))
    return tuple(found)
