#!/usr/bin/env python3
"""Set up and run Boundary Desk from a checkout, with nothing but Python 3.11+.

    python3 dev.py run      # create .venv if needed, install the runtime lock, open the app
    python3 dev.py test     # add the development lock, then lint, type-check, layer
                            # contracts and the test suite
    python3 dev.py package  # add the development lock, then build the bundle for this
                            # platform into dist/ (on Linux also a .tar.gz and a .deb)

Anything after the command is passed on (to the app, or to pytest).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
STAMP = VENV / ".installed-locks"


def _bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _digest(*paths: Path) -> str:
    return hashlib.sha256(b"".join(path.read_bytes() for path in paths)).hexdigest()


def _stamp() -> dict[str, str]:
    try:
        found = json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def ensure_environment(dev: bool) -> None:
    """A .venv holding exactly the locked versions, reinstalled when a lock changes.

    The runtime lock alone for `run`; the development lock (a superset at the same
    versions) added for `test` and `package`. Every wheel is checked against the lock's
    hashes.
    """
    if not _bin("python").exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = {"runtime": _digest(RUNTIME_LOCK, ROOT / "pyproject.toml")}
    if dev:
        wanted["dev"] = _digest(DEV_LOCK)
    installed = _stamp()
    if all(installed.get(key) == value for key, value in wanted.items()):
        return
    lock = DEV_LOCK if dev else RUNTIME_LOCK
    print(f"Installing the locked dependencies ({lock.name}) …", flush=True)
    pip = [str(_bin("python")), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(json.dumps(wanted))


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


def build_package(extra: list[str]) -> int:
    return subprocess.call([str(_bin("python")), str(ROOT / "packaging" / "build.py"), *extra])


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file may be run by an older python3
        print("Boundary Desk needs Python 3.11 or newer.")
        return 2
    if not argv or argv[0] not in ("run", "test", "package"):
        print(__doc__)
        return 2
    ensure_environment(dev=argv[0] != "run")
    if argv[0] == "run":
        return run_app(argv[1:])
    if argv[0] == "package":
        return build_package(argv[1:])
    return run_tests(argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
