"""The one crash handler: a report with no client data, written privately, never sent.

The report keeps the exception's type and the code locations it passed through.
It leaves out the exception's message and all variable values, because either
may hold a client's name or words.

A native crash (a segfault in Qt or SQLCipher) never reaches Python's handler, so
`faulthandler` writes into a report file opened at start: it prints only
file:line and function names, never a value. The file is removed at a normal exit
when nothing was written to it.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import platform
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from boundary_desk import __version__
from boundary_desk.system.fileio import atomic_write
from boundary_desk.system.paths import PRIVATE_FILE_MODE, ensure_private_dir

CrashListener = Callable[[str, Path | None], None]

NATIVE_HEADER = (
    f"Boundary Desk native crash report (contains no client data)\nversion: {__version__}\n"
)
_NATIVE_GLOB = "crash-*-native-*.txt"


def crash_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The report text: versions, the exception type, and file:line:function frames."""
    lines = [
        "Boundary Desk crash report (contains no client data)",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"version: {__version__}",
        f"python: {platform.python_version()} on {platform.platform(terse=True)}",
        f"error: {exc_type.__module__}.{exc_type.__qualname__}",
        "where:",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {_short_path(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_crash_report(crash_dir: Path, report: str) -> Path | None:
    """Save the report 0600 in `crash_dir`; None if even that fails."""
    try:
        ensure_private_dir(crash_dir)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = crash_dir / f"crash-{stamp}.txt"
        atomic_write(path, report.encode("utf-8"))
        return path
    except Exception:  # noqa: BLE001 - the crash handler itself must never raise
        return None


def install_crash_handler(crash_dir: Path, listener: CrashListener | None = None) -> None:
    """Route every uncaught exception to one report; `listener` shows it to the user."""

    def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = crash_report(exc_type, tb)
        path = write_crash_report(crash_dir, report)
        if listener is not None:
            listener(report, path)
        else:
            where = f" A report without client data is in {path}." if path else ""
            print(
                f"boundary-desk: an unexpected error stopped this ({exc_type.__name__}).{where}",
                file=sys.stderr,
            )

    sys.excepthook = handle


def install_native_crash_report(crash_dir: Path) -> Path | None:
    """Have a native crash leave Python's frames (no values) in a 0600 file; None if unwritable."""
    try:
        ensure_private_dir(crash_dir)
        _remove_unused_native_reports(crash_dir)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = crash_dir / f"crash-{stamp}-native-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except OSError:
        return None
    report = os.fdopen(fd, "w", encoding="utf-8")
    report.write(NATIVE_HEADER)
    report.flush()
    faulthandler.enable(report, all_threads=True)
    atexit.register(_remove_if_unused, path, report)
    return path


def _remove_if_unused(path: Path, report: TextIO) -> None:
    faulthandler.disable()
    report.close()
    with contextlib.suppress(OSError):
        if path.stat().st_size <= len(NATIVE_HEADER.encode("utf-8")):
            path.unlink()


def _remove_unused_native_reports(crash_dir: Path) -> None:
    # A process killed outright leaves its report file empty: tidy those away.
    for path in crash_dir.glob(_NATIVE_GLOB):
        pid = path.stem.rsplit("-", 1)[-1]
        with contextlib.suppress(OSError, ValueError):
            if path.stat().st_size <= len(NATIVE_HEADER.encode("utf-8")) and not _alive(int(pid)):
                path.unlink()


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # no cheap, harmless check there; the file is a few bytes
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        return True
    return True


def _short_path(filename: str) -> str:
    # Keep paths relative to the package so a home folder name never appears.
    parts = Path(filename).parts
    if "boundary_desk" in parts:
        return "/".join(parts[parts.index("boundary_desk") :])
    return Path(filename).name
