"""Where the files shipped with Boundary Desk (fonts, clause text) live.

They are package data in `boundary_desk/data/`, found with importlib.resources, so a
checkout, an editable install, a wheel (pip, pipx) and a frozen bundle all carry them
and find them the same way. The PyInstaller spec collects the folder to the same
place inside the bundle (see packaging/boundary-desk.spec).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir() -> Path:
    # Installed from a wheel, a checkout or a bundle, the package is a folder on disk;
    # reportlab and json need real paths, so a zipped install is not supported.
    return Path(str(files("boundary_desk") / "data"))


DATA_DIR = _data_dir()


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return DATA_DIR.joinpath(*parts)
