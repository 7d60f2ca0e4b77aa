"""Run a scenario on a small private disk: a tmpfs inside user and mount namespaces.

No root needed: `unshare --user --map-root-user --mount` gives the child process its
own mount table, so the tmpfs exists only for that process and its children and
vanishes when it exits. A whole scenario (set-up, the fault, the checks) therefore
runs inside one namespaced Python process, which prints its findings as JSON on its
last stdout line for the test to assert on outside.

Inside the scenario, `remount` turns the disk read-only (or back) and `fill` uses up
its free space.
"""

from __future__ import annotations

import argparse
import errno
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Tmpfs:
    """A tmpfs of `size` bytes mounted over `mount_point` (an existing folder).

    `seed`'s contents are copied in first; `read_only` then remounts it read-only.
    """

    mount_point: Path
    size: int
    seed: Path | None = None
    read_only: bool = False


@functools.cache
def unavailable_reason() -> str | None:
    """Why namespaced tmpfs mounts can't be used here, or None when they can (probed once)."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare or mount is not installed"
    with tempfile.TemporaryDirectory() as folder:
        probe = (
            'mount -t tmpfs -o size=64k tmpfs "$1" && mount -o remount,ro "$1" '
            '&& ! touch "$1/x" 2>/dev/null'
        )
        try:
            proc = subprocess.run(
                [
                    "unshare",
                    "--user",
                    "--map-root-user",
                    "--mount",
                    "sh",
                    "-c",
                    probe,
                    "sh",
                    folder,
                ],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"unshare could not run: {exc}"
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        return f"user and mount namespaces are not permitted here ({detail[0]})"
    return None


def require_namespaces() -> None:
    """Skip the calling test, with the reason, where namespaced mounts aren't permitted."""
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)


def run_on_tmpfs(
    source: str,
    disk: Tmpfs,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Any:
    """Mount `disk`, run the Python `source` in the namespace; return its last stdout line as JSON.

    The source runs with the repository as its working folder (so `tests.…` imports) and
    must print its findings with `print(json.dumps(...))` as its last line of output.
    """
    require_namespaces()
    command = [
        "unshare",
        "--user",
        "--map-root-user",
        "--mount",
        sys.executable,
        "-m",
        "tests.faults.namespaces",
        "--mount-point",
        str(disk.mount_point),
        "--size",
        str(disk.size),
        *(["--seed", str(disk.seed)] if disk.seed else []),
        *(["--read-only"] if disk.read_only else []),
        source,
    ]
    proc = subprocess.run(
        command,
        cwd=ROOT,
        env=dict(os.environ if env is None else env, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, f"scenario failed ({proc.returncode}):\n{proc.stderr}"
    lines = proc.stdout.strip().splitlines()
    assert lines, f"scenario printed nothing:\n{proc.stderr}"
    return json.loads(lines[-1])


# --- used inside the namespace ----------------------------------------------------------


def mount_tmpfs(mount_point: Path, size: int) -> None:
    mount_point.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        check=True,
    )


def remount(mount_point: Path, *, read_only: bool) -> None:
    """Make the disk read-only, or writable again (files stay as they were)."""
    option = "remount,ro" if read_only else "remount,rw"
    subprocess.run(["mount", "-o", option, str(mount_point)], check=True)


def fill(path: Path, chunk: int = 4096) -> int:
    """Write `path` until the disk refuses with ENOSPC; returns the bytes written."""
    written = 0
    block = b"\0" * chunk
    with path.open("wb", buffering=0) as handle:
        while True:
            try:
                written += handle.write(block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    return written


def _main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mount-point", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=Path)
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("source")
    args = parser.parse_args()
    mount_tmpfs(args.mount_point, args.size)
    if args.seed is not None:
        shutil.copytree(args.seed, args.mount_point, dirs_exist_ok=True)
    if args.read_only:
        remount(args.mount_point, read_only=True)
    exec(compile(args.source, "<scenario>", "exec"), {"__name__": "__scenario__"})  # noqa: S102


if __name__ == "__main__":
    _main()
