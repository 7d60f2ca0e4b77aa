#!/usr/bin/env python3
"""Set up and run Boundary Desk from a checkout, with nothing but Python 3.11+.

    python3 dev.py run     # create .venv if needed, install the locked versions, open the app
    python3 dev.py test    # the same, then lint, type-check, layer contracts and the test suite

Anything after the command is passed on (to the app, or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "lock.txt"
STAMP = VENV / ".installed-lock"


def _bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def ensure_environment() -> None:
    """A .venv holding exactly the locked versions, reinstalled when the lock changes."""
    if not _bin("python").exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing the locked dependencies …", flush=True)
    pip = [str(_bin("python")), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted)


def run_app(extra: list[str]) -> int:
    return subprocess.call([str(_bin("boundary-desk")), *extra])


def run_tests(extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        [str(_bin("ruff")), "check", "src", "tests", "benchmarks", "tools", "dev.py"],
        [str(_bin("lint-imports")), "--no-cache"],
        [str(_bin("mypy"))],
        [str(_bin("pytest")), "-p", "no:cacheprovider", *extra],
    ]
    for step in steps:
        shown = " ".join([Path(step[0]).name, *step[1:]])
        print(f"\n$ {shown}", flush=True)
        code = subprocess.call(step, cwd=ROOT, env=env)
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file may be run by an older python3
        print("Boundary Desk needs Python 3.11 or newer.")
        return 2
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    ensure_environment()
    if argv[0] == "run":
        return run_app(argv[1:])
    return run_tests(argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
