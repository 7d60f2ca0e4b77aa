"""What the clinician answers about an import: who is not a client, which card is whose,
the preview's one sentence, replies paired across imports, and the commit's progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import Direction
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.services import Services
from boundary_desk.services.imports import (
    BrokenFile,
    ImportChoices,
    ImportPreview,
    SourceKind,
    commit,
    preview,
    questions,
)
from tests.importers.whatsapp_files import android, write
from tests.services.import_files import messages, sms

CHAT = [
    ("24/11/2026", "22:05", "Robin Bell", "Are we still on for Thursday?"),
    ("24/11/2026", "22:40", "Alex Rivera", "Yes, 10 am as usual"),
]
CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Robin Bell
TEL:+44 7700 900123
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Sam Cousin
TEL:+44 7700 900777
EMAIL:sam@mail.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
TEL:+44 7700 900888
END:VCARD
"""
# A Tuesday in London: 14:00 is within working hours, 23:00 is not.
AFTERNOON = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
NIGHT = datetime(2026, 11, 10, 23, 0, tzinfo=UTC)


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "GB")
    services.settings.set("timezone", "Europe/London")
    services.settings.set("hours", "mon-fri 09:00-17:00")
    services.settings.set("clinician", "Dr. Alex Rivera")
    services.clients.add(
        Client(
            code="RB1",
            display_name="Robin Bell",
            handles=(
                ContactHandle(HandleKind.SOCIAL, "Robin Bell"),
                ContactHandle(HandleKind.PHONE, "07700 900555"),
            ),
        )
    )
    return services


def test_a_participant_said_not_to_be_a_client_is_not_matched_by_a_clients_handle(
    ready: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, android(CHAT))
    matched = preview(ready, path, ImportChoices(me="Alex Rivera"))
    assert [c.code for c in matched.clients] == ["RB1"]  # the client's WhatsApp name
    shown = preview(
        ready, path, ImportChoices(me="Alex Rivera", not_clients=frozenset({"Robin Bell"}))
    )
    assert shown.clients == () and shown.new == 0 and shown.others == 2
    assert shown.unmatched == ()  # not offered to be added to a client (nor the clinician)
    commit(ready, shown)
    assert ready.events.list() == []


def test_a_name_both_tied_and_said_not_a_client_is_refused(ready: Services, tmp_path: Path) -> None:
    path = write(tmp_path, android(CHAT))
    both = ImportChoices(
        me="Alex Rivera", ties={"Robin Bell": "RB1"}, not_clients=frozenset({"robin bell"})
    )
    with pytest.raises(InvalidInput, match="one answer") as refused:
        preview(ready, path, both)
    assert "Robin" not in str(refused.value)


def test_a_handle_said_not_a_client_is_not_matched_though_it_is_a_clients_number(
    ready: Services, tmp_path: Path
) -> None:
    path = messages(tmp_path, sms("+447700900555", AFTERNOON, "hi"))
    assert preview(ready, path, ImportChoices()).new == 1
    shown = preview(ready, path, ImportChoices(not_clients=frozenset({"07700 900555"})))
    assert (shown.new, shown.others) == (0, 1)


