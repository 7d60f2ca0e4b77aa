"""What an imported message becomes: a contact entry like one logged by hand.

Pure rules: the one-line summary (cleaned, never refused), a call's minutes, crisis
words in a client's message, and the pairing of the clinician's replies with the
messages they answer.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from boundary_desk.domain.boundary_warnings import BoundaryWarning
from boundary_desk.domain.event_rules import CLOCK_SLACK, MAX_MINUTES
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.text_rules import BIDI_CONTROLS

SUMMARY_CHARS = 200
OLDEST = timedelta(days=366 * 20)  # as the quick log's check_event allows
# A reply is the clinician's next message to the client within this long.
REPLY_WINDOW = timedelta(days=7)

# Words that make a client's message crisis content, as the clinician would mark it by
# hand; matched as whole words, case- and accent-insensitively.
CRISIS_WORDS = (
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end it all",
    "take my own life",
    "want to die",
    "better off dead",
    "self-harm",
    "self harm",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "overdose",
    "no reason to live",
    "can't go on",
    "cannot go on",
)
_CRISIS = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in CRISIS_WORDS) + r")(?!\w)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class StagedEntry:
    """One entry ready to be written: the event, its warnings, and where it came from."""

    event: ContactEvent = field(repr=False)
    warnings: tuple[BoundaryWarning, ...] = field(default=(), repr=False)
    source_key: str = ""  # a hash, never readable content
    call_outcome: str = ""
    text: str = field(default="", repr=False)  # the full message, only when kept


@dataclass(frozen=True, slots=True)
class AnsweredEntry:
    """An entry already in the vault that a newly imported reply answers: the entry with
    the reply set on it, and its warnings judged again."""

    event: ContactEvent = field(repr=False)
    warnings: tuple[BoundaryWarning, ...] = field(default=(), repr=False)


def summary_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first line with words in it, fit for a one-line field: controls and
    text-direction overrides stripped (an import never refuses what a phone showed)."""
    for line in text.splitlines():
        cleaned = _clean(line)
        if cleaned:
            return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"
    return ""


def _clean(line: str) -> str:
    value = unicodedata.normalize("NFC", line)
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in value
        if ch not in BIDI_CONTROLS and ch != "\ufeff"
    )
    return " ".join(kept.split())


def call_minutes(duration: timedelta | None) -> int | None:
    """Whole minutes, rounded up (a 61-second call took 2), within what an entry allows."""
    if duration is None:
        return None
    seconds = max(0.0, duration.total_seconds())
    return min(MAX_MINUTES, math.ceil(seconds / 60))


def has_crisis_words(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return _CRISIS.search(folded) is not None


def usable_moment(moment: datetime, now: datetime) -> bool:
    """Whether an entry may be logged at `moment`, as the quick log's check allows."""
    return now - OLDEST <= moment <= now + CLOCK_SLACK


def pair_replies(events: Sequence[ContactEvent]) -> list[ContactEvent]:
    """One client's entries, oldest first, with each message the client sent marked
    replied by the clinician's next message (within REPLY_WINDOW), and on its channel."""
    return pair_across((), events)[1]


def pair_across(
    earlier: Sequence[ContactEvent], new: Sequence[ContactEvent]
) -> tuple[list[ContactEvent], list[ContactEvent]]:
    """Pair replies over one client's entries already in the vault (`earlier`) and those
    an import adds (`new`, oldest first): a client's message is replied by the clinician's
    next message within REPLY_WINDOW, whichever import either came from.

    Returns the earlier entries a new reply answers, with it set on them (an earlier
    message that has its reply already is left as it is), and the new entries, paired.
    """
    events: list[ContactEvent] = [*earlier, *new]
    order = sorted(range(len(events)), key=lambda i: (events[i].occurred_at, i))
    first_new = len(earlier)
    answered: set[int] = set()
    waiting: list[int] = []  # positions of the client's messages not yet answered
    for position in order:
        event = events[position]
        if event.kind is not EventKind.CONTACT:
            continue  # a friend request is answered by what the clinician did, not a reply
        if event.direction is Direction.IN:
            if position >= first_new or event.replied_at is None:
                waiting.append(position)
        elif event.direction is Direction.OUT:
            for asked in waiting:
                if event.occurred_at - events[asked].occurred_at > REPLY_WINDOW:
                    continue
                if asked < first_new and position < first_new:
                    continue  # both in the vault already: as the clinician left them
                events[asked] = replace(
                    events[asked], replied_at=event.occurred_at, reply_channel=_channel(event)
                )
                if asked < first_new:
                    answered.add(asked)
            waiting.clear()
    return [events[i] for i in sorted(answered)], events[first_new:]


def _channel(event: ContactEvent) -> ContactChannel | None:
    return event.channel
