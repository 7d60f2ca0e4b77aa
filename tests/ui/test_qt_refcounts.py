"""Guards the Qt binding itself: PySide6 6.12.0 on Python 3.11 released `None` and
`True` once too often on every call, so a long session ended in a fatal abort.
A few thousand calls must not drain their reference counts (a stray reference or two
held by the test machinery is fine; the bug drained one per call)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    changed = Signal(bool)


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("steady")
    after = sys.getrefcount(None)
    assert after > before - 10


def test_emitting_a_bool_keeps_true_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.changed.emit(True)
    received.clear()
    after = sys.getrefcount(True)
    assert after > before - 10