def test_every_card_is_asked_about_and_any_can_be_tied_or_said_not_a_client(
    ready: Services, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    asked = questions(ready, path)
    assert asked.participants == ("Robin Bell", "Sam Cousin")  # the nameless card can't be
    assert dict(asked.suggested_ties) == {"Robin Bell": "RB1"}
    suggested = preview(ready, path, ImportChoices())
    assert [(c.code, c.new) for c in suggested.clients] == [("RB1", 1)]
    declined = preview(ready, path, ImportChoices(not_clients=frozenset({"Robin Bell"})))
    assert declined.clients == () and declined.others == 3
    commit(ready, declined)
    [robin] = ready.clients.list()
    assert [h.value for h in robin.handles] == ["Robin Bell", "07700 900555"]
    other = ImportChoices(ties={"Sam Cousin": "RB1"}, not_clients=frozenset({"Robin Bell"}))
    tied = preview(ready, path, other)
    assert [(c.code, c.new) for c in tied.clients] == [("RB1", 2)]
    commit(ready, tied)
    [robin] = ready.clients.list()
    assert [h.value for h in robin.handles][2:] == ["+44 7700 900777", "sam@mail.example"]
    assert "+44 7700 900123" not in {h.value for h in robin.handles}  # never stored


def _shown(kind: SourceKind, records: int, **counts: int) -> ImportPreview:
    """A preview of a file nobody in it is a client of, with the counts given."""
    return ImportPreview(
        kind=kind,
        clients=(),
        unmatched=(),
        partial=(),
        others=counts.get("others", 0),
        damage="",
        summary=ReadSummary(kind, records, records, {}, declared_count=counts.get("declared")),
        new=counts.get("new", 0),
        already=counts.get("already", 0),
        group_others=counts.get("group", 0),
    )


def test_the_preview_is_said_in_one_sentence_with_its_plurals(
    ready: Services, tmp_path: Path
) -> None:
    path = messages(
        tmp_path,
        sms("+447700900555", AFTERNOON, "hi"),
        sms("+447700900555", NIGHT, "late"),
        sms("+447700900999", AFTERNOON, "a friend"),
    )
    shown = preview(ready, path, ImportChoices())
    assert shown.sentence() == (
        "3 messages read; 2 for 1 client (1 after hours); "
        "1 from people who are not clients was left out."
    )
    commit(ready, shown)
    again = preview(ready, path, ImportChoices())
    assert again.sentence().startswith("3 messages read; 0 for 1 client, 2 already imported;")
    nobody = preview(ready, messages(tmp_path, sms("+447700900999", AFTERNOON)), ImportChoices())
    assert nobody.sentence() == (
        "1 message read; none is a client's; 1 from people who are not clients was left out."
    )
    assert nobody.lines()[0] == nobody.sentence()


def test_the_sentence_marks_thousands_and_says_a_count_the_file_disagrees_with() -> None:
    many = _shown(SourceKind.MBOX, 1214, others=1200, group=2, declared=1300)
    assert many.lines() == (
        "1,214 e-mails read; none is a client's; 1,200 from people who are not clients were "
        "left out; 2 by others in a client's group were only counted.",
        "The file says it holds 1,300.",
    )


def test_a_card_preview_is_said_in_cards_and_contact_details(
    ready: Services, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    assert preview(ready, path, ImportChoices()).sentence() == (
        "3 contact cards read; 1 contact detail to add for 1 client; "
        "2 of people who are not clients were skipped."
    )


def test_a_damaged_file_is_told_by_the_use_cases_own_error(ready: Services, tmp_path: Path) -> None:
    path = messages(
        tmp_path, sms("+447700900555", AFTERNOON, "hi"), sms("+447700900555", NIGHT, "late")
    )
    path.write_bytes(path.read_bytes()[:-60])
    with pytest.raises(BrokenFile) as broken:
        preview(ready, path, ImportChoices())
    assert broken.value.records_read == 1


def test_a_reply_in_a_newer_export_answers_the_clients_message_imported_before(
    ready: Services, tmp_path: Path
) -> None:
    first = messages(tmp_path, sms("+447700900555", AFTERNOON, "can we talk?"))
    commit(ready, preview(ready, first, ImportChoices()))
    [asked] = ready.events.list()
    assert asked.replied_at is None
    newer = tmp_path / "newer"
    newer.mkdir()
    reply = NIGHT + timedelta(minutes=30)
    later = messages(
        newer,
        sms("+447700900555", AFTERNOON, "can we talk?"),
        sms("+447700900555", reply, "yes, tomorrow", out=True),
    )
    shown = preview(ready, later, ImportChoices())
    assert (shown.new, shown.already) == (1, 1)
    [answer] = shown.clients[0].entries
    assert answer.direction is Direction.OUT
    assert "replied_after_hours" in answer.warnings  # as the quick log warns a late reply
    commit(ready, shown)
    asked_now, sent = ready.events.list()
    assert asked_now.id == asked.id and asked_now.replied_at == reply
    codes = {w.code for w in ready.events.warnings(asked.id or 0)}
    assert "replied_after_hours" not in codes  # warned once, on the reply itself
    assert len(ready.events.revisions(asked.id or 0)) == 1  # an edit, its earlier version kept
    assert sent.replied_at is None


def test_a_message_replied_to_by_hand_keeps_its_reply(ready: Services, tmp_path: Path) -> None:
    first = messages(tmp_path, sms("+447700900555", AFTERNOON, "can we talk?"))
    commit(ready, preview(ready, first, ImportChoices()))
    [asked] = ready.events.list()
    by_hand = AFTERNOON + timedelta(hours=1)
    ready.events.update(replace(asked, replied_at=by_hand), [])
    newer = tmp_path / "newer"
    newer.mkdir()
    later = messages(newer, sms("+447700900555", NIGHT, "yes", out=True))
    shown = preview(ready, later, ImportChoices())
    assert shown.answered == ()
    commit(ready, shown)
    assert ready.events.get(asked.id or 0).replied_at == by_hand


def test_the_commit_says_how_far_it_is_and_writes_all_or_nothing(
    ready: Services, tmp_path: Path
) -> None:
    rows = [sms("+447700900555", AFTERNOON - timedelta(minutes=i), f"m{i}") for i in range(1200)]
    shown = preview(ready, messages(tmp_path, *rows), ImportChoices())
    told: list[tuple[int, int]] = []

    def stop_half_way(done: int, total: int) -> None:
        told.append((done, total))
        if done >= 1000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        commit(ready, shown, progress=stop_half_way)
    assert told == [(500, 1200), (1000, 1200)]
    assert ready.events.list() == []  # one transaction: nothing of it landed
    told.clear()
    assert commit(ready, shown, progress=lambda d, t: told.append((d, t))).added == 1200
    assert told[-1] == (1200, 1200) and len(ready.events.list()) == 1200
    # Written in batches, each entry and each warning still has its own audit row.
    audited = dict(
        ready.vault.conn.execute(
            "SELECT table_name, count(*) FROM audit_log WHERE action = 'insert' "
            "AND table_name IN ('events', 'event_warnings') GROUP BY table_name"
        ).fetchall()
    )
    warned = sum(len(e.warnings) for e in shown.staged)
    assert audited == {"events": 1200, "event_warnings": warned} and warned >= 1200
    rows = ready.vault.conn.execute(
        "SELECT e.occurred_at, i.source_key FROM imported_events i "
        "JOIN events e ON e.id = i.event_id"
    ).fetchall()
    written = {datetime.fromisoformat(at): key for at, key in rows}
    assert written == {e.event.occurred_at: e.source_key for e in shown.staged}  # each its own
