"""Python's cycle collector, run on the GUI thread only.

Left to itself the collector runs in whichever thread happens to allocate when a
threshold is crossed. A closed window still held in a reference cycle (its lambdas
connected to its own widgets) was then collected on an import's reading thread, which
deleted its widgets off the GUI thread: a segmentation fault, now and then, in the
import screenshots. Here automatic collection is off and a timer on the GUI thread
collects, a generation at a time, as the thresholds say (qutebrowser does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Collects cycles on a timer of the GUI thread, with automatic collection off."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation past its threshold; how many objects went."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in reversed(range(len(thresholds))):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Automatic collection back on (as when the app is done with Qt)."""
        self._timer.stop()
        gc.enable()


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once for `app` (the QApplication); the one installed."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    return _installed
