"""The client's preferred channel from the command line: `client add/edit --prefers
--comfort`, `review --json`'s preferred_channel_followed against an independent count of
`events --json`, and the lean-channel warnings judged again when the profiles change."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.cli import run
from boundary_desk.services import Services
from boundary_desk.services.contacts import acknowledge_warning
from tests.cli.test_review_cli import LAST, InProcessCli, at


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    shell = InProcessCli(tmp_path / "vault", capsys)
    shell("init")
    shell("settings", "set", "timezone", "America/Toronto")
    shell("client", "add", "Ana Rising", "--code", "AR1", "--prefers", "email")
    shell("client", "add", "Ben Steady", "--code", "BS2", "--prefers", "text",
          "--comfort", "somewhat")  # fmt: skip
    shell("client", "add", "Cy Once", "--code", "CO3")
    return shell


def refused(cli: InProcessCli, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert run(list(args), lambda _d: cli.location) == 2
    return capsys.readouterr().err


def log(cli: InProcessCli, code: str, channel: str, when: str) -> None:
    cli("log", code, "--channel", channel, "--direction", "in", "--at", when)


def script(cli: InProcessCli) -> None:
    log(cli, "AR1", "email", at(LAST, 0, 10))
    log(cli, "AR1", "email", at(LAST, 1, 10))
    log(cli, "AR1", "text", at(LAST, 2, 10))
    cli("log", "AR1", "--channel", "call", "--direction", "out", "--at", at(LAST, 3, 10))
    log(cli, "AR1", "email", at(LAST.shifted(-1), 2, 10))  # another week: not counted
    for day in range(3):
        log(cli, "BS2", "text", at(LAST, day, 12))
    log(cli, "CO3", "email", at(LAST, 4, 9))  # no preference recorded


def independent_count(
    events: list[dict[str, Any]], clients: list[dict[str, Any]]
) -> dict[str, Any]:
    """Of each client's contacts in LAST whose channel is given, those in their preferred
    channel; None for a client with no preference."""
    prefers = {c["code"]: c["preferred_channel"] for c in clients}
    week = [
        e
        for e in events
        if e["kind"] == "contact"
        and tuple(datetime.fromisoformat(e["occurred_at"]).isocalendar()[:2])
        == (LAST.year, LAST.number)
    ]
    found: dict[str, Any] = {}
    for code in sorted({e["client"] for e in week}):
        if prefers[code] is None:
            found[code] = None
            continue
        given = [e for e in week if e["client"] == code and e["channel"] is not None]
        followed = sum(1 for e in given if e["channel"] == prefers[code])
        found[code] = (followed, len(given))
    return found


def figures(review: dict[str, Any]) -> dict[str, Any]:
    return {
        code: None if f is None else (f["in_preferred"], f["with_channel"])
        for code, f in review["preferred_channel_followed"].items()
    }


def test_the_figure_matches_an_independent_count_of_the_events(cli: InProcessCli) -> None:
    script(cli)
    events, clients = cli.json("events"), cli.json("client", "list")
    review = cli.json("review", "--week", str(LAST))
    assert figures(review) == independent_count(events, clients)
    assert figures(review) == {"AR1": (2, 4), "BS2": (3, 3), "CO3": None}
    ana = review["preferred_channel_followed"]["AR1"]
    assert ana == {
        "preferred_channel": "email",
        "comfort": None,
        "with_channel": 4,
        "in_preferred": 2,
        "share": 0.5,
    }
    assert review["preferred_channel_followed"]["BS2"]["comfort"] == "somewhat"
    assert review["preferred_channel_followed"]["BS2"]["share"] == 1.0


def test_the_text_output_has_the_plain_line(cli: InProcessCli) -> None:
    script(cli)
    printed = cli("review", "--week", str(LAST))
    assert "~ AR1 prefers email: 2 of 4 contacts this week were by email." in printed
    assert (
        "~ BS2 prefers text message (somewhat comfortable): every contact this week was by "
        "text message." in printed
    )
    lines = [line for line in printed.splitlines() if line.startswith("  ~ ")]
    assert len(lines) == 2  # CO3 has no preference: no line
    assert cli.json("review", "--week", "2026-W30")["preferred_channel_followed"] == {}


def test_client_edit_changes_and_clears_the_preference(cli: InProcessCli) -> None:
    assert "AR1: prefers email (not comfortable)." in cli(
        "client", "edit", "AR1", "--comfort", "not comfortable"
    )
    edited = cli.json("client", "edit", "Ana Rising", "--prefers", "video")
    # A new channel: what was said about the old one's comfort no longer holds.
    assert (edited["preferred_channel"], edited["comfort"]) == ("video", None)
    edited = cli.json("client", "edit", "AR1", "--prefers", "in-person", "--comfort", "comfortable")
    assert (edited["preferred_channel"], edited["comfort"]) == ("in-person", "comfortable")
    assert "AR1: no preferred channel." in cli("client", "edit", "AR1", "--prefers", "none")
    listed = {c["code"]: c for c in cli.json("client", "list")}
    assert (listed["AR1"]["preferred_channel"], listed["AR1"]["comfort"]) == (None, None)
    assert (listed["BS2"]["preferred_channel"], listed["BS2"]["comfort"]) == ("text", "somewhat")


def test_bad_preferences_are_refused_and_nothing_kept(
    cli: InProcessCli, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(cli, capsys, "client", "add", "Dee", "--prefers", "pigeon")
    assert '"pigeon" is not a channel' in err and "in-person" in err
    err = refused(cli, capsys, "client", "add", "Dee", "--prefers", "email", "--comfort", "meh")
    assert '"meh" is not a comfort' in err
    err = refused(cli, capsys, "client", "add", "Dee", "--comfort", "comfortable")
    assert "choose the channel first" in err
    assert "Dee" not in [c["name"] for c in cli.json("client", "list")]
    err = refused(cli, capsys, "client", "edit", "CO3", "--comfort", "somewhat")
    assert "choose the channel first" in err
    assert "Nothing to change" in refused(cli, capsys, "client", "edit", "CO3")
    assert "No client has that code" in refused(
        cli, capsys, "client", "edit", "ZZ9", "--prefers", "email"
    )
    listed = {c["code"]: c for c in cli.json("client", "list")}
    assert listed["CO3"]["preferred_channel"] is None


def test_the_preference_change_is_in_the_audit_trail(cli: InProcessCli) -> None:
    def changes() -> list[str]:
        rows = [r for r in cli.json("audit", "show") if r["table"] == "client_preferences"]
        return [r["action"] for r in sorted(rows, key=lambda r: int(r["id"]))]

    cli("client", "edit", "CO3", "--prefers", "portal")
    assert changes() == ["insert", "insert", "insert"]  # AR1, BS2, CO3
    cli("client", "edit", "CO3", "--prefers", "portal")  # no change: nothing written
    cli("client", "edit", "CO3", "--comfort", "somewhat")
    cli("client", "edit", "CO3", "--prefers", "none")
    assert changes()[3:] == ["update", "delete"]
    assert "verified" in cli("audit", "verify").lower()


def _lean_warnings(cli: InProcessCli) -> dict[int, bool]:
    """Entry id -> whether its lean-channel warning is acknowledged, for those that have one."""
    return {
        e["id"]: w["acknowledged"]
        for e in cli.json("events")
        for w in e["warnings"]
        if w["code"] == "reply_poor_fit"
    }


def test_new_channel_profiles_judge_the_open_lean_channel_warnings_again(
    cli: InProcessCli, capsys: pytest.CaptureFixture[str]
) -> None:
    def sent(channel: str, day: int) -> int:
        out = cli.json("log", "AR1", "--channel", channel, "--direction", "out",
                       "--category", "clinical", "--at", at(LAST, day, 10))  # fmt: skip
        return int(out["id"])

    text_one, text_two, email = sent("text", 0), sent("text", 1), sent("email", 2)
    # An incoming text answered, the reply's channel not given: not judged as a text.
    cli("log", "AR1", "--channel", "text", "--direction", "in", "--category", "clinical",
        "--at", at(LAST, 3, 10), "--replied-at", at(LAST, 3, 11))  # fmt: skip
    assert _lean_warnings(cli) == {text_one: False, text_two: False}
    # Acknowledged in the app (the command line has no acknowledging).
    services = Services.open(cli.location.unlock())
    acknowledge_warning(services, text_two, "reply_poor_fit", "talked it over")
    services.close()

    err = refused(cli, capsys, "settings", "set", "channels", "text: rich; email: lean")
    assert "Under the new channel profiles, 1 entry gains the lean-channel warning and " in err
    assert "1 entry loses it." in err and "--yes" in err
    assert _lean_warnings(cli) == {text_one: False, text_two: True}  # nothing changed yet
    said = cli("settings", "set", "channels", "text: rich; email: lean", "--yes")
    assert "1 entry gains the lean-channel warning and 1 entry loses it" in said
    # The acknowledged one is the record and stays; the open ones follow the new profiles.
    assert _lean_warnings(cli) == {text_two: True, email: False}
    cli("settings", "set", "channels", "", "--yes")
    assert _lean_warnings(cli) == {text_one: False, text_two: True}


def test_the_de_identified_pdf_has_the_line_by_code_only(cli: InProcessCli, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    script(cli)
    out = tmp_path / "review.pdf"
    cli("review", "--week", str(LAST), "--pdf", str(out))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Preferred channels" in flat
    assert "AR1 prefers email: 2 of 4 contacts this week were by email." in flat
    assert "Ana Rising" not in flat and "Ben Steady" not in flat
    own = tmp_path / "own.pdf"
    cli("review", "--week", str(LAST), "--pdf", str(own), "--identified")
    text = subprocess.run(["pdftotext", str(own), "-"], capture_output=True, text=True).stdout
    assert "AR1 · Ana Rising prefers email" in " ".join(text.split())
