"""Messages databases and call histories written by the tests, in tmp_path.

`chat_db` lays the schema of a real, emptied macOS chat.db (the shared samples' dump of
its CREATE statements, every table, index and trigger) and fills it with the rows a
test names; tests that need it skip when the samples folder is absent. The call history
is synthetic: Core Data's ZCALLRECORD table as iOS and macOS write it, typed by hand.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.importers.samples import sample_files

APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)


def nanos(when: datetime) -> int:
    return int((when - APPLE_EPOCH).total_seconds()) * 10**9


def seconds(when: datetime) -> int:
    return int((when - APPLE_EPOCH).total_seconds())


def schema() -> str:
    found = sample_files("imessage", "*test.db.schema.sql")
    if not found:
        pytest.skip("samples folder absent")
    return found[0].read_text(encoding="utf-8")


def typedstream(name: str) -> bytes:
    """One of the real attributedBody blobs, by the end of its name ("Email")."""
    found = sample_files("imessage", f"*typedstream_{name}.bin")
    if not found:
        pytest.skip("samples folder absent")
    return found[0].read_bytes()


@dataclass
class Row:
    guid: str
    date: int
    handle: str = ""  # handle.id; "" for none (a group message sent by the owner)
    text: str | None = None
    body: bytes | None = None  # attributedBody
    mine: bool = False
    service: str = "iMessage"
    chat: str = ""  # chat.guid; "" for a message in no chat
    item_type: int = 0
    group_action_type: int = 0
    associated_message_type: int = 0
    mime_types: tuple[str | None, ...] = ()


@dataclass
class Chat:
    guid: str
    identifier: str
    members: tuple[str, ...]
    display_name: str = ""
    style: int = 45  # 43 a group, 45 one person


@dataclass
class ChatDb:
    chats: list[Chat] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def chat_db(folder: Path, content: ChatDb, name: str = "chat.db", *, wal: bool = False) -> Path:
    """A chat.db of the real schema with `content`; with `wal`, rows left in chat.db-wal."""
    path = folder / name
    connection = sqlite3.connect(path)
    try:
        connection.executescript(schema())
        if wal:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA wal_autocheckpoint = 0")
        handles: dict[tuple[str, str], int] = {}

        def handle(value: str, service: str) -> int:
            if (value, service) not in handles:
                cursor = connection.execute(
                    "INSERT INTO handle (id, service, country) VALUES (?, ?, 'us')",
                    (value, service),
                )
                handles[value, service] = int(cursor.lastrowid or 0)
            return handles[value, service]

        chats: dict[str, int] = {}
        for chat in content.chats:
            cursor = connection.execute(
                "INSERT INTO chat (guid, style, chat_identifier, service_name, display_name) "
                "VALUES (?, ?, ?, 'iMessage', ?)",
                (chat.guid, chat.style, chat.identifier, chat.display_name),
            )
            chats[chat.guid] = int(cursor.lastrowid or 0)
            for member in chat.members:
                connection.execute(
                    "INSERT INTO chat_handle_join (chat_id, handle_id) VALUES (?, ?)",
                    (chats[chat.guid], handle(member, "iMessage")),
                )
        for row in content.rows:
            cursor = connection.execute(
                "INSERT INTO message (guid, text, attributedBody, handle_id, service, date, "
                "is_from_me, item_type, group_action_type, associated_message_type, "
                "cache_has_attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.guid,
                    row.text,
                    row.body,
                    handle(row.handle, row.service) if row.handle else 0,
                    row.service,
                    row.date,
                    int(row.mine),
                    row.item_type,
                    row.group_action_type,
                    row.associated_message_type,
                    int(bool(row.mime_types)),
                ),
            )
            message = int(cursor.lastrowid or 0)
            if row.chat:
                connection.execute(
                    "INSERT INTO chat_message_join (chat_id, message_id, message_date) "
                    "VALUES (?, ?, ?)",
                    (chats[row.chat], message, row.date),
                )
            for number, mime in enumerate(row.mime_types):
                attached = connection.execute(
                    "INSERT INTO attachment (guid, original_guid, mime_type) VALUES (?, ?, ?)",
                    (f"{row.guid}-a{number}", f"{row.guid}-a{number}", mime),
                )
                connection.execute(
                    "INSERT INTO message_attachment_join (message_id, attachment_id) VALUES (?, ?)",
                    (message, attached.lastrowid),
                )
        connection.commit()
        if wal:
            # Leave the rows in the -wal file, as a Mac that is still running does:
            # copy both files away while this connection holds them open.
            copy = folder / f"copy-{name}"
            copy.write_bytes(path.read_bytes())
            Path(f"{copy}-wal").write_bytes(Path(f"{path}-wal").read_bytes())
    finally:
        connection.close()
    if wal:
        path.unlink()
        Path(f"{path}-wal").unlink(missing_ok=True)
        Path(f"{path}-shm").unlink(missing_ok=True)
        copy.rename(path)
        Path(f"{copy}-wal").rename(f"{path}-wal")
    return path


# Core Data's table as CallHistory.storedata holds it (synthetic: typed by hand from
# the columns iOS and macOS write), with the bookkeeping tables Core Data adds.
CALL_HISTORY_SCHEMA = """
CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZANSWERED INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER,
  ZFACE_TIME_DATA BLOB, ZHANDLE_TYPE INTEGER, ZNUMBER_AVAILABILITY INTEGER,
  ZORIGINATED INTEGER, ZREAD INTEGER, ZJUNKCONFIDENCE INTEGER,
  ZJUNKIDENTIFICATIONCATEGORY VARCHAR, ZDATE TIMESTAMP, ZDURATION FLOAT,
  ZADDRESS VARCHAR, ZDEVICE_ID VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR,
  ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR );
CREATE INDEX ZCALLRECORD_ZDATE_INDEX ON ZCALLRECORD (ZDATE);
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER,
  Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB);
"""


@dataclass
class Call:
    unique_id: str
    date: float  # seconds since 2001
    address: str | bytes | None
    duration: float = 0.0
    originated: bool = False
    answered: bool = False
    call_type: int = 1  # 1 telephone, 8 FaceTime video, 16 FaceTime audio
    name: str | None = None


def call_history(folder: Path, calls: list[Call], name: str = "CallHistory.storedata") -> Path:
    path = folder / name
    connection = sqlite3.connect(path)
    try:
        connection.executescript(CALL_HISTORY_SCHEMA)
        for number, call in enumerate(calls, 1):
            connection.execute(
                "INSERT INTO ZCALLRECORD (Z_PK, Z_ENT, Z_OPT, ZANSWERED, ZCALLTYPE, "
                "ZORIGINATED, ZREAD, ZDATE, ZDURATION, ZADDRESS, ZNAME, ZSERVICE_PROVIDER, "
                "ZUNIQUE_ID) VALUES (?, 2, 1, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    int(call.answered),
                    call.call_type,
                    int(call.originated),
                    call.date,
                    call.duration,
                    call.address,
                    call.name,
                    "com.apple.Telephony" if call.call_type == 1 else "com.apple.FaceTime",
                    call.unique_id,
                ),
            )
        connection.execute("INSERT INTO Z_PRIMARYKEY VALUES (2, 'CallRecord', 0, ?)", (len(calls),))
        connection.commit()
    finally:
        connection.close()
    return path
