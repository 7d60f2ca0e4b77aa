"""The midnight timer: it waits until the practice's next local midnight, DST included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from boundary_desk.ui.shell.day_watch import LONGEST_WAIT_MS, DayWatch, ms_to_midnight

TORONTO = ZoneInfo("America/Toronto")
HOUR_MS = 3_600_000


def test_it_counts_to_the_next_local_midnight() -> None:
    late = datetime(2026, 11, 20, 23, 59, 59, tzinfo=TORONTO)
    assert ms_to_midnight(late.astimezone(UTC), TORONTO) == 1000
    noon = datetime(2026, 11, 20, 12, 0, tzinfo=TORONTO)
    assert ms_to_midnight(noon, TORONTO) == 12 * HOUR_MS


def test_the_day_clocks_go_forward_is_an_hour_shorter() -> None:
    start = datetime(2026, 3, 8, 0, 0, tzinfo=TORONTO)  # 02:00 becomes 03:00
    assert ms_to_midnight(start, TORONTO) == 23 * HOUR_MS


def test_it_signals_only_when_the_date_has_moved_on(qtbot: QtBot) -> None:
    now = [datetime(2026, 11, 20, 23, 30, tzinfo=TORONTO)]
    watch = DayWatch(lambda: now[0], TORONTO)
    assert watch.timer.isActive() and watch.timer.interval() == HOUR_MS // 2
    seen: list[None] = []
    watch.day_changed.connect(lambda: seen.append(None))
    watch.check()  # woken early (say, by sleep): same day, nothing
    assert seen == []
    now[0] += timedelta(minutes=45)
    watch.check()
    assert len(seen) == 1 and watch.timer.interval() == LONGEST_WAIT_MS
