"""Read Apple's Messages database (a Mac's `chat.db`, an iPhone backup's `sms.db`) and
its call history (`CallHistory.storedata`), as imported contacts.

    reading = read_imessage(path)    # either kind, told from the tables inside
    for message in reading:          # ImportedMessage, one at a time, oldest row first
        ...
    reading.summary                  # counts, known once the loop has finished

Reactions ("Loved", "Liked", …) and group events (someone joined, the name changed)
are not contacts: they are skipped and counted. A database that stops being readable
part-way raises `BrokenFile` after the whole messages before it have been yielded.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers import apple_db
from boundary_desk.importers.problems import BrokenFile, WrongKind, at_row
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, not_expected, recognise
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.importers.sbr_messages import attachment_kind
from boundary_desk.importers.typedstream import NotAttributedText, attributed_text
from boundary_desk.system.i18n import _, ngettext

_KINDS = (SourceKind.IMESSAGE, SourceKind.IMESSAGE_CALLS)
_PLACEHOLDER = "\ufffc"  # where an attachment sits in the text
_REACTIONS = range(2000, 3007)  # tapbacks added (2000–2006) and taken back (3000–3006)
_FACETIME_VIDEO = 8


@dataclass(frozen=True, slots=True)
class _Chat:
    name: str
    participants: tuple[str, ...]


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{kind}\x1f{value}".encode("utf-8", "surrogatepass"))
    return f"imessage-{kind}:{digest.hexdigest()}"


def _column(present: set[str], name: str, table: str = "m") -> str:
    """The column when this version of the database has it, else 0 (older Macs)."""
    return f"{table}.{name}" if name in present else "0"


class ImessageReading:
    """One pass over one Messages database or call history."""

    def __init__(self, path: Path, kind: SourceKind) -> None:
        self.kind = kind
        self._path = path
        self._records = 0
        self._contacts = 0
        self._unreadable_text = 0
        self._rows = 0  # how many the table holds, counted when the reading starts
        self._skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ImportedMessage]:
        with apple_db.opened(self._path) as connection:
            rows = self._messages if self.kind is SourceKind.IMESSAGE else self._calls
            try:
                for message in rows(connection):
                    if message is None:
                        continue
                    self._contacts += 1
                    yield message
            except apple_db.ERRORS as error:
                if self._records == 0:
                    raise apple_db.problem(error) from None
                raise _broken(self._records + 1, self._records) from None

    def _messages(self, connection: sqlite3.Connection) -> Iterator[ImportedMessage | None]:
        present = apple_db.tables(connection)
        columns = present["message"]
        chats = _chats(connection)
        body = "m.attributedBody" if "attributedBody" in columns else "NULL"
        kinds = (
            "coalesce(a.mime_type, '')" if "mime_type" in present.get("attachment", ()) else "''"
        )
        # Only column names this module spells are put in; nothing read from the file.
        query = f"""
            SELECT m.guid, m.text, {body}, m.date, {_column(columns, "is_from_me")},
                   {_column(columns, "item_type")}, {_column(columns, "group_action_type")},
                   {_column(columns, "associated_message_type")}, h.id,
                   (SELECT MIN(j.chat_id) FROM chat_message_join j
                     WHERE j.message_id = m.ROWID),
                   (SELECT group_concat({kinds}, char(31))
                      FROM message_attachment_join x JOIN attachment a
                        ON a.ROWID = x.attachment_id WHERE x.message_id = m.ROWID)
              FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id
             ORDER BY m.ROWID"""  # noqa: S608 - constant column names
        self._rows = _count(connection, "message")
        for row in connection.execute(query):
            self._records += 1
            yield self._message(row, chats)

    def _message(self, row: tuple[object, ...], chats: dict[int, _Chat]) -> ImportedMessage | None:
        guid, text, blob, date, mine, item, action, associated, handle, chat_id, kinds = row
        if isinstance(associated, int) and associated in _REACTIONS:
            self._skipped["reaction"] += 1
            return None
        if item or action:
            self._skipped["group event"] += 1
            return None
        when = apple_db.instant(date)
        if when is None or not guid:
            self._skipped["unreadable date" if guid else "no message id"] += 1
            return None
        chat = chats.get(chat_id) if isinstance(chat_id, int) else None
        own = str(handle or "").strip()
        handles = list(chat.participants) if chat else []
        if own and own not in handles:
            handles.append(own)
        direction = Direction.OUT if mine else Direction.IN
        return ImportedMessage(
            source_key=_key("message", str(guid)),
            instant=when,
            direction=direction,
            channel=ContactChannel.TEXT,
            handles=tuple(handles),
            sender=own if direction is Direction.IN else "",
            conversation=chat.name if chat else "",
            body=self._text(text, blob),
            attachments=tuple(
                attachment_kind(kind.strip().lower()) for kind in str(kinds or "").split("\x1f")
            )
            if kinds is not None
            else (),
            record=self._records,
        )

    def _text(self, text: object, blob: object) -> str:
        found = text if isinstance(text, str) else ""
        if not found.replace(_PLACEHOLDER, "").strip() and isinstance(blob, bytes) and blob:
            try:
                found = attributed_text(blob)
            except NotAttributedText:
                self._unreadable_text += 1
        return found.replace(_PLACEHOLDER, "").strip()

    def _calls(self, connection: sqlite3.Connection) -> Iterator[ImportedMessage | None]:
        columns = apple_db.tables(connection)["ZCALLRECORD"]
        unique = _column(columns, "ZUNIQUE_ID", "ZCALLRECORD")
        name = _column(columns, "ZNAME", "ZCALLRECORD")
        query = f"""
            SELECT Z_PK, {unique}, ZDATE, ZDURATION, ZORIGINATED, ZANSWERED, ZADDRESS,
                   ZCALLTYPE, {name}
              FROM ZCALLRECORD ORDER BY ZDATE, Z_PK"""  # noqa: S608 - constant column names
        self._rows = _count(connection, "ZCALLRECORD")
        for row in connection.execute(query):
            self._records += 1
            yield self._call(row)

    def _call(self, row: tuple[object, ...]) -> ImportedMessage | None:
        number, unique, date, seconds, originated, answered, address, call_type, name = row
        when = apple_db.instant(date)
        if when is None:
            self._skipped["unreadable date"] += 1
            return None
        if isinstance(address, bytes):
            address = address.decode("utf-8", errors="replace")
        handle = str(address or "").strip()
        length = (
            timedelta(seconds=max(0.0, float(seconds)))
            if isinstance(seconds, int | float) and seconds == seconds and abs(seconds) < 1e9
            else None
        )
        spoke = bool(answered) or bool(length)
        direction = Direction.OUT if originated else Direction.IN
        if direction is Direction.OUT:
            outcome = CallOutcome.ANSWERED if spoke else CallOutcome.NOT_ANSWERED
        else:
            outcome = CallOutcome.ANSWERED if answered else CallOutcome.MISSED
        shown = name.strip() if isinstance(name, str) else ""
        return ImportedMessage(
            source_key=_key("call", str(unique) if unique else f"{number}\x1f{date}"),
            instant=when,
            direction=direction,
            channel=ContactChannel.VIDEO if call_type == _FACETIME_VIDEO else ContactChannel.CALL,
            handles=(handle,) if handle else (),
            sender=handle if direction is Direction.IN else "",
            names=(shown,) if shown else (),
            duration=length,
            outcome=outcome,
            record=self._records,
        )

    @property
    def bytes_read(self) -> int:
        """How far the reading has come, as a share of the file's size, for a progress bar."""
        if not self._rows:
            return 0
        size = self._path.stat().st_size
        return size * min(self._records, self._rows) // self._rows

    @property
    def summary(self) -> ReadSummary:
        notes: tuple[str, ...] = ()
        if self._unreadable_text:
            count = self._unreadable_text
            words = ngettext(
                "{count} message kept only in a form that could not be read; it is counted "
                "without its text.",
                "{count} messages kept only in a form that could not be read; they are "
                "counted without their text.",
                count,
            )
            notes = (words.format(count=whole_number(count)),)
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            notes=notes,
        )


