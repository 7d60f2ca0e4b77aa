"""Apple Messages (chat.db, sms.db) and call history, read from databases of the real schema."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers import apple_db
from boundary_desk.importers.imessage import read_imessage
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome
from tests.importers.imessage_files import (
    APPLE_EPOCH,
    Call,
    Chat,
    ChatDb,
    Row,
    call_history,
    chat_db,
    nanos,
    seconds,
    typedstream,
)

WHEN = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)
ROBIN_PHONE = "+14165550142"
ROBIN_MAIL = "robin@mail.example"
FRIEND = "+14165559393"


def _conversation() -> ChatDb:
    one = Chat("iMessage;-;" + ROBIN_PHONE, ROBIN_PHONE, (ROBIN_PHONE,))
    mail = Chat("iMessage;-;" + ROBIN_MAIL, ROBIN_MAIL, (ROBIN_MAIL,))
    group = Chat("iMessage;+;chat1", "chat1", (ROBIN_PHONE, FRIEND), "Carpool", style=43)
    rows = [
        Row("G1", nanos(WHEN), ROBIN_PHONE, "Are we still on?", chat=one.guid),
        Row(
            "G2",
            nanos(WHEN + timedelta(minutes=5)),
            ROBIN_PHONE,
            None,
            typedstream("Email"),
            mine=True,
            chat=one.guid,
        ),
        Row(
            "G3",
            seconds(WHEN + timedelta(hours=1)),
            ROBIN_MAIL,
            "old seconds date",
            service="SMS",
            chat=mail.guid,
        ),
        Row(
            "G4",
            nanos(WHEN + timedelta(hours=2)),
            ROBIN_PHONE,
            "Loved “Are we still on?”",
            chat=one.guid,
            associated_message_type=2000,
        ),
        Row(
            "G5",
            nanos(WHEN + timedelta(hours=2)),
            ROBIN_PHONE,
            None,
            chat=one.guid,
            associated_message_type=3001,
        ),
        Row(
            "G6",
            nanos(WHEN + timedelta(hours=3)),
            FRIEND,
            None,
            chat=group.guid,
            item_type=1,
            group_action_type=0,
        ),
        Row("G7", nanos(WHEN + timedelta(hours=3)), FRIEND, None, chat=group.guid, item_type=2),
        Row("G8", nanos(WHEN + timedelta(hours=4)), FRIEND, "in the group", chat=group.guid),
        Row(
            "G9",
            nanos(WHEN + timedelta(hours=5)),
            "",
            "\ufffc",
            mine=True,
            chat=group.guid,
            mime_types=("image/heic", "video/quicktime", None),
        ),
        Row("G10", 0, ROBIN_PHONE, "no date", chat=one.guid),
    ]
    return ChatDb([one, mail, group], rows)


def test_a_mac_chat_db_is_read_message_by_message(tmp_path: Path) -> None:
    path = chat_db(tmp_path, _conversation())
    assert recognise(path) is SourceKind.IMESSAGE
    reading = read_imessage(path)
    read = list(reading)
    assert [m.body for m in read] == [
        "Are we still on?",
        "asdfghjklq@gmail.com might work",
        "old seconds date",
        "in the group",
        "",
    ]
    first, second, old, group, photo = read
    assert first.instant == WHEN and first.direction is Direction.IN
    assert (first.handles, first.sender) == ((ROBIN_PHONE,), ROBIN_PHONE)
    assert first.channel is ContactChannel.TEXT and first.instant.tzinfo is UTC
    assert second.direction is Direction.OUT and second.sender == ""
    assert second.instant == WHEN + timedelta(minutes=5)
    assert old.instant == WHEN + timedelta(hours=1) and old.channel is ContactChannel.TEXT
    assert (old.handles, old.sender) == ((ROBIN_MAIL,), ROBIN_MAIL)
    assert set(group.handles) == {ROBIN_PHONE, FRIEND} and group.sender == FRIEND
    assert group.conversation == "Carpool"
    assert set(photo.handles) == {ROBIN_PHONE, FRIEND} and photo.direction is Direction.OUT
    assert photo.attachments == ("photo", "video", "file")
    assert len({m.source_key for m in read}) == 5
    assert all("G1" not in m.source_key for m in read)
    summary = reading.summary
    assert (summary.records, summary.contacts) == (10, 5)
    assert summary.skipped == {"reaction": 2, "group event": 2, "unreadable date": 1}
    assert "Are we" not in repr(read) and ROBIN_PHONE not in repr(read)


def test_the_same_message_has_the_same_key_in_a_mac_and_an_iphone_database(
    tmp_path: Path,
) -> None:
    mac = chat_db(tmp_path, _conversation())
    backup = tmp_path / "backup" / "3d"
    backup.mkdir(parents=True)
    iphone = chat_db(backup, _conversation(), "3d0d7e5fb2ce288813306e4d4636395e047a3d28")
    assert recognise(iphone) is SourceKind.IMESSAGE
    assert [m.source_key for m in read_imessage(mac)] == [
        m.source_key for m in read_imessage(iphone)
    ]


def test_messages_still_in_the_wal_file_are_read(tmp_path: Path) -> None:
    path = chat_db(tmp_path, _conversation(), wal=True)
    assert Path(f"{path}-wal").stat().st_size > 0
    assert len(list(read_imessage(path))) == 5
    assert Path(f"{path}-wal").exists()  # read, never checkpointed or removed


def test_a_blob_that_is_not_an_archive_counts_the_message_without_its_text(
    tmp_path: Path,
) -> None:
    rows = [Row("B1", nanos(WHEN), ROBIN_PHONE, None, b"\x04\x0bstreamtyped\x81\xe8\x03\x00")]
    reading = read_imessage(chat_db(tmp_path, ChatDb(rows=rows)))
    [message] = list(reading)
    assert message.body == "" and message.handles == (ROBIN_PHONE,)
    assert reading.summary.contacts == 1
    assert reading.summary.notes and "1 message " in reading.summary.notes[0]


def test_a_half_copied_database_gets_one_sentence(tmp_path: Path) -> None:
    rows = [Row(f"H{n}", nanos(WHEN) + n, ROBIN_PHONE, "x" * 500) for n in range(400)]
    whole = chat_db(tmp_path, ChatDb(rows=rows))
    data = whole.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableImport) as refused:
        list(read_imessage(cut))
    said = str(refused.value)
    assert "malformed" in said or "damaged" in said
    assert "xxx" not in said and said.count(".") <= 3


def test_a_locked_database_gets_one_sentence(tmp_path: Path) -> None:
    path = chat_db(tmp_path, _conversation())
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(UnreadableImport, match="database is locked"):
            list(read_imessage(path))
    finally:
        holder.close()


def test_another_database_is_refused_naming_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE message (id INTEGER, body TEXT)")
    connection.execute("INSERT INTO message VALUES (1, 'PRIVATE NOTE')")
    connection.commit()
    connection.close()
    with pytest.raises(WrongKind, match="neither a Messages database") as refused:
        recognise(path)
    assert "PRIVATE" not in str(refused.value) and "ZCALLRECORD" in str(refused.value)
    with pytest.raises(WrongKind):
        read_imessage(path)


def test_a_file_that_only_starts_like_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chat.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(UnreadableImport, match=r"malformed|can't be read"):
        recognise(path)


def test_calls_and_facetime_come_from_the_call_history(tmp_path: Path) -> None:
    start = seconds(WHEN) + 0.25
    path = call_history(
        tmp_path,
        [
            Call("U1", start, ROBIN_PHONE, 125.6, originated=True, answered=True),
            Call("U2", start + 60, ROBIN_PHONE.encode(), 0.0),
            Call("U3", start + 120, ROBIN_MAIL, 300.0, answered=True, call_type=8, name="Robin"),
            Call("U4", start + 180, None, 0.0, originated=True),
            Call("U5", 0, ROBIN_PHONE),
        ],
    )
    assert recognise(path) is SourceKind.IMESSAGE_CALLS
    reading = read_imessage(path, expected=SourceKind.IMESSAGE_CALLS)
    read = list(reading)
    out, missed, video, unanswered = read
    assert out.instant == WHEN + timedelta(seconds=0.25) and out.direction is Direction.OUT
    assert out.outcome is CallOutcome.ANSWERED and out.duration == timedelta(seconds=125.6)
    assert out.channel is ContactChannel.CALL and out.sender == ""
    assert missed.outcome is CallOutcome.MISSED and missed.sender == ROBIN_PHONE
    assert video.channel is ContactChannel.VIDEO and video.names == ("Robin",)
    assert video.handles == (ROBIN_MAIL,) and video.outcome is CallOutcome.ANSWERED
    assert unanswered.outcome is CallOutcome.NOT_ANSWERED and unanswered.handles == ()
    assert reading.summary.skipped == {"unreadable date": 1}
    assert (reading.summary.records, reading.summary.contacts) == (5, 4)
    with pytest.raises(WrongKind, match="call history"):
        read_imessage(path, expected=SourceKind.IMESSAGE)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (815_000_000, APPLE_EPOCH + timedelta(seconds=815_000_000)),  # seconds: old Macs
        (815_000_000.5, APPLE_EPOCH + timedelta(seconds=815_000_000.5)),  # Core Data
        (815_000_000_123_456_789, APPLE_EPOCH + timedelta(seconds=815_000_000.123456)),
        (99_999_999_999, APPLE_EPOCH + timedelta(seconds=99_999_999_999)),
        (100_000_000_000, APPLE_EPOCH + timedelta(seconds=100)),  # nanoseconds
        (0, None),
        (-5, None),
        (None, None),
        ("815000000", None),
        (True, None),
        (float("nan"), None),
        (float("inf"), None),
        (10**40, None),
    ],
)
def test_apple_dates_are_seconds_or_nanoseconds_told_per_value(
    value: object, expected: datetime | None
) -> None:
    found = apple_db.instant(value)
    assert found == expected
    assert found is None or found.tzinfo is UTC


@settings(max_examples=60, deadline=None, database=None)
@given(st.binary(min_size=0, max_size=2048))
def test_any_bytes_after_a_database_header_are_read_or_refused_in_a_sentence(
    noise: bytes,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "chat.db")
        path.write_bytes(apple_db.SQLITE_HEADER + noise)
        with contextlib.suppress(UnreadableImport):
            recognise(path)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return chat_db(tmp_path_factory.mktemp("whole"), _conversation()).read_bytes()


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_database_damaged_anywhere_is_read_or_refused_in_a_sentence(
    whole: bytes, changes: list[tuple[float, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "chat.db")
        damaged = bytearray(whole)
        for where, value in changes:
            damaged[100 + int(where * (len(damaged) - 101))] = value
        path.write_bytes(bytes(damaged))
        try:
            reading = read_imessage(path)
            read = list(reading)
        except UnreadableImport as refused:
            assert "Are we" not in str(refused) and ROBIN_PHONE not in str(refused)
        else:
            assert len(read) == reading.summary.contacts


def test_text_that_is_not_utf8_is_shown_with_replacement_marks(tmp_path: Path) -> None:
    path = chat_db(tmp_path, ChatDb(rows=[Row("T1", nanos(WHEN), ROBIN_PHONE, "placeholder")]))
    connection = sqlite3.connect(path)
    connection.execute("UPDATE message SET text = CAST(X'4869e92021' AS TEXT)")
    connection.commit()
    connection.close()
    [message] = list(read_imessage(path))
    assert message.body == "Hi\ufffd !"


def test_the_reading_tells_how_far_it_has_come(tmp_path: Path) -> None:
    path = chat_db(tmp_path, _conversation())
    reading = read_imessage(path)
    assert reading.bytes_read == 0
    seen = [reading.bytes_read for _ in reading]
    assert seen == sorted(seen) and 0 < seen[0] < path.stat().st_size
    assert reading.bytes_read == path.stat().st_size
