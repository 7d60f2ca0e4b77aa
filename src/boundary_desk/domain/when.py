"""Reading "when it happened" as a clinician types it: now, 20 min ago, 22:40, or ISO 8601.

Times without a zone are the practice's local time. A local time that does not
exist (inside a spring-forward gap) is refused rather than guessed; one that
happens twice (the autumn change) is the first of the two.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from boundary_desk.domain.dates import year_problem
from boundary_desk.errors import InvalidInput

ACCEPTED_WHEN = (
    'Say when as "now", "20 min ago", "2 h ago", a time today like "22:40", or a date '
    'and time like "2026-11-20 22:40" (or full ISO 8601 with a zone).'
)
_AGO = re.compile(r"^(\d{1,4})\s*(m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)\s+ago$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """An aware datetime for `text`, or InvalidInput saying what is accepted."""
    value = " ".join(text.strip().lower().split())
    if value in ("", "now"):
        return now
    if match := _AGO.match(value):
        amount, unit = int(match.group(1)), match.group(2)
        step = {"m": "minutes", "h": "hours", "d": "days"}[unit[0]]
        return now - timedelta(**{step: amount})
    if match := _CLOCK.match(value):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise InvalidInput(ACCEPTED_WHEN)
        today = now.astimezone(zone).date()
        moment = local_moment(datetime.combine(today, time(hour, minute)), zone)
        # "22:40" typed just after midnight means last night.
        return moment - timedelta(days=1) if moment > now + timedelta(minutes=5) else moment
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(ACCEPTED_WHEN) from None
    if problem := year_problem(parsed.year):
        raise InvalidInput(f"For when it happened, {problem}.")
    if parsed.tzinfo is not None:
        return parsed
    return local_moment(parsed, zone)


def local_moment(wall: datetime, zone: ZoneInfo) -> datetime:
    """The practice-local wall-clock time `wall` as an aware datetime."""
    moment = wall.replace(tzinfo=zone, fold=0)
    round_trip = moment.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise InvalidInput(
            f"{wall:%Y-%m-%d %H:%M} doesn't exist in {zone.key}: the clocks changed that "
            "night. Give the time as shown after the change."
        )
    return moment
