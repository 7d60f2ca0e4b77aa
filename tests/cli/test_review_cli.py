"""`review --json` recomputed independently from `events --json`, and the trend scenarios.

The CLI runs in-process here (same parser and services, a fake keychain and cheap key
stretching) so that scripting twelve weeks of contact stays quick.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.review import ReviewRecord
from boundary_desk.domain.weeks import Week, weeks_ending
from boundary_desk.services import Services
from boundary_desk.services.review import NOTHING_REPLACED, save_notes
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from tests.conftest import FAST_COST
from tests.fakes import MemoryKeychain

LAST = Week(2026, 46)  # 9–15 November 2026, complete before "now"


class InProcessCli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.keychain = MemoryKeychain()
        self.location = VaultLocation(resolve_paths(data_dir), self.keychain, FAST_COST)
        self.capsys = capsys

    def __call__(self, *args: str) -> str:
        self.capsys.readouterr()
        code = run(list(args), lambda _dir: self.location)
        out, err = self.capsys.readouterr()
        assert code == 0, err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json"))


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    shell = InProcessCli(tmp_path / "vault", capsys)
    shell("init")
    for key, value in [
        ("timezone", "America/Toronto"),
        ("region", "CA-ON"),
        ("hours", "mon-thu 09:00-17:00; fri 09:00-13:00"),
    ]:
        shell("settings", "set", key, value)
    for name, code in [("Ana Rising", "AR1"), ("Ben Steady", "BS2"), ("Cy Once", "CO3")]:
        shell("client", "add", name, "--code", code)
    shell("agreement", "new", "BS2", "--channels", "email,text", "--signed", "2026-08-01")
    return shell


def at(week: Week, weekday: int, hour: int, minute: int = 0) -> str:
    day = week.monday + timedelta(days=weekday)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def script(cli: InProcessCli) -> None:
    weeks = weeks_ending(LAST, 8)
    for week, late in zip(weeks, [0, 0, 1, 0, 1, 2, 3, 4], strict=True):  # rising
        for n in range(late):
            cli(
                "log",
                "AR1",
                "--channel",
                "text",
                "--direction",
                "in",
                "--at",
                at(week, 1, 22, n * 5),
            )
    for week in weeks:  # steady: two daytime emails and one late text, every week
        cli("log", "BS2", "--channel", "email", "--direction", "in", "--at", at(week, 2, 10))
        cli("log", "BS2", "--channel", "email", "--direction", "in", "--at", at(week, 3, 11))
        cli("log", "BS2", "--channel", "text", "--direction", "in", "--at", at(week, 0, 21))
    cli("log", "CO3", "--channel", "text", "--direction", "in", "--at", at(LAST, 4, 23))
    cli(
        "log",
        "CO3",
        "--channel",
        "call",
        "--direction",
        "out",
        "--minutes",
        "20",
        "--at",
        at(LAST, 1, 14),
    )


def recompute(events: list[dict[str, Any]], week: Week) -> dict[str, Any]:
    """Independently: count contact entries whose local date falls in the ISO week."""
    in_week = [
        e
        for e in events
        if e["kind"] == "contact"
        and tuple(datetime.fromisoformat(e["occurred_at"]).date().isocalendar()[:2])
        == (week.year, week.number)
    ]
    by_client: dict[str, dict[str, int]] = {}
    for e in in_week:
        entry = by_client.setdefault(e["client"], {"contacts": 0, "after_hours": 0})
        entry["contacts"] += 1
        entry["after_hours"] += int(e["after_hours"])
    after = sum(e["after_hours"] for e in in_week)
    return {
        "contacts_total": len(in_week),
        "after_hours_total": after,
        "after_hours_share": round(after / len(in_week), 4) if in_week else 0.0,
        "by_channel": dict(Counter(e["channel"] for e in in_week)),
        "by_client": by_client,
    }


def test_review_matches_an_independent_count_for_every_week(cli: InProcessCli) -> None:
    script(cli)
    events = cli.json("events")
    for week in weeks_ending(LAST, 8):
        review = cli.json("review", "--week", str(week))
        expected = recompute(events, week)
        assert {k: review[k] for k in expected} == expected, str(week)
        assert review["week"] == str(week)


def test_trend_scenarios(cli: InProcessCli) -> None:
    script(cli)
    review = cli.json("review", "--week", str(LAST))
    trend = [w for w in review["warnings"] if w["code"] == "after_hours_trend"]
    assert [w["client"] for w in trend] == ["AR1"]  # rising: yes; steady and once: no
    assert "0, 0, 1, 0, 1, 2, 3, 4 over the last 8 weeks" in trend[0]["message"]
    drift = [w for w in review["warnings"] if w["code"] == "practice_after_hours_drift"]
    assert drift and drift[0]["client"] is None
    # The text names the client of each warning, as the page and the PDF do.
    lines = [line for line in cli("review", "--week", str(LAST)).splitlines() if "! " in line]
    assert f"  ! AR1: {trend[0]['message']}" in lines
    assert f"  ! {drift[0]['message']}" in lines


def test_review_lists_unsigned_clients_and_marks_the_week(cli: InProcessCli) -> None:
    script(cli)
    review = cli.json("review", "--week", str(LAST))
    assert review["unsigned_with_contacts"] == ["AR1", "CO3"]
    assert review["reviewed"] is False
    assert cli.json("review", "--week", str(LAST), "--mark-reviewed")["reviewed"] is True
    assert len(review["history"]) == 12 and len(review["heatmap"]) == 7


def test_an_empty_week(cli: InProcessCli) -> None:
    review = cli.json("review", "--week", "2026-W30")
    assert (review["contacts_total"], review["after_hours_share"]) == (0, 0.0)
    assert review["by_channel"] == {} and review["warnings"] == []


def test_de_identified_pdf_has_codes_not_names(cli: InProcessCli, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import subprocess

    script(cli)
    cli(
        "log",
        "AR1",
        "--channel",
        "text",
        "--direction",
        "in",
        "--at",
        at(LAST, 2, 23),
        "--summary",
        "Secret-summary-marker about her sister",
    )
    out = tmp_path / "review.pdf"
    cli("review", "--week", str(LAST), "--pdf", str(out))
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "AR1" in text and "BS2" in text
    for secret in ("Ana Rising", "Ben Steady", "Cy Once", "Secret-summary-marker"):
        assert secret not in text
    mine = tmp_path / "mine.pdf"
    cli("review", "--week", str(LAST), "--pdf", str(mine), "--identified")
    assert (
        "Ana Rising"
        in subprocess.run(
            ["pdftotext", str(mine), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert out.stat().st_mode & 0o777 == 0o600


def test_bad_week_is_refused(cli: InProcessCli, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["review", "--week", "last week"], lambda _d: cli.location) == 2
    assert "2026-W47" in capsys.readouterr().err


def test_a_name_typed_into_the_notes_leaves_as_the_clients_code(
    services: Services,
    location: VaultLocation,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    import subprocess

    phone = ContactHandle(HandleKind.PHONE, "+1 416 555 0142")
    services.clients.add(Client(code="ZM1", display_name="Zoë Martin", handles=(phone,)))
    notes = "Zoë Martin texted at 23:10 and zoe's mother called from (416) 555-0142."
    save_notes(services, LAST, ReviewRecord(notes=notes, supervision=("Ask about Zoë",)))
    services.close()
    out = tmp_path / "review.pdf"
    capsys.readouterr()
    assert run(["review", "--week", str(LAST), "--pdf", str(out)], lambda _d: location) == 0
    said = capsys.readouterr().out
    assert (
        "Client codes only: 1 name replaced by a code in the supervision list; "
        "2 names replaced by codes in the notes; 1 phone number replaced by a code in the notes."
    ) in said
    assert "Zoë" not in said and "555" not in said  # no name on the terminal unless asked
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ZM1 texted at 23:10 and ZM1's mother called from ZM1." in " ".join(text.split())
    for secret in ("Zoë", "Martin", "zoe", "555"):
        assert secret not in text
    # Asked for, each replacement is shown, originals included.
    again = tmp_path / "again.pdf"
    argv = ["review", "--week", str(LAST), "--pdf", str(again), "--show-replacements"]
    assert run(argv, lambda _d: location) == 0
    shown = capsys.readouterr().out
    assert "  Notes: “Zoë Martin” → ZM1, “zoe” → ZM1, “(416) 555-0142” → ZM1" in shown
    # The clinician's own copy keeps what was written.
    mine = tmp_path / "mine.pdf"
    assert run(["review", "--week", str(LAST), "--pdf", str(mine), "--identified"],
               lambda _d: location) == 0  # fmt: skip
    assert "Client codes only" not in capsys.readouterr().out
    text = subprocess.run(["pdftotext", str(mine), "-"], capture_output=True, text=True).stdout
    assert "Zoë Martin texted at 23:10" in " ".join(text.split())


def test_with_no_client_named_the_summary_says_so(
    services: Services, location: VaultLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    save_notes(services, LAST, ReviewRecord(notes="A quiet week."))
    services.close()
    capsys.readouterr()
    out = tmp_path / "review.pdf"
    assert run(["review", "--week", str(LAST), "--pdf", str(out)], lambda _d: location) == 0
    assert f"Client codes only: {NOTHING_REPLACED}." in capsys.readouterr().out
