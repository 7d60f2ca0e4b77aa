from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.when import parse_when
from boundary_desk.errors import InvalidInput

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 21, 2, 10, tzinfo=UTC)  # 21:10 on Friday 20 Nov in Toronto


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


def test_a_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(InvalidInput, match="clocks changed"):
        parse_when("2026-03-08T02:30", NOW, TORONTO)


def test_the_repeated_autumn_hour_is_the_first() -> None:
    moment = parse_when("2026-11-01T01:30", NOW, TORONTO)
    assert moment.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize("text", ["yesterday-ish", "25:00", "12:75", "20/11/2026 10:00"])
def test_refusals_say_what_is_accepted(text: str) -> None:
    with pytest.raises(InvalidInput, match="20 min ago"):
        parse_when(text, NOW, TORONTO)


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
