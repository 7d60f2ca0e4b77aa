"""Where Boundary Desk keeps its files, and how folders are made private."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "BoundaryDesk"
DATA_DIR_ENV = "BOUNDARY_DESK_DATA_DIR"
LOG_DIR_ENV = "BOUNDARY_DESK_LOG_DIR"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class AppPaths:
    """The folders one vault uses. Nothing is created until asked."""

    data_dir: Path
    log_dir: Path

    @property
    def vault_file(self) -> Path:
        return self.data_dir / "vault.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "vault.key"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def crash_dir(self) -> Path:
        return self.log_dir / "crash-reports"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the vault folder: the argument, then the environment, then the platform folder.

    A vault chosen explicitly keeps its logs beside it, so that a test or portable
    vault never writes into the user's real log folder.
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    log_override = os.environ.get(LOG_DIR_ENV)
    if chosen:
        data = Path(chosen).expanduser().absolute()
        log = Path(log_override).expanduser().absolute() if log_override else data / "logs"
    else:
        import platformdirs  # only here: `boundary-desk --help` never needs it

        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        log = (
            Path(log_override).expanduser().absolute()
            if log_override
            else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        )
    return AppPaths(data_dir=data, log_dir=log)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed, and make `path` itself 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def create_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents, each 0700; a folder that already exists is
    left exactly as it is, because it may be one the user chose (their Desktop)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask
    return path


def describe_kind(mode: int) -> str:
    """What a non-regular file is, in plain words ("a folder", "a device", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a file" if stat.S_ISREG(mode) else "not a regular file"


def unreadable_folder(path: Path) -> str | None:
    """Why `path` can't be looked into (not a folder, a name too long), or None; a missing
    one is left for the caller to describe."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return f"{path} can't be read: {exc.strerror or exc}."
    if not stat.S_ISDIR(info.st_mode):
        return f"{path} is {describe_kind(info.st_mode)}, not a folder."
    return None


def vault_folder_problem(path: Path) -> str | None:
    """Why `path` can't hold a vault (it is a file, a device, a system folder), or None."""
    return folder_problem(path, "vault folder")


def folder_problem(path: Path, role: str) -> str | None:
    """Why `path` can't be the `role` ("backup folder", say) we write into, or None."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return _creation_problem(path, role)
    except OSError as exc:
        return f"The {role} {path} can't be used: {exc.strerror or exc}."
    if not stat.S_ISDIR(info.st_mode):
        return f"The {role} {path} is {describe_kind(info.st_mode)}, not a folder."
    if _is_virtual(path):
        return f"The {role} {path} is a system folder that can't hold files."
    return None


def _creation_problem(path: Path, role: str) -> str | None:
    for ancestor in path.parents:
        try:
            info = ancestor.stat()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            return f"The {role} {path} can't be created: {exc.strerror or exc}."
        if not stat.S_ISDIR(info.st_mode):
            kind = describe_kind(info.st_mode)
            return f"The {role} {path} can't be created: {ancestor} is {kind}."
        if _is_virtual(ancestor):
            return f"The {role} {path} can't be created inside the system folder {ancestor}."
        return None
    return None


# The kernel's views of processes and devices: folders in name only (/dev's files are
# nodes, and what is written under it is lost at the next start).
_SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def _is_virtual(folder: Path) -> bool:
    try:
        real = folder.resolve()
    except (OSError, RuntimeError):
        return False
    return any(real == top or real.is_relative_to(top) for top in _SYSTEM_FOLDERS)


def private_runtime_dir() -> Path:
    """A folder only this user can enter, for the app's local socket; OSError if there is none.

    The session's XDG_RUNTIME_DIR where it is private (as systemd makes it), otherwise
    a folder in the app's own state folder. Either way the folder must be this user's
    and 0700, so no other user can take, replace or read a name in it.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _is_private_dir(Path(runtime)):
        folder = Path(runtime) / "boundary-desk"
    else:
        import platformdirs

        folder = Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "run"
    if not folder.is_symlink():
        ensure_private_dir(folder)
    if not _is_private_dir(folder):
        raise PermissionError(f"{folder} is not a private folder of this user")
    return folder


def _is_private_dir(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: no POSIX owner or modes; the profile folder's ACL rules
        return True
    return info.st_uid == geteuid() and info.st_mode & 0o077 == 0
