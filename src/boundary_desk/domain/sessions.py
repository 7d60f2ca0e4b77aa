"""Sessions: the appointments in the clinician's calendar that are with a client.

A session is not a contact and is never counted as one. It is kept only as the client,
the start and the end (no title, description or attendees), and it gives the contact
around it its context: the next session for "raise it in session", the last one for
contact after therapy ended, and sessions beside contact in the weekly review.

Which calendar event is a session with which client is the clinician's choice: by a
title pattern ("Session - J*" or a word in it), by a client's e-mail address among the
attendees, or one by one. An event two clients' rules both claim is tied to neither
and shown for the clinician to settle. An event no rule claims whose guests include two
clients' addresses (a couple, a parent and a teen) is a joint session: a session with
each of them.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from boundary_desk.domain.clients import Client, HandleKind
from boundary_desk.domain.handle_matching import fold
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _

_WILDCARDS = frozenset("*?[")


@dataclass(frozen=True)
class Session:
    client_id: int
    start: datetime
    end: datetime
    source_key: str  # the calendar occurrence it came from: importing again adds nothing
    series: str = ""  # the calendar event it is an occurrence of
    id: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a session's times must be timezone-aware")


@dataclass(frozen=True)
class TitleRule:
    """Events whose title matches `pattern` are sessions with the client `code`.

    A pattern with `*`, `?` or `[` matches the whole title; any other, whole words in
    it ("Rob" is not in "Problem-solving"); an exact rule (a title chosen in the app)
    only that title. Case and accents are set aside.
    """

    code: str
    pattern: str
    exact: bool = False

    def matches(self, title: str) -> bool:
        wanted, seen = " ".join(fold(self.pattern).split()), " ".join(fold(title).split())
        if self.exact:  # "" is an event with no title, chosen as such
            return seen == wanted
        if not wanted:
            return False
        if _WILDCARDS & set(wanted):
            return fnmatch.fnmatchcase(seen, wanted)
        return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", seen) is not None


def title_rules(pairs: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[TitleRule, ...]:
    """Rules from CODE=TITLE pairs; InvalidInput for an empty pattern."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    rules = []
    for code, pattern in items:
        if not pattern.strip() or not code.strip():
            raise InvalidInput(
                _("Each session rule needs a client's code and a title to look for (CODE=TITLE).")
            )
        rules.append(TitleRule(code.strip(), pattern.strip()))
    return tuple(rules)


@dataclass(frozen=True)
class EventTie:
    """Whom one event is a session with."""

    clients: tuple[Client, ...] = ()  # one; or each client among a joint session's guests
    # Per client, in the same order, the guest's address that tied them ("" by a title rule).
    addresses: tuple[str, ...] = ()
    contested: bool = False  # two clients' title rules claim it: tied to neither

    @property
    def joint(self) -> bool:
        return len(self.clients) > 1


def tie(
    title: str, attendees: Sequence[str], rules: Sequence[TitleRule], clients: Sequence[Client]
) -> EventTie:
    """The client (or, for a joint session, clients) an event is a session with.

    The clinician's own rules come first, and two of them claiming one event tie it to
    neither; a client's address among the guests ties an event no rule ties, and two
    clients' addresses make it a joint session with each.
    """
    by_code = {c.code.casefold(): c for c in clients}
    claimed = {
        by_code[r.code.casefold()].code
        for r in rules
        if r.code.casefold() in by_code and r.matches(title)
    }
    if len(claimed) == 1:
        (code,) = claimed
        return EventTie((by_code[code.casefold()],), ("",))
    if claimed:
        return EventTie(contested=True)
    guests = {a.strip().casefold(): a.strip() for a in attendees if a.strip()}
    found: list[Client] = []
    addresses: list[str] = []
    for client in clients:
        mine = [
            guests[h.value.strip().casefold()]
            for h in client.handles_of(HandleKind.EMAIL)
            if h.value.strip().casefold() in guests
        ]
        if mine:
            found.append(client)
            addresses.append(mine[0])
    return EventTie(tuple(found), tuple(addresses))


# All-day events with these words in their title are days away (folded: case and
# accents set aside), offered as vacation days. "Holiday" is left out: a calendar of
# public holidays says it of every day it holds, and those come from the region.
AWAY_WORDS = (
    "away",
    "vacation",
    "vacances",
    "conge",
    "out of office",
    "ooo",
    "\u05d7\u05d5\u05e4\u05e9\u05d4",
)
_AWAY = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in AWAY_WORDS) + r")(?!\w)")
LONGEST_AWAY_DAYS = 366  # as the vacation setting takes them


def is_away(title: str) -> bool:
    """Whether an all-day event's title says the clinician is away."""
    return bool(_AWAY.search(fold(title)))


def away_range(first: date, last: date) -> tuple[date, date] | None:
    """An away event's days, or None when it is too long to be a vacation."""
    if last < first or (last - first).days >= LONGEST_AWAY_DAYS:
        return None
    return first, last
