"""Where the files shipped with Boundary Desk (fonts, clause text, icons) live.

They sit in the repository's top-level `resources/` folder, two levels above this
package (src/boundary_desk/../../resources). Both a source checkout and an editable
install (`pip install -e .`) import the package from `src/`, so that one rule finds
them in both cases. A frozen build must ship the folder at the same relative place
or change this module; nothing else looks for resources on its own.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return RESOURCES_DIR.joinpath(*parts)
