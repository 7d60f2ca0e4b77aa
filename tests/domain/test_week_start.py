"""Weeks that start on Sunday: the region's week, the hours typed for it, and its review."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.after_hours import AfterHoursReason, after_hours
from boundary_desk.domain.hours import format_hours, parse_hours, parse_weekday
from boundary_desk.domain.practice_settings import PracticeSettings, validate_setting
from boundary_desk.domain.region import Region, first_week_day, weekend_days, working_week_start
from boundary_desk.domain.review_time import ReviewTime
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import InvalidInput

JERUSALEM = ZoneInfo("Asia/Jerusalem")
MON, FRI, SAT, SUN = 0, 4, 5, 6


@pytest.mark.parametrize(
    ("country", "cldr", "week", "weekend"),
    [
        ("IL", SUN, SUN, {FRI, SAT}),
        ("CA", SUN, MON, {SAT, SUN}),  # Sunday ends Canada's weekend: the review week is ISO
        ("US", SUN, MON, {SAT, SUN}),
        ("GB", MON, MON, {SAT, SUN}),
    ],
)
def test_each_region_has_its_week(country: str, cldr: int, week: int, weekend: set[int]) -> None:
    region = Region(country)
    assert first_week_day(region) == cldr
    assert working_week_start(region) == week
    assert weekend_days(region) == weekend
    assert PracticeSettings.from_values({"region": country}).week_start == week


def test_the_week_start_setting_overrides_the_region() -> None:
    assert PracticeSettings.from_values({"region": "US", "week_start": "sun"}).week_start == SUN
    assert PracticeSettings.from_values({"region": "IL", "week_start": "mon"}).week_start == MON
    assert validate_setting("week_start", "Dimanche") == "sun"
    assert validate_setting("week_start", "יום ראשון") == "sun"
    assert validate_setting("week_start", " AUTO ") == "region"
    for bad in ("wed", "", "7", "sunday monday"):
        if bad:
            with pytest.raises(InvalidInput, match="The week must start on"):
                validate_setting("week_start", bad)


def test_a_sunday_week_is_named_by_its_monday() -> None:
    week = Week.of(date(2026, 11, 15), JERUSALEM, SUN)  # a Sunday
    assert (str(week), week.first_day, week.label()) == ("2026-W47", date(2026, 11, 15),
                                                         "15–21 November 2026")  # fmt: skip
    assert Week.of(date(2026, 11, 21), JERUSALEM, SUN) == week  # the Saturday
    assert Week.of(date(2026, 11, 22), JERUSALEM, SUN) == week.shifted(1)
    assert week.start(JERUSALEM) == datetime(2026, 11, 15, tzinfo=JERUSALEM)
    assert week.end(JERUSALEM) == datetime(2026, 11, 22, tzinfo=JERUSALEM)
    assert week.weekdays() == (SUN, 0, 1, 2, 3, FRI, SAT)
    assert week.date_of(SAT) == date(2026, 11, 21) and week.date_of(0) == date(2026, 11, 16)
    assert Week.parse("2026-w47", SUN) == week
    # Across the year: the week of Sunday 28 December 2025 is 2026-W01, as its Monday is.
    new_year = Week.of(date(2025, 12, 28), JERUSALEM, SUN)
    assert (str(new_year), new_year.shifted(-1).first_day) == ("2026-W01", date(2025, 12, 21))
    with pytest.raises(ValueError, match="first_weekday"):
        Week(2026, 47, 7)


def test_friday_review_has_come_by_saturday_of_a_sunday_week_not_on_sunday() -> None:
    week = Week(2026, 47, SUN)
    friday_review = ReviewTime(FRI, time(16))
    assert not friday_review.has_come(date(2026, 11, 19), week)  # Thursday
    assert friday_review.has_come(date(2026, 11, 20), week)  # Friday
    assert friday_review.has_come(date(2026, 11, 21), week)  # Saturday
    monday_week = Week(2026, 47)
    assert friday_review.has_come(date(2026, 11, 22), monday_week)  # Sunday ends it
    thursday = ReviewTime(3, time(9))
    assert not thursday.has_come(date(2026, 11, 15), week)  # Sunday, first day


@pytest.mark.parametrize(
    "typed",
    [
        "Sun-Thu 08:00-16:00",
        "sunday-thursday 08:00-16:00",
        "dim.–jeu. 08:00-16:00",
        "dimanche – jeudi 08:00-16:00",
        "DIM-JEU 08:00-16:00",
        "יום ראשון-יום חמישי 08:00-16:00",
        "יום א׳–יום ה׳ 08:00-16:00",
        "א'-ה' 08:00-16:00",
        "ראשון-חמישי 08:00-16:00",
        "sun, mon-thu 08:00-16:00",
    ],
)
def test_sunday_to_thursday_hours_in_three_languages(typed: str) -> None:
    hours = parse_hours(typed)
    assert format_hours(hours) == "sun-thu 08:00-16:00"
    assert hours.describe() == "Sunday to Thursday 8:00–16:00"
    assert parse_hours(format_hours(hours)) == hours
    assert [bool(day) for day in hours.days] == [True] * 4 + [False] * 2 + [True]


def test_sunday_joins_a_week_only_with_the_same_hours() -> None:
    both = parse_hours("sun 08:00-12:00; mon-thu 08:00-16:00")
    assert format_hours(both) == "mon-thu 08:00-16:00; sun 08:00-12:00"
    assert format_hours(parse_hours("mon-sat 09:00-17:00; sun 09:00-17:00")) == (
        "mon-sun 09:00-17:00"
    )
    assert format_hours(parse_hours("sun-mon 09:00-10:00")) == "sun-mon 09:00-10:00"


@pytest.mark.parametrize("word", ["ven", "vendredi", "VEN.", "יום שישי", "שישי", "ו׳", "ו'", "fri"])
def test_friday_in_every_language(word: str) -> None:
    assert parse_weekday(word) == FRI


def test_friday_is_the_weekend_in_israel_not_a_day_off() -> None:
    practice = PracticeSettings.from_values(
        {"region": "IL", "timezone": "Asia/Jerusalem", "hours": "sun-thu 08:00-16:00"}
    )
    friday = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    sunday = datetime(2026, 11, 15, 8, 0, tzinfo=UTC)  # 10:00 in Jerusalem
    found = after_hours(friday, practice)
    assert found is not None and found.reason is AfterHoursReason.WEEKEND
    assert after_hours(sunday, practice) is None
