"""Run the real command line in a subprocess, as a user or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE = "a calm harbour at dusk"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    def __init__(self, data_dir: Path, home: Path) -> None:
        self.data_dir = data_dir
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "LANG": "C.UTF-8",
            "PYTHONIOENCODING": "utf-8",
            # No usable keychain: the passphrase fallback is what these tests exercise.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }

    def __call__(self, *args: str, passphrase: str | None = PASSPHRASE, **env: str) -> Result:
        full_env = dict(self.env, **env)
        if passphrase is not None:
            full_env["BOUNDARY_DESK_PASSPHRASE"] = passphrase
        proc = subprocess.run(
            [sys.executable, "-m", "boundary_desk", "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            env=full_env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "vault", tmp_path / "home")


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 2, exactly one line on stderr, no traceback, and the expected words."""
    assert result.code == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment.lower() in lines[0].lower(), lines[0]


def assert_only_access_was_recorded(cli: Cli, after_id: int) -> None:
    """Since audit row `after_id`, the vault recorded opening and closing, and no change."""
    rows = [r for r in cli("audit", "show", "--json").json() if r["id"] > after_id]
    changes = [
        (r["action"], r["table"]) for r in rows if r["action"] in ("insert", "update", "delete")
    ]
    assert changes == [], changes
