"""dev.py installs the runtime lock for `run`, adds the dev lock for `test`, and
reinstalls when either lock changes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_dev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, list[str]]:
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "requirements" / "runtime.txt").write_text("a==1\n")
    (tmp_path / "requirements" / "dev.txt").write_text("a==1\nb==2\n")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "VENV", venv)
    monkeypatch.setattr(dev, "RUNTIME_LOCK", tmp_path / "requirements" / "runtime.txt")
    monkeypatch.setattr(dev, "DEV_LOCK", tmp_path / "requirements" / "dev.txt")
    monkeypatch.setattr(dev, "STAMP", venv / ".installed-locks")
    installed: list[str] = []

    def fake_run(command: list[str], check: bool) -> None:
        if "-r" in command:
            installed.append(Path(command[command.index("-r") + 1]).name)
            assert "--require-hashes" in command

    monkeypatch.setattr(dev.subprocess, "run", fake_run)
    return dev, installed


@pytest.mark.skipif(sys.platform == "win32", reason="paths faked for POSIX")
def test_run_installs_the_runtime_lock_and_test_adds_the_dev_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev, installed = _load_dev(tmp_path, monkeypatch)
    dev.ensure_environment(dev=False)
    assert installed == ["runtime.txt"]
    dev.ensure_environment(dev=False)
    assert installed == ["runtime.txt"]  # nothing changed, nothing reinstalled
    dev.ensure_environment(dev=True)
    assert installed == ["runtime.txt", "dev.txt"]
    dev.ensure_environment(dev=False)  # the dev install holds the runtime lock too
    dev.ensure_environment(dev=True)
    assert installed == ["runtime.txt", "dev.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="paths faked for POSIX")
def test_a_change_to_either_lock_reinstalls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev, installed = _load_dev(tmp_path, monkeypatch)
    dev.ensure_environment(dev=True)
    (tmp_path / "requirements" / "dev.txt").write_text("a==1\nb==3\n")
    dev.ensure_environment(dev=True)
    assert installed == ["dev.txt", "dev.txt"]
    dev.ensure_environment(dev=False)  # the runtime lock is unchanged
    assert installed == ["dev.txt", "dev.txt"]
    (tmp_path / "requirements" / "runtime.txt").write_text("a==2\n")
    dev.ensure_environment(dev=False)
    assert installed == ["dev.txt", "dev.txt", "runtime.txt"]
    dev.ensure_environment(dev=True)  # the dev install was made over the old runtime
    assert installed == ["dev.txt", "dev.txt", "runtime.txt", "dev.txt"]
