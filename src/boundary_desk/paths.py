"""Where Boundary Desk keeps its files, and how folders are made private."""

from __future__ import annotations

import os
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
