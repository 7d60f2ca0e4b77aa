"""`log --at` in the practice's language: French and Hebrew dates, and English always."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.cli import run
from tests.cli.test_review_cli import InProcessCli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    shell = InProcessCli(tmp_path / "vault", capsys)
    shell("init")
    shell("settings", "set", "timezone", "Asia/Jerusalem")
    shell("client", "add", "Noa Levi", "--code", "NL1")
    return shell


def logged_at(cli: InProcessCli, when: str) -> datetime:
    cli("log", "NL1", "--channel", "text", "--direction", "in", "--at", when)
    events = cli.json("events")
    return datetime.fromisoformat(events[-1]["occurred_at"])


def last(weekday: int, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """The most recent `weekday` at hour:minute not in the future."""
    now = datetime.now(zone)
    moment = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    moment -= timedelta(days=(now.weekday() - weekday) % 7)
    return moment - timedelta(days=7) if moment > now else moment


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "ven. 22 h 40"),
        ("fr", "vendredi 22:40"),
        ("he", "יום שישי 22:40"),
        ("he", "שישי 22:40"),
        ("he", "fri 22:40"),
        ("en", "fri 22:40"),
    ],
)
def test_friday_night_in_the_practices_language(
    cli: InProcessCli, language: str, typed: str
) -> None:
    cli("settings", "set", "language", language)
    zone = ZoneInfo("Asia/Jerusalem")
    assert logged_at(cli, typed) == last(4, 22, 40, zone)


def test_yesterday_in_hebrew(cli: InProcessCli) -> None:
    cli("settings", "set", "language", "he")
    zone = ZoneInfo("Asia/Jerusalem")
    yesterday = (datetime.now(zone) - timedelta(days=1)).replace(
        hour=22, minute=40, second=0, microsecond=0
    )
    assert logged_at(cli, "אתמול 22:40") == yesterday


def test_french_is_not_read_in_an_english_practice(
    cli: InProcessCli, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = run(
        ["log", "NL1", "--channel", "text", "--direction", "in", "--at", "hier 22:40"],
        lambda _dir: cli.location,
    )
    assert code != 0
    assert 'Say when as "now"' in capsys.readouterr().err
    assert cli.json("events") == []
