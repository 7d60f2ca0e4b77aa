"""Where Boundary Desk keeps its files, and how folders are made private."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and info.st_mode & 0o077 == 0
