"""What every settings control offers the page: its value as the setting's text, and problems."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class ValueEditor(QWidget):
    """A control for one setting; `value()` is the text the setting stores.

    The page compares `value()` with what it last showed to know what changed, and
    asks `problems()` before saving, so a control can name every problem it sees at
    once (each day of the hours, each line of the crisis table).
    """

    edited = Signal()

    def value(self) -> str:
        raise NotImplementedError

    def set_value(self, stored: str) -> None:
        raise NotImplementedError

    def problems(self) -> list[str]:
        return []
