"""Exports: the risk is named, files are private and atomic, CSV cannot run formulas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.conftest import Cli, assert_user_error

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-cmd", "@SUM(A1)", "plain <b>&</b>"]


def setup(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    for i, name in enumerate(HOSTILE):
        assert cli("client", "add", "--code", f"H{i}", "--", name).code == 0, name
    cli("log", "H0", "--channel", "email", "--direction", "in", "--summary", "=1+1 and more")


def test_json_export_holds_every_record(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    out = tmp_path / "export.json"
    result = cli("export", "--json", str(out), "--yes")
    assert result.code == 0, result.err
    doc = json.loads(out.read_text())
    assert doc["format"] == "boundary-desk-export"
    assert [c["display_name"] for c in doc["tables"]["clients"]] == HOSTILE
    assert doc["tables"]["events"][0]["summary"] == "=1+1 and more"
    assert out.stat().st_mode & 0o777 == 0o600


def test_csv_cells_are_neutralised_as_a_spreadsheet_would_read_them(
    cli: Cli, tmp_path: Path
) -> None:
    setup(cli)
    folder = tmp_path / "csv"
    assert cli("export", "--csv", str(folder), "--yes").code == 0
    assert folder.stat().st_mode & 0o777 == 0o700
    with (folder / "clients.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = [row["display_name"] for row in csv.DictReader(handle)]
    assert names == ["'" + HOSTILE[0], "'+1+2", "'-cmd", "'@SUM(A1)", "plain <b>&</b>"]
    for path in folder.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600


def test_export_names_the_risk_and_needs_confirmation(cli: Cli, tmp_path: Path) -> None:
    setup(cli)
    out = tmp_path / "export.json"
    assert_user_error(cli("export", "--json", str(out)), "NOT encrypted")
    assert not out.exists()
    assert_user_error(cli("export", "--yes"), "--json FILE or --csv DIR")
    assert_user_error(
        cli("export", "--json", str(tmp_path / "no" / "x.json"), "--yes"), "does not exist"
    )
