"""Noticing that nobody has touched the app for a while, so it can lock itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

# Presses, clicks, scrolls and pointer moves count as someone being there; window
# repaints, timers and focus changes do not.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `interval_ms` without keyboard, mouse or wheel activity."""

    idle = Signal()

    def __init__(self, interval_ms: int = 600_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timeout)
        self._filtering = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def remaining_ms(self) -> int:
        """Milliseconds until `idle`, or -1 when not running."""
        return self._timer.remainingTime()

    def set_interval_ms(self, interval_ms: int) -> None:
        """Change the idle time; a running countdown starts again with the new length."""
        self._timer.setInterval(max(1, interval_ms))
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Start (or restart) the countdown and begin watching for activity."""
        app = QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self._timer.start()

    def stop(self) -> None:
        """Stop counting and stop watching events until `start` is called again."""
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
        self._filtering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def _on_timeout(self) -> None:
        self.stop()
        self.idle.emit()
