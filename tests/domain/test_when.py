import time as clock
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.region import Region
from boundary_desk.domain.when import month_first, parse_when
from boundary_desk.errors import InvalidInput

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 21, 2, 10, tzinfo=UTC)  # 21:10 on Friday 20 Nov in Toronto
# 10:00 on Tuesday 1 December in Toronto: logging Friday's text on Tuesday.
TUESDAY = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
FRIDAY_2240 = datetime(2026, 11, 27, 22, 40, tzinfo=TORONTO)
CANADA, US, UK, ISRAEL = Region("CA", "ON"), Region("US", "NY"), Region("GB"), Region("IL")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("", NOW),
        ("20 min ago", NOW - timedelta(minutes=20)),
        ("2 h ago", NOW - timedelta(hours=2)),
        ("1 day ago", NOW - timedelta(days=1)),
        ("20:40", datetime(2026, 11, 20, 20, 40, tzinfo=TORONTO)),
        ("22:40", datetime(2026, 11, 19, 22, 40, tzinfo=TORONTO)),  # later than now: last night
        ("2026-11-20 22:40", datetime(2026, 11, 20, 22, 40, tzinfo=TORONTO)),
        ("2026-11-20T22:40:00+00:00", datetime(2026, 11, 20, 22, 40, tzinfo=UTC)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, TORONTO) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fri 22:40",
        "friday 22:40",
        "Friday, 22:40",
        "last fri 22:40",
        "last friday 22:40",
        "fri at 22:40",
        "22:40 fri",
        "fri 10:40 pm",
        "fri 10:40pm",
        "27 nov 22:40",
        "27th nov 22:40",
        "27 November 22:40",
        "nov 27 22:40",
        "Nov 27, 22:40",
        "fri 27 nov 22:40",
        "27 nov 2026 22:40",
        "27/11 22:40",
        "27.11 22:40",
        "27/11/2026 22:40",
        "27/11/26 22:40",
        "22:40 27/11",
    ],
)
def test_what_people_type_for_last_friday(text: str) -> None:
    moment = parse_when(text, TUESDAY, TORONTO, CANADA)
    assert moment == FRIDAY_2240
    assert moment.tzinfo is TORONTO


@pytest.mark.parametrize("text", ["yesterday 22:40", "22:40 yesterday", "yesterday at 22:40"])
def test_yesterday(text: str) -> None:
    assert parse_when(text, TUESDAY, TORONTO) == datetime(2026, 11, 30, 22, 40, tzinfo=TORONTO)


def test_today_is_today_even_when_later_than_now() -> None:
    # "today 22:40" at 10:00 is in the future: it is read as typed, and saving refuses it.
    assert parse_when("today 22:40", TUESDAY, TORONTO) == datetime(
        2026, 12, 1, 22, 40, tzinfo=TORONTO
    )


def test_a_bare_weekday_is_the_most_recent_such_day_not_in_the_future() -> None:
    # Tuesday 10:00: "tue 08:00" is this morning, "tue 22:40" a week ago.
    assert parse_when("tue 08:00", TUESDAY, TORONTO) == datetime(2026, 12, 1, 8, 0, tzinfo=TORONTO)
    assert parse_when("tue 22:40", TUESDAY, TORONTO) == datetime(
        2026, 11, 24, 22, 40, tzinfo=TORONTO
    )
    assert parse_when("mon 22:40", TUESDAY, TORONTO) == datetime(
        2026, 11, 30, 22, 40, tzinfo=TORONTO
    )
    assert parse_when("wed 09:00", TUESDAY, TORONTO) == datetime(2026, 11, 25, 9, 0, tzinfo=TORONTO)


def test_last_weekday_is_never_today() -> None:
    assert parse_when("last tue 08:00", TUESDAY, TORONTO) == datetime(
        2026, 11, 24, 8, 0, tzinfo=TORONTO
    )


def test_a_date_without_a_year_is_the_most_recent_one() -> None:
    # On 1 December, "27 dec" is last December, not this month's future.
    assert parse_when("27 dec 22:40", TUESDAY, TORONTO) == datetime(
        2025, 12, 27, 22, 40, tzinfo=TORONTO
    )
    with pytest.raises(InvalidInput, match="There is no 29 February 2026"):
        parse_when("29 feb 10:00", TUESDAY, TORONTO, CANADA)


