"""The vault through the CLI: the checks a new user (or a reviewer) would make."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import PASSPHRASE, Cli, assert_user_error

MARKER = "Ottoline-Marker-93QX"


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def vault(cli: Cli) -> str:
    result = cli("init", "--json")
    assert result.code == 0, result.err
    return str(result.json()["recovery_key"])


def test_init_json_prints_the_recovery_key_once_and_explains_the_fallback(cli: Cli) -> None:
    result = cli("init", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert set(doc) == {"recovery_key", "key_mode"}
    assert doc["key_mode"] == "passphrase"
    assert re.fullmatch(r"([A-Z2-7]{4}-){8}[A-Z2-7]{4}", doc["recovery_key"])
    assert "No working system keychain" in result.err
    assert doc["recovery_key"] not in "".join(
        p.read_text(errors="ignore") for p in cli.data_dir.rglob("*") if p.is_file()
    )


def test_init_without_a_passphrase_or_terminal_refuses_and_creates_nothing(cli: Cli) -> None:
    result = cli("init", passphrase=None)
    assert_user_error(result, "BOUNDARY_DESK_PASSPHRASE")
    assert not (cli.data_dir / "vault.db").exists()


def test_init_twice_refuses_and_keeps_the_vault(cli: Cli, vault: str) -> None:
    before = tree(cli.data_dir)
    assert_user_error(cli("init"), "already exists")
    assert tree(cli.data_dir) == before


def test_weak_passphrase_is_refused(cli: Cli) -> None:
    assert_user_error(cli("init", passphrase="short"), "at least 8 characters")
    assert not (cli.data_dir / "vault.db").exists()


def test_marker_never_reaches_disk_in_plaintext(cli: Cli, vault: str) -> None:
    added = cli("client", "add", MARKER, "--phone", "+1 416 555 0100", "--email", "o@example.org")
    assert added.code == 0, added.err
    listed = cli("client", "list", "--json")
    assert [c["name"] for c in listed.json()] == [MARKER]
    for path in cli.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert MARKER.encode() not in data, path
            assert "Ottoline".encode("utf-16-le") not in data, path
            assert b"o@example.org" not in data, path
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(cli.data_dir / "vault.db").execute("SELECT * FROM sqlite_master").fetchall()
    if shutil.which("sqlite3"):
        plain = subprocess.run(
            ["sqlite3", str(cli.data_dir / "vault.db"), ".tables"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert plain.returncode != 0
        assert "not a database" in plain.stderr


def test_wrong_passphrase_exits_2_with_one_line_and_changes_nothing(cli: Cli, vault: str) -> None:
    cli("client", "add", MARKER)
    before = tree(cli.data_dir)
    result = cli("client", "list", passphrase="a calm harbour at dawn")
    assert_user_error(result, "passphrase does not unlock")
    assert MARKER not in result.out
    assert tree(cli.data_dir) == before


def test_missing_passphrase_without_terminal_is_one_line(cli: Cli, vault: str) -> None:
    assert_user_error(cli("client", "list", passphrase=None), "BOUNDARY_DESK_PASSPHRASE")


def test_files_and_folders_are_private(cli: Cli, vault: str) -> None:
    cli("client", "add", MARKER)
    assert cli.data_dir.stat().st_mode & 0o777 == 0o700
    for path in cli.data_dir.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


def test_recovery_sets_a_new_passphrase(cli: Cli, vault: str) -> None:
    cli("client", "add", MARKER)
    result = cli(
        "recover",
        BOUNDARY_DESK_RECOVERY_KEY=vault.lower(),
        BOUNDARY_DESK_NEW_PASSPHRASE="fresh start 2026",
    )
    assert result.code == 0, result.err
    assert_user_error(cli("client", "list"), "does not unlock")
    listed = cli("client", "list", "--json", passphrase="fresh start 2026")
    assert [c["name"] for c in listed.json()] == [MARKER]


def test_wrong_recovery_key_is_one_line(cli: Cli, vault: str) -> None:
    before = tree(cli.data_dir)
    bad = vault[:-4] + ("AAAA" if not vault.endswith("AAAA") else "BBBB")
    assert_user_error(cli("recover", BOUNDARY_DESK_RECOVERY_KEY=bad), "recovery key")
    assert tree(cli.data_dir) == before


def test_status_json(cli: Cli, vault: str) -> None:
    cli("client", "add", "A")
    status = cli("status", "--json").json()
    assert status["vault"] == str(cli.data_dir / "vault.db")
    assert status["key_mode"] == "passphrase"
    assert status["schema_version"] >= 1
    assert status["cipher_version"].startswith("4.")
    assert status["counts"]["clients"] == 1


def test_damaged_vault_is_one_line_and_untouched(cli: Cli, vault: str) -> None:
    cli("client", "add", MARKER)
    db = cli.data_dir / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[5000] ^= 0x55
    db.write_bytes(bytes(raw))
    before = tree(cli.data_dir)
    assert_user_error(cli("client", "list"), "damaged", "boundary-desk restore BACKUP")
    # The unlock doesn't read every page: it was recorded in the trail before the
    # damage was met. The damaged part is left as it is, and no file is added.
    assert tree(cli.data_dir).keys() == before.keys()
    assert db.read_bytes()[5000] == raw[5000]


def test_no_vault_yet_says_how_to_start(cli: Cli) -> None:
    assert_user_error(cli("client", "list"), "boundary-desk init")
    assert not cli.data_dir.exists() or not (cli.data_dir / "vault.db").exists()


def test_emergency_kit_is_written_privately(cli: Cli, tmp_path: Path) -> None:
    kit = tmp_path / "kit.pdf"
    result = cli("init", "--emergency-kit", str(kit))
    assert result.code == 0, result.err
    assert kit.read_bytes().startswith(b"%PDF")
    assert kit.stat().st_mode & 0o777 == 0o600
    key = re.search(r"([A-Z2-7]{4}-){8}[A-Z2-7]{4}", result.out)
    assert key is not None
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(kit), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert key.group(0) in text


def test_emergency_kit_in_a_missing_folder_creates_nothing(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "--emergency-kit", str(tmp_path / "no-such-folder" / "kit.pdf"))
    assert_user_error(result, "does not exist")
    assert not (cli.data_dir / "vault.db").exists()


@pytest.mark.parametrize(
    "args",
    [("bogus",), ("client",), ("client", "add"), ("settings", "set", "hours"), ("init", "--nope")],
)
def test_bad_arguments_are_one_line(cli: Cli, args: tuple[str, ...]) -> None:
    assert_user_error(cli(*args), "--help")


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert re.fullmatch(r"boundary-desk \d+\.\d+\.\d+\n", result.out)


def test_data_dir_can_come_from_the_environment(cli: Cli, tmp_path: Path) -> None:
    import os
    import sys

    env = dict(
        cli.env,
        BOUNDARY_DESK_DATA_DIR=str(tmp_path / "envvault"),
        BOUNDARY_DESK_PASSPHRASE=PASSPHRASE,
    )
    proc = subprocess.run(
        [sys.executable, "-m", "boundary_desk", "init", "--json"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "envvault" / "vault.db").exists()
    assert os.stat(tmp_path / "envvault").st_mode & 0o777 == 0o700


def test_recovery_key_from_the_environment_keeps_it_out_of_arguments(cli: Cli, vault: str) -> None:
    result = cli(
        "recover", BOUNDARY_DESK_RECOVERY_KEY=vault, BOUNDARY_DESK_NEW_PASSPHRASE="fresh start 2026"
    )
    assert result.code == 0, result.err
    assert cli("status", passphrase="fresh start 2026").code == 0


def test_recovery_without_a_key_or_terminal_is_one_line(cli: Cli, vault: str) -> None:
    assert_user_error(cli("recover"), "BOUNDARY_DESK_RECOVERY_KEY")


def test_switching_to_a_new_passphrase(cli: Cli, vault: str) -> None:
    result = cli("protection", "passphrase", BOUNDARY_DESK_NEW_PASSPHRASE="another good one")
    assert result.code == 0, result.err
    assert_user_error(cli("status"), "does not unlock")
    assert cli("status", passphrase="another good one").code == 0


def test_switching_to_a_missing_keychain_is_refused(cli: Cli, vault: str) -> None:
    assert_user_error(cli("protection", "keychain"), "No working system keychain")
    assert cli("status").code == 0
