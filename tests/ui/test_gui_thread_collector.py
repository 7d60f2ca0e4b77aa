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
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.ui.imports.dialog import PREVIEW, ImportDialog
from boundary_desk.ui.shell.collector import GuiThreadCollector
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.import_files import STRANGER_TEXTS, ZOE_TEXTS, sms_backup

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")


@pytest.fixture
def collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # every tick collects every generation, so none waits long
    installed = GuiThreadCollector(qapp, interval_ms=50)
    yield installed
    installed.stop()
    gc.set_threshold(*thresholds)
    installed.deleteLater()
    assert gc.isenabled()


def closed_import_screen(
    qtbot: QtBot, services: Services, path: Path, freed_on: list[str]
) -> weakref.ref[ImportDialog]:
    """An Import… screen that previewed `path` and was closed, known only by a weak ref."""
    dialog = ImportDialog(services, ScriptedPrompter())
    dialog.show()
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    dialog.close()
    return weakref.ref(dialog, lambda _ref: freed_on.append(threading.current_thread().name))


def test_a_closed_import_screen_is_freed_on_the_gui_thread_while_another_reads(
    qtbot: QtBot, services: Services, tmp_path: Path, collector: GuiThreadCollector
) -> None:
    assert not gc.isenabled()  # no thread collects on its own
    backup = sms_backup(tmp_path / "sms-20261130.xml", [*ZOE_TEXTS, *STRANGER_TEXTS])
    freed_on: list[str] = []
    gone = closed_import_screen(qtbot, services, backup, freed_on)
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
