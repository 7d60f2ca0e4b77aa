"""What a chat export holds, learnt in one pass before any message is imported.

    facts = inspect_chat(path)
    facts.participants        # who wrote, in order of first appearance, with counts
    facts.date_order          # DateOrder, or None when no date in the file tells
    order = facts.date_order or default_order(practice_country)   # shown to confirm

WhatsApp writes dates in the phone's own order, and 03/04/2026 reads two ways. The
file decides when some date has a number over 12 where a month would be impossible;
a four-digit first number means year-first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from boundary_desk.importers.whatsapp_header import Stamp
from boundary_desk.importers.whatsapp_messages import ChatEntry
from boundary_desk.importers.whatsapp_notices import read_content
from boundary_desk.importers.whatsapp_stream import ChatStream, chat_kind
from boundary_desk.importers.whatsapp_time import DateOrder, local_wall


@dataclass(frozen=True, slots=True)
class Participant:
    name: str = field(repr=False)  # as the export writes it
    messages: int  # its messages and calls in the file


@dataclass(frozen=True, slots=True)
class ChatFacts:
    chat_name: str = field(repr=False)  # from the file's name; "" when it says none
    participants: tuple[Participant, ...]
    date_order: DateOrder | None  # None when the file can't decide
    entries: int  # messages, calls and notices
    first: Stamp | None = field(default=None, repr=False)
    last: Stamp | None = field(default=None, repr=False)

    @property
    def decided(self) -> bool:
        return self.date_order is not None

    def span(self, zone: ZoneInfo, order: DateOrder) -> tuple[datetime, datetime] | None:
        """The first and last entries' local times in `zone`, read in `order`."""
        if self.first is None or self.last is None:
            return None
        first, last = local_wall(self.first, order, zone), local_wall(self.last, order, zone)
        return (first, last) if first is not None and last is not None else None


class _OrderEvidence:
    def __init__(self) -> None:
        self.year_first = self.first_over_12 = self.second_over_12 = False

    def add(self, stamp: Stamp) -> None:
        first, second, _ = stamp.fields
        if stamp.year_digits[0] >= 3:
            self.year_first = True
        elif 12 < first <= 31:
            self.first_over_12 = True
        if stamp.year_digits[0] < 3 and 12 < second <= 31:
            self.second_over_12 = True

    def order(self) -> DateOrder | None:
        if self.year_first:
            return DateOrder.YEAR_FIRST
        if self.first_over_12 and not self.second_over_12:
            return DateOrder.DAY_FIRST
        if self.second_over_12 and not self.first_over_12:
            return DateOrder.MONTH_FIRST
        return None  # nothing over 12, or both: the file can't say


def inspect_chat(path: Path) -> ChatFacts:
    """The participants, date order and span of the chat export at `path`."""
    stream = ChatStream(path, chat_kind(path))
    found = FactsFound()
    for entry in stream.entries():
        found.add(entry)
    return found.facts(stream.chat_name)


class FactsFound:
    """What the entries read so far say, entry by entry: a damaged file's whole part too."""

    def __init__(self) -> None:
        self._evidence = _OrderEvidence()
        self._counts: Counter[str] = Counter()  # in order of first appearance
        self._first: Stamp | None = None
        self._last: Stamp | None = None
        self._entries = 0

    def add(self, entry: ChatEntry) -> None:
        self._entries += 1
        self._evidence.add(entry.stamp)
        self._first = self._first or entry.stamp
        self._last = entry.stamp
        if entry.author and not read_content(entry.text).skipped:
            self._counts[entry.author] += 1

    def facts(self, chat_name: str) -> ChatFacts:
        return ChatFacts(
            chat_name=chat_name,
            participants=tuple(Participant(name, n) for name, n in self._counts.items()),
            date_order=self._evidence.order(),
            entries=self._entries,
            first=self._first,
            last=self._last,
        )
