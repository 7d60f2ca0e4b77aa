"""`boundary-desk import`: recognised from content, previewed as counts, committed with --yes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, Cli, assert_user_error
from tests.importers.gvoice_files import takeout
from tests.importers.telegram_files import account, chat, message
from tests.importers.telegram_files import write as write_json
from tests.importers.whatsapp_files import android, write
from tests.services.import_files import call, calls, messages, sms

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
    only_zone = vault("import", path, "--me", "Alex Rivera", "--as", "RB1=Robin Bell")
    assert_user_error(only_zone, "needs --zone ZONE: the time zone the phone was in; nothing")
    assert "--me" not in only_zone.err and "which is each client" not in only_zone.err
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


CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Robin Bell
TEL:+1 416 555 0199
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Sam Cousin
TEL:+1 416 555 0777
END:VCARD
"""


def test_a_participant_named_like_a_client_can_be_said_not_to_be_one(
    vault: Cli, tmp_path: Path
) -> None:
    chat = [
        ("24/11/2026", "22:05", "Robin Bell", "Are we still on?"),
        ("24/11/2026", "22:40", "Alex Rivera", "Yes"),
    ]
    path = str(write(tmp_path, android(chat)))
    result = vault(
        "import", path, "--me", "Alex Rivera", "--not-client", "Robin Bell",
        "--zone", "Europe/London", "--yes", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.json()["result"]["added"] == 0 and result.json()["others"] == 2
    assert_user_error(
        vault("import", path, "--me", "Alex Rivera", "--as", "RB1=Robin Bell",
              "--not-client", "Robin Bell", "--zone", "UTC", "--dry-run"),
        "one answer",
    )  # fmt: skip
    assert "--not-client NAME" in vault("import", "--help").out


def test_every_card_no_client_has_is_listed_to_tie_and_a_card_can_be_refused(
    vault: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    shown = vault("import", str(path), "--dry-run")
    assert shown.code == 0, shown.err
    assert "1 contact detail to add for 1 client" in shown.out
    assert "1 card is tied to no client" in shown.out and "  Sam Cousin" in shown.out
    assert "  Robin Bell" not in shown.out  # suggested: tied to RB1 by name
    refused = vault("import", str(path), "--not-client", "Robin Bell", "--yes")
    assert "2 of people who are not clients were skipped" in refused.out
    assert "  Robin Bell" not in refused.out  # said not to be a client: not offered again
    assert "0 new, 0 already imported, for 0 clients." in refused.out
    tied = vault("import", str(path), "--as", "RB1=Sam Cousin", "--not-client", "Robin Bell",
                 "--yes", "--json")  # fmt: skip
    assert tied.json()["result"]["added"] == 1
    [robin] = vault("client", "list", "--json").json()
    values = [h["value"] for h in robin["handles"]]
    assert "+1 416 555 0777" in values and "+1 416 555 0199" not in values


def test_with_yes_a_card_tied_only_by_name_is_left_out_until_given_with_as(
    vault: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    done = vault("import", str(path), "--yes")
    assert done.code == 0, done.err
    assert done.err.strip().splitlines() == [
        "The card Robin Bell is tied to RB1 only by its name, so it was left out with --yes; "
        'to include it, add --as RB1="Robin Bell".'
    ]
    assert "0 new, 0 already imported, for 0 clients." in done.out
    [robin] = vault("client", "list", "--json").json()
    assert "+1 416 555 0199" not in [h["value"] for h in robin["handles"]]
    tied = vault("import", str(path), "--as", "RB1=Robin Bell", "--yes", "--json")
    assert tied.code == 0 and tied.err == "", tied.err
    assert tied.json()["result"]["added"] == 1
    [robin] = vault("client", "list", "--json").json()
    assert "+1 416 555 0199" in [h["value"] for h in robin["handles"]]


def test_with_yes_every_card_tied_only_by_name_is_named_in_one_sentence(
    vault: Cli, tmp_path: Path
) -> None:
    assert vault("client", "add", "Sam Cousin", "--code", "SC1").code == 0
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    done = vault("import", str(path), "--yes", "--json")
    assert done.code == 0, done.err
    assert done.json()["result"] == {"added": 0, "already": 0, "clients": 0}
    assert done.err.strip().splitlines() == [
        "2 cards are tied to a client only by their names, so they were left out with --yes "
        "(Robin Bell to RB1, Sam Cousin to SC1); to include one, add --as CODE=NAME, "
        'as in --as RB1="Robin Bell".'
    ]
    # One given with --as is imported; the other, still only guessed, is left out again.
    one = vault("import", str(path), "--as", "SC1=Sam Cousin", "--yes", "--json")
    assert one.json()["result"] == {"added": 1, "already": 0, "clients": 1}
    assert "The card Robin Bell is tied to RB1 only by its name" in one.err


def test_the_preview_is_printed_as_the_use_cases_sentence(vault: Cli, tmp_path: Path) -> None:
    result = vault("import", str(export(tmp_path)), "--dry-run")
    assert result.code == 0, result.err
    assert (
        "4 messages read; 2 for 1 client (1 after hours); "
        "2 from people who are not clients were left out."
    ) in result.out


def test_the_text_preview_names_what_was_left_out_and_why(vault: Cli, tmp_path: Path) -> None:
    draft = sms("+14165550142", WHEN, "never sent").replace('type="1"', 'type="3"')
    path = messages(
        tmp_path,
        sms("+14165550142", WHEN, "client says hi"),
        sms("+14165550142", WHEN, "client says hi"),
        draft,
        sms("+14165559393", WHEN, "SECRET-OF-A-FRIEND"),
    )
    path.write_text(path.read_text(encoding="utf-8").replace('count="4"', 'count="9"'))
    shown = vault("import", str(path), "--dry-run")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == (
        "An SMS Backup & Restore message backup: 4 records. The file says it holds 9."
    )
    # 19:00 UTC is 14:00 in Toronto, the same day either way; the count comes once.
    assert "  RB1: 1 new, 0 already imported, 2026-11-10 to 2026-11-10; 0 after hours" in lines
    assert lines[1] == (  # the preview's one sentence, as the app says it
        "4 messages read; 1 for 1 client; 1 from people who are not clients was left out; "
        "1 held twice was counted once."
    )
    assert "  1 unsent draft: left out." in lines
    assert "SECRET" not in shown.out


def test_the_date_range_is_the_practices_day_and_calls_are_called_calls(
    vault: Cli, tmp_path: Path
) -> None:
    late = datetime(2026, 11, 11, 2, 30, tzinfo=UTC)  # 21:30 on the 10th in Toronto
    path = calls(tmp_path, call("+14165550142", late, 60), call("+14165559393", late, 30))
    shown = vault("import", str(path), "--dry-run")
    assert shown.code == 0, shown.err
    assert "  RB1: 1 new, 0 already imported, 2026-11-10 to 2026-11-10; 1 after hours" in (
        shown.out.splitlines()
    )
    assert (
        "2 calls read; 1 for 1 client (1 after hours); "
        "1 from people who are not clients was left out." in shown.out.splitlines()
    )


def test_a_damaged_file_says_keep_whole_imports_what_was_read(vault: Cli, tmp_path: Path) -> None:
    whole = export(tmp_path).read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(whole[: whole.index("late one") + 4], encoding="utf-8")
    assert_user_error(
        vault("import", str(cut), "--yes"),
        "the 1 record before that point was read whole; nothing was imported, and --keep-whole",
    )
    assert vault("events", "--json").json() == []
    kept = vault("import", str(cut), "--yes", "--keep-whole", "--json")
    assert kept.json()["result"]["added"] == 1


def test_contact_cards_preview_as_details_to_add_and_say_how_to_tie_one(
    vault: Cli, tmp_path: Path
) -> None:
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robin Bell\r\nN:Bell;Robin;;;\r\n"
        "TEL;TYPE=CELL:416-555-0142\r\nEMAIL:robin@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    # The card shares a number with the client: it is theirs, with one detail to add.
    shared = vault("import", str(cards), "--dry-run")
    assert shared.code == 0, shared.err
    assert "  RB1: 1 contact detail to add, 1 already there" in shared.out.splitlines()
    assert "after hours" not in shared.out
    other = tmp_path / "other.vcf"
    other.write_text(
        cards.read_text(encoding="utf-8")
        .replace("416-555-0142", "416-555-0199")
        .replace("Robin Bell", "Rob B")
        .replace("Bell;Robin", "B;Rob"),
        encoding="utf-8",
    )
    untied = vault("import", str(other), "--dry-run")
    assert "  --as CODE=NAME ties a card, by its name, to a client." in untied.out.splitlines()
    assert (
        "1 contact card read; none is a client's; 1 of people who are not clients was skipped."
        in untied.out.splitlines()
    )
    tied = vault("import", str(other), "--as", "RB1=Rob B", "--dry-run")
    assert "  RB1: 2 contact details to add, 0 already there" in tied.out.splitlines(), tied.out


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
    text = vault("import", str(folder), "--dry-run")
    assert text.code == 0, text.err
    assert text.out.splitlines()[0] == (
        "Google Voice from Google Takeout: 7 records. 1 page Takeout wrote twice was read once."
    )
    assert "SECRET" not in text.out


def test_on_a_terminal_a_card_tied_by_name_is_previewed_and_imported_once_confirmed(
    vault: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    leader, follower = os.openpty()
    os.write(leader, b"y\n")  # the answer to "Import …? [y/N]", waiting in the terminal
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "boundary_desk", "--data-dir", str(vault.data_dir),
             "import", str(path)],
            env=dict(vault.env, BOUNDARY_DESK_PASSPHRASE=PASSPHRASE),
            stdin=follower, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 0, proc.stderr
    assert "  RB1: 1 contact detail to add, 0 already there" in proc.stdout.splitlines()
    assert "Import 1 new entry? [y/N]" in proc.stdout and proc.stderr == ""
    [robin] = vault("client", "list", "--json").json()
    assert "+1 416 555 0199" in [h["value"] for h in robin["handles"]]


def test_a_telegram_export_folder_is_imported_as_its_result_json(
    vault: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "ChatExport_2026-11-10"
    folder.mkdir()
    said = message(1, int(WHEN.timestamp()), "Robin Bell", 2002, "SECRET-ROBIN hello")
    document = account(chat("Robin Bell", "personal_chat", 2002, said),
                       phones=(("Robin", "Bell", "416 555 0142"),))  # fmt: skip
    write_json(folder / "result.json", document)
    shown = vault("import", str(folder), "--source", "telegram", "--dry-run", "--json")
    assert shown.code == 0, shown.err
    assert shown.json()["source"] == "telegram"
    assert [(c["code"], c["new"]) for c in shown.json()["clients"]] == [("RB1", 1)]
    assert "SECRET" not in shown.out + shown.err


def test_a_telegram_export_naming_no_owner_takes_me_to_tell_who_wrote(
    vault: Cli, tmp_path: Path
) -> None:
    when = int(WHEN.timestamp())
    messages = [
        {"id": 1, "type": "message", "date_unixtime": str(when), "from": "Dana K", "text": "Hi"},
        {"id": 2, "type": "message", "date_unixtime": str(when + 60), "from": "Robin Bell",
         "text": "SECRET-ROBIN hello"},
    ]  # fmt: skip
    path = write_json(tmp_path / "result.json", {"name": "Robin Bell", "messages": messages})
    ties = ["--as", "RB1=Robin Bell"]
    unnamed = vault("import", str(path), "--source", "telegram", *ties, "--dry-run", "--json")
    assert [(c["code"], c["new"]) for c in unnamed.json()["clients"]] == [("RB1", 1)]
    named = vault("import", str(path), *ties, "--me", "Dana K", "--dry-run", "--json")
    assert [(c["code"], c["new"]) for c in named.json()["clients"]] == [("RB1", 2)]
    assert "SECRET" not in named.out + named.err
    # A name no one in the export wrote under is refused, not read as "everyone wrote in".
    mistyped = vault("import", str(path), *ties, "--me", "Dana Kay", "--yes")
    assert_user_error(mistyped, "not one of the export's participants")
    assert vault("events", "--json").json() == []
