"""Render the hand-drawn SVG icon to every size the platforms use.

    .venv/bin/python packaging/icons.py

Needs rsvg-convert (Debian: librsvg2-bin) and Pillow (in the runtime lock). Writes,
beside the SVG in src/boundary_desk/data/icons/:
  hicolor/NxN/apps/org.boundarydesk.BoundaryDesk.png  for the freedesktop sizes 16..512
  org.boundarydesk.BoundaryDesk.ico                   Windows, 16..256 in one file
  org.boundarydesk.BoundaryDesk.icns                  macOS, 16..512 (1024 from 512@2x)
The outputs are committed, so building a bundle needs neither tool.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

ICON_ID = "org.boundarydesk.BoundaryDesk"
ICONS = Path(__file__).resolve().parent.parent / "src" / "boundary_desk" / "data" / "icons"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int, out: Path) -> None:
    svg = ICONS / f"{ICON_ID}.svg"
    subprocess.run(
        ["rsvg-convert", "-w", str(size), "-h", str(size), str(svg), "-o", str(out)], check=True
    )


def main() -> None:
    for size in HICOLOR_SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        render(size, folder / f"{ICON_ID}.png")
    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch) / "1024.png"
        render(1024, big)
        largest = Image.open(big).convert("RGBA")
        # Each size rendered from the vector, not scaled down from one bitmap: crisper at 16.
        frames = {}
        for size in ICO_SIZES:
            path = Path(scratch) / f"{size}.png"
            render(size, path)
            frames[size] = Image.open(path).convert("RGBA")
        frames[256].save(
            ICONS / f"{ICON_ID}.ico",
            sizes=[(s, s) for s in ICO_SIZES],
            append_images=[frames[s] for s in ICO_SIZES if s != 256],
        )
        largest.save(ICONS / f"{ICON_ID}.icns")


if __name__ == "__main__":
    main()
