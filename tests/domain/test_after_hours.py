"""After-hours classification in the practice's zone: hours, weekends, holidays, DST."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.after_hours import AfterHoursReason, after_hours
from boundary_desk.domain.practice_settings import PracticeSettings

TORONTO = ZoneInfo("America/Toronto")
PRACTICE = PracticeSettings.from_values(
    {
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
        "vacation": "2026-08-03..2026-08-14",
    }
)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TORONTO)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("moment", "reason"),
    [
        (local(2026, 11, 20, 22, 40), AfterHoursReason.OUTSIDE_HOURS),  # Friday night
        (local(2026, 11, 20, 12, 59), None),  # Friday, inside short day
        (local(2026, 11, 20, 13, 0), AfterHoursReason.OUTSIDE_HOURS),  # end is exclusive
        (local(2026, 11, 17, 9, 0), None),  # start is inclusive
        (local(2026, 11, 17, 8, 59), AfterHoursReason.OUTSIDE_HOURS),
        (local(2026, 11, 17, 11, 0), None),  # Tuesday 11:00
        (local(2026, 11, 21, 12, 0), AfterHoursReason.WEEKEND),  # Saturday noon
        (local(2026, 11, 22, 10, 0), AfterHoursReason.WEEKEND),  # Sunday
        (local(2026, 12, 25, 11, 0), AfterHoursReason.HOLIDAY),  # Christmas Day
        (local(2026, 7, 1, 11, 0), AfterHoursReason.HOLIDAY),  # Canada Day (Wednesday)
        (local(2026, 8, 5, 11, 0), AfterHoursReason.VACATION),
        (local(2026, 11, 18, 0, 0), AfterHoursReason.OUTSIDE_HOURS),  # midnight
        (local(2026, 11, 17, 23, 59), AfterHoursReason.OUTSIDE_HOURS),
    ],
)
def test_classification(moment: datetime, reason: AfterHoursReason | None) -> None:
    found = after_hours(moment, PRACTICE)
    assert (found.reason if found else None) == reason


def test_utc_moments_are_judged_in_the_practice_zone() -> None:
    # 03:40 UTC on Saturday is 22:40 on Friday in Toronto.
    found = after_hours(datetime(2026, 11, 21, 3, 40, tzinfo=UTC), PRACTICE)
    assert found is not None and found.reason is AfterHoursReason.OUTSIDE_HOURS
    assert found.describe() == "at 22:40 on Friday"


def test_the_hour_after_spring_forward() -> None:
    # Clocks go from 02:00 to 03:00 on Sunday 8 March 2026; Monday 09:30 EDT is 13:30 UTC.
    assert after_hours(datetime(2026, 3, 9, 13, 30, tzinfo=UTC), PRACTICE) is None
    # The same UTC instant a week earlier was 08:30 EST: before opening.
    early = after_hours(datetime(2026, 3, 2, 13, 30, tzinfo=UTC), PRACTICE)
    assert early is not None and early.local.hour == 8


def test_the_repeated_hour_in_autumn() -> None:
    # 1 November 2026, 01:30 happens twice; both are Sunday, so weekend either way.
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    for moment in (first, second):
        found = after_hours(moment, PRACTICE)
        assert found is not None and found.local.hour == 1


def test_laptop_zone_does_not_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert after_hours(local(2026, 11, 17, 11, 0), PRACTICE) is None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_saturday_clinic_is_not_weekend_for_that_practice() -> None:
    practice = PracticeSettings.from_values({"hours": "tue-sat 10:00-18:00", "region": "US"})
    assert after_hours(datetime(2026, 11, 21, 12, 0, tzinfo=UTC), practice) is None
    monday = after_hours(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), practice)
    assert monday is not None and monday.reason is AfterHoursReason.DAY_OFF


def test_holiday_description_names_it() -> None:
    found = after_hours(local(2026, 12, 25, 11, 0), PRACTICE)
    assert found is not None
    assert "Christmas Day" in found.describe()


def test_naive_datetimes_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        after_hours(datetime(2026, 11, 17, 11, 0), PRACTICE)  # noqa: DTZ001
