"""Importing Apple Messages and call history end to end: preview, commit, import again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportChoices, commit, preview, questions, source_kind
from tests.importers.imessage_files import Call, Chat, ChatDb, Row, call_history, chat_db, nanos
from tests.importers.imessage_files import seconds as apple_seconds

# A Tuesday in Toronto: 14:00 is within working hours.
TUESDAY = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)
PHONE, MAIL, FRIEND = "+14165550142", "robin@mail.example", "+14165559393"


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "CA-ON")
    services.settings.set("timezone", "America/Toronto")
    services.settings.set("hours", "mon-fri 09:00-17:00")
    services.clients.add(
        Client(
            code="RB1",
            display_name="Robin Bell",
            handles=(
                ContactHandle(HandleKind.PHONE, "(416) 555-0142"),
                ContactHandle(HandleKind.EMAIL, "Robin@Mail.example"),
            ),
        )
    )
    return services


def database(folder: Path) -> Path:
    one = Chat("iMessage;-;" + PHONE, PHONE, (PHONE,))
    mail = Chat("iMessage;-;" + MAIL, MAIL, (MAIL,))
    friend = Chat("SMS;-;" + FRIEND, FRIEND, (FRIEND,))
    rows = [
        Row("A1", nanos(TUESDAY), PHONE, "CLIENT-TEXT by phone", chat=one.guid),
        Row("A2", nanos(TUESDAY + timedelta(minutes=4)), PHONE, "reply", mine=True, chat=one.guid),
        Row("A3", nanos(TUESDAY + timedelta(hours=1)), MAIL, "by e-mail handle", chat=mail.guid),
        Row(
            "A4",
            nanos(TUESDAY + timedelta(hours=2)),
            PHONE,
            None,
            chat=one.guid,
            associated_message_type=2001,
        ),
        Row("A5", nanos(TUESDAY), FRIEND, "SECRET-OF-A-FRIEND", service="SMS", chat=friend.guid),
        Row("A6", nanos(TUESDAY), FRIEND, "SECRET again", service="SMS", chat=friend.guid),
    ]
    return chat_db(folder, ChatDb([one, mail, friend], rows))


def test_a_chat_db_needs_no_questions_and_imports_once(ready: Services, tmp_path: Path) -> None:
    path = database(tmp_path)
    assert questions(ready, path).kind is SourceKind.IMESSAGE
    assert source_kind(path, "imessage") is SourceKind.IMESSAGE
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert (robin.new, shown.new, shown.others) == (3, 3, 2)
    assert shown.summary.skipped == {"reaction": 1}
    assert [e.direction for e in robin.entries] == [Direction.IN, Direction.OUT, Direction.IN]
    assert {e.channel for e in robin.entries} == {ContactChannel.TEXT}
    assert [(u.handle, u.count) for u in shown.unmatched] == [(FRIEND, 2)]
    result = commit(ready, shown)
    assert (result.added, result.already, result.clients) == (3, 0, 1)
    again = preview(ready, path, ImportChoices())
    assert (again.new, again.already) == (0, 3)
    assert commit(ready, again).added == 0
    assert len(ready.events.list()) == 3


def test_the_call_history_imports_calls_and_facetime(ready: Services, tmp_path: Path) -> None:
    start = apple_seconds(TUESDAY)
    path = call_history(
        tmp_path,
        [
            Call("C1", start, PHONE, 600.0, originated=True, answered=True),
            Call("C2", start + 3600, MAIL, 900.0, answered=True, call_type=8),
            Call("C3", start + 7200, FRIEND, 60.0, answered=True),
        ],
    )
    shown = preview(ready, path, ImportChoices(source=SourceKind.IMESSAGE_CALLS))
    [robin] = shown.clients
    assert [e.channel for e in robin.entries] == [ContactChannel.CALL, ContactChannel.VIDEO]
    assert (shown.new, shown.others) == (2, 1)
    assert commit(ready, shown).added == 2
    assert preview(ready, path, ImportChoices()).new == 0


def test_another_source_is_refused_for_imessage(ready: Services, tmp_path: Path) -> None:
    path = tmp_path / "sms.xml"
    path.write_text("<?xml version='1.0'?><smses count='0'></smses>", encoding="utf-8")
    with pytest.raises(WrongKind, match="Apple Messages"):
        source_kind(path, "imessage")
