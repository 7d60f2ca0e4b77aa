"""The end-of-week self-review: the week's figures, warnings, loose ends and reflections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from boundary_desk.domain.events import EventKind
from boundary_desk.domain.misunderstanding import CHECK_IN_SESSION, MisunderstandingRisk
from boundary_desk.domain.preferred_channel import PreferenceFollowed
from boundary_desk.domain.trends import client_after_hours_trend, practice_drift
from boundary_desk.domain.weekly import Classified, WeekFigures, heatmap, weekly_series
from boundary_desk.domain.weeks import Week, weeks_ending

HISTORY_WEEKS = 12

# Drawn from the research in shared/seeds: availability and whose needs were met,
# messages open to misunderstanding, surveillance, and talking it over (41% never do).
REFLECTION_PROMPTS: tuple[tuple[str, str], ...] = (
    ("availability", "When were you available this week, and whose needs did that meet?"),
    ("misunderstanding", "Which messages could have been misunderstood, by you or by a client?"),
    (
        "surveillance",
        "Did you search for a client, or did a client look for you? How do you feel about it?",
    ),
    ("supervision", "Did you talk about any of this with a supervisor or a peer?"),
    # Technical competence and digital literacy: the clinician's own, not the client's.
    ("literacy", "Did a tool you used this week fail, confuse or expose anything?"),
)
# The first three answer a warning; "check in session" a message at risk of misunderstanding.
WARNING_ACTIONS = ("raise in next session", "re-contract", "note", CHECK_IN_SESSION)


@dataclass(frozen=True)
class ReviewWarning:
    code: str
    client: str  # client code, or "" for the practice as a whole
    message: str
    event_id: int | None = None
    acknowledged: bool = False
    guidance: str = ""  # what to do, from the client's signed agreement (warning_guidance)


def action_key(warning: ReviewWarning) -> str:
    """Where a decision is kept in ReviewRecord.actions: "event_id:code", or, for trend
    warnings that have no entry behind them, "client:code" ("practice:code")."""
    if warning.event_id is not None:
        return f"{warning.event_id}:{warning.code}"
    return f"{warning.client or 'practice'}:{warning.code}"


@dataclass(frozen=True)
class ReviewRecord:
    """What the clinician wrote and decided for a week."""

    reviewed_at: datetime | None = None
    notes: str = ""
    reflections: Mapping[str, str] = field(default_factory=dict)
    supervision: tuple[str, ...] = ()
    actions: Mapping[str, str] = field(default_factory=dict)  # "event_id:code" -> action


@dataclass(frozen=True)
class WeeklyReview:
    week: Week
    figures: WeekFigures
    history: tuple[WeekFigures, ...]
    by_channel: Mapping[str, int]
    by_client: Mapping[str, Mapping[str, int]]
    heatmap: tuple[tuple[int, ...], ...]
    warnings: tuple[ReviewWarning, ...]
    agreements_due: tuple[str, ...]
    unsigned_with_contacts: tuple[str, ...]
    searches: tuple[Classified, ...]
    friend_requests: tuple[Classified, ...]
    record: ReviewRecord
    # Sessions this week by client code, from the imported calendar: beside the contact
    # between them, never counted as contact.
    sessions: Mapping[str, int] = field(default_factory=dict)
    # Sensitive contacts in lean or one-way channels, and long threads (misunderstanding.py).
    misunderstanding_risk: tuple[MisunderstandingRisk, ...] = ()
    # For every client with contact this week: how much went by their preferred channel.
    preferred_channels: tuple[PreferenceFollowed, ...] = ()

    @property
    def reviewed(self) -> bool:
        return self.record.reviewed_at is not None


def build_review(
    week: Week,
    classified: Sequence[Classified],
    codes: Mapping[int, str],
    signed_clients: set[int],
    agreements_due: Sequence[str],
    stored_warnings: Sequence[ReviewWarning],
    record: ReviewRecord,
) -> WeeklyReview:
    """Assemble the review of `week` from events already classified (one pass each)."""
    weeks = weeks_ending(week, HISTORY_WEEKS)
    history = weekly_series(classified, weeks)
    in_week = [c for c in classified if c.week == week]
    contacts = [c for c in in_week if c.event.kind is EventKind.CONTACT]
    by_channel = Counter(c.event.channel.value for c in contacts if c.event.channel)
    by_client: dict[str, dict[str, int]] = {}
    for item in contacts:
        entry = by_client.setdefault(
            codes.get(item.event.client_id, "?"), {"contacts": 0, "after_hours": 0}
        )
        entry["contacts"] += 1
        entry["after_hours"] += int(item.after_hours)
    trend_warnings = [
        ReviewWarning(found.code, codes.get(client_id, "?"), found.message)
        for client_id in sorted({c.event.client_id for c in classified})
        if (
            found := client_after_hours_trend(
                codes.get(client_id, "?"), weekly_series(classified, weeks, client_id)
            )
        )
    ]
    drift = practice_drift(history)
    if drift:
        trend_warnings.append(ReviewWarning(drift.code, "", drift.message))
    unsigned = sorted(
        {
            codes.get(c.event.client_id, "?")
            for c in contacts
            if c.event.client_id not in signed_clients
        }
    )
    return WeeklyReview(
        week=week,
        figures=history[-1],
        history=tuple(history),
        by_channel=dict(sorted(by_channel.items())),
        by_client=dict(sorted(by_client.items())),
        heatmap=tuple(tuple(row) for row in heatmap(classified, week)),
        warnings=(*stored_warnings, *trend_warnings),
        agreements_due=tuple(agreements_due),
        unsigned_with_contacts=tuple(unsigned),
        searches=tuple(c for c in in_week if c.event.kind is EventKind.SEARCH),
        friend_requests=tuple(c for c in in_week if c.event.kind is EventKind.FRIEND_REQUEST),
        record=record,
    )


@dataclass(frozen=True)
class ClientWeek:
    """One client's week in the review: contact between sessions, and the sessions."""

    code: str
    contacts: int
    after_hours: int
    sessions: int


def client_weeks(review: WeeklyReview) -> list[ClientWeek]:
    """Every client with contact or a session this week, most contacts first."""
    codes = set(review.by_client) | set(review.sessions)
    rows = [
        ClientWeek(
            code,
            review.by_client.get(code, {}).get("contacts", 0),
            review.by_client.get(code, {}).get("after_hours", 0),
            review.sessions.get(code, 0),
        )
        for code in codes
    ]
    return sorted(rows, key=lambda r: (-r.contacts, -r.sessions, r.code))
