"""The fonts every report uses, registered once with reportlab.

reportlab's built-in Helvetica covers Latin-1 only; DejaVu also covers Latin
Extended, Greek and Cyrillic, so clinicians' and practices' names print as typed.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from boundary_desk.system.resources import resource_path

SANS = "BD-Sans"
SANS_BOLD = "BD-Sans-Bold"
SANS_OBLIQUE = "BD-Sans-Oblique"
MONO = "BD-Mono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}

# PDF export runs off the GUI thread, so two exports may start at once.
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make the BD-* fonts known to reportlab; calling it again does nothing."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # No bold-oblique face is shipped: <b><i> falls back to bold.
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_OBLIQUE, boldItalic=SANS_BOLD
        )
        # Mono has one face; map every style to it so <b> inside mono text cannot fail.
        pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO)
        _registered = True
