"""A signal at the practice's local midnight, so date-dependent warnings stay current."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from boundary_desk.domain.clock import Clock

# Qt timers drift and sleep with the machine: check again at least this often.
LONGEST_WAIT_MS = 60 * 60 * 1000


def ms_to_midnight(now: datetime, zone: ZoneInfo) -> int:
    """Milliseconds from `now` to the next midnight in `zone` (at least one)."""
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
    # In UTC: between two times of one zone, Python subtracts wall clocks, not instants.
    return max(1, int((midnight.astimezone(UTC) - now.astimezone(UTC)).total_seconds() * 1000))


class DayWatch(QObject):
    """Emits `day_changed` once the local date differs from the one last seen."""

    day_changed = Signal()

    def __init__(self, clock: Clock, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock, self._zone = clock, zone
        self._day = clock().astimezone(zone).date()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self._schedule()

    def check(self) -> None:
        """Emit if the date has moved on (after sleep, or at midnight); then wait again."""
        today = self._clock().astimezone(self._zone).date()
        if today != self._day:
            self._day = today
            self.day_changed.emit()
        self._schedule()

    def _schedule(self) -> None:
        self.timer.start(min(ms_to_midnight(self._clock(), self._zone), LONGEST_WAIT_MS))
