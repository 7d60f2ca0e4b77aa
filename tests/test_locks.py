"""The two locks: the runtime one holds no test tooling, both are pinned with hashes, the
development one agrees with it, and each OS gets its keychain backend and time zones."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "requirements" / "runtime.txt"
DEV = ROOT / "requirements" / "dev.txt"

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)\s*(?:;\s*(.*?))?\s*\\?$")


def _pins(lock: Path) -> dict[str, tuple[str, str]]:
    """name -> (version, marker); asserts every pin carries at least one hash."""
    pins: dict[str, tuple[str, str]] = {}
    lines = lock.read_text().splitlines()
    for index, line in enumerate(lines):
        found = _PIN.match(line)
        if not found:
            continue
        assert "--hash=sha256:" in lines[index + 1], f"{found[1]} in {lock.name} has no hash"
        pins[found[1].lower().replace("_", "-")] = (found[2], found[3] or "")
    return pins


def test_the_runtime_lock_holds_no_test_or_build_tooling() -> None:
    runtime = _pins(RUNTIME)
    tooling = {"pytest", "pytest-qt", "mypy", "ruff", "hypothesis", "scipy", "import-linter"}
    assert not tooling & runtime.keys()
    assert "pyinstaller" not in runtime


def test_the_dev_lock_is_the_runtime_lock_plus_tools_at_the_same_versions() -> None:
    runtime, dev = _pins(RUNTIME), _pins(DEV)
    assert {name: pin[0] for name, pin in runtime.items()} == {
        name: dev[name][0] for name in runtime
    }
    assert {"pytest", "mypy", "ruff", "pyinstaller"} <= dev.keys()


def test_each_os_gets_its_keychain_backend_and_time_zones() -> None:
    runtime = _pins(RUNTIME)
    assert "sys_platform == 'win32'" in runtime["pywin32-ctypes"][1]  # Windows Credential Locker
    assert "sys_platform == 'linux'" in runtime["secretstorage"][1]  # Secret Service
    assert runtime["keyring"][1] == ""  # its macOS backend needs nothing more
    assert runtime["tzdata"][1] == ""  # no tz database on Windows, nor in a bare bundle
