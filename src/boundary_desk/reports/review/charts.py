"""What the review's charts share: a palette that survives colour blindness and greyscale."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from boundary_desk.reports.fonts import SANS
from boundary_desk.reports.text import visual_line
from boundary_desk.reports.theme import INK

# Okabe–Ito: told apart with every common colour-vision deficiency.
BLUE = colors.HexColor("#0072B2")
ORANGE = colors.HexColor("#E69F00")
GRID = colors.HexColor("#D3D9DF")
# None, then light to dark blue; the two darkest carry white numbers.
HEAT = tuple(
    colors.HexColor(c) for c in ("#FFFFFF", "#DCEAF5", "#A9CCE8", "#5B9FD3", "#0072B2", "#00476F")
)


def draw_text(
    drawing: Drawing, x: float, y: float, text: str, size: float, **style: object
) -> None:
    """`text` drawn as it reads: Hebrew in visual order, since a String draws as stored."""
    style = {"fontName": SANS, "fillColor": INK, **style}
    drawing.add(String(x, y, visual_line(text), fontSize=size, **style))
