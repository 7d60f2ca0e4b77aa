"""Atomic, private file writes: temp file in the same folder, fsync, os.replace."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from boundary_desk.errors import UserFacingError
from boundary_desk.system.paths import describe_kind

PRIVATE_FILE_MODE = 0o600


class WriteFailed(UserFacingError):
    """A file could not be written; the previous file, if any, is untouched."""


class ReadFailed(UserFacingError):
    """A file the user named could not be read; nothing was opened or changed."""


def atomic_write(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    folder = path.parent
    _require_plain_target(path)
    if not folder.is_dir():
        raise WriteFailed(f"The folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteFailed(f"Cannot write in {folder}: {exc.strerror or exc}.") from exc
    tmp = Path(tmp_name)
    try:
        restrict_fd(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteFailed(f"Could not save {path.name}: {exc.strerror or exc}.") from exc


def restrict_fd(fd: int, mode: int = PRIVATE_FILE_MODE) -> None:
    """Give an open file `mode`, where the platform has POSIX modes.

    os.fchmod is missing on Windows before Python 3.13; there the file inherits the
    folder's ACL (the user's own profile folder), and a POSIX mode would mean nothing.
    """
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)


def copy_private(source: Path, dest: Path) -> None:
    """Copy `source` to `dest`, which is 0600 from its first byte and fsynced.

    shutil.copyfile gives the copy the umask's mode (0644, often), even for a key file.
    """
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        restrict_fd(out.fileno(), PRIVATE_FILE_MODE)  # a file already there keeps its mode
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())


def fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (where the platform lets a folder be opened)."""
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


def _require_plain_target(path: Path) -> None:
    """Refuse to replace anything but a regular file.

    os.replace would swap a symbolic link for a file (breaking the link and leaving its
    target stale) and would replace a device node such as /dev/null; a careful tool says
    so and saves nothing, so the user can choose the real destination.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteFailed(f"Cannot save to {path}: {exc.strerror or exc}.") from exc
    if stat.S_ISLNK(info.st_mode):
        raise WriteFailed(
            f"{path} is a symbolic link to {os.readlink(path)}; nothing was saved. Save to "
            "the file it points to, or choose another name."
        )
    if not stat.S_ISREG(info.st_mode):
        raise WriteFailed(
            f"{path} is {describe_kind(info.st_mode)}, not a file; nothing was saved. "
            "Choose a file name."
        )


def read_regular_file(path: Path, limit: int = -1) -> bytes:
    """Up to `limit` bytes of a regular file; anything else (a named pipe that would block,
    a device, a folder) is refused in one sentence without being opened for reading."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReadFailed(f"{path} is {describe_kind(info.st_mode)}, not a file.")
        # O_NONBLOCK: should a pipe appear after the check, opening it still can't hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadFailed(f"{path} is not a file.")
            return handle.read(limit)
    except OSError as exc:
        raise ReadFailed(f"Could not read {path}: {exc.strerror or exc}.") from exc
