"""audit verify, audit show and purge through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli, assert_user_error


def test_verify_and_show(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Audit Person", "--code", "AP1")
    cli("settings", "set", "autolock", "5")
    cli("events", "AP1")
    verified = cli("audit", "verify", "--json")
    assert verified.code == 0, verified.err
    assert verified.json()["intact"] is True and verified.json()["rows"] > 3
    rows = cli("audit", "show", "AP1", "--json").json()
    assert {(r["action"], r["table"]) for r in rows} >= {("insert", "clients"), ("view", "events")}
    assert "intact" in cli("audit", "verify").out


def test_purge_needs_an_ended_client_past_retention_and_confirmation(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Still Here", "--code", "SH1")
    assert_user_error(cli("purge", "SH1", "--yes"), "still an active client")
    assert_user_error(cli("purge", "SH1"), "--yes")
    assert len(cli("client", "list", "--json").json()) == 1


def test_verify_names_an_edited_anchor_in_the_key_file(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Anchored Person", "--code", "AN1")
    key_file = cli.data_dir / "vault.key"
    doc = json.loads(key_file.read_text())
    doc["audit_head"]["rows"] += 5
    key_file.write_text(json.dumps(doc))
    result = cli("audit", "verify")
    assert_user_error(result, "tampered", "audit anchor in the key file was altered")
    assert cli("audit", "verify", "--json").json()["problems"]


def test_restore_after_an_export_keeps_the_export_in_the_trail(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Exported Person", "--code", "EX1")
    made = cli("backup", "--json").json()
    exported = cli("export", "--json", str(tmp_path / "all.json"), "--yes")
    assert exported.code == 0, exported.err
    assert cli("restore", made["path"], "--yes").code == 0
    rows = cli("audit", "show", "--json").json()
    kept = [r for r in rows if r["action"] == "export"]
    assert [r["details"]["details"] for r in kept] == [{"json": str(tmp_path / "all.json")}]
    verified = cli("audit", "verify")
    assert verified.code == 0, verified.err
