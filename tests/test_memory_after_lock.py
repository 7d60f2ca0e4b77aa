"""After lock, the app's memory holds no vault key and no client text.

The child process is the app itself (its own start-up hardening, window and lock
path, offscreen); this test reads the child's memory through /proc/PID/mem, as a
core dump or a debugger would see it, for the key (raw and hex), for a marker
name and for the passphrase typed at unlock, in UTF-8 (Python) and UTF-16 (Qt).

Measured on the code before this fix: the hex key once (the raw key too in some
runs), the name 5 times in UTF-8 and 2-3 times in UTF-16, with 3 live Python
objects still holding it. Now: none of them.
What makes that possible, and its limits, is in `boundary_desk.system.hardening`: a block
Python has freed can only be overwritten by being reused, so the count is 0 because
locking reuses every freed small block and glibc fills larger ones as they are freed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain
from tests.memory.locked_app import KEEP_READABLE_ENV
from tests.memory.scan import count_in_memory

MARKER = "Zqxmarker Vlotnik"
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="reading another process's memory needs /proc"
)


@pytest.fixture
def vault_key(tmp_path: Path) -> bytes:
    """A passphrase vault in tmp_path/vault; its raw key, known only to this process."""
    location = VaultLocation(
        paths=resolve_paths(tmp_path / "vault"),
        keychain=MemoryKeychain(working=False),
        kdf_cost=FAST_COST,
    )
    vault = location.create(passphrase=PASSPHRASE).vault
    raw = bytes(vault._vault_key.raw)
    vault.close()
    return raw


def _start_locked_app(tmp_path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    (tmp_path / "runtime").mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    if os.geteuid() != 0:
        env[KEEP_READABLE_ENV] = "1"  # only root may read a non-dumpable process
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.memory.locked_app", str(tmp_path / "vault")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdin is not None
    child.stdin.write(f"{PASSPHRASE}\n{MARKER}\n")
    child.stdin.flush()
    return child


def _ask(child: subprocess.Popen[str], line: str) -> dict[str, object]:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(line + "\n")
    child.stdin.flush()
    answer = child.stdout.readline()
    assert answer, "the locked app stopped before answering"
    return dict(json.loads(answer))


def test_a_locked_app_holds_no_key_and_no_live_client_text(
    tmp_path: Path, vault_key: bytes
) -> None:
    child = _start_locked_app(tmp_path)
    try:
        assert child.stdout is not None
        state = json.loads(child.stdout.readline() or "{}")
        assert state.get("locked") is True, "the app did not reach the locked state"
        needles = {
            "hex key": vault_key.hex().encode(),
            "HEX KEY": vault_key.hex().upper().encode(),
            "raw key": vault_key,
            "name UTF-8": MARKER.encode("utf-8"),
            "name UTF-16": MARKER.encode("utf-16-le"),
            "passphrase UTF-8": PASSPHRASE.encode("utf-8"),
            "passphrase UTF-16": PASSPHRASE.encode("utf-16-le"),
        }
        try:
            found = count_in_memory(child.pid, needles.values())
        except PermissionError:
            pytest.skip("this system does not let a parent read its child's memory")
        counts = {label: found[needle] for label, needle in needles.items()}
        live = _ask(child, MARKER)["live_holders"]
    finally:
        child.kill()
        child.communicate()  # closes the pipes

    assert counts["hex key"] == counts["HEX KEY"] == counts["raw key"] == 0, counts
    assert live == 0  # no Python object still refers to the name
    assert counts["name UTF-16"] == 0, counts  # Qt's copies
    assert counts["name UTF-8"] == 0, counts  # Python's, freed ones included
    assert counts["passphrase UTF-8"] == counts["passphrase UTF-16"] == 0, counts
