"""audit verify, audit show and purge through the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from tests.cli.conftest import PASSPHRASE, Cli, assert_user_error
from tests.fakes import MemoryKeychain


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


def ended_client_with_backups(cli: Cli, usb: Path) -> list[Path]:
    """A former client past retention (added through the API: the CLI can't end therapy)."""
    assert cli("init", "--json").code == 0
    assert cli("settings", "set", "backups", str(usb)).code == 0
    location = VaultLocation(resolve_paths(cli.data_dir), MemoryKeychain(working=False))
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    services.clients.add(
        Client(
            code="PC1",
            display_name="Purge Cli Person",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    services.close()
    made = [
        cli("backup", "--json").json()["path"],
        cli("backup", "--to", str(cli.data_dir / "backups"), "--json").json()["path"],
    ]
    return [Path(p) for p in made]


def test_purge_names_the_backups_that_hold_the_client_and_keeps_them_by_default(
    cli: Cli, tmp_path: Path
) -> None:
    made = ended_client_with_backups(cli, tmp_path / "usb")
    result = cli("purge", "PC1", "--yes")
    assert result.code == 0, result.err
    for path in made:
        assert f"backup {path}: still holds the client" in result.out
        assert path.exists()
    assert "Kept 2 copies that still hold PC1" in result.out and "--backups" in result.out

    # As the message says: the same command again, choosing, settles them later.
    later = cli("purge", "PC1", "--yes", "--backups", "delete")
    assert later.code == 0, later.err
    assert "PC1 was purged earlier." in later.out
    assert not any(p.exists() for p in made)
    assert "No backup or set-aside copy holds PC1." in cli("purge", "PC1", "--yes").out


def test_purge_rewrites_or_deletes_the_backups_on_request(cli: Cli, tmp_path: Path) -> None:
    made = ended_client_with_backups(cli, tmp_path / "usb")
    result = cli("purge", "PC1", "--yes", "--backups", "rewrite")
    assert result.code == 0, result.err
    assert all(f"Purged it from the backup {p}." in result.out for p in made)
    listing = cli("backups", "--to", str(tmp_path / "usb"), "--json").json()
    assert [(b["counts"]["clients"], b["verified"]) for b in listing] == [(0, True)]
    assert cli("restore", str(made[0]), "--yes").code == 0
    assert cli("audit", "verify").code == 0
    assert cli("client", "list", "--json").json() == []

    another = ended_client_with_backups(Cli(tmp_path / "v2", tmp_path / "home2"), tmp_path / "usb2")
    second = Cli(tmp_path / "v2", tmp_path / "home2")
    deleted = second("purge", "PC1", "--yes", "--backups", "delete")
    assert deleted.code == 0, deleted.err
    assert not any(p.exists() for p in another)


def _break_anchor(cli: Cli, how: str) -> None:
    key_file = cli.data_dir / "vault.key"
    doc = json.loads(key_file.read_text())
    if how == "removed":
        doc["audit_head"] = None
    else:
        doc["audit_head"]["rows"] = "x"
    key_file.write_text(json.dumps(doc))


@pytest.mark.parametrize(
    ("how", "named"),
    [("removed", "audit anchor was removed"), ("malformed", "audit anchor in the key file is")],
)
def test_check_names_a_removed_or_malformed_anchor(
    cli: Cli, tmp_path: Path, how: str, named: str
) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Anchored Person", "--code", "AN1")
    assert cli("check").code == 0
    _break_anchor(cli, how)
    assert_user_error(cli("check"), "audit trail", named, "audit verify")
    # A backup is still worth having, and says what is wrong with the trail it copies.
    made = cli("backup", "--to", str(tmp_path / "b"))
    assert made.code == 0, made.err
    assert named in made.err and "Backup written" in made.out
