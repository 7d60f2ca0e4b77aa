"""The recovery key at the command line: it reaches the user before anything can fail,
a new one replaces the old, and a re-key leaves old key copies unable to open today's data."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, Cli, assert_user_error

KEY = re.compile(r"([A-Z2-7]{4}-){8}[A-Z2-7]{4}")
MARKER = "Perpetua-Rekey-55K"
NEW_PASSPHRASE = "a fresh lighthouse passphrase"


@pytest.fixture
def vault(cli: Cli) -> str:
    result = cli("init", "--json")
    assert result.code == 0, result.err
    return str(result.json()["recovery_key"])


def printed_key(out: str) -> str:
    found = KEY.findall(out) and KEY.search(out)
    assert found, out
    return found.group(0)


def test_init_with_a_folder_as_the_kit_creates_nothing_and_says_why(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("init", "--emergency-kit", str(tmp_path))
    assert_user_error(result, "is a folder", "Nothing was changed")
    assert not (cli.data_dir / "vault.key").exists()
    assert not (cli.data_dir / "vault.db").exists()


def test_a_kit_name_too_long_for_the_disk_is_refused_before_anything_changes(
    cli: Cli, vault: str, tmp_path: Path
) -> None:
    too_long = str(tmp_path / ("x" * 300))
    assert_user_error(
        cli("recovery-key", "new", "--emergency-kit", too_long), "Nothing was changed"
    )
    assert_user_error(cli("init", "--emergency-kit", too_long), "Nothing was changed")
    unlocked = cli("status")
    assert unlocked.code == 0, unlocked.err


def test_when_the_kit_fails_after_creation_the_key_was_already_printed(
    cli: Cli, tmp_path: Path
) -> None:
    # The folder exists and is writable, but the file can't be made (its name is too long).
    kit = tmp_path / ("k" * 245 + ".pdf")
    result = cli("init", "--emergency-kit", str(kit))
    assert result.code == 2
    assert "Traceback" not in result.err
    last = result.err.strip().splitlines()[-1]  # after the note about the missing keychain
    assert "Emergency Kit could not be saved" in last
    assert "printed above" in last
    key = printed_key(result.out)
    assert (
        cli(
            "recover", BOUNDARY_DESK_RECOVERY_KEY=key, BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE
        ).code
        == 0
    )


def test_a_key_that_cannot_be_printed_takes_the_new_vault_back(cli: Cli) -> None:
    env = dict(cli.env, BOUNDARY_DESK_PASSPHRASE=PASSPHRASE)
    with open("/dev/full", "w") as full:  # every write to it fails: "no space left"
        proc = subprocess.run(
            [sys.executable, "-m", "boundary_desk", "--data-dir", str(cli.data_dir), "init"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert proc.returncode == 2, proc.stderr
    assert "new vault was removed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (cli.data_dir / "vault.db").exists()
    assert not (cli.data_dir / "vault.key").exists()
    assert cli("init").code == 0  # and a new one can be made at once


def test_the_recovery_key_is_refused_on_the_command_line(cli: Cli, vault: str) -> None:
    before = (cli.data_dir / "vault.key").read_bytes()
    result = cli("recover", "--recovery-key", vault, BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert_user_error(result, "never given on the command line", "BOUNDARY_DESK_RECOVERY_KEY")
    assert (cli.data_dir / "vault.key").read_bytes() == before
    assert "--recovery-key" not in cli("recover", "--help").out


def test_recovery_key_new_replaces_the_old_key_and_saves_a_kit(
    cli: Cli, vault: str, tmp_path: Path
) -> None:
    cli("settings", "set", "clinician", "Dr Ada Quill")
    kit = tmp_path / "new kit.pdf"
    result = cli("recovery-key", "new", "--emergency-kit", str(kit))
    assert result.code == 0, result.err
    fresh = printed_key(result.out)
    assert fresh != vault
    assert kit.read_bytes().startswith(b"%PDF")
    assert kit.stat().st_mode & 0o777 == 0o600
    actions = [(r["action"], r["table"]) for r in cli("audit", "show", "--json").json()]
    assert ("new recovery key", "vault") in actions
    assert ("export", "emergency kit") in actions
    assert_user_error(
        cli(
            "recover", BOUNDARY_DESK_RECOVERY_KEY=vault, BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE
        ),
        "does not unlock",
    )
    recovered = cli(
        "recover", BOUNDARY_DESK_RECOVERY_KEY=fresh, BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE
    )
    assert recovered.code == 0, recovered.err
    if shutil_which("pdftotext"):
        text = subprocess.run(["pdftotext", str(kit), "-"], capture_output=True, text=True).stdout
        assert fresh in text
        assert "Dr Ada Quill" in text


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


def test_rekey_stops_an_old_backup_key_file_and_passphrase_opening_todays_data(
    cli: Cli, vault: str, tmp_path: Path
) -> None:
    made = cli("backup", "--to", str(tmp_path / "backups"), "--json")
    assert made.code == 0, made.err
    old_key_file = Path(made.json()["path"]) / "vault.key"

    result = cli("protection", "rekey", BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert result.code == 0, result.err
    fresh = printed_key(result.out)
    assert "Backups made before now still open" in result.out
    assert cli("client", "add", MARKER, passphrase=NEW_PASSPHRASE).code == 0

    verified = cli("audit", "verify", "--json", passphrase=NEW_PASSPHRASE)
    assert verified.code == 0, verified.err
    assert verified.json()["intact"] is True
    # Today's vault.db with yesterday's key file and passphrase: refused.
    (cli.data_dir / "vault.key").rename(tmp_path / "today.key")
    (cli.data_dir / "vault.key").write_bytes(old_key_file.read_bytes())
    refused = cli("client", "list", "--json")
    assert refused.code == 2
    assert MARKER not in refused.out
    (tmp_path / "today.key").replace(cli.data_dir / "vault.key")
    assert_user_error(cli("client", "list"), "does not unlock")
    assert_user_error(
        cli("recover", BOUNDARY_DESK_RECOVERY_KEY=vault, BOUNDARY_DESK_NEW_PASSPHRASE=PASSPHRASE),
        "does not unlock",
    )
    listed = cli("client", "list", "--json", passphrase=NEW_PASSPHRASE)
    assert [c["name"] for c in listed.json()] == [MARKER]
    assert (
        cli(
            "recover", BOUNDARY_DESK_RECOVERY_KEY=fresh, BOUNDARY_DESK_NEW_PASSPHRASE=PASSPHRASE
        ).code
        == 0
    )


def test_changing_the_passphrase_says_what_it_does_not_change_and_offers_a_rekey(
    cli: Cli, vault: str
) -> None:
    plain = cli("protection", "passphrase", BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert plain.code == 0, plain.err
    assert "protection rekey" in plain.err
    both = cli(
        "protection",
        "passphrase",
        "--rekey",
        passphrase=NEW_PASSPHRASE,
        BOUNDARY_DESK_NEW_PASSPHRASE=PASSPHRASE,
    )
    assert both.code == 0, both.err
    fresh = printed_key(both.out)
    doc = json.loads((cli.data_dir / "vault.key").read_text())
    assert set(doc["wraps"]) == {"passphrase", "recovery"}
    assert cli("status", passphrase=PASSPHRASE).code == 0
    assert (
        cli(
            "recover", BOUNDARY_DESK_RECOVERY_KEY=fresh, BOUNDARY_DESK_NEW_PASSPHRASE=PASSPHRASE
        ).code
        == 0
    )


def test_rekey_refuses_a_weak_new_passphrase_as_the_app_does(cli: Cli, vault: str) -> None:
    result = cli("protection", "rekey", BOUNDARY_DESK_NEW_PASSPHRASE="abc")

    assert_user_error(result, "at least 8 characters", "was not re-keyed")
    assert "recovery key" not in result.out.lower()  # no key shown that would never be issued
    assert cli("status").code == 0  # the old passphrase still opens it
    assert cli("status", passphrase="abc").code == 2


@pytest.mark.parametrize("mode", ["passphrase", "rekey"])
def test_a_wrong_current_passphrase_changes_nothing(cli: Cli, vault: str, mode: str) -> None:
    result = cli(
        "protection",
        mode,
        passphrase="not the one in use",
        BOUNDARY_DESK_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )
    assert_user_error(result, "does not unlock", "Nothing was changed")
    assert not KEY.search(result.out)  # no recovery key shown that was never issued
    assert_user_error(cli("status", passphrase=NEW_PASSPHRASE), "does not unlock")
    assert cli("status").code == 0  # still the old passphrase


@pytest.mark.parametrize("mode", ["passphrase", "rekey"])
def test_protection_checks_the_current_passphrase_through_the_vault_menus_service(
    location, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    import argparse

    from boundary_desk.cli import vault_commands
    from boundary_desk.services import Services, session, setup

    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    monkeypatch.setenv("BOUNDARY_DESK_NEW_PASSPHRASE", NEW_PASSPHRASE)
    args = argparse.Namespace(mode=mode, rekey=False, emergency_kit=None)
    try:
        for current in ("a calm harbour at noon", None):  # wrong, or none handed on
            args.current_passphrase = current
            with pytest.raises(setup.WrongCurrentPassphrase):
                vault_commands.protection(args, opened)
            assert opened.vault.is_open
        args.current_passphrase = PASSPHRASE
        assert vault_commands.protection(args, opened) == 0
    finally:
        opened.close()
    session.lock(session.unlock(location, NEW_PASSPHRASE))
