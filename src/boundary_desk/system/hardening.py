"""Keeping the process's memory to itself: no core dumps, and no reading it from outside.

An unlocked vault's key and the client text on screen are in memory; a core file
would put them on disk in the clear. What is done, per platform:
- everywhere with `resource` (Linux, macOS, BSD): RLIMIT_CORE is set to 0, so the
  kernel writes no core file (macOS needs nothing more);
- Linux: prctl(PR_SET_DUMPABLE, 0) as well. A crash handler on a pipe
  (systemd-coredump, apport) is not bound by RLIMIT_CORE, but the kernel hands it
  nothing from a non-dumpable process. It also stops other processes of the same
  user from attaching a debugger or reading /proc/PID/mem (root still can);
- Windows: SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX), so a crash
  raises no Windows Error Reporting dialog offering to send a dump. Dumps an
  administrator has configured (WER LocalDumps) are that administrator's choice.

Locking also wants client text gone from memory, not just from screen. On Linux
with glibc every freed block is filled from start-up on (mallopt M_PERTURB), which
takes Qt's copies with it; `release_freed_memory` deals with what Python freed.
"""

from __future__ import annotations

import ctypes
import gc
import sys

M_PERTURB = -6  # glibc mallopt: fill each freed block with this byte
FREED_FILL = 0x5A
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002


class Hardening:
    """What `harden_process` managed to switch off (for the log; never a secret)."""

    # A plain class, not a dataclass: every process starts here, and dataclasses (with
    # inspect and ast behind it) would be a fifth of what `--version` imports.
    def __init__(
        self,
        *,
        core_files_off: bool,
        not_dumpable: bool,
        freed_memory_filled: bool,
        crash_dialog_off: bool,
    ) -> None:
        self.core_files_off = core_files_off
        self.not_dumpable = not_dumpable
        self.freed_memory_filled = freed_memory_filled
        self.crash_dialog_off = crash_dialog_off

    def log(self) -> None:
        """Say in the log what was switched off; the app calls it once its log is set up."""
        # logging is imported here, not at the top: hardening runs first in every
        # process, `--version` too, which never logs (and logging is a quarter of its
        # imports). A line logged before the log file exists is lost, so the app logs
        # this once it has one; a command leaves its log untouched by it, as before.
        import logging

        logging.getLogger(__name__).info(
            "memory protection: core files off %s, not dumpable %s, freed memory filled %s, "
            "crash dialog off %s",
            self.core_files_off,
            self.not_dumpable,
            self.freed_memory_filled,
            self.crash_dialog_off,
        )


def harden_process() -> Hardening:
    """Switch off core dumps (and, where the OS has it, outside memory reads) for this process."""
    done = Hardening(
        core_files_off=_no_core_files(),
        not_dumpable=_not_dumpable() if sys.platform.startswith("linux") else False,
        freed_memory_filled=_fill_freed_memory() if sys.platform.startswith("linux") else False,
        crash_dialog_off=_no_error_dialog() if sys.platform == "win32" else False,
    )
    return done


def _no_core_files() -> bool:
    try:
        import resource
    except ImportError:  # Windows has no resource module
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    return resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def _libc() -> ctypes.CDLL | None:
    # The C library already loaded into this process (only Linux asks for it). Not
    # ctypes.util.find_library, which imports subprocess and runs ldconfig: a fifth of
    # the time `boundary-desk --version` may take.
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _not_dumpable() -> bool:
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        return False
    return int(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)) == 0


_freed_memory_filled = False


def _fill_freed_memory() -> bool:
    # glibc overwrites each block handed back to it from now on (Qt's strings among
    # them); its small per-thread cache of recent frees is the exception.
    global _freed_memory_filled
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None) if libc is not None else None
    _freed_memory_filled = mallopt is not None and int(mallopt(M_PERTURB, FREED_FILL)) == 1
    return _freed_memory_filled


def freed_memory_filled() -> bool:
    """Whether `harden_process` has glibc overwrite every block freed from now on."""
    return _freed_memory_filled


def is_dumpable() -> bool:
    """Whether this (Linux) process could still be dumped or read by its user's processes."""
    libc = _libc() if sys.platform.startswith("linux") else None
    return libc is None or int(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)) != 0


def _no_error_dialog() -> bool:
    try:
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        wanted = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX
        previous = kernel32.SetErrorMode(wanted)  # returns the mode before: keep its flags
        kernel32.SetErrorMode(previous | wanted)
    except (AttributeError, OSError):
        return False
    return True


SMALL_BLOCK_LIMIT = 512  # CPython's small-object allocator serves up to this size
SCRUB_BLOCKS_PER_SIZE = 4096
RECENT_FREES_LIMIT = 1040  # glibc's per-thread cache of recent frees (unfilled) stops here


def release_freed_memory() -> None:
    """After lock: free what nothing holds any more, overwrite what can be, hand pages back.

    Python can't overwrite memory it has freed; the nearest it comes is reusing it.
    CPython's small-object pools hand out a partly used pool's freed blocks before
    any fresh one, so taking zero-filled blocks of every small size, then letting
    them go, overwrites the freed blocks that held client text (past their first 8
    bytes). glibc's cache of recent frees is emptied the same way. What stays is a
    freed block the scrub didn't reach (a pool it didn't exhaust). Then malloc_trim
    returns whole free pages to the OS, which zeroes them before any reuse.
    """
    gc.collect()
    _scrub_freed_blocks()
    if sys.platform.startswith("linux"):
        libc = _libc()
        trim = getattr(libc, "malloc_trim", None) if libc is not None else None
        if trim is not None:  # glibc only (not musl)
            trim(0)


def _scrub_freed_blocks() -> None:
    # Text needs a block of 48 bytes or more (a str's header is 40). One size at a
    # time, freed at once, so the memory this takes stays under ~2 MB.
    header = sys.getsizeof(b"")
    for size in range(48, SMALL_BLOCK_LIMIT + 1, 16):
        blocks = [bytes(size - header) for _ in range(SCRUB_BLOCKS_PER_SIZE)]
        del blocks
    # bytearray, not bytes: calloc (behind bytes(n)) bypasses glibc's cache of recent
    # frees, malloc (behind a bytearray's buffer, then zeroed) takes from it.
    for size in range(SMALL_BLOCK_LIMIT - 8, RECENT_FREES_LIMIT, 16):
        cached = [bytearray(size) for _ in range(16)]
        del cached
