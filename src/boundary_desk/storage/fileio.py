"""Atomic, private file writes: temp file in the same folder, fsync, os.replace."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from boundary_desk.errors import UserFacingError

PRIVATE_FILE_MODE = 0o600


class WriteFailed(UserFacingError):
    """A file could not be written; the previous file, if any, is untouched."""


def atomic_write(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    folder = path.parent
    if not folder.is_dir():
        raise WriteFailed(f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteFailed(f"Cannot write in {folder}: {exc.strerror or exc}.") from exc
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteFailed(f"Could not save {path.name}: {exc.strerror or exc}.") from exc


def copy_private(source: Path, dest: Path) -> None:
    """Copy `source` to `dest`, which is 0600 from its first byte and fsynced.

    shutil.copyfile gives the copy the umask's mode (0644, often), even for a key file.
    """
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        os.fchmod(out.fileno(), PRIVATE_FILE_MODE)  # a file already there keeps its mode
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform allows opening a folder.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
