"""audit verify, audit show and purge through the CLI."""

from __future__ import annotations

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
