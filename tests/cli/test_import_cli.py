"""`boundary-desk import`: recognised from content, previewed as counts, committed with --yes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error
from tests.importers.gvoice_files import takeout
from tests.importers.whatsapp_files import android, write
from tests.services.import_files import messages, sms

WHEN = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)


@pytest.fixture
def vault(cli: Cli) -> Cli:
    assert cli("init").code == 0
    assert cli("settings", "set", "region", "CA-ON").code == 0
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0
    assert cli("client", "add", "Robin Bell", "--code", "RB1", "--phone", "416 555 0142").code == 0
    return cli


def export(tmp_path: Path) -> Path:
    return messages(
        tmp_path,
        sms("+14165550142", WHEN, "client says hi"),
        sms("+14165550142", WHEN + timedelta(hours=9), "late one"),
        sms("+14165559393", WHEN, "SECRET-OF-A-FRIEND"),
        sms("+14165559393", WHEN + timedelta(minutes=3), "SECRET-OF-A-FRIEND again"),
    )


def test_a_dry_run_prints_counts_per_client_and_unmatched_handles_never_text(
    vault: Cli, tmp_path: Path
) -> None:
    result = vault("import", str(export(tmp_path)), "--dry-run", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["source"] == "sbr-messages" and doc["new"] == 2 and doc["others"] == 2
    assert [(c["code"], c["new"], c["after_hours"]) for c in doc["clients"]] == [("RB1", 2, 1)]
    assert doc["unmatched"] == [{"handle": "+14165559393", "count": 2}]
    assert "SECRET" not in result.out and "client says" not in result.out
    assert vault("events", "--json").json() == []


def test_with_yes_it_imports_and_again_adds_nothing(vault: Cli, tmp_path: Path) -> None:
    path = str(export(tmp_path))
    first = vault("import", path, "--yes")
    assert first.code == 0, first.err
    assert "2 new, 0 already imported, for 1 client." in first.out
    assert "SECRET" not in first.out + first.err
    again = vault("import", path, "--yes", "--json")
    assert again.json()["result"] == {"added": 0, "already": 2, "clients": 1}
    assert len(vault("events", "--json").json()) == 2


def test_without_yes_and_no_terminal_it_stops_saying_yes_is_needed(
    vault: Cli, tmp_path: Path
) -> None:
    assert_user_error(vault("import", str(export(tmp_path))), "--yes")
    assert vault("events", "--json").json() == []


def test_a_file_it_cannot_recognise_gets_one_sentence_naming_the_formats(
    vault: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nnothing more\n", encoding="utf-8")
    assert_user_error(
        vault("import", str(path), "--dry-run"), "SMS Backup & Restore", "contact cards"
    )
    assert_user_error(vault("import", str(tmp_path), "--dry-run"), "folder")
    assert_user_error(vault("import", str(tmp_path / "none.xml"), "--dry-run"), "no file")


def test_a_source_that_is_not_the_files_is_refused(vault: Cli, tmp_path: Path) -> None:
    assert_user_error(
        vault("import", str(export(tmp_path)), "--source", "email", "--dry-run"), "was expected"
    )


def test_a_chat_without_me_ties_and_zone_says_which_are_needed(vault: Cli, tmp_path: Path) -> None:
    chat = [
        ("24/11/2026", "22:05", "Robin Bell", "Are we still on?"),
        ("24/11/2026", "22:40", "Alex Rivera", "Yes"),
    ]
    path = str(write(tmp_path, android(chat)))
    assert_user_error(vault("import", path, "--dry-run"), "--me NAME", "--as CODE=NAME", "--zone")
    result = vault(
        "import", path, "--me", "Alex Rivera", "--as", "RB1=Robin Bell",
        "--zone", "Europe/London", "--yes", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.json()["result"]["added"] == 2
    assert_user_error(
        vault("import", path, "--me", "x", "--as", "RB1", "--zone", "UTC", "--dry-run"), "--as"
    )
    assert_user_error(
        vault("import", path, "--me", "Alex Rivera", "--as", "ZZ9=Robin Bell", "--zone", "UTC",
              "--dry-run"),
        "No client has the code ZZ9",
    )  # fmt: skip


def test_a_google_voice_folder_is_previewed_with_its_source_named(
    vault: Cli, tmp_path: Path
) -> None:
    folder = takeout(tmp_path)
    result = vault("import", str(folder), "--source", "google-voice", "--dry-run", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["source"] == "google-voice" and doc["new"] == 5 and doc["others"] == 2
    assert [(c["code"], c["new"]) for c in doc["clients"]] == [("RB1", 5)]
    assert "SECRET" not in result.out + result.err
    assert vault("events", "--json").json() == []
    assert_user_error(vault("import", str(folder), "--source", "telegram", "--dry-run"), "Telegram")
