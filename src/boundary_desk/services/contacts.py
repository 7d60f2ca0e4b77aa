"""Contacts, for the app and the CLI alike: log, edit, delete and bring back an entry with
its warnings, acknowledge one, read its edit history, keep a half-typed entry as a draft,
and keep the warnings that depend on the date current."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from boundary_desk.domain.after_hours import AfterHours, after_hours
from boundary_desk.domain.agreements import Agreement
from boundary_desk.domain.boundary_warnings import (
    ACKNOWLEDGE_NOTE_LIMIT,
    StoredWarning,
    WarningContext,
    warnings_for,
)
from boundary_desk.domain.event_rules import check_event
from boundary_desk.domain.events import ContactEvent, EventKind, RequestAction, Revision
from boundary_desk.domain.misunderstanding import LongExchange, long_exchange
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.domain.warning_guidance import guidance
from boundary_desk.services import Services
from boundary_desk.services.sessions import last_session_day
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.stores.events import stored_columns
from boundary_desk.storage.stores.sessions import SessionStore
from boundary_desk.system.i18n import _

__all__ = [
    "EditHistory",
    "LoggedEvent",
    "Revision",
    "StoredWarning",
    "acknowledge_entries",
    "acknowledge_warning",
    "acknowledge_warnings",
    "delete_event",
    "describe",
    "discard_draft",
    "edit_history",
    "load_draft",
    "log_event",
    "logged_events",
    "poor_fit",
    "raise_in_next_session",
    "refresh_time_warnings",
    "restore_event",
    "save_draft",
    "to_raise",
    "warning_context",
]


@dataclass(frozen=True)
class LoggedEvent:
    event: ContactEvent
    after_hours: AfterHours | None
    warnings: list[StoredWarning]
    # What to do about each warning (by code), from the client's signed agreement.
    guidance: Mapping[str, str] = field(default_factory=dict)
    # For an entry to raise in the next session: when that session starts (from the
    # imported calendar), in the practice's zone; None when no later session is known.
    next_session: datetime | None = None
    # The long thread in writing this entry is part of (the weekly review's rule), when
    # it is one; said as the entry is logged, so it can be raised in the next session.
    long_exchange: LongExchange | None = None

    def guidance_for(self, code: str) -> str:
        return self.guidance.get(code, "")


def _guidance(
    event: ContactEvent, warnings: Sequence[StoredWarning], agreement: Agreement | None
) -> dict[str, str]:
    return {w.code: guidance(w.code, event, agreement) for w in warnings}


def warning_context(services: Services, event: ContactEvent, now: datetime) -> WarningContext:
    client = services.clients.get(event.client_id)
    history = [e for e in services.events.list(client_id=client.id) if e.id != event.id]
    practice = services.settings.load()
    return WarningContext(
        practice=practice,
        client=client,
        agreement=services.agreements.signed(event.client_id),
        history=history,
        now=now,
        last_session=last_session_day(services, client, practice.timezone, now),
    )


def log_event(
    services: Services, event: ContactEvent, now: datetime, *, draft: str | None = None
) -> LoggedEvent:
    """Save a new event (or an edit, when it has an id) with the warnings it raises.

    `draft` names the draft it was typed in: it is cleared in the same transaction, so
    an entry is never both saved and still offered as unfinished (a duplicate later).
    """
    checked = check_event(event, now)
    context = warning_context(services, checked, now)
    found = warnings_for(checked, context)
    with transaction(services.vault.conn):
        if checked.id is None:
            saved = services.events.add(checked, found)
        else:
            saved = services.events.update(checked, found)
        if draft is not None:
            services.drafts.clear(draft)
    return describe(services, saved, now)


def describe(services: Services, event: ContactEvent, now: datetime) -> LoggedEvent:
    assert event.id is not None
    moment = event.occurred_at
    warnings = services.events.warnings(event.id)
    practice = services.settings.load()
    return LoggedEvent(
        event=event,
        after_hours=after_hours(moment, practice),
        warnings=warnings,
        guidance=_guidance(event, warnings, services.agreements.signed(event.client_id)),
        long_exchange=_long_exchange(services, event, practice),
    )


def _long_exchange(
    services: Services, event: ContactEvent, practice: PracticeSettings
) -> LongExchange | None:
    if event.kind is not EventKind.CONTACT or event.channel is None:
        return None
    theirs = services.events.list(client_id=event.client_id, kinds=(EventKind.CONTACT,))
    return long_exchange(event, theirs, practice.channel_profiles, practice.long_thread)


def to_raise(logged: LoggedEvent) -> bool:
    """Whether the result offers "raise in next session": a poor-fit reply, or an entry
    in a long exchange in writing."""
    return poor_fit(logged) is not None or logged.long_exchange is not None


def refresh_time_warnings(services: Services, now: datetime) -> int:
    """Re-check entries whose warnings depend on the date; returns how many changed.

    Called at unlock (app and CLI) and when the day changes in the open app. Only a
    friend request left pending is stored this way; an agreement past its review date
    is worked out from today whenever it is shown. A read-only vault is left as it is.
    """
    if services.vault.read_only:
        return 0
    pending = [
        e
        for e in services.events.list(kinds=(EventKind.FRIEND_REQUEST,))
        if e.request is not None and e.request.action is RequestAction.PENDING
    ]
    changed = 0
    for event in pending:
        assert event.id is not None
        current = {w.code for w in services.events.warnings(event.id)}
        found = warnings_for(event, warning_context(services, event, now))
        if {w.code for w in found} != current:
            services.events.update_warnings(event.id, found)
            changed += 1
    return changed


def acknowledge_warning(services: Services, event_id: int, code: str, note: str = "") -> None:
    """Mark one warning on an entry as seen, with the clinician's note.

    An over-long or unreadable note is refused (InvalidInput) and nothing is stored; NotFound
    if the warning is gone; AlreadyDone if it was acknowledged before (the first
    acknowledgement, its time and note, is the record and stays as it was).
    """
    acknowledge_entries(services, [(event_id, code)], note)


def acknowledge_warnings(
    services: Services, event_id: int, codes: Sequence[str], note: str = ""
) -> None:
    """Mark several warnings on an entry as seen with one note, all or none: a refused note
    (InvalidInput), a warning gone (NotFound) or one acknowledged already (AlreadyDone)
    leaves every one as it was."""
    acknowledge_entries(services, [(event_id, code) for code in codes], note)


def acknowledge_entries(
    services: Services, warnings: Sequence[tuple[int, str]], note: str = ""
) -> None:
    """Mark warnings of several entries, each named (event_id, code), as seen with one note,
    in one transaction: all of them or, on any refusal, none (as acknowledge_warnings)."""
    kept = clean_line(note, label=_("The note"), max_len=ACKNOWLEDGE_NOTE_LIMIT, required=False)
    with transaction(services.vault.conn):
        for event_id, code in warnings:
            services.events.acknowledge(event_id, code, kept)


def logged_events(
    services: Services,
    *,
    client_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: tuple[EventKind, ...] = (),
) -> list[LoggedEvent]:
    """The entries asked for, oldest first, each with its after-hours reason and warnings."""
    found = services.events.list(client_id=client_id, since=since, until=until, kinds=kinds)
    warnings = services.events.warnings_by_event([e.id for e in found if e.id is not None])
    practice = services.settings.load()
    signed: dict[int, Agreement | None] = {}
    sessions = SessionStore(services.vault.conn, services.clock)
    result = []
    for e in found:
        kept = list(warnings.get(e.id or 0, ()))
        if kept and e.client_id not in signed:
            signed[e.client_id] = services.agreements.signed(e.client_id)
        agreement = signed.get(e.client_id)
        upcoming = sessions.next_after(e.client_id, e.occurred_at) if e.raise_next_session else None
        result.append(
            LoggedEvent(
                e,
                after_hours(e.occurred_at, practice),
                kept,
                _guidance(e, kept, agreement),
                upcoming.start.astimezone(practice.timezone) if upcoming else None,
            )
        )
    return result


POOR_FIT = "reply_poor_fit"
RAISE_NOTE = "to raise in the next session"


def poor_fit(logged: LoggedEvent) -> StoredWarning | None:
    """The warning that the reply's channel was a poor fit for the message, if it was."""
    return next((w for w in logged.warnings if w.code == POOR_FIT), None)


