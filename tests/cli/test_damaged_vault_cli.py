"""An emptied vault.db and damaged backups through the CLI: one sentence, nothing lost."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backed_up(cli: Cli) -> Path:
    """A vault with two clients and one backup of them; returns the backup's folder."""
    assert cli("init", "--json").code == 0
    for code in ("AA1", "BB2"):
        assert cli("client", "add", f"Client {code}", "--code", code).code == 0
    made = cli("backup", "--json")
    assert made.code == 0, made.err
    return Path(made.json()["path"])


@pytest.mark.parametrize("size", [0, 1])
def test_a_zero_or_one_byte_vault_is_damaged_and_never_becomes_empty(
    cli: Cli, backed_up: Path, size: int
) -> None:
    db = cli.data_dir / "vault.db"
    db.write_bytes(b"\0" * size)
    before = digest(db)

    for command in (["client", "list"], ["check"], ["audit", "verify"], ["backup"]):
        assert_user_error(cli(*command), "vault.db is damaged", "restore it from a backup")

    assert digest(db) == before
    names = {p.name for p in cli.data_dir.iterdir()} - {"vault.lock"}
    assert names == {"backups", "logs", "vault.db", "vault.key"}  # no new vault, no WAL
    listed = cli("backups", "--json").json()
    assert [b["path"] for b in listed] == [str(backed_up)]  # the good backup is still there
    restored = cli("restore", str(backed_up), "--yes")
    assert restored.code == 0, restored.err
    assert [c["code"] for c in cli("client", "list", "--json").json()] == ["AA1", "BB2"]


def test_a_zero_byte_backup_is_listed_as_damaged_and_refused(cli: Cli, backed_up: Path) -> None:
    (backed_up / "vault.db").write_bytes(b"")
    before = digest(cli.data_dir / "vault.db")

    listing = cli("backups")
    assert "DAMAGED: its vault file is empty" in listing.out
    assert "verified)" not in listing.out
    assert cli("backups", "--json").json()[0]["verified"] is False
    assert_user_error(cli("restore", str(backed_up), "--yes"), "choose an earlier backup")

    assert digest(cli.data_dir / "vault.db") == before
    assert [c["code"] for c in cli("client", "list", "--json").json()] == ["AA1", "BB2"]


def test_a_backup_with_fewer_records_says_so_and_keeps_the_earlier_one(
    cli: Cli, backed_up: Path, tmp_path: Path
) -> None:
    usb = cli("backup", "--to", str(tmp_path / "usb"), "--json").json()["path"]  # two clients
    cli("client", "add", "Client CC3", "--code", "CC3")
    fuller = cli("backup", "--json").json()["path"]  # three clients, the same day
    assert cli("restore", usb, "--yes").code == 0  # records lost: back to two

    smaller = cli("backup", "--json")

    assert smaller.code == 0, smaller.err
    assert "fewer records (2 clients, 0 logged contacts)" in smaller.err
    assert f"restore {fuller}" in smaller.err
    assert smaller.json()["fewer_records_than"]["path"] == fuller
    kept = [b["path"] for b in cli("backups", "--json").json()]
    assert kept == [smaller.json()["path"], fuller]  # the same day's fuller one stays


def test_the_replaced_vaults_limit_is_a_setting(cli: Cli, backed_up: Path) -> None:
    assert_user_error(cli("settings", "set", "replaced", "0"), "from 1 to 50")
    assert cli("settings", "set", "replaced", "1").out.strip() == "replaced = 1"
    assert cli("settings", "show", "--json").json()["replaced"] == "1"
    assert cli("backup").code == 0  # the setting is now in the backup restored below
    for _ in range(3):
        assert (
            cli("restore", str(next((cli.data_dir / "backups").glob("backup-*"))), "--yes").code
            == 0
        )
    aside = list((cli.data_dir / "backups").glob("replaced-*"))
    assert len(aside) == 1
    assert (aside[0] / "vault.key").stat().st_mode & 0o777 == 0o600


def test_check_finds_a_damaged_page_the_unlock_does_not_read_and_no_backup_replaces_the_good_one(
    cli: Cli, backed_up: Path
) -> None:
    db = cli.data_dir / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[4096 + 200] ^= 0xFF  # one flipped byte in the second page
    db.write_bytes(bytes(raw))

    assert_user_error(cli("check"), "failed its integrity check", "boundary-desk restore")
    # That page holds the settings, which a backup reads first: the damage is met there.
    assert_user_error(cli("backup"), "vault file can't be read", "restore")

    assert db.read_bytes()[4096 + 200] == raw[4096 + 200]  # the damage is left for a restore
    listed = cli("backups", "--json").json()
    assert [b["path"] for b in listed] == [str(backed_up)]
    restored = cli("restore", str(backed_up), "--yes")
    assert restored.code == 0, restored.err
    assert cli("check").code == 0
    assert [c["code"] for c in cli("client", "list", "--json").json()] == ["AA1", "BB2"]
