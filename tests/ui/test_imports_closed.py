"""A closed Import… window goes, with what it read, once its reading thread has stopped:
after a preview, after an import, mid-reading, and when a reading is slow to stop."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services, imports
from boundary_desk.ui.imports import dialog as import_dialog
from boundary_desk.ui.imports import running
from boundary_desk.ui.imports.dialog import DONE, PREVIEW, READING, ImportDialog
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.import_files import STRANGER_TEXTS, ZOE_PHONE, ZOE_TEXTS, sms_backup

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    handle = ContactHandle(HandleKind.PHONE, ZOE_PHONE, "mobile", True)
    services.clients.add(Client(code="", display_name="Zoë Martin", handles=(handle,)))
    return services


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    return sms_backup(tmp_path / "sms-20261130.xml", [*ZOE_TEXTS, *STRANGER_TEXTS])


@pytest.fixture
def workspace(qtbot: QtBot, practice: Services) -> Workspace:
    shown = Workspace(practice, ScriptedPrompter())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def reading_alive() -> bool:
    return any(t.name == "import-reading" and t.is_alive() for t in threading.enumerate())


def watched(dialog: ImportDialog) -> list[bool]:
    """Filled, as the dialog is destroyed, with whether a reading thread was still alive."""
    seen: list[bool] = []
    dialog.destroyed.connect(lambda: seen.append(reading_alive()))
    return seen


def still_there(dialog: ImportDialog) -> bool:
    """Whether the dialog survives every deletion already asked for."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return shiboken6.isValid(dialog)


def previewed(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)


def test_the_dialog_on_its_own_is_deleted_when_closed_after_a_preview(
    qtbot: QtBot, practice: Services, backup: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ImportDialog(practice, ScriptedPrompter(), parent)
    dialog.show()
    previewed(qtbot, dialog, backup)
    seen = watched(dialog)
    dialog.close()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # destroyed
    assert not shiboken6.isValid(dialog)
    assert seen == [False]  # its reading had ended


def test_the_dialog_is_deleted_when_closed_after_importing(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path
) -> None:
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None
    previewed(qtbot, dialog, backup)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # Import
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    seen = watched(dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # Close
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # destroyed
    assert not shiboken6.isValid(dialog)
    assert seen == [False] and workspace.import_dialog is None
    assert len(list(practice.events.list())) == 3


Held = tuple[threading.Event, threading.Event]  # the reading has begun; let it go on


def hold_preview(monkeypatch: pytest.MonkeyPatch, *, heeds_cancel: bool) -> Held:
    """The real preview, held before it reads until the test lets it go, or (if it
    `heeds_cancel`) until it is cancelled."""
    reading, release = threading.Event(), threading.Event()
    real = imports.preview

    def held(services: Services, path: Path, choices: imports.ImportChoices, *,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> imports.ImportPreview:  # fmt: skip
        reading.set()
        while not release.wait(0.005):
            if heeds_cancel and cancelled is not None and cancelled():
                raise imports.ImportCancelled()
        return real(services, path, choices, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(import_dialog.imports, "preview", held)
    return reading, release


@pytest.fixture
def held_reading(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    reading, release = hold_preview(monkeypatch, heeds_cancel=True)
    yield reading, release
    release.set()


@pytest.fixture
def slow_to_stop(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """A reading that notices Cancel only once let go, and a close that waits briefly."""
    reading, release = hold_preview(monkeypatch, heeds_cancel=False)
    monkeypatch.setattr(running, "STOP_WAIT_S", 0.01)
    yield reading, release
    release.set()


def reading_dialog(qtbot: QtBot, workspace: Workspace, path: Path, reading: threading.Event
) -> ImportDialog:  # fmt: skip
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == READING and reading.is_set(), timeout=10_000)
    return dialog


def test_closed_mid_reading_the_dialog_goes_once_the_reading_has_stopped(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path, held_reading: Held
) -> None:
    dialog = reading_dialog(qtbot, workspace, backup, held_reading[0])
    seen = watched(dialog)
    dialog.close()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # destroyed
    assert not shiboken6.isValid(dialog)
    assert seen == [False] and workspace.import_dialog is None
    assert list(practice.events.list()) == []


def test_a_reading_slow_to_stop_keeps_the_closed_dialog_until_it_has_stopped(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path, slow_to_stop: Held
) -> None:
    reading, release = slow_to_stop
    dialog = reading_dialog(qtbot, workspace, backup, reading)
    seen = watched(dialog)
    dialog.close()
    assert not dialog.isVisible() and workspace.import_dialog is None
    assert reading_alive() and still_there(dialog)  # kept while its thread runs on
    release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)  # destroyed
    assert not shiboken6.isValid(dialog)
    assert seen == [False]
    assert list(practice.events.list()) == []
