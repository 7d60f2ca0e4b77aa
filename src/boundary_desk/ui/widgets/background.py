"""Slow work run off the GUI thread, with results and failures handed back by signal.

Every window's jobs share one worker thread, so PDF rendering (reportlab and pdfium
each do one thing at a time) and backups never run at once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal


class _Relay(QObject):
    """Outlives every job, so a worker always has a live object to report to."""

    finished = Signal(int, object)
    failed = Signal(int, object)


_shared: tuple[_Relay, QThreadPool] | None = None
_numbers = itertools.count(1)
_skipped: set[int] = set()


def _relay_and_pool() -> tuple[_Relay, QThreadPool]:
    global _shared
    if _shared is None:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)  # reportlab and pdfium each do one thing at a time
        _shared = (_Relay(), pool)
    return _shared


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._number, self._work, self._relay = number, work, relay

    def run(self) -> None:
        if self._number in _skipped:
            _skipped.discard(self._number)
            return
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread to raise or show
            self._relay.failed.emit(self._number, error)
            return
        self._relay.finished.emit(self._number, result)


class BackgroundJobs(QObject):
    """Slow work for one window, run off the GUI thread; results come back by signal.

    Jobs from every window share one worker thread. A window closed or deleted
    while its job runs simply never hears back.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay, self._pool = _relay_and_pool()
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.finished.connect(self._job_finished, queued)
        self._relay.failed.connect(self._job_failed, queued)
        self._mine: set[int] = set()

    def submit(self, work: Callable[[], object]) -> int:
        """Queue `work`; returns the job number its result will carry."""
        number = next(_numbers)
        self._mine.add(number)
        self._pool.start(_Job(number, work, self._relay))
        return number

    def cancel(self, job: int) -> None:
        """Skip `job` if it has not started, and ignore its result if it has."""
        if job in self._mine:
            self._mine.discard(job)
            _skipped.add(job)

    def _job_finished(self, job: int, result: object) -> None:
        if job in self._mine:
            self._mine.discard(job)
            self.finished.emit(job, result)

    def _job_failed(self, job: int, error: object) -> None:
        if job in self._mine:
            self._mine.discard(job)
            self.failed.emit(job, error)
