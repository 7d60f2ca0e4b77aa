"""Contacts, for the app and the CLI alike: log or edit one with its warnings, and keep
the warnings that depend on the date current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from boundary_desk.domain.after_hours import AfterHours, after_hours
from boundary_desk.domain.agreement_document import crisis_plan
from boundary_desk.domain.agreements import CrisisPlan
from boundary_desk.domain.boundary_warnings import WarningContext, warnings_for
from boundary_desk.domain.event_rules import check_event
from boundary_desk.domain.events import ContactEvent, EventKind, RequestAction
from boundary_desk.services import Services
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.stores.events import StoredWarning


@dataclass(frozen=True)
class LoggedEvent:
    event: ContactEvent
    after_hours: AfterHours | None
    warnings: list[StoredWarning]


def warning_context(services: Services, event: ContactEvent, now: datetime) -> WarningContext:
    client = services.clients.get(event.client_id)
    history = [e for e in services.events.list(client_id=client.id) if e.id != event.id]
    return WarningContext(
        practice=services.settings.load(),
        client=client,
        agreement=services.agreements.signed(event.client_id),
        history=history,
        now=now,
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
    return LoggedEvent(
        event=event,
        after_hours=after_hours(moment, services.settings.load()),
        warnings=services.events.warnings(event.id),
    )


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


def crisis_plan_for(services: Services, client_id: int) -> CrisisPlan:
    """Who to call for this client: their signed agreement's plan, else the practice's."""
    return crisis_plan(services.agreements.signed(client_id), services.settings.load())


def acknowledge_warning(services: Services, event_id: int, code: str, note: str = "") -> None:
    """Mark one warning on an entry as seen, with the clinician's note (NotFound if gone)."""
    services.events.acknowledge(event_id, code, note)
