"""An import's slow reading, off the GUI thread, with progress and a Cancel that waits.

The shared background worker (widgets/background.py) has no progress and can't be
waited for; an import needs both. Reading a file runs in a thread of its own, told to
stop through `cancelled()`, and locking the vault waits (briefly) for it to stop before
the vault closes under it. Results, progress and failures come back through one relay
that outlives every dialog, so a worker never reports to a deleted object.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], object]
STOP_WAIT_S = 5.0  # how long a lock waits for a reading to notice it was cancelled


class _Relay(QObject):
    progressed = Signal(int, int, int)  # run, done, total
    finished = Signal(int, object)
    failed = Signal(int, object)
    ended = Signal(int)  # a run's thread is ending: it reports nothing more


_relay: _Relay | None = None
_numbers = itertools.count(1)


def _shared_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Run:
    """One reading: its thread, its stop flag, and how far it has reported."""

    def __init__(self, number: int, work: Work, relay: _Relay, *, stoppable: bool) -> None:
        self.number, self._work, self._relay = number, work, relay
        self.stoppable = stoppable  # False for a commit: one transaction, waited for whole
        self.stop = threading.Event()
        self._last_shown = -1
        self.thread = threading.Thread(target=self._run, name="import-reading", daemon=True)

    def _progress(self, done: int, total: int) -> None:
        # At most one report per percent, so a large file doesn't flood the GUI thread.
        step = done * 100 // total if total > 0 else -1
        if step != self._last_shown:
            self._last_shown = step
            self._relay.progressed.emit(self.number, done, total)

    def _run(self) -> None:
        try:
            result = self._work(self._progress, self.stop.is_set)
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread to show or raise
            self._relay.failed.emit(self.number, error)
        else:
            self._relay.finished.emit(self.number, result)
        finally:
            self._relay.ended.emit(self.number)  # delivered after what it reported


class ImportWork(QObject):
    """One reading at a time for one dialog; a cancelled one is never heard from again."""

    progressed = Signal(int, int)  # done, total (total 0: not known yet)
    finished = Signal(object)
    failed = Signal(object)
    stopped = Signal()  # every thread it started has ended, the cancelled ones' too

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _shared_relay()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.progressed.connect(self._progressed, queued)
        self._relay.finished.connect(self._finished, queued)
        self._relay.failed.connect(self._failed, queued)
        self._relay.ended.connect(self._ended, queued)
        self._run: _Run | None = None
        self._started: dict[int, _Run] = {}  # each run whose end was not yet heard

    def start(self, work: Work, *, stoppable: bool = True) -> None:
        """Run `work(progress, cancelled)` in its own thread, cancelling any still running.
        Work that can't be `stoppable` (a commit: all or nothing) is waited for, whole."""
        self.cancel(wait=False)
        self._run = _Run(next(_numbers), work, self._relay, stoppable=stoppable)
        self._started[self._run.number] = self._run
        self._run.thread.start()

    def is_running(self) -> bool:
        return self._run is not None

    def has_stopped(self) -> bool:
        """Whether every thread it started has ended (a cancelled one may still be ending)."""
        return not any(run.thread.is_alive() for run in self._started.values())

    def is_stoppable(self) -> bool:
        return self._run is None or self._run.stoppable

    def cancel(self, *, wait: bool) -> None:
        """Tell the reading to stop and forget it; with `wait`, until it has stopped (work
        that can't be stopped, until it has finished)."""
        run, self._run = self._run, None
        if run is None:
            return
        run.stop.set()
        if wait:
            run.thread.join(STOP_WAIT_S if run.stoppable else None)

    def _mine(self, number: int) -> bool:
        return self._run is not None and self._run.number == number

    def _progressed(self, number: int, done: int, total: int) -> None:
        if self._mine(number):
            self.progressed.emit(done, total)

    def _finished(self, number: int, result: object) -> None:
        if self._mine(number):
            self._run = None
            self.finished.emit(result)

    def _failed(self, number: int, error: object) -> None:
        if self._mine(number):
            self._run = None
            self.failed.emit(error)

    def _ended(self, number: int) -> None:
        run = self._started.pop(number, None)
        if run is None:
            return
        run.thread.join()  # it ends right after saying so
        if self.has_stopped():
            self.stopped.emit()
