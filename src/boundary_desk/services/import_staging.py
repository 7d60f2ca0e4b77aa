"""From the messages of one export to the entries an import would add, all in memory.

Each message is matched to clients by its handles. A client's messages and the
clinician's to them are kept; other people's in a client's group are only counted, and
a message with no client in it is dropped here, leaving only a count and, for the
handles seen often, how often (so the clinician can attach one to a client).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
)
from boundary_desk.domain.handle_matching import Found, HandleIndex, email_key, fold
from boundary_desk.domain.imported_entries import (
    StagedEntry,
    call_minutes,
    has_crisis_words,
    summary_line,
    usable_moment,
)
from boundary_desk.importers.records import CallOutcome, ImportedMessage

_OUTCOME_WORDS = {
    CallOutcome.NOT_ANSWERED: "Not answered",
    CallOutcome.MISSED: "Missed call",
    CallOutcome.VOICEMAIL: "Voicemail",
    CallOutcome.REJECTED: "Rejected call",
    CallOutcome.BLOCKED: "Blocked call",
    CallOutcome.ANSWERED_ELSEWHERE: "Answered on another device",
}


# Routes remembered at most: one per conversation, sender and direction seen.
_ROUTES_KEPT = 20_000


@dataclass(frozen=True, slots=True)
class _Route:
    direction: Direction
    owners: tuple[str, ...]  # the clients who keep the message
    group: bool = False  # someone else's message in a client's group: only counted
    unmatched: tuple[str, ...] = field(default=(), repr=False)
    partial: tuple[tuple[str, str], ...] = field(default=(), repr=False)


@dataclass
class Staged:
    """What one pass over an export leaves: per client, its entries; the rest as counts."""

    by_client: dict[str, list[StagedEntry]] = field(default_factory=dict)
    others: int = 0  # messages with no client in them
    group_others: int = 0  # other people's messages in a client's group
    repeated: int = 0  # a message the file holds twice, counted once
    unusable: int = 0  # dated in the future, or over twenty years ago
    unmatched: Counter[str] = field(default_factory=Counter, repr=False)
    partial: Counter[tuple[str, str]] = field(default_factory=Counter, repr=False)


class Stager:
    """Matches messages one at a time; keeps only what belongs to a client."""

    def __init__(
        self,
        index: HandleIndex,
        clients: Mapping[str, Client],
        *,
        me: str,
        now: datetime,
        keep_text: bool,
    ) -> None:
        self._index = index
        self._clients = clients
        self._me = fold(me) if me else ""
        self._now = now
        self._keep_text = keep_text
        self._seen: set[str] = set()
        self._routes: dict[tuple[tuple[str, ...], str, Direction | None], _Route] = {}
        self.staged = Staged()

    def add(self, message: ImportedMessage) -> None:
        key = (message.handles, message.sender, message.direction)
        route = self._routes.get(key)
        if route is None:
            if len(self._routes) > _ROUTES_KEPT:
                self._routes.clear()
            route = self._routes[key] = self._route(message)
        if route.owners:
            if not usable_moment(message.instant, self._now):
                self.staged.unusable += 1
                return
            for code in route.owners:
                self._stage(message, route.direction, code)
        elif route.group:
            self.staged.group_others += 1
        else:
            # Most of an export is other people's: counted by hand, as Counter.update
            # costs more than the rest of this message's staging.
            self.staged.others += 1
            for handle in route.unmatched:
                self.staged.unmatched[handle] += 1
            for pair in route.partial:
                self.staged.partial[pair] += 1

    def _route(self, message: ImportedMessage) -> _Route:
        """Where a message of this conversation, sender and direction goes; worked out once
        for each, since an export repeats the same few conversations many times."""
        direction = self._direction(message)
        in_it = self._clients_in(message)
        if direction is Direction.OUT:
            owners = in_it
        else:
            sender = self._index.match(self._sender(message))
            owners = [sender.client_code] if sender.is_client else []
            if not owners and in_it:
                return _Route(direction, (), group=True)
        if owners:
            return _Route(direction, tuple(owners))
        unmatched, partial = [], []
        for handle in dict.fromkeys((*message.handles, message.sender)):
            found = self._index.match(handle)
            if found.found is Found.PARTIAL:
                partial.append((handle, found.client_code))
            elif found.found is Found.NONE and handle.strip() and fold(handle) != self._me:
                unmatched.append(_shown(handle))
        return _Route(direction, (), unmatched=tuple(unmatched), partial=tuple(partial))

    def _sender(self, message: ImportedMessage) -> str:
        """Who wrote a message that came in: as the file says, or else the one handle in the
        conversation that is not the clinician's own (a file naming the phone's owner as
        the sender of a received message means the other party)."""
        if message.sender and self._index.match(message.sender).found is not Found.OWN:
            return message.sender
        others = [h for h in message.handles if self._index.match(h).found is not Found.OWN]
        return others[0] if len(others) == 1 else ""

    def _direction(self, message: ImportedMessage) -> Direction:
        if message.direction is not None:
            return message.direction
        if self._me and fold(message.sender) == self._me:
            return Direction.OUT
        if "@" in message.sender and self._index.match(message.sender).found is Found.OWN:
            return Direction.OUT
        return Direction.IN

    def _clients_in(self, message: ImportedMessage) -> list[str]:
        codes: list[str] = []
        for handle in (*message.handles, message.sender):
            found = self._index.match(handle)
            if found.is_client and found.client_code not in codes:
                codes.append(found.client_code)
        return codes

    def _stage(self, message: ImportedMessage, direction: Direction, code: str) -> None:
        client = self._clients[code]
        key = f"{message.source_key}/{client.id}"
        if key in self._seen:
            self.staged.repeated += 1
            return
        self._seen.add(key)
        text = message.subject or message.body
        category = None
        if direction is Direction.IN and has_crisis_words(f"{message.subject}\n{message.body}"):
            category = Category.CRISIS
        request = None
        if message.kind is EventKind.FRIEND_REQUEST:
            # A request received, as the quick log records one the clinician hasn't acted on.
            request = FriendRequest(message.platform or "Social media", RequestAction.PENDING)
        event = ContactEvent(
            client_id=client.id or 0,
            kind=message.kind,
            occurred_at=message.instant,
            channel=message.channel,
            direction=direction,
            category=category,
            minutes=call_minutes(message.duration) if _is_call(message) else None,
            summary=_summary(message, text),
            request=request,
        )
        kept = ""
        if self._keep_text:
            kept = "\n".join(p for p in (message.subject, message.body) if p)
        outcome = message.outcome.value if message.outcome else ""
        entry = StagedEntry(event=event, source_key=key, call_outcome=outcome, text=kept)
        self.staged.by_client.setdefault(code, []).append(entry)


def _is_call(message: ImportedMessage) -> bool:
    return message.channel in (ContactChannel.CALL, ContactChannel.VOICEMAIL)


def _summary(message: ImportedMessage, text: str) -> str:
    line = summary_line(text)
    if message.outcome is not None and message.outcome in _OUTCOME_WORDS:
        line = _OUTCOME_WORDS[message.outcome]  # a call carries no text of its own
    if message.attachments:
        noted = ", ".join(dict.fromkeys(message.attachments))
        line = f"{line} ({noted})" if line else noted.capitalize()
    return line


def _shown(handle: str) -> str:
    """An unmatched handle as listed: addresses lower-cased, so one is counted once."""
    return email_key(handle) if "@" in handle else handle.strip()
