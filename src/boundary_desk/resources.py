"""Where the files shipped with Boundary Desk (fonts, clause text, icons) live.

They sit in the repository's top-level `resources/` folder, two levels above this
package (src/boundary_desk/../../resources). Both a source checkout and an editable
install (`pip install -e .`) import the package from `src/`, so that one rule finds
them in both cases. A frozen build must ship the folder at the same relative place
or change this module; nothing else looks for resources on its own. A PyInstaller
build unpacks them to `sys._MEIPASS/resources` (see packaging/boundary-desk.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


RESOURCES_DIR = _resources_dir()


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return RESOURCES_DIR.joinpath(*parts)
