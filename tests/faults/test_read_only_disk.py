"""A vault on a real read-only disk (a tmpfs remounted read-only, see namespaces.py).

It opens read-only with a note, every read works, every write is one sentence, and
not a byte on the disk changes. A vault left with a WAL waiting can't be read whole
there, and says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import PASSPHRASE, Cli
from tests.faults.namespaces import Tmpfs, require_namespaces, run_on_tmpfs
from tests.vault_holder import Holder

SCENARIO = """
import hashlib, json, os, subprocess, sys
from pathlib import Path

disk = Path(os.environ["RO_DISK"])

def fingerprint():
    return {str(p.relative_to(disk)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(disk.rglob("*")) if p.is_file()}

def run(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "boundary_desk", "--data-dir", str(disk), *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )
    return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}

before = fingerprint()
results = {name: run(*args) for name, args in json.loads(os.environ["RO_COMMANDS"]).items()}
print(json.dumps({"results": results, "unchanged": fingerprint() == before}))
"""


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "vault", tmp_path / "home")


READS = {
    "list": ["client", "list", "--json"],
    "events": ["events", "--json"],
    "check": ["check"],
    "verify": ["audit", "verify"],
}
WRITES = {
    "add": ["client", "add", "Never Saved"],
    "log": ["log", "RO1", "--channel", "text", "--direction", "in", "--summary", "x"],
    "setting": ["settings", "set", "clinician", "Dr Never"],
    "backup": ["backup"],
}


def run_read_only(cli: Cli, tmp_path: Path, commands: dict[str, list[str]]) -> dict[str, Any]:
    disk = tmp_path / "ro-disk"
    env = dict(
        cli.env,
        BOUNDARY_DESK_PASSPHRASE=PASSPHRASE,
        BOUNDARY_DESK_LOG_DIR=str(tmp_path / "logs"),
        RO_DISK=str(disk),
        RO_COMMANDS=json.dumps(commands),
    )
    result: dict[str, Any] = run_on_tmpfs(
        SCENARIO, Tmpfs(disk, 8 * 1024 * 1024, seed=cli.data_dir, read_only=True), env=env
    )
    return result


def test_a_vault_on_a_read_only_disk_opens_read_only(cli: Cli, tmp_path: Path) -> None:
    require_namespaces()
    assert cli("init").code == 0
    assert cli("client", "add", "Read Only Client", "--code", "RO1").code == 0
    logged = cli("log", "RO1", "--channel", "text", "--direction", "in", "--summary", "hello")
    assert logged.code == 0, logged.err

    found = run_read_only(cli, tmp_path, {**READS, **WRITES})
    results = found["results"]

    for name in READS:
        assert results[name]["code"] == 0, (name, results[name]["err"])
        assert "opened read-only" in results[name]["err"]
        assert "Traceback" not in results[name]["err"]
    assert [c["name"] for c in json.loads(results["list"]["out"])] == ["Read Only Client"]
    assert len(json.loads(results["events"]["out"])) == 1
    for name in WRITES:
        err = results[name]["err"].strip()
        assert results[name]["code"] == 2, (name, err)
        assert len(err.splitlines()) == 1, (name, err)
        assert "read-only" in err and "Nothing was changed" in err
    assert found["unchanged"]


def test_a_vault_left_with_a_wal_on_a_read_only_disk_says_what_to_do(
    cli: Cli, tmp_path: Path
) -> None:
    require_namespaces()
    assert cli("init").code == 0
    # A real WAL still waiting: another process holds the vault open while a client is
    # added, then dies, so the committed change is never copied into vault.db.
    holder = Holder(cli.data_dir, PASSPHRASE)
    assert cli("client", "add", "Wal Waiting", "--code", "WW1").code == 0
    holder.kill()
    assert (cli.data_dir / "vault.db-wal").stat().st_size > 0

    found = run_read_only(cli, tmp_path, {"list": ["client", "list"]})

    err = found["results"]["list"]["err"].strip()
    assert found["results"]["list"]["code"] == 2
    assert len(err.splitlines()) == 1
    assert "not closed cleanly" in err and "Copy the whole data folder" in err
    assert found["unchanged"]
