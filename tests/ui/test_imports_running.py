"""An import's reading runs off the GUI thread, reports progress, and stops when cancelled."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.errors import InvalidInput
from boundary_desk.ui.imports.running import Cancelled, ImportWork, Progress


def readings_ended(qtbot: QtBot) -> None:
    """Every reading's thread has ended, and what it relayed has been delivered."""
    qtbot.waitUntil(lambda: not any(t.name == "import-reading" for t in threading.enumerate()))
    QApplication.processEvents()


def test_the_result_and_the_progress_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    work = ImportWork()
    seen: list[tuple[int, int]] = []
    threads: set[str] = set()
    work.progressed.connect(lambda done, total: seen.append((done, total)))

    def read(progress: Progress, cancelled: Cancelled) -> str:
        threads.add(threading.current_thread().name)
        for done in range(0, 1001):
            progress(done, 1000)
        return "read"

    with qtbot.waitSignal(work.finished, timeout=5000) as finished:
        work.start(read)
    assert finished.args == ["read"]
    assert threads == {"import-reading"}
    qtbot.waitUntil(lambda: (1000, 1000) in seen)
    assert len(seen) <= 101  # one report a percent at most, not a thousand
    assert not work.is_running()


def test_a_failure_comes_back_as_the_error_itself(qtbot: QtBot) -> None:
    work = ImportWork()

    def read(progress: Progress, cancelled: Cancelled) -> None:
        raise InvalidInput("This file is empty.")

    with qtbot.waitSignal(work.failed, timeout=5000) as failed:
        work.start(read)
    (error,) = failed.args
    assert isinstance(error, InvalidInput) and error.message == "This file is empty."


def test_cancel_stops_the_reading_and_its_result_is_never_heard(qtbot: QtBot) -> None:
    work = ImportWork()
    started, stopped = threading.Event(), threading.Event()
    heard: list[object] = []
    work.finished.connect(heard.append)
    work.failed.connect(heard.append)

    def read(progress: Progress, cancelled: Cancelled) -> str:
        started.set()
        while not cancelled():
            started.wait(0.001)
        stopped.set()
        return "too late"

    work.start(read)
    assert started.wait(5)
    work.cancel(wait=True)
    assert stopped.is_set()  # waited for it
    assert not work.is_running()
    readings_ended(qtbot)
    assert heard == []


def test_a_new_reading_replaces_the_one_running(qtbot: QtBot) -> None:
    work = ImportWork()
    heard: list[object] = []
    work.finished.connect(heard.append)
    first_stopped = threading.Event()

    def slow(progress: Progress, cancelled: Cancelled) -> str:
        while not cancelled():
            first_stopped.wait(0.001)
        first_stopped.set()
        return "first"

    work.start(slow)
    with qtbot.waitSignal(work.finished, timeout=5000):
        work.start(lambda progress, cancelled: "second")
    assert first_stopped.wait(5)
    readings_ended(qtbot)
    assert heard == ["second"]


def test_stopped_is_said_once_every_thread_it_started_has_ended(qtbot: QtBot) -> None:
    work = ImportWork()
    release = threading.Event()
    assert work.has_stopped()  # nothing started

    def deaf(progress: Progress, cancelled: Cancelled) -> str:
        release.wait(10)  # notices Cancel only once let go
        return "late"

    work.start(deaf)
    work.cancel(wait=False)
    assert not work.is_running() and not work.has_stopped()  # told, but still running
    with qtbot.waitSignal(work.stopped, timeout=5000):
        release.set()
    assert work.has_stopped()
    assert not any(t.name == "import-reading" and t.is_alive() for t in threading.enumerate())
