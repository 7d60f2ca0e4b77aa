"""Importing an SMS backup: matching to clients, preview, commit, and importing again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import (
    ImportChoices,
    ImportResult,
    commit,
    preview,
    questions,
)
from boundary_desk.storage.stores.imports import ImportStore
from tests.services.import_files import call, calls, group_mms, messages, sms

# A Tuesday in Toronto: 14:00 is within working hours, 23:00 is not.
TUESDAY = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)  # 14:00 in Toronto
LATE = datetime(2026, 11, 11, 4, 0, tzinfo=UTC)  # 23:00 in Toronto
MINUTE = timedelta(minutes=1)


def practice(services: Services) -> None:
    services.settings.set("region", "CA-ON")
    services.settings.set("timezone", "America/Toronto")
    services.settings.set("hours", "mon-fri 09:00-17:00")


def client(services: Services, code: str = "RB1", phone: str = "(416) 555-0142") -> Client:
    return services.clients.add(
        Client(
            code=code, display_name="Robin Bell", handles=(ContactHandle(HandleKind.PHONE, phone),)
        )
    )


@pytest.fixture
def ready(services: Services) -> Services:
    practice(services)
    client(services)
    return services


def test_an_sms_backup_is_recognised_and_needs_no_questions(
    ready: Services, tmp_path: Path
) -> None:
    path = messages(tmp_path, sms("+14165550142", TUESDAY))
    asked = questions(ready, path)
    assert asked.kind is SourceKind.SBR_MESSAGES
    assert not asked.needs_zone and asked.participants == ()


def test_numbers_match_as_numbers_and_the_rest_is_only_counted(
    ready: Services, tmp_path: Path
) -> None:
    path = messages(
        tmp_path,
        sms("+1 416-555-0142", TUESDAY, "See you Thursday"),
        sms("4165550142", TUESDAY + timedelta(minutes=5), "Thanks", out=True),
        sms("+14165559999", TUESDAY, "from a friend"),
        sms("+14165559999", TUESDAY + timedelta(hours=1), "again"),
        sms("+14165558888", TUESDAY, "once"),
    )
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert (robin.code, robin.new, robin.already) == ("RB1", 2, 0)
    assert shown.others == 3
    assert [(u.handle, u.count) for u in shown.unmatched] == [("+14165559999", 2)]
    assert shown.new == 2 and shown.summary.records == 5
    incoming, outgoing = robin.entries
    assert incoming.direction is Direction.IN and outgoing.direction is Direction.OUT
    assert incoming.summary == "See you Thursday" and incoming.channel is ContactChannel.TEXT
    assert "friend" not in repr(shown) and "Thursday" not in repr(shown)


def test_nothing_is_written_until_commit_and_then_once(ready: Services, tmp_path: Path) -> None:
    path = messages(tmp_path, sms("+14165550142", TUESDAY), sms("+14165550142", LATE, "late"))
    shown = preview(ready, path, ImportChoices())
    assert ready.events.list() == []
    result = commit(ready, shown)
    assert (result.added, result.already, result.clients) == (2, 0, 1)
    assert result.sentence() == "2 new, 0 already imported, for 1 client."
    events = ready.events.list()
    assert [e.occurred_at for e in events] == [TUESDAY, LATE]
    again = preview(ready, path, ImportChoices())
    assert (again.new, again.already) == (0, 2)
    assert commit(ready, again).added == 0
    assert len(ready.events.list()) == 2


def test_a_newer_export_holding_the_old_adds_only_the_new(ready: Services, tmp_path: Path) -> None:
    old = [sms("+14165550142", TUESDAY, "one"), sms("+14165550142", LATE, "two")]
    commit(ready, preview(ready, messages(tmp_path, *old, name="a.xml"), ImportChoices()))
    later = sms("+14165550142", LATE + timedelta(days=1), "three")
    newer = messages(tmp_path, *old, later, name="b.xml")
    result = commit(ready, preview(ready, newer, ImportChoices()))
    assert (result.added, result.already) == (1, 2)
    assert len(ready.events.list()) == 3


def test_a_message_repeated_inside_one_file_is_counted_once(
    ready: Services, tmp_path: Path
) -> None:
    twice = sms("+14165550142", TUESDAY, "same")
    shown = preview(ready, messages(tmp_path, twice, twice), ImportChoices())
    assert (shown.new, shown.repeated) == (1, 1)


def test_sentences_count_in_plain_words() -> None:
    assert ImportResult(12, 3, 2).sentence() == "12 new, 3 already imported, for 2 clients."
    assert ImportResult(1, 0, 1).sentence() == "1 new, 0 already imported, for 1 client."


def test_calls_take_whole_minutes_rounded_up_and_missed_ones_are_marked(
    ready: Services, tmp_path: Path
) -> None:
    path = calls(
        tmp_path,
        call("4165550142", TUESDAY, 61, "1"),
        call("4165550142", TUESDAY + timedelta(hours=1), 0, "3"),
    )
    commit(ready, preview(ready, path, ImportChoices()))
    answered, missed = ready.events.list()
    assert answered.channel is ContactChannel.CALL and answered.minutes == 2
    assert missed.minutes == 0 and missed.summary == "Missed call"
    store = ImportStore(ready.vault.conn)
    assert store.source_of(missed.id or 0) == ("sbr-calls", "missed")


def test_in_a_group_the_client_and_the_clinician_are_kept_and_others_only_counted(
    ready: Services, tmp_path: Path
) -> None:
    ready.settings.set("phone", "416 555 0100")  # the phone's owner, listed in group MMS
    group = ["+14165550100", "+14165557777"]
    path = messages(
        tmp_path,
        group_mms("+14165550142", group, TUESDAY, "from the client"),
        group_mms("+14165557777", ["+14165550142", "+14165550100"], TUESDAY, "from a cousin"),
        group_mms("", ["+14165550142", "+14165557777"], TUESDAY + MINUTE, "from me", out=True),
    )
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert robin.new == 2 and shown.group_others == 1 and shown.others == 0
    assert [e.summary for e in robin.entries] == ["from the client (photo)", "from me (photo)"]
    assert [e.direction for e in robin.entries] == [Direction.IN, Direction.OUT]
