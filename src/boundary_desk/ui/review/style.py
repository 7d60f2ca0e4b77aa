"""The review page's own look: figure cards, sections, warning rows, the week list."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from boundary_desk.ui.widgets.style import (
    ACCENT,
    ACCENT_DARK,
    ACCENT_SOFT,
    BORDER,
    INK,
    SURFACE,
    label,
)

REVIEW_STYLESHEET = f"""
QFrame#figureCard {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QLabel#figureValue {{ font-size: 19pt; font-weight: 600; }}
QLabel#figureTitle {{ color: {INK}; font-weight: 600; }}
QLabel#sectionLabel {{ font-weight: 600; }}
QFrame#warningRow {{ background: #FAFBF9; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#trendWarning {{
    background: #FFF7E6; border: 1px solid #E8C77E; border-left: 5px solid #E69F00;
    border-radius: 8px;
}}
QLabel#trendMessage {{ font-size: 12pt; }}
QPushButton#warningAction {{ padding: 4px 12px; }}
QPushButton#warningAction:checked {{
    background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT_DARK}; font-weight: 600;
}}
QPushButton#weekStep {{ padding: 2px 10px 4px 10px; min-width: 18px; }}
QListWidget#supervisionList::item {{ padding: 5px 4px; }}
QListWidget#reviewWeeks {{ border-radius: 8px; padding: 4px; }}
QListWidget#reviewWeeks::item {{ padding: 4px 8px; border-radius: 6px; }}
QListWidget#reviewWeeks::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
"""


def section(title: str, help_text: str, body: QWidget) -> QFrame:
    """A white card with a heading, an optional line of help, and `body`."""
    card = QFrame()
    card.setObjectName("card")
    column = QVBoxLayout(card)
    column.setContentsMargins(20, 14, 20, 18)
    column.setSpacing(8)
    column.addWidget(label(title, "subheading"))
    if help_text:
        column.addWidget(label(help_text, "help"))
    column.addWidget(body)
    column.addStretch(1)  # beside a taller card, stay at the top
    return card
