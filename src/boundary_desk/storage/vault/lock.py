"""Who has the vault open: a lock file beside it that every open window and command shares.

Each process with the vault open holds a shared lock on `vault.lock`. Replacing or
re-keying the files (a restore, a purge, a protection change) needs it exclusively,
and is refused while any other process holds it, so files are never swapped under an
open app. The system drops the locks of a process that dies, so a crash or a kill
never leaves the vault locked.

POSIX uses flock(2); Windows uses LockFileEx, its only lock that can be shared
(msvcrt.locking can't). Neither turns a shared lock into an exclusive one in one step:
the shared lock is dropped first. So asking for exclusive use first takes a second
lock, `vault.lock-gate`; while it is held nobody else can ask, and a refused upgrade
always gets its shared lock back.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from boundary_desk.storage.errors import StorageUnavailable, VaultBusy, VaultInUse
from boundary_desk.system.paths import PRIVATE_FILE_MODE

log = logging.getLogger(__name__)

LOCK_NAME = "vault.lock"
GATE_NAME = "vault.lock-gate"
OPEN_WAIT_S = 10.0  # a restore or re-key elsewhere finishing (seconds)
POLL_S = 0.05

BEING_CHANGED = (
    "The vault is being restored or changed by another Boundary Desk window or command; "
    "try again when it has finished."
)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("internal", ctypes.c_size_t),
            ("internal_high", ctypes.c_size_t),
            ("offset", wintypes.DWORD),
            ("offset_high", wintypes.DWORD),
            ("event", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _FAIL_IMMEDIATELY = 0x1
    _EXCLUSIVE = 0x2

    def _try_lock(fd: int, *, exclusive: bool) -> bool:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        # As flock does: drop this handle's own lock first (a no-op when it holds none).
        _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))
        flags = _FAIL_IMMEDIATELY | (_EXCLUSIVE if exclusive else 0)
        return bool(_kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())))

else:
    import fcntl

    def _try_lock(fd: int, *, exclusive: bool) -> bool:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            # E.g. a network share without locks: work on, as before locks existed.
            log.warning("file locks are unavailable in the vault folder (%s)", exc.errno)
        return True


def _open_lock_file(path: Path) -> int | None:
    """The lock file's descriptor (made 0600 if new); None where the folder can't be written."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE_MODE)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return None  # a read-only folder: nothing there can be replaced either
        raise StorageUnavailable(
            f"The vault's lock file {path} could not be opened: {exc.strerror}. "
            "Nothing was changed."
        ) from exc
    if hasattr(os, "fchmod") and os.fstat(fd).st_mode & 0o077:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    return fd


class VaultLock:
    """This process's hold on one vault folder: none, shared while open, or exclusive."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._fd: int | None = None
        self._exclusive = False

    @classmethod
    def shared(cls, data_dir: Path, wait_s: float | None = None) -> VaultLock:
        """A shared hold, waiting up to `wait_s` for a restore elsewhere; VaultBusy after."""
        lock = cls(data_dir)
        lock.hold_shared(wait_s)
        return lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def hold_shared(self, wait_s: float | None = None) -> None:
        if self._fd is not None:
            return
        fd = _open_lock_file(self._data_dir / LOCK_NAME)
        if fd is None:
            return
        deadline = time.monotonic() + (OPEN_WAIT_S if wait_s is None else wait_s)
        while not _try_lock(fd, exclusive=False):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise VaultBusy(BEING_CHANGED)
            time.sleep(POLL_S)
        self._fd = fd

    def release(self) -> None:
        """Let go (closing the file drops its lock)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self) -> None:
        # A vault dropped without close() can't be in use: its hold goes with it.
        self.release()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Sole use of the vault for the block; VaultInUse while another process has it open.

        A shared hold becomes exclusive for the block and shared again after it; a lock
        that held nothing holds nothing again after it (unless released inside). Inside
        its own exclusive block (a re-key calling a protection change), it just goes on.
        """
        if self._exclusive:
            yield
            return
        if not self._data_dir.is_dir():
            yield  # no folder yet, so nobody can have this vault open
            return
        gate = _open_lock_file(self._data_dir / GATE_NAME)
        if gate is None:
            yield  # a read-only folder: nothing there can be replaced anyway
            return
        try:
            if not _try_lock(gate, exclusive=True):
                raise VaultInUse()
            was_shared = self._take_exclusive()
            self._exclusive = True
            try:
                yield
            finally:
                self._exclusive = False
                self._after_exclusive(was_shared)
        finally:
            os.close(gate)

    def _take_exclusive(self) -> bool:
        """Upgrade (or take) the lock; whether it was shared before. VaultInUse if refused."""
        was_shared = self._fd is not None
        if self._fd is None:
            self._fd = _open_lock_file(self._data_dir / LOCK_NAME)
        fd = self._fd
        if fd is None or _try_lock(fd, exclusive=True):
            return was_shared
        if was_shared:
            _try_lock(fd, exclusive=False)  # can't be refused: the gate keeps others out
        else:
            self.release()
        raise VaultInUse()

    def _after_exclusive(self, was_shared: bool) -> None:
        if self._fd is None:
            return  # released inside the block
        if was_shared:
            _try_lock(self._fd, exclusive=False)
        else:
            self.release()
