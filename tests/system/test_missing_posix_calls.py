"""Windows (and other non-POSIX) runs, simulated on Linux: each POSIX-only call is taken
away and the paths every platform runs still work.

Windows lacks os.fchmod before Python 3.13, os.geteuid/os.getuid, and the resource and
fcntl modules. The vault's file lock picks msvcrt by sys.platform at import, so fcntl is
only taken away from the code that imports it lazily.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_desk.system import hardening, paths
from boundary_desk.system.fileio import atomic_write, copy_private
from boundary_desk.system.logs import configure_logging

POSIX_ONLY = ["fchmod", "geteuid", "getuid", "fchown"]


@pytest.mark.parametrize("name", POSIX_ONLY)
def test_private_files_and_logs_without(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, name, raising=False)
    target = tmp_path / "out.bin"
    atomic_write(target, b"new")
    atomic_write(target, b"newer")
    assert target.read_bytes() == b"newer"
    copy = tmp_path / "copy.bin"
    copy_private(target, copy)
    assert copy.read_bytes() == b"newer"

    log_path = configure_logging(tmp_path / "logs")
    assert log_path is not None
    logging.getLogger("boundary_desk.test").info("an event")
    for handler in logging.getLogger("boundary_desk").handlers:
        handler.flush()
    assert "an event" in log_path.read_text()


@pytest.mark.parametrize("name", POSIX_ONLY)
def test_the_runtime_folder_without(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, name, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "run").mkdir(mode=0o700)
    folder = paths.private_runtime_dir()
    assert folder.is_dir()


def test_hardening_without_the_resource_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resource", None)  # `import resource` now fails
    assert hardening._no_core_files() is False  # and the command line test below hardens
    # a whole process without it (not this one: hardening is for good)


_SIMULATE = """
import os, sys, runpy
# os.getuid stays: platformdirs' Unix backend needs it, and Windows runs its own backend.
for name in ("fchmod", "fchown", "geteuid"):
    if hasattr(os, name):
        delattr(os, name)
sys.modules["resource"] = None
sys.argv = ["boundary-desk", *sys.argv[1:]]
runpy.run_module("boundary_desk", run_name="__main__")
"""


def test_the_command_line_runs_with_every_posix_only_call_gone(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "BOUNDARY_DESK_PASSPHRASE": "a calm harbour at dusk",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", _SIMULATE, "--data-dir", str(vault), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    steps = [
        ("init",),
        ("settings", "set", "region", "CA-ON"),
        ("client", "add", "Ana Lima", "--code", "AL1"),
        ("log", "AL1", "--channel", "email", "--direction", "in"),
        ("backup",),
    ]
    for step in steps:
        done = run(*step)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    assert (vault / "logs").is_dir()
