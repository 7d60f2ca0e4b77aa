"""The weekly review time: reading, writing and finding the next one across DST."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.review_time import ReviewTime, format_review_time, parse_review_time
from boundary_desk.errors import InvalidInput

ACCEPTED = 'The weekly review time must look like "fri 16:00"'
TORONTO = ZoneInfo("America/Toronto")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FRIDAY_FOUR = ReviewTime(FRI, time(16))


@pytest.mark.parametrize(
    ("text", "review"),
    [
        ("fri 16:00", ReviewTime(FRI, time(16))),
        ("Friday 16:00", ReviewTime(FRI, time(16))),
        ("FRI 9:30", ReviewTime(FRI, time(9, 30))),
        ("  mon   08:05 ", ReviewTime(MON, time(8, 5))),
        ("sunday 0:00", ReviewTime(SUN, time(0))),
        ("sat 23:59", ReviewTime(SAT, time(23, 59))),
        ("tue 12:00", ReviewTime(TUE, time(12))),
        ("wednesday 12:00", ReviewTime(WED, time(12))),
        ("thu 12:00", ReviewTime(THU, time(12))),
    ],
)
def test_accepted_forms(text: str, review: ReviewTime) -> None:
    assert parse_review_time(text) == review


@pytest.mark.parametrize(
    ("text", "canonical"),
    [("fri 16:00", "fri 16:00"), ("Friday 9:30", "fri 09:30"), ("SUNDAY 0:00", "sun 00:00")],
)
def test_format_is_canonical_and_reads_back(text: str, canonical: str) -> None:
    review = parse_review_time(text)
    assert format_review_time(review) == canonical
    assert parse_review_time(canonical) == review


def test_every_day_and_quarter_hour_round_trips() -> None:
    for weekday in range(7):
        for minutes in range(0, 24 * 60, 15):
            review = ReviewTime(weekday, time(minutes // 60, minutes % 60))
            assert parse_review_time(format_review_time(review)) == review


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "No review time was given."),
        ("   ", "No review time was given."),
        ("fri", 'Could not read "fri".'),
        ("16:00", 'Could not read "16:00".'),
        ("fri 4pm", 'Could not read "fri 4pm".'),
        ("fri 16", 'Could not read "fri 16".'),
        ("fri 16:00 weekly", 'Could not read "fri 16:00 weekly".'),
        ("fri-sat 16:00", 'Could not read "fri-sat 16:00".'),
        ("fri ١٦:٠٠", 'Could not read "fri ١٦:٠٠".'),
        ("fr 16:00", '"fr" is not a day name.'),
        ("weekly 16:00", '"weekly" is not a day name.'),
        ("fri 24:00", '"24:00" is not a time of day.'),
        ("fri 25:00", '"25:00" is not a time of day.'),
        ("fri 16:60", '"16:60" is not a time of day.'),
    ],
)
def test_refusals_name_the_problem_and_the_accepted_form(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_review_time(text)
    assert problem in refused.value.message
    assert ACCEPTED in refused.value.message


@pytest.mark.parametrize(
    ("weekday", "at"),
    [(-1, time(16)), (7, time(16)), (FRI, time(16, 0, 1)), (FRI, time(16, tzinfo=UTC))],
)
def test_building_an_impossible_review_time_is_a_programming_error(weekday: int, at: time) -> None:
    with pytest.raises(ValueError):
        ReviewTime(weekday, at)


def test_describe() -> None:
    assert FRIDAY_FOUR.describe() == "Fridays at 16:00"
    assert ReviewTime(MON, time(9, 5)).describe() == "Mondays at 09:05"


# --- next_occurrence ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Wednesday morning: this Friday.
        (datetime(2026, 6, 3, 9, 0, tzinfo=TORONTO), datetime(2026, 6, 5, 16, 0, tzinfo=TORONTO)),
        # Friday before the review: today.
        (datetime(2026, 6, 5, 15, 59, tzinfo=TORONTO), datetime(2026, 6, 5, 16, 0, tzinfo=TORONTO)),
        # Exactly at the review: now counts ("at or after").
        (datetime(2026, 6, 5, 16, 0, tzinfo=TORONTO), datetime(2026, 6, 5, 16, 0, tzinfo=TORONTO)),
        # A moment after: next week.
        (
            datetime(2026, 6, 5, 16, 0, 0, 1, tzinfo=TORONTO),
            datetime(2026, 6, 12, 16, 0, tzinfo=TORONTO),
        ),
        # Saturday: next Friday.
        (datetime(2026, 6, 6, 0, 0, tzinfo=TORONTO), datetime(2026, 6, 12, 16, 0, tzinfo=TORONTO)),
    ],
)
def test_next_friday_review(now: datetime, expected: datetime) -> None:
    found = FRIDAY_FOUR.next_occurrence(now, TORONTO)
    assert found == expected
    assert found.tzinfo is TORONTO


def test_now_in_another_zone_is_converted_to_the_practice_zone_first() -> None:
    # 02:00 UTC on Saturday is still Friday 22:00 in Toronto, after the review.
    now = datetime(2026, 6, 6, 2, 0, tzinfo=UTC)
    assert FRIDAY_FOUR.next_occurrence(now, TORONTO) == datetime(2026, 6, 12, 16, 0, tzinfo=TORONTO)
    # 19:00 UTC on Friday is 15:00 in Toronto, an hour before the review.
    now = datetime(2026, 6, 5, 19, 0, tzinfo=UTC)
    assert FRIDAY_FOUR.next_occurrence(now, TORONTO) == datetime(2026, 6, 5, 16, 0, tzinfo=TORONTO)


def test_the_week_clocks_fall_back_keeps_16_00_on_the_wall() -> None:
    # Toronto leaves daylight time on Sunday 2026-11-01; 16:00 moves from 20:00 to 21:00 UTC.
    before = FRIDAY_FOUR.next_occurrence(datetime(2026, 10, 28, tzinfo=TORONTO), TORONTO)
    after = FRIDAY_FOUR.next_occurrence(before + timedelta(seconds=1), TORONTO)
    assert before.astimezone(UTC) == datetime(2026, 10, 30, 20, 0, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2026, 11, 6, 21, 0, tzinfo=UTC)
    assert (after.hour, after.minute) == (16, 0)
    # Subtract in UTC: subtracting within one zone gives wall-clock, not elapsed, time.
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=7, hours=1)


def test_the_week_clocks_spring_forward_keeps_16_00_on_the_wall() -> None:
    # Toronto enters daylight time on Sunday 2026-03-08; 16:00 moves from 21:00 to 20:00 UTC.
    before = FRIDAY_FOUR.next_occurrence(datetime(2026, 3, 4, tzinfo=TORONTO), TORONTO)
    after = FRIDAY_FOUR.next_occurrence(before + timedelta(seconds=1), TORONTO)
    assert before.astimezone(UTC) == datetime(2026, 3, 6, 21, 0, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2026, 3, 13, 20, 0, tzinfo=UTC)
    # Subtract in UTC: subtracting within one zone gives wall-clock, not elapsed, time.
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=6, hours=23)


def test_a_review_inside_the_spring_forward_gap_happens_just_after_the_jump() -> None:
    # 02:30 does not exist in Toronto on 2026-03-08; the clocks go from 02:00 to 03:00.
    review = ReviewTime(SUN, time(2, 30))
    found = review.next_occurrence(datetime(2026, 3, 7, 12, 0, tzinfo=TORONTO), TORONTO)
    assert found.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert (found.month, found.day, found.hour, found.minute) == (3, 8, 3, 30)


def test_a_review_in_the_repeated_fall_back_hour_happens_the_first_time() -> None:
    # 01:30 happens twice in Toronto on 2026-11-01: first in EDT (05:30 UTC), then EST.
    review = ReviewTime(SUN, time(1, 30))
    found = review.next_occurrence(datetime(2026, 10, 31, 12, 0, tzinfo=TORONTO), TORONTO)
    assert found.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_after_the_first_of_a_repeated_hour_the_review_is_next_week() -> None:
    # Between the two 01:30s: the review already happened, so it is next Sunday.
    review = ReviewTime(SUN, time(1, 30))
    between = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)  # 01:00 EST, after 01:30 EDT
    found = review.next_occurrence(between, TORONTO)
    assert found == datetime(2026, 11, 8, 1, 30, tzinfo=TORONTO)


def test_next_occurrence_is_never_before_now_across_a_whole_year() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    review = ReviewTime(SUN, time(2, 30))  # the trickiest: meets both transitions
    while now.year == 2026:
        found = review.next_occurrence(now, TORONTO)
        assert now <= found < now + timedelta(days=7, hours=1)
        now += timedelta(hours=5)


def test_next_occurrence_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FRIDAY_FOUR.next_occurrence(datetime(2026, 6, 5, 12, 0), TORONTO)  # noqa: DTZ001
