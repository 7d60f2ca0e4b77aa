"""`boundary-desk import chat.db --source imessage`: counts first, then once only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error
from tests.importers.imessage_files import Chat, ChatDb, Row, chat_db, nanos

WHEN = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)
PHONE, FRIEND = "+14165550142", "+14165559393"


@pytest.fixture
def vault(cli: Cli) -> Cli:
    assert cli("init").code == 0
    assert cli("settings", "set", "region", "CA-ON").code == 0
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0
    assert cli("client", "add", "Robin Bell", "--code", "RB1", "--phone", "416 555 0142").code == 0
    return cli


def database(folder: Path) -> Path:
    one = Chat("iMessage;-;" + PHONE, PHONE, (PHONE,))
    friend = Chat("iMessage;-;" + FRIEND, FRIEND, (FRIEND,))
    rows = [
        Row("M1", nanos(WHEN), PHONE, "client says hi", chat=one.guid),
        Row("M2", nanos(WHEN + timedelta(hours=9)), PHONE, "late one", chat=one.guid),
        Row("M3", nanos(WHEN), PHONE, None, chat=one.guid, associated_message_type=2000),
        Row("M4", nanos(WHEN), FRIEND, "SECRET-OF-A-FRIEND", chat=friend.guid),
        Row("M5", nanos(WHEN), FRIEND, "SECRET-OF-A-FRIEND again", chat=friend.guid),
    ]
    return chat_db(folder, ChatDb([one, friend], rows))


def test_a_dry_run_counts_and_a_second_import_adds_nothing(vault: Cli, tmp_path: Path) -> None:
    path = str(database(tmp_path))
    shown = vault("import", path, "--source", "imessage", "--dry-run", "--json")
    assert shown.code == 0, shown.err
    doc = shown.json()
    assert doc["source"] == "imessage" and doc["new"] == 2 and doc["others"] == 2
    assert [(c["code"], c["new"], c["after_hours"]) for c in doc["clients"]] == [("RB1", 2, 1)]
    assert "SECRET" not in shown.out + shown.err and "client says" not in shown.out
    assert vault("events", "--json").json() == []
    assert vault("import", path, "--source", "imessage", "--yes").code == 0
    again = vault("import", path, "--yes", "--json")
    assert again.json()["result"] == {"added": 0, "already": 2, "clients": 1}


def test_a_file_of_another_source_is_refused_for_imessage(vault: Cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("BEGIN:VCARD\nFN:Someone\nEND:VCARD\n", encoding="utf-8")
    assert_user_error(vault("import", str(path), "--source", "imessage", "--dry-run"))


def test_a_half_copied_chat_db_gets_one_sentence(vault: Cli, tmp_path: Path) -> None:
    path = database(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\x00" * (len(data) - 4096))
    result = vault("import", str(path), "--dry-run")
    assert_user_error(result)
    assert "SECRET" not in result.err and "Traceback" not in result.err
