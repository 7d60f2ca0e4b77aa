"""Typing into an editable combo box that shows a value replaces it, never adds to its end.

An editable box (a time zone, a platform, a response time) shows its current value as
text. Clicked at the end and typed into, Qt would append: "Africa/CeutaAmerica/Tor".
Here the shown text is selected whenever the box takes the focus, so typing replaces it;
a second click places the cursor as usual, to edit a part.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QComboBox


class ReplaceOnFocus(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An editable box keeps the focus itself and hands key presses to its line edit.
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QComboBox):
            line = watched.lineEdit()
            if line is not None:
                QTimer.singleShot(0, line.selectAll)  # once the click has placed the cursor
        return False


_FILTER = ReplaceOnFocus()
_INSTALLED: set[int] = set()


def replace_on_focus(box: QComboBox) -> None:
    """Give one box the behaviour, wherever it is used."""
    box.installEventFilter(_FILTER)


def install_replace_on_focus(app: QApplication) -> None:
    """Give every editable combo box in `app` the behaviour; safe to call twice."""
    if id(app) not in _INSTALLED:
        _INSTALLED.add(id(app))
        app.installEventFilter(_FILTER)
