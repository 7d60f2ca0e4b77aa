"""Working hours: reading, writing, describing and asking "is this working time?"."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.hours import (
    END_OF_DAY,
    TimeRange,
    WorkingHours,
    format_hours,
    parse_clock,
    parse_hours,
    parse_weekday,
)
from boundary_desk.errors import InvalidInput

ACCEPTED = 'Working hours must look like "mon-thu 09:00-17:00; fri 09:00-13:00"'
TORONTO = ZoneInfo("America/Toronto")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def nine_to(hour: int, minute: int = 0) -> tuple[TimeRange, ...]:
    return (TimeRange(time(9), time(hour, minute)),)


def weekdays(*pairs: tuple[int, tuple[TimeRange, ...]]) -> WorkingHours:
    by_day = dict(pairs)
    return WorkingHours(tuple(by_day.get(day, ()) for day in range(7)))


# --- accepted forms -------------------------------------------------------------------


def test_parses_the_documented_example() -> None:
    hours = parse_hours("mon-thu 09:00-17:00; fri 09:00-13:00")
    assert hours.days == (nine_to(17),) * 4 + (nine_to(13), (), ())


def test_parses_a_day_list_with_two_ranges_and_single_digit_hours() -> None:
    hours = parse_hours("mon,wed 9:00-12:00, 13:00-17:30")
    split_day = (TimeRange(time(9), time(12)), TimeRange(time(13), time(17, 30)))
    assert hours.as_mapping() == {MON: split_day, WED: split_day}


def test_parses_a_plain_weekday_span() -> None:
    hours = parse_hours("mon-fri 08:30-16:30")
    assert hours.as_mapping() == {
        day: (TimeRange(time(8, 30), time(16, 30)),) for day in range(MON, SAT)
    }


@pytest.mark.parametrize(
    "text",
    [
        "MON-FRI 09:00-17:00",
        "Monday-Friday 09:00-17:00",
        "monday-FRIDAY 9:00-17:00",
        "mon - fri 09:00 - 17:00",
        "mon–fri 09:00–17:00",  # en dashes, as describe() and word processors write them
        "  mon-fri   09:00-17:00  ",
        "mon-fri\t09:00-17:00",
        "mon-fri\u00a009:00-17:00",  # a no-break space pasted from a document
        "mon-fri 09:00-17:00;",
        "mon, tue, wed-fri 09:00-17:00",
        "mon,tue,wed,thu,fri 09:00-17:00",
    ],
)
def test_spelling_variants_all_mean_weekdays_nine_to_five(text: str) -> None:
    assert format_hours(parse_hours(text)) == "mon-fri 09:00-17:00"


@pytest.mark.parametrize(
    ("word", "weekday"),
    [
        ("mon", MON),
        ("tue", TUE),
        ("wed", WED),
        ("thu", THU),
        ("fri", FRI),
        ("sat", SAT),
        ("sun", SUN),
        ("monday", MON),
        ("tuesday", TUE),
        ("wednesday", WED),
        ("thursday", THU),
        ("friday", FRI),
        ("saturday", SAT),
        ("sunday", SUN),
        ("SuNdAy", SUN),
        (" fri ", FRI),
    ],
)
def test_every_day_name_is_understood(word: str, weekday: int) -> None:
    assert parse_weekday(word) == weekday
    assert parse_hours(f"{word} 10:00-11:00").as_mapping() == {
        weekday: (TimeRange(time(10), time(11)),)
    }


@pytest.mark.parametrize("word", ["mo", "thurs", "tues", "weekday", "", "lun..", "יום", "dimanch"])
def test_other_words_are_not_day_names(word: str) -> None:
    assert parse_weekday(word) is None


def test_a_new_line_separates_groups_like_a_semicolon() -> None:
    assert parse_hours("mon-thu 09:00-17:00\nfri 09:00-13:00") == parse_hours(
        "mon-thu 09:00-17:00; fri 09:00-13:00"
    )


def test_closed_days_are_simply_left_out() -> None:
    hours = parse_hours("tue 10:00-14:00; sat 09:00-12:00")
    assert [bool(ranges) for ranges in hours.days] == [
        False,
        True,
        False,
        False,
        False,
        True,
        False,
    ]


def test_groups_may_come_in_any_order() -> None:
    assert parse_hours("fri 09:00-13:00; mon-thu 09:00-17:00") == parse_hours(
        "mon-thu 09:00-17:00; fri 09:00-13:00"
    )


def test_ranges_are_sorted_within_a_day() -> None:
    hours = parse_hours("mon 13:00-17:00, 09:00-12:00")
    assert hours.days[MON] == (TimeRange(time(9), time(12)), TimeRange(time(13), time(17)))


def test_touching_ranges_are_allowed() -> None:
    hours = parse_hours("mon 09:00-12:00, 12:00-17:00")
    assert len(hours.days[MON]) == 2


def test_a_range_may_run_to_midnight_written_24_00() -> None:
    hours = parse_hours("fri 18:00-24:00; sat 00:00-24:00")
    assert hours.days[FRI] == (TimeRange(time(18), END_OF_DAY),)
    assert hours.days[SAT] == (TimeRange(time(0), END_OF_DAY),)


def test_a_single_day_span_is_allowed() -> None:
    assert parse_hours("wed-wed 09:00-10:00").as_mapping() == {WED: (TimeRange(time(9), time(10)),)}


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("0:00", 0), ("00:00", 0), ("9:05", 545), ("09:30", 570), ("23:59", 1439), ("24:00", 1440)],
)
def test_clock_times_from_midnight_to_midnight(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["24:01", "25:00", "9:60", "9", "9:5", "123:00", "", "٠٩:٠٠"])
def test_clock_refuses_what_is_not_a_time_of_day(text: str) -> None:
    assert parse_clock(text) is None


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "No working hours were given."),
        ("   ", "No working hours were given."),
        (";", "No working hours were given."),
        ("none", 'Could not read "none".'),
        ("closed", 'Could not read "closed".'),
        ("9:00-17:00", 'Could not read "9:00-17:00".'),
        ("mon-fri", 'Could not read "mon-fri".'),
        ("mon-fri9:00-17:00", 'Could not read "mon-fri9:00-17:00".'),
        ("mon-fri 9-17", 'Could not read the times "9-17".'),
        ("mon-fri 9am-5pm", 'Could not read the times "9am-5pm".'),
        ("mon-fri 09:00-17:00 extra", 'Could not read the times "09:00-17:00 extra".'),
        ("mon-fri 09:00-17:00,", 'Could not read the times "".'),
        ("mon-fri 09:00", 'Could not read the times "09:00".'),
        ("mon 9:00-12:00, tue 13:00-17:00", 'Could not read the times "tue 13:00-17:00".'),
        ("mon--fri 09:00-17:00", 'Could not read the days "mon--fri".'),
        ("mon-tue-wed 09:00-17:00", 'Could not read the days "mon-tue-wed".'),
        ("mon,,fri 09:00-17:00", 'Could not read the days "mon,,fri".'),
        ("mo-fr 09:00-17:00", '"mo-fr" is not a day name such as "mon" or "monday".'),
        ("weekdays 09:00-17:00", '"weekdays" is not a day name'),
        ("mon-thurs 09:00-17:00", '"mon-thurs" is not a day name'),
        ("mon-fri 09:00-25:00", '"09:00-25:00" has a time outside 00:00 to 24:00.'),
        ("mon-fri 09:00-24:30", '"09:00-24:30" has a time outside 00:00 to 24:00.'),
        ("mon-fri 09:60-17:00", '"09:60-17:00" has a time outside 00:00 to 24:00.'),
        ("mon-fri 17:00-09:00", '"17:00-09:00" does not end after it starts'),
        ("mon-fri 09:00-09:00", '"09:00-09:00" does not end after it starts'),
        ("mon 24:00-24:00", '"24:00-24:00" does not end after it starts'),
        ("fri-mon 09:00-17:00", '"fri-mon" runs past Sunday; write it as "mon, fri-sun".'),
        ("sat-tue 09:00-17:00", '"sat-tue" runs past Sunday; write it as "mon-tue, sat-sun".'),
        ("mon-fri 09:00-17:00; mon 18:00-19:00", "Monday is given twice; list each day once."),
        ("mon-wed, tue 09:00-17:00", "Tuesday is given twice; list each day once."),
        ("mon 09:00-12:00, 11:00-13:00", "On Monday, 09:00-12:00 overlaps 11:00-13:00."),
        ("tue 09:00-17:00, 10:00-11:00", "On Tuesday, 09:00-17:00 overlaps 10:00-11:00."),
        ("wed 09:00-12:00, 09:00-12:00", "On Wednesday, 09:00-12:00 overlaps 09:00-12:00."),
        ("mon-fri ٠٩:٠٠-١٧:٠٠", "Could not read"),
    ],
)
def test_refusals_name_the_problem_and_the_accepted_form(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_hours(text)
    assert problem in refused.value.message
    assert ACCEPTED in refused.value.message
    assert "leave out the days you are closed" in refused.value.message


def test_an_overnight_shift_is_refused_with_a_way_to_write_it() -> None:
    with pytest.raises(InvalidInput, match=r'"mon 20:00-24:00; tue 00:00-02:00"'):
        parse_hours("mon 20:00-02:00")


# --- writing and round trips -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("mon-thu 09:00-17:00; fri 09:00-13:00", "mon-thu 09:00-17:00; fri 09:00-13:00"),
        (
            "mon,wed 9:00-12:00, 13:00-17:30",
            "mon 09:00-12:00, 13:00-17:30; wed 09:00-12:00, 13:00-17:30",
        ),
        ("mon-fri 08:30-16:30", "mon-fri 08:30-16:30"),
        ("mon 9:00-17:00; tue 9:00-17:00", "mon-tue 09:00-17:00"),
        (
            "mon-wed 09:00-17:00; thu 09:00-13:00; fri 09:00-17:00",
            "mon-wed 09:00-17:00; thu 09:00-13:00; fri 09:00-17:00",
        ),
        ("sun 10:00-12:00; sat 10:00-12:00", "sat-sun 10:00-12:00"),
        ("mon 13:00-17:00, 9:00-12:00", "mon 09:00-12:00, 13:00-17:00"),
        ("fri 18:00-24:00", "fri 18:00-24:00"),
        ("mon-sun 00:00-24:00", "mon-sun 00:00-24:00"),
        ("tue, thu 07:05-08:10", "tue 07:05-08:10; thu 07:05-08:10"),
    ],
)
def test_format_is_canonical_and_reads_back_the_same(text: str, canonical: str) -> None:
    hours = parse_hours(text)
    assert format_hours(hours) == canonical
    assert parse_hours(canonical) == hours
    assert format_hours(parse_hours(canonical)) == canonical


def test_every_single_day_pattern_round_trips() -> None:
    # All 127 non-empty sets of working days, each with a different day pattern.
    for mask in range(1, 128):
        hours = weekdays(*((day, nine_to(17)) for day in range(7) if mask >> day & 1))
        assert parse_hours(format_hours(hours)) == hours


def test_from_mapping_builds_sorted_ranges_and_closed_days() -> None:
    hours = WorkingHours.from_mapping({FRI: ((time(13), time(14)), (time(9), time(12)))})
    assert hours.days[FRI] == (TimeRange(time(9), time(12)), TimeRange(time(13), time(14)))
    assert hours.as_mapping() == {FRI: hours.days[FRI]}
    assert format_hours(hours) == "fri 09:00-12:00, 13:00-14:00"


def test_working_hours_are_hashable_values() -> None:
    assert hash(parse_hours("mon 9:00-10:00")) == hash(parse_hours("monday 09:00-10:00"))


@pytest.mark.parametrize(
    "days",
    [
        ((),) * 6,
        ((),) * 8,
        (nine_to(17), (TimeRange(time(12), time(9)),)) + ((),) * 5,
        ((TimeRange(time(9), time(12)), TimeRange(time(11), time(13))),) + ((),) * 6,
        ((TimeRange(time(13), time(14)), TimeRange(time(9), time(10))),) + ((),) * 6,
        ((TimeRange(time(9, 0, 30), time(10)),),) + ((),) * 6,
        ((TimeRange(time(9, tzinfo=TORONTO), time(10, tzinfo=TORONTO)),),) + ((),) * 6,
    ],
)
def test_building_impossible_hours_directly_is_a_programming_error(
    days: tuple[tuple[TimeRange, ...], ...],
) -> None:
    with pytest.raises(ValueError):
        WorkingHours(days)


# --- describe ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "described"),
    [
        (
            "mon-thu 09:00-17:00; fri 09:00-13:00",
            "Monday to Thursday 9:00–17:00; Friday 9:00–13:00",
        ),
        ("mon-fri 08:30-16:30", "Monday to Friday 8:30–16:30"),
        ("sat-sun 10:00-12:00", "Saturday and Sunday 10:00–12:00"),
        (
            "mon,wed 9:00-12:00, 13:00-17:30",
            "Monday 9:00–12:00, 13:00–17:30; Wednesday 9:00–12:00, 13:00–17:30",
        ),
        ("fri 18:00-24:00", "Friday 18:00–24:00"),
        ("sun 00:00-01:00", "Sunday 0:00–1:00"),
    ],
)
def test_describe_reads_as_plain_words(text: str, described: str) -> None:
    assert parse_hours(text).describe() == described


# --- is_working_time ---------------------------------------------------------------------

STANDARD = parse_hours("mon-thu 09:00-17:00; fri 09:00-13:00")


@pytest.mark.parametrize(
    ("wall", "working"),
    [
        (datetime(2026, 3, 2, 9, 0, tzinfo=TORONTO), True),  # Monday, start is inclusive
        (datetime(2026, 3, 2, 8, 59, 59, tzinfo=TORONTO), False),
        (datetime(2026, 3, 2, 16, 59, 59, tzinfo=TORONTO), True),
        (datetime(2026, 3, 2, 17, 0, tzinfo=TORONTO), False),  # end is exclusive
        (datetime(2026, 3, 6, 12, 30, tzinfo=TORONTO), True),  # Friday morning
        (datetime(2026, 3, 6, 13, 0, tzinfo=TORONTO), False),  # Friday afternoon
        (datetime(2026, 3, 7, 10, 0, tzinfo=TORONTO), False),  # Saturday is closed
        (datetime(2026, 3, 8, 10, 0, tzinfo=TORONTO), False),  # Sunday is closed
    ],
)
def test_is_working_time_uses_the_local_wall_clock(wall: datetime, working: bool) -> None:
    assert STANDARD.is_working_time(wall) is working


def test_the_wall_clock_is_the_one_of_the_datetime_given() -> None:
    # 14:30 UTC on a Monday is 9:30 in Toronto (working) but 22:30 in Perth (not).
    instant = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert STANDARD.is_working_time(instant.astimezone(TORONTO))
    assert not STANDARD.is_working_time(instant.astimezone(ZoneInfo("Australia/Perth")))


def test_working_to_midnight_includes_the_last_instant_of_the_day() -> None:
    late = parse_hours("fri 18:00-24:00")
    last_instant = datetime(2026, 3, 6, 23, 59, 59, 999999, tzinfo=TORONTO)
    assert late.is_working_time(last_instant)
    assert not late.is_working_time(last_instant + timedelta(microseconds=1))  # Saturday


def test_a_gap_between_ranges_is_not_working_time() -> None:
    split = parse_hours("mon 09:00-12:00, 13:00-17:00")
    assert not split.is_working_time(datetime(2026, 3, 2, 12, 30, tzinfo=TORONTO))
    assert split.is_working_time(datetime(2026, 3, 2, 13, 0, tzinfo=TORONTO))


def test_is_working_time_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        STANDARD.is_working_time(datetime(2026, 3, 2, 10, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("language", "said", "accepted"),
    [
        ("fr", "Le lundi, 09:00-12:00 chevauche 11:00-13:00.", "Les heures de travail"),
        ("he", "ביום שני, 09:00-12:00 חופף ל־11:00-13:00.", "שעות העבודה צריכות"),
    ],
)
@pytest.mark.usefixtures("english_after")
def test_overlapping_hours_are_refused_in_the_apps_language(
    language: str, said: str, accepted: str
) -> None:
    """Settings shows this refusal under its hours grid: the day and the sentence are
    the app's, the times as typed."""
    from boundary_desk.system import i18n

    i18n.set_language(language)
    with pytest.raises(InvalidInput) as refused:
        parse_hours("mon 09:00-12:00, 11:00-13:00")
    assert refused.value.message.startswith(said)
    assert accepted in refused.value.message
