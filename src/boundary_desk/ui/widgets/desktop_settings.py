"""The desktop's own settings file: the window's geometry and nothing else.

Qt writes it as plain text under the user's configuration folder (on Linux
`~/.config/BoundaryDesk/Boundary Desk.conf`) with the process umask, usually 0644.
It holds no client data, but like every file Boundary Desk writes it is kept private:
0600, in a 0700 folder, after every save.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings

from boundary_desk.system.paths import PRIVATE_FILE_MODE, ensure_private_dir

SETTINGS_ORG = "BoundaryDesk"
SETTINGS_APP = "Boundary Desk"


def desktop_settings() -> QSettings:
    return QSettings(SETTINGS_ORG, SETTINGS_APP)


def save_privately(settings: QSettings) -> None:
    """Write `settings` to disk now, then make its file 0600 and its folder 0700."""
    settings.sync()
    if settings.format() != QSettings.Format.NativeFormat or os.name == "nt":
        return  # the Windows registry has no file; other formats are not ours
    path = Path(settings.fileName())
    if not path.is_file():
        return  # macOS keeps it in a plist its daemon writes; nothing was created here
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE_MODE)
        if path.parent.name == SETTINGS_ORG:
            ensure_private_dir(path.parent)
