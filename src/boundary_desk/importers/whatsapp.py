"""Read a WhatsApp "Export chat": the Android .txt, or the iOS .zip holding `_chat.txt`.

    facts = inspect_chat(path)                        # participants, date order
    reading = read_whatsapp(path, zone=zone, date_order=order)
    for message in reading:                           # ImportedMessage, in file order
        ...
    reading.summary                                   # counts and notes, after the loop

Each message is a text (ContactChannel.TEXT, not DM): WhatsApp is reached by the
client's phone number and used as texting is, and the agreement's DM channel means
social-media direct messages, where "no therapy by DM" would wrongly flag every chat.
Its direction is left to the import, which knows which participant is the clinician.
`handles` lists every participant of the chat, as a group MMS lists its numbers, so
the clinician's own replies carry the client's name; `sender` is who wrote it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers.problems import BrokenFile
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.whatsapp_chat import ChatFacts, FactsFound
from boundary_desk.importers.whatsapp_messages import ChatEntry
from boundary_desk.importers.whatsapp_notices import Content, read_content
from boundary_desk.importers.whatsapp_stream import ChatStream, chat_kind
from boundary_desk.importers.whatsapp_time import DateOrder, ZoneClock, day_month_year
from boundary_desk.system.i18n import _


class WhatsAppReading:
    """One pass over one chat export; `summary` is complete once iteration has finished."""

    def __init__(self, path: Path, zone: ZoneInfo, order: DateOrder) -> None:
        self.kind = chat_kind(path)
        self._path = path
        self._stream = ChatStream(path, self.kind)
        self._clock = ZoneClock(zone, order)
        self._records = self._contacts = 0
        self._skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ImportedMessage]:
        facts = self._facts()
        handles = tuple(p.name for p in facts.participants)
        occurrences = _Occurrences()
        for entry in self._stream.entries():
            self._records += 1
            message = self._message(entry, facts, handles, occurrences)
            if message is not None:
                self._contacts += 1
                yield message

    def _facts(self) -> ChatFacts:
        """A first pass, for the participants every message lists as its handles."""
        found = FactsFound()
        try:
            for entry in ChatStream(self._path, self.kind).entries():
                found.add(entry)
        except BrokenFile:
            pass  # the second pass yields what is whole, then says where the damage is
        return found.facts(self._stream.chat_name)

    def _message(
        self,
        entry: ChatEntry,
        facts: ChatFacts,
        handles: tuple[str, ...],
        occurrences: _Occurrences,
    ) -> ImportedMessage | None:
        if not entry.author:
            self._skipped["notice"] += 1
            return None
        content = read_content(entry.text)
        if content.skipped:
            self._skipped[content.skipped] += 1
            return None
        when = self._clock.instant(entry.stamp)
        found = day_month_year(entry.stamp, self._clock.order)
        if when is None or found is None:
            self._skipped["unreadable date"] += 1
            return None
        day, month, year = found
        minute = f"{year:04}-{month:02}-{day:02} {entry.stamp.hour:02}:{entry.stamp.minute:02}"
        text = _key_text(content)
        occurrence = occurrences.next(minute, entry.author, text)
        return ImportedMessage(
            source_key=source_key(facts.chat_name, minute, entry.author, text, occurrence),
            instant=when,
            direction=None,
            channel=content.call or ContactChannel.TEXT,
            handles=handles,
            sender=entry.author,
            names=(entry.author,),
            conversation=facts.chat_name,
            body=content.body,
            attachments=content.attachments,
            duration=content.duration,
            outcome=content.outcome,
            record=entry.number,
        )

    @property
    def summary(self) -> ReadSummary:
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            replaced_bytes=self._stream.replaced_bytes,
            notes=(_order_note(self._clock.order), *self._clock.notes()),
        )


def read_whatsapp(path: Path, *, zone: ZoneInfo, date_order: str) -> WhatsAppReading:
    """A reading of the chat at `path`, its times read in `zone` and `date_order`."""
    return WhatsAppReading(path, zone, DateOrder(date_order))


def source_key(chat: str, minute: str, author: str, text: str, occurrence: int) -> str:
    """The same for a message however often, or in however long an export, it is read."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    parts = (chat, minute, author, digest, str(occurrence))
    key = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return f"whatsapp:{key.hexdigest()}"


def _key_text(content: Content) -> str:
    # Attachments count, not their kinds: an iOS export names a photo ("image omitted")
    # where Android writes "<Media omitted>", and a re-export may differ so.
    if content.call is not None:
        return f"\x1fcall:{content.call.value}:{content.outcome}"
    return f"{content.body}\x1f{len(content.attachments)}"


def _order_note(order: DateOrder) -> str:
    if order is DateOrder.MONTH_FIRST:
        sentence = _("Dates were read month-first ({example}).")
    elif order is DateOrder.YEAR_FIRST:
        sentence = _("Dates were read year-first ({example}).")
    else:
        sentence = _("Dates were read day-first ({example}).")
    return sentence.format(example=order.example)


class _Occurrences:
    """How many times the same author wrote the same text within one minute, so far."""

    def __init__(self) -> None:
        self._minute = ""
        self._seen: Counter[tuple[str, str]] = Counter()

    def next(self, minute: str, author: str, text: str) -> int:
        # The file runs in time order, so only the current minute's counts are kept.
        if minute != self._minute:
            self._minute, self._seen = minute, Counter()
        self._seen[(author, text)] += 1
        return self._seen[(author, text)]
