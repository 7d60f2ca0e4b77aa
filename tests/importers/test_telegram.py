"""Telegram Desktop's result.json. Only synthetic exports exist: the two shared samples
(written by hand in the real layout by their author) and the ones written here."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers.problems import BrokenFile, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome
from boundary_desk.importers.telegram import inspect_telegram, read_telegram
from tests.importers.samples import params
from tests.importers.telegram_files import (
    CLIENT,
    ME,
    account,
    chat,
    message,
    phone_call,
    service,
    write,
)

T0 = 1_794_300_000  # 2026-11-10


@pytest.mark.parametrize("path", params("telegram"))
def test_each_sample_gives_its_messages_with_counts_made_from_the_json(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    chats = document["chats"]["list"] if "chats" in document else [document]
    expected = [m for c in chats for m in c["messages"] if m["type"] == "message"]
    assert recognise(path) is SourceKind.TELEGRAM
    reading = read_telegram(path)
    found = list(reading)
    assert len(found) == len(expected) == 2  # both samples hold the same two messages
    assert reading.summary.records == reading.summary.contacts == 2
    assert [m.instant for m in found] == [
        datetime.fromtimestamp(int(m["date_unixtime"]), UTC) for m in expected
    ]
    assert [m.body for m in found] == ["Minimal Message", "Link:https://telegram.org/"]
    assert [m.sender for m in found] == ["Author 1", "Author 2"]
    assert all(m.direction is None for m in found)  # no ids: the import is told who is who


def test_a_whole_account_tells_direction_calls_and_phones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "result.json",
        account(
            chat(
                "Robin Bell",
                "personal_chat",
                CLIENT,
                message(1, T0, "Robin Bell", CLIENT, "hello"),
                message(2, T0 + 60, "Dana", ME, ["see ", {"type": "link", "text": "x.org"}]),
                phone_call(
                    3, T0 + 120, "Robin Bell", CLIENT, duration_seconds=771, discard_reason="hangup"
                ),
                phone_call(4, T0 + 180, "Robin Bell", CLIENT, discard_reason="missed"),
                phone_call(5, T0 + 240, "Dana", ME, discard_reason="busy"),
                service(6, T0 + 300, "pin_message"),
                message(7, T0 + 360, "Robin Bell", CLIENT, "", photo="photos/p.jpg"),
            ),
            chat("Saved Messages", "saved_messages", ME, message(8, T0, "Dana", ME, "note")),
            chat(
                "Team",
                "private_group",
                77,
                message(9, T0, "Sam Roe", 3003, "group hi"),
                service(10, T0, "invite_members"),
            ),
            phones=(("Robin", "Bell", "+1 416 555 0142"),),
        ),
    )
    reading = read_telegram(path)
    found = list(reading)
    assert [(m.direction, m.channel, m.outcome) for m in found] == [
        (Direction.IN, ContactChannel.DM, None),
        (Direction.OUT, ContactChannel.DM, None),
        (Direction.IN, ContactChannel.CALL, CallOutcome.ANSWERED),
        (Direction.IN, ContactChannel.CALL, CallOutcome.MISSED),
        (Direction.OUT, ContactChannel.CALL, CallOutcome.NOT_ANSWERED),
        (Direction.IN, ContactChannel.DM, None),
        (Direction.IN, ContactChannel.DM, None),
    ]
    assert found[0].handles == ("+1 416 555 0142", "Robin Bell")  # from contacts.list
    assert found[1].body == "see x.org" and found[1].handles == found[0].handles
    assert found[2].duration == timedelta(seconds=771)
    assert found[5].attachments == ("photo",)
    assert found[6].conversation == "Team" and found[6].sender == "Sam Roe"
    assert reading.summary.records == 10 and reading.summary.contacts == 7
    assert reading.summary.skipped == {"service message": 2, "saved message": 1}
    assert all(m.instant.tzinfo is UTC for m in found)
    assert found[0].instant == datetime.fromtimestamp(T0, UTC)  # not the naive "date"


def test_keys_are_stable_across_exports_and_layouts(tmp_path: Path) -> None:
    one = chat("Robin Bell", "personal_chat", CLIENT, message(1, T0, "Robin Bell", CLIENT, "hi"))
    first = write(tmp_path / "a.json", account(one))
    second = write(
        tmp_path / "b.json", account(one, chat("Other", "personal_chat", 5)), indent=None
    )
    assert [m.source_key for m in read_telegram(first)] == [
        m.source_key for m in read_telegram(second)
    ]


def test_a_one_chat_export_without_personal_information_tells_direction_by_the_chat_id(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "result.json",
        chat(
            "Robin Bell",
            "personal_chat",
            CLIENT,
            message(1, T0, "Robin Bell", CLIENT, "in"),
            message(2, T0, "Dana", ME, "out"),
        ),
    )
    assert [m.direction for m in read_telegram(path)] == [Direction.IN, Direction.OUT]


def test_a_json_file_of_another_layout_gets_one_sentence(tmp_path: Path) -> None:
    other = tmp_path / "data.json"
    other.write_text('{"participants": [{"name": "x"}], "messages": []}', encoding="utf-8")
    with pytest.raises(WrongKind) as raised:
        read_telegram(other)
    assert "a JSON file of a layout it doesn't know" in str(raised.value)
    assert "a Telegram result.json" in str(raised.value)


def test_a_truncated_export_keeps_the_messages_before_the_damage(tmp_path: Path) -> None:
    whole = account(
        chat(
            "Robin Bell",
            "personal_chat",
            CLIENT,
            *(message(n, T0 + n, "Robin Bell", CLIENT, f"m{n}") for n in range(1, 6)),
        )
    )
    text = json.dumps(whole, indent=1)
    path = tmp_path / "result.json"
    path.write_text(text[: text.index('"m4"')], encoding="utf-8")
    reading = read_telegram(path)
    kept = []
    with pytest.raises(BrokenFile) as raised:
        kept.extend(m.body for m in reading)
    assert kept == ["m1", "m2", "m3"]
    assert "3 messages before that point" in str(raised.value)
    assert "Robin" not in str(raised.value)


def test_invalid_utf8_and_markup_are_text(tmp_path: Path) -> None:
    document = chat(
        "<b>Robin</b>",
        "personal_chat",
        CLIENT,
        message(1, T0, "<b>Robin</b>", CLIENT, "<script>x</script> caf\udce9"),
    )
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogateescape")
    path = tmp_path / "result.json"
    path.write_bytes(raw)
    reading = read_telegram(path)
    found = list(reading)
    assert found[0].body == "<script>x</script> caf\ufffd"
    assert found[0].names == ("<b>Robin</b>",)
    assert reading.summary.replaced_bytes == 1
    assert "Robin" not in repr(found[0]) and "script" not in repr(found[0])


@pytest.mark.parametrize(
    "text",
    ['{"chats": {"list": [{"messages": [{"date_unixtime": "x"}', "[1, 2]", '{"from_id": 1}}'],
)
def test_odd_json_never_raises_anything_but_an_import_error(text: str, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(BrokenFile, WrongKind):
        list(read_telegram(path))


def test_the_clinicians_group_messages_go_to_everyone_who_wrote_in_the_group(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "result.json",
        account(
            chat(
                "Parents group",
                "private_group",
                77,
                message(1, T0, "Dana", ME, "Welcome, both"),  # before anyone else wrote
                message(2, T0 + 60, "Robin Bell", CLIENT, "thanks"),
                message(3, T0 + 120, "Sam Roe", 3003, "hi"),
                message(4, T0 + 180, "Dana", ME, "See you Tuesday"),
            ),
        ),
    )
    found = list(read_telegram(path))
    mine = [m for m in found if m.direction is Direction.OUT]
    assert [m.body for m in mine] == ["Welcome, both", "See you Tuesday"]
    assert all(m.handles == ("Robin Bell", "Sam Roe") for m in mine)
    assert all(m.conversation == "Parents group" for m in mine)


def test_an_export_that_names_no_one_tells_direction_by_the_name_given(tmp_path: Path) -> None:
    document = {
        "messages": [message(1, T0, "Dana K", 0, "hi"), message(2, T0 + 9, "Robin", 0, "yo")]
    }
    for m in document["messages"]:
        m.pop("from_id", None)
    path = write(tmp_path / "result.json", document)
    assert [m.direction for m in read_telegram(path)] == [None, None]
    named = list(read_telegram(path, me="dana  k"))
    assert [m.direction for m in named] == [Direction.IN, Direction.OUT]
    assert named[1].body == "hi" and named[1].handles == ("Robin",)  # held to the chat's end


@pytest.mark.parametrize("path", params("telegram"))
def test_a_sample_that_names_no_owner_lists_who_wrote_so_the_clinician_can_say(
    path: Path,
) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    chats = document["chats"]["list"] if "chats" in document else [document]
    authors = list(dict.fromkeys(m["from"] for c in chats for m in c["messages"]))
    facts = inspect_telegram(path)
    assert list(facts.participants) == authors and facts.suggested_me == ""


def test_an_export_that_names_its_owner_asks_nothing_and_a_personal_chat_suggests_you(
    tmp_path: Path,
) -> None:
    group = chat("Group", "private_group", 7, message(1, T0, "Sam", 3003, "hi"))
    personal = chat("Zoë", "personal_chat", CLIENT, message(2, T0, "Dana C", ME, "see you"))
    named = write(tmp_path / "named.json", account(personal, group))
    assert inspect_telegram(named).participants == ()
    unnamed_doc = account(personal, group)
    del unnamed_doc["personal_information"]
    unnamed = inspect_telegram(write(tmp_path / "unnamed.json", unnamed_doc))
    assert unnamed.participants == ("Dana C", "Sam") and unnamed.suggested_me == "Dana C"
    alone = write(tmp_path / "alone.json", {"name": "Zoë", **personal})
    assert inspect_telegram(alone).participants == ()  # its id tells who wrote
    cut = tmp_path / "cut.json"
    cut.write_bytes(write(tmp_path / "g.json", {"name": "G", **group}).read_bytes()[:-3])
    assert inspect_telegram(cut).participants == ("Sam",)  # as far as it is whole
