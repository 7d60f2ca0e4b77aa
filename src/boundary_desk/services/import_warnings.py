"""The quick log's rules, run over one client's imported entries in one pass.

The client's context (settings, agreement, history) is built once, and each entry
joins the history as it is judged, so a large import costs one rule check per entry.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.boundary_warnings import (
    BoundaryWarning,
    WarningContext,
    outside_agreement_rule,
    warnings_for,
)
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactEvent, Direction, EventKind
from boundary_desk.domain.imported_entries import AnsweredEntry, StagedEntry, pair_across
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.services.sessions import last_session_day

if TYPE_CHECKING:
    from boundary_desk.services import Services


@dataclass
class Judged:
    fresh: list[StagedEntry] = field(default_factory=list)  # oldest first, with warnings
    late: list[bool] = field(default_factory=list)  # each fresh entry's after-hours flag
    already: int = 0  # in the vault from an earlier import
    # Entries in the vault that a new reply answers, with their warnings judged again.
    answered: list[AnsweredEntry] = field(default_factory=list)


# The warnings a reply changes on the message it answers; the rest are kept as they were.
# The reply's own lateness is warned about on the reply (see `judge`), not here.
_REPLY_RULES = {
    "outside_agreement": outside_agreement_rule,
}


def judge(
    services: Services,
    client: Client,
    entries: Sequence[StagedEntry],
    existing: Set[str],
    practice: PracticeSettings,
) -> Judged:
    """Pair replies (with the client's messages in the vault too), leave out what the
    vault holds already, and warn as the quick log does."""
    ordered = sorted(entries, key=lambda e: (e.event.occurred_at, e.source_key))
    judged = Judged()
    fresh: list[StagedEntry] = []
    for entry in ordered:
        if entry.source_key in existing:
            judged.already += 1
        else:
            fresh.append(entry)
    history: list[ContactEvent] = list(services.events.list(client_id=client.id))
    earlier = [e for e in history if e.kind is EventKind.CONTACT and e.direction is not None]
    answered, paired = pair_across(earlier, [e.event for e in fresh])
    context = WarningContext(
        practice=practice,
        client=client,
        agreement=services.agreements.signed(client.id or 0),
        history=history,
        now=services.clock(),
        last_session=last_session_day(services, client, practice.timezone, services.clock()),
    )
    judged.answered = [_judged_again(services, event, context) for event in answered]
    for entry, event in zip(fresh, paired, strict=True):
        found = warnings_for(event, context)
        if event.direction is Direction.IN and event.replied_at is not None:
            # The reply is an entry of its own, warned about at its own moment exactly
            # as the quick log warns about a reply logged by hand; the message it
            # answers isn't warned about the same reply a second time.
            found = [w for w in found if w.code != "replied_after_hours"]
        history.append(event)
        judged.fresh.append(replace(entry, event=event, warnings=tuple(found)))
        judged.late.append(after_hours(event.occurred_at, practice) is not None)
    return judged


def _judged_again(
    services: Services, event: ContactEvent, context: WarningContext
) -> AnsweredEntry:
    """An entry in the vault, now replied: its warnings as stored, those a reply decides
    judged again."""
    kept = [
        BoundaryWarning(w.code, w.message, w.related)
        for w in services.events.warnings(event.id or 0)
        if w.code not in _REPLY_RULES
    ]
    found = [w for rule in _REPLY_RULES.values() if (w := rule(event, context)) is not None]
    return AnsweredEntry(event, tuple([*kept, *found]))
