"""Screens and windows on their way out: deleted by Qt, then emptied on the Python side.

A page's Python object (its models, their entries, the clients it lists) holds client
text for as long as anything refers to it, and once its Qt side is deleted nothing
can use it any more. Usually the last reference goes with the Qt object. But a
reference can outlive it out of Python's sight, in a binding's own bookkeeping, and a
locked app must not keep the text alive on that account: so once Qt has deleted a
retired widget and everything in it, each of their Python objects lets go of what it
held. A live widget is never touched.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


class RetiredWidgets:
    """The Python side of widgets handed to `deleteLater`, until Qt has deleted them."""

    def __init__(self) -> None:
        self._waiting: list[QObject] = []

    def add(self, widget: QObject) -> None:
        """Remember `widget` and everything inside it, before it is deleted."""
        if shiboken6.isValid(widget):
            self._waiting += [widget, *widget.findChildren(QObject)]

    def let_go(self) -> int:
        """Empty every remembered object Qt has deleted since; how many were emptied."""
        deleted = [obj for obj in self._waiting if not shiboken6.isValid(obj)]
        self._waiting = [obj for obj in self._waiting if shiboken6.isValid(obj)]
        for obj in deleted:
            state = getattr(obj, "__dict__", None)
            if state:
                state.clear()
        return len(deleted)

    def __len__(self) -> int:
        return len(self._waiting)
