"""Partial backups (backup-….part) left by an interrupted run go on the next run.

A backup is written in a .part folder holding a lock file, flock-ed for as long as its
writer lives: the system releases the lock when the process ends, killed or not. The
next run removes each .part folder whose lock it can take, since no live process is
writing it. Where flock doesn't exist, or for folders from before the lock file, a
.part folder counts as abandoned once it is an hour old.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"
# A backup that rotation (or the clinician) removes is renamed first, in one step, so a
# kill halfway through deleting it never leaves a half-deleted folder listed as a backup.
REMOVING_SUFFIX = ".removing"
LOCK_NAME = ".writing"
ABANDONED_AFTER_S = 3600


@contextlib.contextmanager
def writing(building: Path) -> Iterator[None]:
    """Hold `building`'s lock while the backup is written; it is gone before the rename."""
    lock = building / LOCK_NAME
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def remove_backup_folder(folder: Path) -> None:
    """Delete a backup folder: renamed aside first, so it is never seen half-deleted."""
    doomed = folder.with_name(folder.name + REMOVING_SUFFIX)
    try:
        folder.rename(doomed)
    except OSError:
        return  # gone already, or can't be touched: left for the next run
    shutil.rmtree(doomed, ignore_errors=True)


def remove_abandoned(dest_dir: Path, prefix: str) -> list[Path]:
    """Remove the partial backups in `dest_dir` that no live process is writing,
    and finish removing any backup whose removal was cut short."""
    try:
        found = [p for p in dest_dir.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return []
    parts = [p for p in found if p.name.endswith(PART_SUFFIX)]
    removed = [p for p in parts if _abandoned(p)]
    removed += [p for p in found if p.name.endswith(REMOVING_SUFFIX)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    if removed:
        log.info("removed %d partial backups left by interrupted runs", len(removed))
    return removed


def _abandoned(part: Path) -> bool:
    lock = part / LOCK_NAME
    if fcntl is None or not lock.exists():
        try:
            return time.time() - part.stat().st_mtime > ABANDONED_AFTER_S
        except OSError:
            return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live process holds it: that backup is being written
    finally:
        os.close(fd)  # closing releases the lock taken, if any
    return True
