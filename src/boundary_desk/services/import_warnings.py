"""The quick log's rules, run over one client's imported entries in one pass.

The client's context (settings, agreement, history) is built once, and each entry
joins the history as it is judged, so a large import costs one rule check per entry.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.boundary_warnings import WarningContext, warnings_for
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactEvent, Direction
from boundary_desk.domain.imported_entries import StagedEntry, pair_replies
from boundary_desk.domain.practice_settings import PracticeSettings

if TYPE_CHECKING:
    from boundary_desk.services import Services


@dataclass
class Judged:
    fresh: list[StagedEntry] = field(default_factory=list)  # oldest first, with warnings
    late: list[bool] = field(default_factory=list)  # each fresh entry's after-hours flag
    already: int = 0  # in the vault from an earlier import


def judge(
    services: Services,
    client: Client,
    entries: Sequence[StagedEntry],
    existing: Set[str],
    practice: PracticeSettings,
) -> Judged:
    """Pair replies, leave out what the vault holds already, and warn as the quick log does."""
    ordered = sorted(entries, key=lambda e: (e.event.occurred_at, e.source_key))
    paired = pair_replies([e.event for e in ordered])
    history: list[ContactEvent] = list(services.events.list(client_id=client.id))
    context = WarningContext(
        practice=practice,
        client=client,
        agreement=services.agreements.signed(client.id or 0),
        history=history,
        now=services.clock(),
    )
    # A reply paired with the message it answers is warned about on that message, once.
    answers = {e.replied_at for e in paired if e.replied_at is not None}
    judged = Judged()
    for entry, event in zip(ordered, paired, strict=True):
        if entry.source_key in existing:
            judged.already += 1
            continue
        found = warnings_for(event, context)
        if event.occurred_at in answers and event.direction is Direction.OUT:
            found = [w for w in found if w.code != "replied_after_hours"]
        history.append(event)
        judged.fresh.append(replace(entry, event=event, warnings=tuple(found)))
        judged.late.append(after_hours(event.occurred_at, practice) is not None)
    return judged
