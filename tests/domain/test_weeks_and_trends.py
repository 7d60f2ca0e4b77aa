"""ISO weeks in practice time, weekly figures, and the trend rules on scripted histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
)
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import ReviewRecord, build_review
from boundary_desk.domain.trends import client_after_hours_trend, practice_drift
from boundary_desk.domain.weekly import WeekFigures, classify, heatmap, weekly_series
from boundary_desk.domain.weeks import Week, weeks_ending
from boundary_desk.errors import InvalidInput

TORONTO = ZoneInfo("America/Toronto")
PRACTICE = PracticeSettings.from_values(
    {
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
    }
)
LAST = Week(2026, 47)


def test_week_parsing_and_bounds() -> None:
    week = Week.parse("2026-w47")
    assert str(week) == "2026-W47"
    assert week.monday == date(2026, 11, 16)
    assert week.label() == "16–22 November 2026"
    assert (week.end(TORONTO) - week.start(TORONTO)) == timedelta(days=7)
    with pytest.raises(InvalidInput, match="2026-W47"):
        Week.parse("week 47")
    with pytest.raises(InvalidInput, match="no week 53"):
        Week.parse("2025-W53")


def test_the_dst_week_is_168_hours_of_wall_clock_but_not_of_real_time() -> None:
    week = Week.of(date(2026, 11, 1), TORONTO)  # the week ending on the autumn change
    span = week.end(TORONTO).astimezone(UTC) - week.start(TORONTO).astimezone(UTC)
    assert span == timedelta(days=7, hours=1)


def test_a_saturday_night_in_toronto_belongs_to_its_local_week() -> None:
    # Sunday 22 Nov 23:30 in Toronto is Monday 23 Nov 04:30 UTC: still week 47 locally.
    moment = datetime(2026, 11, 23, 4, 30, tzinfo=UTC)
    assert Week.of(moment, TORONTO) == Week(2026, 47)


def test_week_label_across_a_year() -> None:
    assert Week(2026, 53).label() == "28 December 2026 – 3 January 2027"
    assert weeks_ending(Week(2027, 1), 3) == [Week(2026, 52), Week(2026, 53), Week(2027, 1)]


def event(client_id: int, local: datetime, **kw: object) -> ContactEvent:
    fields: dict[str, object] = {
        "client_id": client_id,
        "kind": EventKind.CONTACT,
        "occurred_at": local,
        "channel": ContactChannel.TEXT,
        "direction": Direction.IN,
        "category": Category.ADMIN,
    }
    fields.update(kw)
    return ContactEvent(**fields)  # type: ignore[arg-type]


def late_texts(client_id: int, counts: list[int]) -> list[ContactEvent]:
    """`counts[i]` texts at 22:30 on Tuesday of each of the weeks ending with LAST."""
    weeks = weeks_ending(LAST, len(counts))
    found = []
    for week, count in zip(weeks, counts, strict=True):
        tuesday = week.monday + timedelta(days=1)
        for n in range(count):
            found.append(
                event(
                    client_id,
                    datetime(
                        tuesday.year, tuesday.month, tuesday.day, 22, 30 + n % 20, tzinfo=TORONTO
                    ),
                )
            )
    return found


def series(events: list[ContactEvent], client_id: int | None = None) -> list[WeekFigures]:
    return weekly_series(classify(events, PRACTICE), weeks_ending(LAST, 8), client_id)


def test_weekly_figures_count_contacts_after_hours_minutes_and_replies() -> None:
    tuesday = datetime(2026, 11, 17, 11, 0, tzinfo=TORONTO)
    events = [
        event(1, tuesday, channel=ContactChannel.CALL, minutes=12),
        event(1, tuesday.replace(hour=22), replied_at=tuesday.replace(hour=23)),
        event(2, tuesday, direction=Direction.OUT),
        ContactEvent(client_id=2, kind=EventKind.SEARCH, occurred_at=tuesday),
    ]
    [week] = weekly_series(classify(events, PRACTICE), [LAST])
    assert (
        week.contacts,
        week.after_hours,
        week.own_after_hours,
        week.minutes,
        week.boundary_events,
    ) == (3, 1, 1, 12, 1)
    assert week.after_hours_share == pytest.approx(1 / 3)
    grid = heatmap(classify(events, PRACTICE), LAST)
    assert grid[1][11] == 2 and grid[1][22] == 1 and sum(map(sum, grid)) == 3


def test_a_rising_client_is_flagged_with_its_numbers() -> None:
    found = client_after_hours_trend("AL1", series(late_texts(1, [0, 0, 1, 0, 1, 2, 3, 4])))
    assert found is not None
    assert found.code == "after_hours_trend"
    assert "0, 0, 1, 0, 1, 2, 3, 4 over the last 8 weeks" in found.message
    assert found.p < 0.05


def test_a_steady_client_is_not_flagged() -> None:
    assert client_after_hours_trend("AL1", series(late_texts(1, [2, 2, 2, 2, 2, 2, 2, 2]))) is None


def test_a_single_late_text_is_not_a_trend() -> None:
    assert client_after_hours_trend("AL1", series(late_texts(1, [0, 0, 0, 0, 0, 0, 0, 1]))) is None


def test_a_small_rise_below_the_minimum_count_is_not_flagged() -> None:
    assert client_after_hours_trend("AL1", series(late_texts(1, [0, 0, 0, 0, 0, 1, 1, 1]))) is None


def test_practice_wide_drift_is_flagged_across_clients() -> None:
    events = (
        late_texts(1, [0, 0, 1, 1, 1, 1, 2, 2])
        + late_texts(2, [0, 1, 0, 1, 1, 2, 2, 2])
        + late_texts(3, [0, 0, 0, 1, 1, 1, 2, 2])
    )
    found = practice_drift(series(events))
    assert found is not None and found.code == "practice_after_hours_drift"
    assert "0, 1, 1, 3, 3, 4, 6, 6" in found.message


def test_rising_minutes_are_a_burnout_signal() -> None:
    weeks = weeks_ending(LAST, 8)
    events = [
        event(
            1,
            datetime(w.monday.year, w.monday.month, w.monday.day, 11, tzinfo=TORONTO),
            channel=ContactChannel.CALL,
            minutes=minutes,
        )
        for w, minutes in zip(weeks, [5, 5, 10, 10, 15, 20, 30, 40], strict=True)
    ]
    found = practice_drift(series(events))
    assert found is not None and "minutes per week" in found.message


def test_review_assembles_the_week() -> None:
    tuesday = datetime(2026, 11, 17, 11, 0, tzinfo=TORONTO)
    events = [
        event(1, tuesday, id=1),
        event(1, tuesday.replace(hour=22), id=2),
        event(2, tuesday, channel=ContactChannel.EMAIL, id=3),
        event(2, tuesday - timedelta(days=7), id=4),  # last week: history only
    ]
    review = build_review(
        LAST, classify(events, PRACTICE), {1: "AL1", 2: "BB2"}, {1}, ["BB2"], [], ReviewRecord()
    )
    assert (review.figures.contacts, review.figures.after_hours) == (3, 1)
    assert review.by_channel == {"email": 1, "text": 2}
    assert review.by_client == {
        "AL1": {"contacts": 2, "after_hours": 1},
        "BB2": {"contacts": 1, "after_hours": 0},
    }
    assert review.unsigned_with_contacts == ("BB2",)
    assert review.agreements_due == ("BB2",)
    assert [h.contacts for h in review.history][-2:] == [1, 3]
    assert len(review.history) == 12
    assert not review.reviewed


@pytest.mark.parametrize("text", ["9999-W52", "0001-W01", "1899-W10", "2200-W01"])
def test_weeks_at_the_edges_of_the_calendar_are_refused(text: str) -> None:
    # 9999-W52 would overflow as soon as its end (the next Monday) was worked out.
    with pytest.raises(InvalidInput, match="year"):
        Week.parse(text)