def _count(connection: sqlite3.Connection, table: str) -> int:
    found = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - a constant name
    return int(found[0]) if found else 0


def _chats(connection: sqlite3.Connection) -> dict[int, _Chat]:
    """Every conversation, with the handles of the people in it."""
    people: dict[int, list[str]] = {}
    for chat_id, handle in connection.execute(
        "SELECT j.chat_id, h.id FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id "
        "ORDER BY j.chat_id, h.ROWID"
    ):
        found = str(handle or "").strip()
        if found and found not in people.setdefault(chat_id, []):
            people[chat_id].append(found)
    return {
        chat_id: _Chat(str(shown or identifier or ""), tuple(people.get(chat_id, ())))
        for chat_id, shown, identifier in connection.execute(
            "SELECT ROWID, display_name, chat_identifier FROM chat"
        )
    }


def read_imessage(path: Path, expected: SourceKind | None = None) -> ImessageReading:
    """A reading of `path`; refuses at once a file that is neither kind of Apple store."""
    kind = recognise(path)
    if kind not in _KINDS:
        raise WrongKind(
            _(
                "This file looks like {kind}; a Messages database (chat.db or sms.db) or a "
                "call history (CallHistory.storedata) was expected."
            ).format(kind=kind.description)
        )
    if expected is not None and kind is not expected:
        raise WrongKind(not_expected(kind, expected.description))
    return ImessageReading(path, kind)


def _broken(row: int, rows: int) -> BrokenFile:
    """The database fails at `row`, after `rows` rows were read whole."""
    sentence = ngettext(
        "This database is damaged at row {row}; the {count} row before that point was read whole.",
        "This database is damaged at row {row}; the {count} rows before that point were read "
        "whole.",
        rows,
    ).format(row=whole_number(row), count=whole_number(rows))
    return BrokenFile(sentence, at_row(row), rows)
