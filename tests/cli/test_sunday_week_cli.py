"""A practice in Israel works Sunday to Thursday: its hours, week and review through the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from boundary_desk.cli import run
from tests.cli.test_review_cli import InProcessCli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcessCli:
    shell = InProcessCli(tmp_path / "vault", capsys)
    shell("init")
    for key, value in [
        ("timezone", "Asia/Jerusalem"),
        ("region", "IL"),
        ("hours", "Sun-Thu 08:00-16:00"),
    ]:
        shell("settings", "set", key, value)
    shell("client", "add", "Noa Levi", "--code", "NL1")
    for when in (
        "2026-11-14T10:00",  # Saturday: the week before
        "2026-11-15T10:00",  # Sunday, a working day
        "2026-11-19T15:00",  # Thursday, a working day
        "2026-11-20T10:00",  # Friday: the weekend
        "2026-11-21T10:00",  # Saturday: the weekend
        "2026-11-22T10:00",  # Sunday: the next week
    ):
        shell("log", "NL1", "--channel", "text", "--direction", "in", "--at", when)
    return shell


def setting(cli: InProcessCli, key: str) -> str:
    return str(cli.json("settings", "show")[key])


def test_hours_from_sunday_are_kept_as_typed(cli: InProcessCli) -> None:
    assert setting(cli, "hours") == "sun-thu 08:00-16:00"
    cli("settings", "set", "hours", "dim.–jeu. 08:00-16:00; ven. 08:00-12:00", "--yes")
    assert setting(cli, "hours") == "sun-thu 08:00-16:00; fri 08:00-12:00"
    cli("settings", "set", "hours", "ראשון-חמישי 08:00-16:00", "--yes")
    assert setting(cli, "hours") == "sun-thu 08:00-16:00"


def test_the_review_of_an_israeli_week_runs_sunday_to_saturday(cli: InProcessCli) -> None:
    review = cli.json("review", "--week", "2026-W47")
    assert review["week"] == "2026-W47"
    assert review["label"] == "15–21 November 2026"
    assert review["contacts_total"] == 4
    assert review["after_hours_total"] == 2  # Friday and Saturday, Israel's weekend
    heat = review["heatmap"]  # rows by weekday, Monday first
    assert heat[6][10] == 1 and heat[3][15] == 1 and heat[4][10] == 1 and heat[5][10] == 1
    assert sum(map(sum, heat)) == 4


def test_a_week_set_to_start_on_monday_is_the_iso_week(cli: InProcessCli) -> None:
    cli("settings", "set", "week_start", "mon")
    review = cli.json("review", "--week", "2026-W47")
    assert review["label"] == "16–22 November 2026"
    assert review["contacts_total"] == 4  # Thursday, Friday, Saturday and the next Sunday
    cli("settings", "set", "week_start", "region")
    assert cli.json("review", "--week", "2026-W47")["label"] == "15–21 November 2026"


def test_the_us_keeps_weeks_from_monday(cli: InProcessCli) -> None:
    cli("settings", "set", "region", "US")
    assert cli.json("review", "--week", "2026-W47")["label"] == "16–22 November 2026"


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("week_start", "tue", 'The week must start on "sun", "mon" or "sat"'),
        ("week_start", "dimanch", 'The week must start on "sun", "mon" or "sat"'),
        ("hours", "fri-mon 09:00-17:00", '"fri-mon" runs past Sunday'),
        ("hours", "dim.–jeu. ٠٨:٠٠-١٦:٠٠", 'Could not read "dim.–jeu. ٠٨:٠٠-١٦:٠٠"'),
        ("hours", "ראשון-יום 08:00-16:00", '"ראשון-יום" is not a day name'),
    ],
)
def test_bad_week_settings_are_refused_and_nothing_changes(
    cli: InProcessCli, capsys: pytest.CaptureFixture[str], key: str, value: str, says: str
) -> None:
    before = setting(cli, key)
    capsys.readouterr()
    assert run(["settings", "set", key, value], lambda _dir: cli.location) != 0
    assert says in capsys.readouterr().err
    assert setting(cli, key) == before


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler's pdfinfo")
@pytest.mark.parametrize(
    ("region", "paper"),
    [("IL", "595.276 x 841.89 pts (A4)"), ("GB", "595.276 x 841.89 pts (A4)"),
     ("CA-QC", "612 x 792 pts (letter)"), ("US", "612 x 792 pts (letter)")],
)  # fmt: skip
def test_the_review_prints_on_the_regions_paper(
    cli: InProcessCli, tmp_path: Path, region: str, paper: str
) -> None:
    cli("settings", "set", "region", region)
    out = tmp_path / "review.pdf"
    cli("review", "--week", "2026-W47", "--pdf", str(out))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+(.*)", info.stdout).group(1) == paper  # type: ignore[union-attr]
