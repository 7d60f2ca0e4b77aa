"""The weekly review, for the app and the CLI alike: always from the vault as it is now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from boundary_desk.domain.agreements import AgreementState
from boundary_desk.domain.review import (
    HISTORY_WEEKS,
    ReviewRecord,
    ReviewWarning,
    WeeklyReview,
    build_review,
)
from boundary_desk.domain.weekly import classify
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services


@dataclass(frozen=True)
class WeekStatus:
    """One row of the week list: reviewed or not, and whether it has entries."""

    week: Week
    reviewed_at: datetime | None
    has_entries: bool
    in_progress: bool

    def describe(self) -> str:
        """ "✓ Reviewed", "Not reviewed", "No entries" or "This week"."""
        if self.reviewed_at is not None:
            return "✓ Reviewed"
        if self.in_progress:
            return "This week"
        return "Not reviewed" if self.has_entries else "No entries"

    @property
    def missed(self) -> bool:
        return self.reviewed_at is None and self.has_entries and not self.in_progress


def current_week(services: Services, now: datetime) -> Week:
    return Week.of(now, services.settings.load().timezone)


def last_complete_week(services: Services, now: datetime) -> Week:
    return current_week(services, now).shifted(-1)


def opening_week(services: Services, now: datetime) -> Week:
    """This week once its review day has come, otherwise last week."""
    practice = services.settings.load()
    today = now.astimezone(practice.timezone)
    week = Week.of(today, practice.timezone)
    return week if today.weekday() >= practice.review.weekday else week.shifted(-1)


def compute_review(services: Services, week: Week, now: datetime) -> WeeklyReview:
    """The review of `week`. Only the last twelve weeks of events are read."""
    practice = services.settings.load()
    zone = practice.timezone
    start = week.shifted(-(HISTORY_WEEKS - 1)).start(zone)
    events = services.events.list(since=start, until=week.end(zone))
    classified = classify(events, practice)
    clients = services.clients.list(include_archived=True)
    codes = {c.id or 0: c.code for c in clients}
    end_of_week = week.end(zone) - timedelta(seconds=1)
    states = services.agreements.states(end_of_week.date())
    signed = {
        cid for cid, s in states.items() if s in (AgreementState.SIGNED, AgreementState.REVIEW_DUE)
    }
    due = sorted(
        codes[cid] for cid, s in states.items() if s is AgreementState.REVIEW_DUE and cid in codes
    )
    in_week = [c.event.id for c in classified if c.week == week and c.event.id is not None]
    stored = services.events.warnings_by_event(in_week)
    by_id = {c.event.id: c.event for c in classified}
    warnings = [
        ReviewWarning(
            w.code,
            codes.get(by_id[event_id].client_id, "?"),
            w.message,
            event_id,
            w.acknowledged_at is not None,
        )
        for event_id in in_week
        for w in stored.get(event_id, [])
    ]
    return build_review(week, classified, codes, signed, due, warnings, services.reviews.get(week))


def unreviewed_weeks(services: Services, now: datetime, back: int = HISTORY_WEEKS) -> list[Week]:
    """Complete weeks (most recent first) that have entries but were never marked reviewed."""
    return [status.week for status in week_statuses(services, now, back + 1) if status.missed]


def week_statuses(
    services: Services, now: datetime, count: int = HISTORY_WEEKS
) -> list[WeekStatus]:
    """The current week and the `count - 1` before it, most recent first (one query)."""
    zone = services.settings.load().timezone
    current = Week.of(now, zone)
    oldest = current.shifted(-(count - 1))
    events = services.events.list(since=oldest.start(zone), until=current.end(zone))
    active = {Week.of(e.occurred_at, zone) for e in events}
    reviewed = services.reviews.reviewed_weeks()
    weeks = [current.shifted(-i) for i in range(count)]
    return [WeekStatus(w, reviewed.get(str(w)), w in active, w == current) for w in weeks]


def save_notes(services: Services, week: Week, record: ReviewRecord) -> ReviewRecord:
    """Store the reflection, notes, supervision list and decisions for `week`."""
    return services.reviews.save(week, record)


def mark_reviewed(services: Services, week: Week) -> ReviewRecord:
    """Mark `week` reviewed now, keeping what was written for it."""
    return services.reviews.mark_reviewed(week)
