"""The weekly review, for the app and the CLI alike: always from the vault as it is now."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from boundary_desk.domain.agreements import AgreementState
from boundary_desk.domain.deidentify import ClientNames, Found, Replaced, count, summary
from boundary_desk.domain.events import ContactEvent
from boundary_desk.domain.misunderstanding import misunderstanding_risks
from boundary_desk.domain.preferred_channel import Preference, preferences_followed
from boundary_desk.domain.review import (
    HISTORY_WEEKS,
    REFLECTION_PROMPTS,
    ReviewRecord,
    ReviewWarning,
    WeeklyReview,
    build_review,
)
from boundary_desk.domain.warning_guidance import guidance
from boundary_desk.domain.weekly import classify
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.storage.stores.sessions import SessionStore


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
    practice = services.settings.load()
    return Week.of(now, practice.timezone, practice.week_start)


def parse_week(services: Services, text: str) -> Week:
    """The week named `text` ("2026-W47"), starting on the practice's first day."""
    return Week.parse(text, services.settings.load().week_start)


def last_complete_week(services: Services, now: datetime) -> Week:
    return current_week(services, now).shifted(-1)


def opening_week(services: Services, now: datetime) -> Week:
    """This week once its review day has come, otherwise last week."""
    practice = services.settings.load()
    today = now.astimezone(practice.timezone)
    week = Week.of(today, practice.timezone, practice.week_start)
    return week if practice.review.has_come(today.date(), week) else week.shifted(-1)


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
    agreements = {
        cid: services.agreements.signed(cid) for cid in {e.client_id for e in by_id.values()}
    }
    warnings = [
        ReviewWarning(
            w.code,
            codes.get(by_id[event_id].client_id, "?"),
            w.message,
            event_id,
            w.acknowledged_at is not None,
            guidance(w.code, by_id[event_id], agreements[by_id[event_id].client_id]),
        )
        for event_id in in_week
        for w in stored.get(event_id, [])
    ]
    built = build_review(week, classified, codes, signed, due, warnings, services.reviews.get(week))
    held = SessionStore(services.vault.conn, services.clock).between(
        week.start(zone), week.end(zone)
    )
    sessions = Counter(codes[s.client_id] for s in held if s.client_id in codes)
    risks = misunderstanding_risks(
        [c.event for c in classified if c.week == week],
        practice.channel_profiles,
        codes,
        practice.long_thread,
    )
    preferences = {
        c.id: Preference(c.preferred_channel, c.channel_comfort)
        for c in clients
        if c.id is not None and c.preferred_channel is not None
    }
    followed = preferences_followed(
        (c.event for c in classified if c.week == week), codes, preferences
    )
    return replace(
        built,
        sessions=dict(sorted(sessions.items())),
        misunderstanding_risk=risks,
        preferred_channels=followed,
    )


def unreviewed_weeks(services: Services, now: datetime, back: int = HISTORY_WEEKS) -> list[Week]:
    """Complete weeks (most recent first) that have entries but were never marked reviewed."""
    return [status.week for status in week_statuses(services, now, back + 1) if status.missed]


def week_statuses(
    services: Services, now: datetime, count: int = HISTORY_WEEKS
) -> list[WeekStatus]:
    """The current week and the `count - 1` before it, most recent first (one query)."""
    practice = services.settings.load()
    zone = practice.timezone
    current = Week.of(now, zone, practice.week_start)
    oldest = current.shifted(-(count - 1))
    events = services.events.list(since=oldest.start(zone), until=current.end(zone))
    active = {Week.of(e.occurred_at, zone, practice.week_start) for e in events}
    reviewed = services.reviews.reviewed_weeks()
    weeks = [current.shifted(-i) for i in range(count)]
    return [WeekStatus(w, reviewed.get(str(w)), w in active, w == current) for w in weeks]


def save_notes(services: Services, week: Week, record: ReviewRecord) -> ReviewRecord:
    """Store the reflection, notes, supervision list and decisions for `week`."""
    return services.reviews.save(week, record)


def mark_reviewed(services: Services, week: Week) -> ReviewRecord:
    """Mark `week` reviewed now, keeping what was written for it."""
    return services.reviews.mark_reviewed(week)


# -- the de-identified copy --------------------------------------------------------------

NOTHING_REPLACED = "no client's name, number, email address or handle was in the text"


@dataclass(frozen=True)
class ReplacedText:
    """One piece of free text in the supervision copy, as it will leave."""

    where: str  # for the summary: "in the notes"
    label: str  # for the preview: "Notes", a reflection's question, "Warning · C-001"
    text: Replaced


@dataclass(frozen=True)
class DeidentifiedReview:
    """The review as the supervision copy prints it, and every free text in it."""

    review: WeeklyReview
    texts: tuple[ReplacedText, ...]

    @property
    def replaced(self) -> tuple[ReplacedText, ...]:
        return tuple(t for t in self.texts if t.text.replacements)

    def summary(self) -> str:
        """ "2 names replaced by codes in the notes", or that nothing had to be."""
        counts: dict[str, Counter[Found]] = {}
        for item in self.texts:
            counts.setdefault(item.where, Counter()).update(count([item.text]))
        return summary(counts) or NOTHING_REPLACED


def deidentify_review(services: Services, review: WeeklyReview) -> DeidentifiedReview:
    """`review` with every client's names and handles in its free text replaced by codes.

    The notes, reflections, supervision list, warnings, decisions and friend-request
    platforms are replaced; the entries' own summaries and search findings, which the
    supervision copy never prints, are left out altogether.
    """
    names = ClientNames(services.clients.list(include_archived=True))
    texts: list[ReplacedText] = []

    def swap(where: str, label: str, text: str) -> str:
        done = names.replace(text)
        texts.append(ReplacedText(where, label, done))
        return done.text

    record = review.record
    # In the order the pages print them.
    warnings = tuple(
        replace(w, message=swap("in the warnings", f"Warning · {w.client or 'Practice'}",
                                w.message), guidance="")  # guidance quotes free text: left out
        for w in review.warnings
    )  # fmt: skip
    actions = {key: swap("in the warnings", "Your action", a) for key, a in record.actions.items()}
    requests = tuple(
        replace(c, event=_bare(c.event, swap("in the friend requests", "Friend request on",
                                             c.event.request.platform if c.event.request else "")))
        for c in review.friend_requests
    )  # fmt: skip
    searches = tuple(replace(c, event=_bare(c.event, "")) for c in review.searches)
    questions = dict(REFLECTION_PROMPTS)
    reflections = {
        key: swap("in the reflections", questions.get(key, key), answer)
        for key, answer in record.reflections.items()
        if answer.strip()
    }
    supervision = tuple(
        swap("in the supervision list", "To take to supervision", item)
        for item in record.supervision
    )
    notes = swap("in the notes", "Notes", record.notes) if record.notes.strip() else ""
    kept = [t for t in texts if t.label != "Your action" or t.text.replacements]
    deidentified = replace(
        review,
        warnings=warnings,
        friend_requests=requests,
        searches=searches,
        record=replace(
            record,
            notes=notes,
            reflections=reflections,
            supervision=supervision,
            actions=actions,
        ),
    )
    return DeidentifiedReview(deidentified, tuple(kept))


def _bare(event: ContactEvent, platform: str) -> ContactEvent:
    """The entry without what the supervision copy never prints; the platform replaced."""
    request = replace(event.request, platform=platform) if event.request else None
    search = (
        replace(event.search, location="", found="", consulted="", motive="")
        if event.search
        else None
    )
    return replace(event, summary="", request=request, search=search, approach=None)
