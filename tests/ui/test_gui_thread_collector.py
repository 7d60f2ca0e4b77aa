"""A window freed by the cycle collector is freed on the GUI thread, never a reading one.

A closed Import… screen, still held in a reference cycle, was collected on the next
import's reading thread, which deleted its widgets off the GUI thread and now and then
crashed the process (seen in the import screenshots).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.ui.shell.collector import GuiThreadCollector


@pytest.fixture
def collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # every tick collects every generation, so none waits long
    installed = GuiThreadCollector(qapp, interval_ms=50)
    yield installed
    installed.stop()
    installed.deleteLater()
    gc.set_threshold(*thresholds)
    assert gc.isenabled()


def closed_window(qtbot: QtBot, freed_on: list[str]) -> weakref.ref[QWidget]:
    """A shown, then closed window held only by a cycle, as a closed screen can be."""
    window = QWidget()
    close = QPushButton("Close", window)
    QVBoxLayout(window).addWidget(close)
    close.clicked.connect(window.close)
    window.itself = window  # type: ignore[attr-defined]
    window.show()
    qtbot.waitExposed(window)
    close.click()
    assert not window.isVisible()
    return weakref.ref(window, lambda _ref: freed_on.append(threading.current_thread().name))


def test_a_closed_window_is_freed_on_the_gui_thread_while_another_thread_reads(
    qtbot: QtBot, collector: GuiThreadCollector
) -> None:
    assert not gc.isenabled()  # no thread collects on its own
    freed_on: list[str] = []
    gone = closed_window(qtbot, freed_on)
    assert gone() is not None  # held in a cycle: only the collector frees it

    def allocate() -> None:  # far past every threshold, as reading a large file is
        garbage = [[index] for index in range(200_000)]
        for item in garbage:
            item.append(item)  # cycles, for the collector to find

    reading = threading.Thread(target=allocate, name="import-reading")
    reading.start()
    reading.join()
    assert freed_on == []

    qtbot.waitUntil(lambda: gone() is None, timeout=10_000)
    assert freed_on == [threading.main_thread().name]
