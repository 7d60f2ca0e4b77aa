"""What every settings control offers the page: its value as the setting's text, and problems."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


@runtime_checkable
class SettingControl(Protocol):
    """A control for one setting; `value()` is the text the setting stores.

    The page compares `value()` with what it last showed to know what changed, and
    asks `problems()` before saving, so a control can name every problem it sees at
    once (each day of the hours, each line of the crisis table).
    """

    def value(self) -> str: ...

    def set_value(self, stored: str) -> None: ...

    def problems(self) -> list[str]: ...


class ValueEditor(QWidget):
    """The floor every settings control stands on: it says when it was edited.

    Each control also implements `SettingControl` (value, set_value), which the page
    relies on; `problems()` is empty unless the control sees some of its own.
    """

    edited = Signal()

    def problems(self) -> list[str]:
        return []
