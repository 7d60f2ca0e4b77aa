"""The quick log's few looks of its own, built from the app's colours (ui/style.py)."""

from __future__ import annotations

from boundary_desk.ui.widgets.style import (
    ACCENT,
    ACCENT_DARK,
    ACCENT_SOFT,
    BORDER,
    ERROR_INK,
    ERROR_SOFT,
    NOTE_SOFT,
    SURFACE,
)

QUICK_LOG_STYLE = f"""
QScrollArea#quickLogScroll, QScrollArea#quickLogScroll > QWidget > QWidget {{
    background: transparent; border: none;
}}
QPushButton#segment {{
    border-radius: 0px; margin-right: -1px; padding: 6px 14px;
}}
QPushButton#segment[position="first"] {{
    border-top-left-radius: 6px; border-bottom-left-radius: 6px;
}}
QPushButton#segment[position="last"] {{
    border-top-right-radius: 6px; border-bottom-right-radius: 6px; margin-right: 0px;
}}
QPushButton#segment:checked {{
    background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT_DARK};
}}
QPushButton#segment:focus {{ border: 2px solid {ACCENT}; }}
QFrame#restoredBar {{
    background: {NOTE_SOFT}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#crisisBox {{
    background: {ERROR_SOFT}; border: 1px solid {BORDER}; border-left: 4px solid {ERROR_INK};
    border-radius: 8px;
}}
QLabel#crisisNumber {{ font-size: 20pt; font-weight: 700; color: {ERROR_INK}; }}
QLabel#loggedSummary {{ padding: 4px 0px; }}
QFrame#replyPanel, QFrame#poorFitBox {{
    background: {NOTE_SOFT}; border: 1px solid {BORDER}; border-radius: 8px;
}}
"""

MATCHES_STYLE = f"""
QListView {{ background: {SURFACE}; border: 1px solid {BORDER}; padding: 2px; }}
QListView::item {{ padding: 6px 10px; }}
QListView::item:selected {{ background: {ACCENT_SOFT}; color: {ACCENT_DARK}; }}
"""
