"""Logging to a rotating, private file in the log folder.

Log lines name events and counts only; never client names, message text or any
value the clinician typed. Reviewers: keep it that way.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from boundary_desk.system.fileio import restrict_fd
from boundary_desk.system.paths import PRIVATE_FILE_MODE, ensure_private_dir

LOG_NAME = "boundary-desk.log"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler whose every file is created 0600."""

    def handleError(self, record: logging.LogRecord) -> None:
        # A log that can't be written (a full disk) is dropped: logging's own report
        # would put a traceback on the clinician's screen, and the app goes on.
        return

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        restrict_fd(fd, PRIVATE_FILE_MODE)
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding)


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log records to `log_dir`; returns the log file's path.

    A log folder that can't be written (a read-only disk) means no log file, not a
    failure: the app still opens, and returns None.
    """
    path = log_dir / LOG_NAME
    root = logging.getLogger("boundary_desk")
    for handler in list(root.handlers):
        if isinstance(handler, _PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    try:
        ensure_private_dir(log_dir)
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
