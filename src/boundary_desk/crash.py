"""The one crash handler: a report with no client data, written privately, never sent.

The report keeps the exception's type and the code locations it passed through.
It leaves out the exception's message and all variable values, because either
may hold a client's name or words.
"""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from boundary_desk import __version__
from boundary_desk.paths import ensure_private_dir
from boundary_desk.storage.fileio import atomic_write

CrashListener = Callable[[str, Path | None], None]


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


def _short_path(filename: str) -> str:
    # Keep paths relative to the package so a home folder name never appears.
    parts = Path(filename).parts
    if "boundary_desk" in parts:
        return "/".join(parts[parts.index("boundary_desk") :])
    return Path(filename).name