@pytest.mark.parametrize(
    ("region", "text", "expected"),
    [
        (US, "11/27 22:40", FRIDAY_2240),
        (US, "11/27/2026 22:40", FRIDAY_2240),
        (CANADA, "27/11 22:40", FRIDAY_2240),
        (UK, "27/11 22:40", FRIDAY_2240),
        (ISRAEL, "27/11 22:40", FRIDAY_2240),
        (None, "27/11 22:40", FRIDAY_2240),
        (US, "5/11 22:40", datetime(2026, 5, 11, 22, 40, tzinfo=TORONTO)),
        (UK, "5/11 22:40", datetime(2026, 11, 5, 22, 40, tzinfo=TORONTO)),
        (US, "nov 27 22:40", FRIDAY_2240),
        (UK, "nov 27 22:40", FRIDAY_2240),
        (US, "27 nov 22:40", FRIDAY_2240),
    ],
)
def test_numeric_dates_follow_the_region(
    region: Region | None, text: str, expected: datetime
) -> None:
    assert parse_when(text, TUESDAY, TORONTO, region) == expected


def test_only_the_us_writes_the_month_first() -> None:
    assert month_first(US)
    assert not any(month_first(r) for r in (CANADA, UK, ISRAEL, Region("FR"), None))


def test_a_day_first_date_in_the_us_is_refused_not_swapped() -> None:
    with pytest.raises(InvalidInput, match=r"no month 27.*month/day, as in 11/27 22:40"):
        parse_when("27/11 22:40", TUESDAY, TORONTO, US)


def test_a_month_first_date_elsewhere_is_refused_not_swapped() -> None:
    with pytest.raises(InvalidInput, match=r"no month 27.*day/month, as in 27/11 22:40"):
        parse_when("11/27 22:40", TUESDAY, TORONTO, CANADA)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02 22:40", "There is no 31 February"),
        ("31 feb 22:40", "There is no 31 February"),
        ("31/11/2026 22:40", "There is no 31 November 2026"),
        ("29/02/2026 22:40", "There is no 29 February 2026"),
        ("fri 25:00", "“25:00” is not a time of day: hours go from 0 to 23"),
        ("25:00", "hours go from 0 to 23"),
        ("12:75", "minutes from 0 to 59"),
        ("fri 13 pm", "with am or pm the hour is 1 to 12"),
        ("fri", 'Add the time of day, like "fri 22:40"'),
        ("yesterday", 'Add the time of day, like "yesterday 22:40"'),
        ("27/11", 'Add the time of day, like "27/11 22:40"'),
        ("thu 27 nov 22:40", "27 November 2026 is a Friday, not a Thursday"),
        ("fri 22:40 23:00", "one time of day"),
        ("27/11/1850 22:40", "year 1850"),
        ("yesterday-ish", "20 min ago"),
        ("next fri 22:40", "20 min ago"),
        ("20 parsecs ago", "20 min ago"),
        ("frid 22:40", "20 min ago"),
    ],
)
def test_refusals_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_when(text, TUESDAY, TORONTO, CANADA)


def test_a_typed_future_date_is_read_as_typed_for_the_rules_to_refuse() -> None:
    # With a year the date is what was typed; CLOCK_SLACK refusal happens when saving.
    assert parse_when("27/12/2026 22:40", TUESDAY, TORONTO, CANADA) > TUESDAY


def test_a_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(InvalidInput, match="clocks changed"):
        parse_when("2026-03-08T02:30", NOW, TORONTO)
    with pytest.raises(InvalidInput, match="clocks changed"):
        parse_when("8 mar 02:30", NOW, TORONTO)


def test_the_repeated_autumn_hour_is_the_first() -> None:
    moment = parse_when("2026-11-01T01:30", NOW, TORONTO)
    assert moment.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("0001-01-01T00:00", ZoneInfo("Europe/Berlin")),  # before year 1 once in UTC
        ("9999-12-31T23:59", TORONTO),  # after 9999 once in UTC
        ("0001-01-01T00:00+05:00", TORONTO),
        ("1899-12-31T12:00", TORONTO),
        ("2200-01-01T00:00", TORONTO),
    ],
)
def test_years_outside_the_calendar_of_records_are_refused(text: str, zone: ZoneInfo) -> None:
    with pytest.raises(InvalidInput, match="year"):
        parse_when(text, NOW, zone)


def test_reading_is_fast_enough_to_run_on_every_keystroke() -> None:
    forms = ["fri 22:40", "last fri 22:40", "27 nov 22:40", "27/11 22:40", "22:40 yesterday"]
    start = clock.perf_counter()
    for _ in range(200):
        for text in forms:
            parse_when(text, TUESDAY, TORONTO, CANADA)
    per_read = (clock.perf_counter() - start) / 1000
    assert per_read < 0.002  # seconds; about 20 µs on a laptop
