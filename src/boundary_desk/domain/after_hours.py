"""Is a moment inside the practice's working time? Decided in the practice's time zone.

A moment is after hours on a vacation day, a public holiday for the practice's region,
a day with no working hours (a weekend, usually), or outside that day's hours. The
moment is converted to the practice zone first, so daylight-saving changes and a
laptop set to another zone don't matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.region import Region, public_holidays, weekend_days
from boundary_desk.domain.vocabulary.calendar_names import clock_time, day_name
from boundary_desk.system.i18n import N_, _, current_language


class AfterHoursReason(StrEnum):
    VACATION = "vacation day"
    HOLIDAY = "public holiday"
    WEEKEND = "weekend"
    DAY_OFF = "day off"
    OUTSIDE_HOURS = "outside working hours"


@dataclass(frozen=True)
class AfterHours:
    reason: AfterHoursReason
    local: datetime
    holiday: str = ""

    def describe(self) -> str:
        """E.g. "at 22:40 on Friday", "at 10:00 on Friday, Christmas Day (a public
        holiday)"; in the app's language ("à 22 h 40 le vendredi")."""
        language = current_language()
        names = language if language in ("fr", "he") else "en"
        when = _("at {time} on {day}").format(
            time=clock_time(self.local.time()), day=day_name(self.local.weekday(), names)
        )
        if self.reason is AfterHoursReason.HOLIDAY:
            return _("{when}, {holiday} (a public holiday)").format(when=when, holiday=self.holiday)
        why = _WHY.get(self.reason)
        return _(why).format(when=when) if why else when


# How each reason for a moment being after hours follows "at 22:40 on Friday".
_WHY = {
    AfterHoursReason.VACATION: N_("{when}, one of your vacation days"),
    AfterHoursReason.WEEKEND: N_("{when}, at the weekend"),
    AfterHoursReason.DAY_OFF: N_("{when}, a day you don't work"),
}


@lru_cache(maxsize=64)
def _holidays(region: Region, year: int) -> dict[date, str]:
    return public_holidays(region, year)


def after_hours(moment: datetime, practice: PracticeSettings) -> AfterHours | None:
    """Why `moment` is after hours for this practice, or None if it is working time."""
    if moment.tzinfo is None:
        raise ValueError("after_hours needs an aware datetime")
    local = moment.astimezone(practice.timezone)
    day = local.date()
    if day in practice.vacation:
        return AfterHours(AfterHoursReason.VACATION, local)
    holiday = _holidays(practice.region, day.year).get(day)
    if holiday:
        return AfterHours(AfterHoursReason.HOLIDAY, local, holiday)
    if not practice.hours.days[local.weekday()]:
        weekend = local.weekday() in weekend_days(practice.region)  # Fri–Sat in Israel
        reason = AfterHoursReason.WEEKEND if weekend else AfterHoursReason.DAY_OFF
        return AfterHours(reason, local)
    if not practice.hours.is_working_time(local):
        return AfterHours(AfterHoursReason.OUTSIDE_HOURS, local)
    return None
