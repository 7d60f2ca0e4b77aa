"""`boundary-desk import FILE.ics` and `boundary-desk sessions`: sessions from the calendar,
tied by a title pattern or a client's address, previewed, imported once, listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Practice//EN
BEGIN:VEVENT
UID:robin-weekly@example.org
DTSTART;TZID=America/Toronto:20261005T180000
DTEND;TZID=America/Toronto:20261005T185000
RRULE:FREQ=WEEKLY;COUNT=10
EXDATE;TZID=America/Toronto:20261012T180000
SUMMARY:Session - Robin
END:VEVENT
BEGIN:VEVENT
UID:sam-1@example.org
DTSTART:20261104T150000Z
DTEND:20261104T155000Z
SUMMARY:Intake
ATTENDEE;CN=Sam:mailto:Sam.Lee@Example.org
END:VEVENT
BEGIN:VEVENT
UID:dentist@example.org
DTSTART:20261106T150000Z
DTEND:20261106T160000Z
SUMMARY:Dentist FRIEND-SECRET
END:VEVENT
BEGIN:VEVENT
UID:away@example.org
DTSTART;VALUE=DATE:20261221
DTEND;VALUE=DATE:20261225
SUMMARY:Away - family
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def vault(cli: Cli) -> Cli:
    assert cli("init").code == 0
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0
    assert cli("client", "add", "Robin Bell", "--code", "RB1").code == 0
    assert (
        cli("client", "add", "Sam Lee", "--code", "SL1", "--email", "sam.lee@example.org").code == 0
    )
    return cli


def _ics(tmp_path: Path, text: str = CALENDAR) -> str:
    path = tmp_path / "practice.ics"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return str(path)


def test_a_dry_run_counts_sessions_per_client_and_writes_nothing(
    vault: Cli, tmp_path: Path
) -> None:
    result = vault("import", _ics(tmp_path), "--as", "RB1=session - robin", "--dry-run", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["source"] == "calendar"
    assert [(c["code"], c["sessions"], c["first"]) for c in doc["clients"]] == [
        ("RB1", 9, "2026-10-05"),  # ten weeks, one cancelled
        ("SL1", 1, "2026-11-04"),  # by the guest's address, whatever its case
    ]
    assert doc["all_day_events"] == 1 and doc["new"] == 10
    assert doc["untied_titles"] == [{"title": "Dentist FRIEND-SECRET", "count": 1}]
    assert vault("sessions", "--json").json() == []


def test_with_yes_it_imports_once_and_lists_in_practice_time(vault: Cli, tmp_path: Path) -> None:
    path = _ics(tmp_path)
    first = vault("import", path, "--as", "RB1=Session - Robin", "--yes")
    assert first.code == 0, first.err
    assert "Imported 10 new sessions; 0 already imported." in first.out
    again = vault("import", path, "--as", "RB1=Session - Robin", "--yes", "--json")
    assert again.json()["result"] == {"added": 0, "already": 10, "moved": 0, "removed": 0}
    unchanged = vault("import", path, "--as", "RB1=Session - Robin", "--yes")
    assert unchanged.out.strip().endswith(
        "Nothing was imported: every session is already in the vault as it is."
    )
    listed = vault("sessions", "RB1", "--json").json()
    assert len(listed) == 9
    # 18:00 in Toronto before and after the change back to standard time (1 November).
    assert listed[0]["start"] == "2026-10-05T18:00:00-04:00"
    assert listed[-1]["start"] == "2026-12-07T18:00:00-05:00"
    text = vault("sessions", "--since", "2026-11-04", "--until", "2026-11-04")
    assert text.out.splitlines() == ["2026-11-04 Wed 10:00-10:50  SL1"]


def test_the_import_is_one_audit_row_and_no_title_reaches_the_vault(
    vault: Cli, tmp_path: Path
) -> None:
    assert vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes").code == 0
    rows = vault("audit", "show", "--json").json()
    imports = [r for r in rows if r["action"] == "import"]
    assert len(imports) == 1
    assert [r["table"] for r in rows if r["action"] == "insert"].count("sessions") == 10
    # The vault is encrypted: its plaintext export shows what it holds.
    exported = tmp_path / "export.json"
    assert vault("export", "--json", str(exported), "--yes").code == 0
    text = exported.read_text(encoding="utf-8")
    assert "FRIEND-SECRET" not in text and "Dentist" not in text and "Session - Robin" not in text
    assert '"sessions"' in text


def test_without_a_rule_it_says_how_to_tie_events(vault: Cli, tmp_path: Path) -> None:
    text = CALENDAR.replace("ATTENDEE;CN=Sam:mailto:Sam.Lee@Example.org\n", "")
    result = vault("import", _ics(tmp_path, text), "--dry-run")
    assert result.code == 0, result.err
    assert "--as CODE=TITLE" in result.out


def test_a_rule_for_an_unknown_code_or_an_empty_title_is_refused(
    vault: Cli, tmp_path: Path
) -> None:
    assert_user_error(vault("import", _ics(tmp_path), "--as", "ZZ9=Session", "--yes"), "ZZ9")
    assert_user_error(vault("import", _ics(tmp_path), "--as", "RB1=", "--yes"), "CODE")


def test_a_damaged_calendar_gets_one_sentence_and_nothing_is_written(
    vault: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "cut.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026")
    result = vault("import", str(path), "--source", "calendar", "--as", "RB1=x", "--yes")
    assert_user_error(result, "damaged or cut short", "nothing was imported")
    assert vault("sessions", "--json").json() == []


def test_another_kind_of_file_given_as_a_calendar_is_refused(vault: Cli, tmp_path: Path) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:Robin\r\nEND:VCARD\r\n")
    assert_user_error(
        vault("import", str(path), "--source", "calendar"), "contact cards", "calendar (.ics)"
    )


def test_sessions_refuses_an_until_before_since(vault: Cli) -> None:
    assert_user_error(
        vault("sessions", "--since", "2026-11-05", "--until", "2026-11-01"), "--until"
    )


def test_an_entry_to_raise_in_session_names_the_next_session(vault: Cli, tmp_path: Path) -> None:
    assert vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes").code == 0
    logged = vault(
        "log", "RB1", "--channel", "text", "--direction", "in",
        "--at", "2026-11-25 21:00", "--summary", "About the holidays", "--raise-next-session",
    )  # fmt: skip
    assert logged.code == 0, logged.err
    (entry,) = vault("events", "RB1", "--json").json()
    assert entry["next_session"] == "2026-11-30T18:00:00-05:00"
    text = vault("events", "RB1").out
    assert "raise in the session of 2026-11-30 18:00" in text


def test_the_review_lists_the_weeks_sessions_by_code_beside_contact(
    vault: Cli, tmp_path: Path
) -> None:
    assert vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes").code == 0
    week = vault("review", "--week", "2026-W45", "--json").json()
    assert week["sessions_by_client"] == {"RB1": 1, "SL1": 1}  # 2 and 4 November
    assert week["contacts_total"] == 0
    assert "Sessions: RB1 1, SL1 1" in vault("review", "--week", "2026-W45").out


def test_away_days_are_offered_and_added_to_the_vacation_days_only_when_asked(
    vault: Cli, tmp_path: Path
) -> None:
    path = _ics(tmp_path)
    shown = vault("import", path, "--as", "RB1=Session - Robin", "--dry-run", "--json").json()
    assert shown["away"] == [{"first": "2026-12-21", "last": "2026-12-24"}]
    assert "--add-away adds them" in vault("import", path, "--dry-run").out
    assert vault("import", path, "--as", "RB1=Session - Robin", "--yes").code == 0
    assert "2026-12-21" not in vault("settings", "show").out
    added = vault("import", path, "--add-away", "--yes")
    assert added.code == 0, added.err
    assert "Added 1 away period to your vacation days." in added.out
    assert "2026-12-21..2026-12-24" in vault("settings", "show").out
    again = vault("import", path, "--dry-run", "--json").json()
    assert again["away"] == []


def test_a_rule_matching_no_title_is_named(vault: Cli, tmp_path: Path) -> None:
    shown = vault("import", _ics(tmp_path), "--as", "RB1=Nonexistent", "--dry-run")
    assert '--as RB1="Nonexistent" matches no event title in this calendar.' in shown.out
    doc = vault("import", _ics(tmp_path), "--as", "RB1=Nonexistent", "--dry-run", "--json")
    assert doc.json()["rules_matching_nothing"] == ["RB1=Nonexistent"]


def test_the_printed_review_lists_a_weeks_sessions_even_with_no_contact(
    vault: Cli, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes").code == 0
    pdf = tmp_path / "review.pdf"
    assert vault("review", "--week", "2026-W45", "--pdf", str(pdf)).code == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "No contacts were logged this week." not in text
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert any(r.endswith("RB1 0 0 1") for r in rows), rows
    assert any(r.endswith("SL1 0 0 1") for r in rows), rows


@pytest.mark.parametrize(
    "extra", [["--me", "Dana"], ["--keep-text"], ["--not-client", "Lunch"], ["--keep-whole"]]
)
def test_options_for_messages_are_refused_for_a_calendar(
    vault: Cli, tmp_path: Path, extra: list[str]
) -> None:
    result = vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes", *extra)
    assert_user_error(result, extra[0], "not a calendar", "--as CODE=TITLE")
    assert vault("sessions", "--json").json() == []


def test_a_name_given_for_a_code_is_quoted_as_typed(vault: Cli, tmp_path: Path) -> None:
    result = vault("import", _ics(tmp_path), "--as", "Robin Bell=Session", "--dry-run")
    assert_user_error(result, "No client has the code “Robin Bell”", "client list")
    lower = vault("import", _ics(tmp_path), "--as", "rb1=Session - Robin", "--dry-run", "--json")
    assert [c["code"] for c in lower.json()["clients"]] == ["RB1", "SL1"]


def test_sessions_tied_by_mistake_are_removed_when_confirmed_and_audited(
    vault: Cli, tmp_path: Path
) -> None:
    assert vault("import", _ics(tmp_path), "--as", "RB1=Session - Robin", "--yes").code == 0
    assert_user_error(vault("sessions", "RB1", "--remove"), "removes 9 sessions", "--yes")
    assert len(vault("sessions", "RB1", "--json").json()) == 9
    some = vault("sessions", "RB1", "--remove", "--until", "2026-10-31", "--yes")
    assert some.out.strip() == "Removed 3 sessions."  # 5, 19 and 26 October
    assert len(vault("sessions", "RB1", "--json").json()) == 6
    assert len(vault("sessions", "SL1", "--json").json()) == 1  # another client's stay
    rows = vault("audit", "show", "--json").json()
    assert [r["table"] for r in rows if r["action"] == "delete"].count("sessions") == 3
    assert_user_error(vault("sessions", "--remove", "--yes"), "sessions CLIENT --remove")
