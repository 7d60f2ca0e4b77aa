from datetime import date

import pytest

from boundary_desk.domain.vacation import (
    VacationDays,
    format_vacation,
    new_days,
    parse_vacation,
    with_days,
)
from boundary_desk.errors import InvalidInput


def test_ranges_and_single_days_round_trip_sorted() -> None:
    days = parse_vacation("2027-07-01; 2026-12-24..2027-01-02")
    assert format_vacation(days) == "2026-12-24..2027-01-02; 2027-07-01"
    assert parse_vacation(format_vacation(days)) == days


def test_membership_is_inclusive() -> None:
    days = parse_vacation("2026-12-24..2027-01-02")
    assert date(2026, 12, 24) in days
    assert date(2027, 1, 2) in days
    assert date(2027, 1, 3) not in days
    assert date(2026, 12, 23) not in days
    assert date(2026, 12, 25) not in VacationDays()


def test_empty_means_no_vacation() -> None:
    assert parse_vacation("  ") == VacationDays()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("next week", "is not a date"),
        ("2026-12-31..2026-12-01", "ends before it starts"),
        ("2026-01-01..2027-06-01", "longer than a year"),
        ("2026-12-01..2026-12-10; 2026-12-05", "overlap"),
        ("24/12/2026", "is not a date"),
    ],
)
def test_refusals_say_what_is_accepted(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_vacation(text)
    assert fragment in caught.value.message
    assert "2026-12-24..2027-01-02" in caught.value.message


def test_added_days_merge_with_the_held_ones_where_they_overlap_or_touch() -> None:
    held = parse_vacation("2026-12-24..2027-01-02; 2027-07-01")
    added = [(date(2027, 1, 3), date(2027, 1, 5)), (date(2027, 6, 28), date(2027, 7, 1))]
    merged = with_days(held, added)
    assert format_vacation(merged) == "2026-12-24..2027-01-05; 2027-06-28..2027-07-01"
    assert parse_vacation(format_vacation(merged)) == merged  # the setting takes it back


def test_only_ranges_with_a_day_not_held_are_new() -> None:
    held = parse_vacation("2026-12-24..2027-01-02")
    inside = (date(2026, 12, 25), date(2026, 12, 26))
    across = (date(2027, 1, 1), date(2027, 1, 4))
    assert new_days(held, [inside, across, across]) == (across,)
    assert new_days(VacationDays(), []) == ()
