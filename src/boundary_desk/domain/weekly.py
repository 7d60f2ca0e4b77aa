"""Weekly figures: each event classified once, then counted per ISO week and per client."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.events import ContactEvent, Direction, EventKind
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.weeks import Week


@dataclass(frozen=True)
class Classified:
    """An event with what the weekly counts need to know about it."""

    event: ContactEvent
    week: Week
    local: datetime
    after_hours: bool
    own_after_hours: bool  # the clinician reached out or replied after hours


def classify(events: Iterable[ContactEvent], practice: PracticeSettings) -> list[Classified]:
    zone = practice.timezone
    found = []
    listed = list(events)
    # A reply kept both as an entry of its own and as the reply time of the message it
    # answers (as an import pairs them) is one reply: counted once, on the message.
    replies = {(e.client_id, e.replied_at) for e in listed if e.replied_at is not None}
    for event in listed:
        local = event.occurred_at.astimezone(zone)
        late = after_hours(event.occurred_at, practice) is not None
        answering = (event.client_id, event.occurred_at) in replies
        own = (
            event.direction is Direction.OUT
            and event.kind is EventKind.CONTACT
            and late
            and not answering
        ) or (event.replied_at is not None and after_hours(event.replied_at, practice) is not None)
        found.append(Classified(event, Week.of(local, zone, practice.week_start), local, late, own))
    return found


@dataclass(frozen=True)
class WeekFigures:
    week: Week
    contacts: int = 0
    after_hours: int = 0
    own_after_hours: int = 0
    minutes: int = 0
    boundary_events: int = 0

    @property
    def after_hours_share(self) -> float:
        return self.after_hours / self.contacts if self.contacts else 0.0


def weekly_series(
    classified: Sequence[Classified], weeks: Sequence[Week], client_id: int | None = None
) -> list[WeekFigures]:
    """Figures for each week in `weeks` (for one client, or the practice when None)."""
    wanted = set(weeks)
    totals: dict[Week, dict[str, int]] = {
        w: {"contacts": 0, "after_hours": 0, "own_after_hours": 0, "minutes": 0, "boundary": 0}
        for w in weeks
    }
    for item in classified:
        if item.week not in wanted or (client_id is not None and item.event.client_id != client_id):
            continue
        bucket = totals[item.week]
        if item.event.kind is EventKind.CONTACT:
            bucket["contacts"] += 1
            bucket["after_hours"] += int(item.after_hours)
            bucket["minutes"] += item.event.minutes or 0
        else:
            bucket["boundary"] += 1
        bucket["own_after_hours"] += int(item.own_after_hours)
    return [
        WeekFigures(
            w, t["contacts"], t["after_hours"], t["own_after_hours"], t["minutes"], t["boundary"]
        )
        for w, t in ((w, totals[w]) for w in weeks)
    ]


def heatmap(classified: Iterable[Classified], week: Week) -> list[list[int]]:
    """Contacts in `week` by local weekday (rows, Monday first) and hour (columns)."""
    grid = [[0] * 24 for _ in range(7)]
    for item in classified:
        if item.week == week and item.event.kind is EventKind.CONTACT:
            grid[item.local.weekday()][item.local.hour] += 1
    return grid
