"""`review --json`'s messages at risk of misunderstanding, against a count of `events --json`."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_review_cli import LAST, InProcessCli, at

SENSITIVE = {"clinical", "personal", "crisis"}
LEAN_OR_ONE_WAY = {"text", "dm", "voicemail"}  # the default profiles
LIVE = {"call", "video", "in-person"}


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    shell = InProcessCli(tmp_path / "vault", capsys)
    shell("init")
    shell("settings", "set", "timezone", "America/Toronto")
    for name, code in [("Ana Rising", "AR1"), ("Ben Steady", "BS2"), ("Cy Once", "CO3")]:
        shell("client", "add", name, "--code", code)
    return shell


def log(cli: InProcessCli, code: str, channel: str, when: str, category: str = "admin") -> None:
    cli("log", code, "--channel", channel, "--direction", "in", "--at", when,
        "--category", category)  # fmt: skip


def script(cli: InProcessCli) -> None:
    log(cli, "AR1", "text", at(LAST, 0, 10), "clinical")  # lean
    log(cli, "AR1", "dm", at(LAST, 1, 10), "personal")  # lean
    log(cli, "AR1", "voicemail", at(LAST, 2, 10), "crisis")  # one-way
    log(cli, "AR1", "email", at(LAST, 2, 11), "clinical")  # medium, two-way: not at risk
    log(cli, "AR1", "text", at(LAST, 3, 10))  # admin: not at risk
    log(cli, "AR1", "text", at(LAST.shifted(-1), 0, 10), "clinical")  # another week
    for n in range(6):  # a thread: each 5 hours after the one before
        log(cli, "BS2", "email", at(LAST, 1, 0) if n == 0 else _later(at(LAST, 1, 0), 5 * n))
    for n in range(5):  # one short of a thread
        log(cli, "BS2", "text", _later(at(LAST, 3, 8), n))
    for n in range(8):  # live: never a thread
        log(cli, "CO3", "call", _later(at(LAST, 2, 9), n))
    log(cli, "CO3", "text", at(LAST, 0, 9))  # a 25-hour gap breaks a thread
    log(cli, "CO3", "text", _later(at(LAST, 0, 9), 25))


def _later(when: str, hours: int) -> str:
    return (datetime.fromisoformat(when) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def independent_count(
    events: list[dict[str, Any]], messages: int, hours: int, lean: set[str]
) -> tuple[int, int]:
    """Sensitive contacts in lean or one-way channels, and runs of at least `messages`
    on one client and channel, each within `hours` of the one before: in LAST."""
    week = [
        e
        for e in events
        if e["kind"] == "contact"
        and tuple(datetime.fromisoformat(e["occurred_at"]).isocalendar()[:2])
        == (LAST.year, LAST.number)
    ]
    sensitive = sum(1 for e in week if e["category"] in SENSITIVE and e["channel"] in lean)
    runs = 0
    for pair in {(e["client"], e["channel"]) for e in week if e["channel"] not in LIVE}:
        times = sorted(
            datetime.fromisoformat(e["occurred_at"])
            for e in week
            if (e["client"], e["channel"]) == pair
        )
        length = 1
        for before, after in itertools.pairwise(times):
            if after - before <= timedelta(hours=hours):
                length += 1
            else:
                runs += length >= messages
                length = 1
        runs += length >= messages
    return sensitive, runs


def counts(review: dict[str, Any]) -> tuple[int, int]:
    reasons = [m["reason"] for m in review["misunderstanding_risk"]]
    return len(reasons) - reasons.count("long-thread"), reasons.count("long-thread")


def test_review_counts_match_an_independent_count_of_the_events(cli: InProcessCli) -> None:
    script(cli)
    events = cli.json("events")
    review = cli.json("review", "--week", str(LAST))
    assert counts(review) == independent_count(events, 6, 24, LEAN_OR_ONE_WAY) == (3, 1)
    first = review["misunderstanding_risk"][0]
    assert (first["client"], first["channel"], first["reason"]) == ("AR1", "text", "lean-channel")
    assert first["action"] is None
    assert first["why"].startswith("A text message is lean and carried clinical content")
    thread = next(m for m in review["misunderstanding_risk"] if m["reason"] == "long-thread")
    assert (thread["client"], thread["channel"], len(thread["event_ids"])) == ("BS2", "email", 6)
    assert thread["why"].startswith("6 emails over 25 hours: ")
    by_id = {e["id"]: e for e in events}
    assert {by_id[i]["channel"] for i in thread["event_ids"]} == {"email"}


def test_the_settings_change_what_is_at_risk(cli: InProcessCli) -> None:
    script(cli)
    cli("settings", "set", "long_thread", "2 messages within 25 hours")
    cli("settings", "set", "channels", "email: lean")
    events = cli.json("events")
    review = cli.json("review", "--week", str(LAST))
    lean = LEAN_OR_ONE_WAY | {"email"}
    # Now the clinical email is lean, the five texts and the two 25 hours apart are threads.
    assert counts(review) == independent_count(events, 2, 25, lean) == (4, 3)


def test_the_text_output_lists_them_and_an_empty_week_has_none(cli: InProcessCli) -> None:
    script(cli)
    printed = cli("review", "--week", str(LAST))
    assert "? AR1, text message: A text message is lean and carried clinical content" in printed
    assert cli.json("review", "--week", "2026-W30")["misunderstanding_risk"] == []


def test_a_bad_long_thread_setting_is_refused_and_the_old_one_kept(
    cli: InProcessCli, capsys: pytest.CaptureFixture[str]
) -> None:
    from boundary_desk.cli import run

    assert run(["settings", "set", "long_thread", "lots"], lambda _d: cli.location) != 0
    assert 'Write a long thread as "6 messages' in capsys.readouterr().err
    assert "6 messages, each within 24 hours of the one before" in cli("settings", "show")


def test_the_de_identified_pdf_lists_them_by_code_only(cli: InProcessCli, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    script(cli)
    out = tmp_path / "review.pdf"
    cli("review", "--week", str(LAST), "--pdf", str(out))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    start = text.index("Messages at risk of misunderstanding")
    section = text[start : text.index("Agreements", start)]
    assert "AR1" in section and "BS2" in section
    assert "6 emails over 25 hours" in section
    for name in ("Ana Rising", "Ben Steady", "Cy Once"):
        assert name not in text