def raise_in_next_session(services: Services, event_id: int, now: datetime) -> LoggedEvent:
    """Keep the entry to raise in the next session (an edit, so its earlier version stays)
    and note it on its poor-fit warning, unless that warning was acknowledged already."""
    event = services.events.get(event_id)
    logged = describe(services, event, now)
    if not event.raise_next_session:
        logged = log_event(services, replace(event, raise_next_session=True), now)
    found = poor_fit(logged)
    if found is not None and found.acknowledged_at is None:
        acknowledge_warning(services, event_id, POOR_FIT, RAISE_NOTE)
        logged = describe(services, logged.event, now)
    return logged


def delete_event(services: Services, event_id: int) -> None:
    """Mark an entry deleted; `restore_event` brings it back (NotFound if it is gone)."""
    services.events.delete(event_id)


def restore_event(services: Services, event_id: int) -> None:
    """Bring back an entry deleted a moment ago."""
    services.events.restore(event_id)


@dataclass(frozen=True)
class EditHistory:
    """An entry's earlier versions, oldest first, and the entry as it is now, all in the
    form the vault keeps them (column by column), so each can be set against the next."""

    revisions: list[Revision]
    current: dict[str, Any]

    def pairs(self) -> list[tuple[Revision, dict[str, Any]]]:
        """Each earlier version with the version that replaced it."""
        if not self.revisions:
            return []
        later = [r.before for r in self.revisions[1:]] + [self.current]
        return list(zip(self.revisions, later, strict=True))


def edit_history(services: Services, event: ContactEvent) -> EditHistory:
    """What the entry said before each edit."""
    assert event.id is not None
    return EditHistory(services.events.revisions(event.id), stored_columns(event))


def save_draft(services: Services, name: str, body: dict[str, Any]) -> None:
    """Keep a half-typed entry in the vault (never anywhere else) as it is typed."""
    services.drafts.save(name, body)


def load_draft(services: Services, name: str) -> dict[str, Any] | None:
    """The half-typed entry kept under `name`, if any."""
    return services.drafts.load(name)


def discard_draft(services: Services, name: str) -> None:
    services.drafts.clear(name)
