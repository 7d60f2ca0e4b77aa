"""The main window picks the right screen, never replaces a vault, and starts cleanly."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget

from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.state import VaultState
from boundary_desk.ui.shell import application
from boundary_desk.ui.shell.app_window import (
    GEOMETRY_KEY,
    AppWindow,
    VaultProblemScreen,
)
from boundary_desk.ui.shell.crash_dialog import CrashDialog
from boundary_desk.ui.shell.workspace import APP_NAME, Workspace
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets import save_files
from boundary_desk.ui.widgets.desktop_settings import SETTINGS_ORG
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def open_window(qtbot, location: VaultLocation, prompter: ScriptedPrompter | None = None):
    window = AppWindow(location, prompter or ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    return window


def screens_in(window: AppWindow) -> int:
    stack = window.centralWidget()
    assert isinstance(stack, QStackedWidget)
    return stack.count()


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


@pytest.fixture
def vault(location: VaultLocation) -> VaultLocation:
    location.create().vault.close()
    return location


def test_no_vault_shows_first_run_setup(qtbot, location: VaultLocation) -> None:
    window = open_window(qtbot, location)

    assert isinstance(window.current_screen, FirstRunSetup)
    assert screens_in(window) == 1
    assert window.windowTitle() == APP_NAME
    assert not window.lock_action.isEnabled()


def test_a_vault_shows_the_unlock_screen(qtbot, vault: VaultLocation) -> None:
    window = open_window(qtbot, vault)

    assert isinstance(window.current_screen, UnlockScreen)
    assert screens_in(window) == 1


@pytest.mark.parametrize("missing", ["key", "database"])
def test_a_vault_missing_a_file_is_explained_and_never_replaced(
    qtbot, vault: VaultLocation, data_dir: Path, missing: str
) -> None:
    gone = vault.paths.key_file if missing == "key" else vault.paths.vault_file
    kept = gone.read_bytes()
    gone.unlink()
    before = snapshot(data_dir)

    window = open_window(qtbot, vault)

    screen = window.current_screen
    assert isinstance(screen, VaultProblemScreen)
    assert screens_in(window) == 1
    assert gone.name in screen.message.text()
    assert "No new vault" in screen.message.text() or "untouched" in screen.message.text()
    assert not window.findChildren(FirstRunSetup)
    assert not [b for b in window.findChildren(type(screen.retry_button)) if "Create" in b.text()]
    assert snapshot(data_dir) == before
    assert vault.state() in (VaultState.KEY_FILE_MISSING, VaultState.DATABASE_MISSING)

    screen.retry_button.click()  # still missing: the same explanation, still nothing made
    assert isinstance(window.current_screen, VaultProblemScreen)
    assert snapshot(data_dir) == before

    gone.write_bytes(kept)
    window.current_screen.retry_button.click()
    assert isinstance(window.current_screen, UnlockScreen)


def test_a_damaged_key_file_is_explained(qtbot, vault: VaultLocation, data_dir: Path) -> None:
    vault.paths.key_file.write_text("this is not a key file")
    before = snapshot(data_dir)

    window = open_window(qtbot, vault)

    screen = window.current_screen
    assert isinstance(screen, VaultProblemScreen)
    assert "damaged or unreadable" in screen.message.text()
    assert snapshot(data_dir) == before


def test_unlocking_shows_only_the_workspace_and_the_title_stays_plain(
    qtbot, vault: VaultLocation
) -> None:
    window = open_window(qtbot, vault)
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)

    screen.unlock_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert screens_in(window) == 1
    assert window.windowTitle() == APP_NAME
    assert window.lock_action.isEnabled()
    nav = window.current_screen.nav
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Clients",
        "Timeline",
        "Weekly review",
        "Settings",
        "Agreement wording",
        "Backups",
    ]


def test_the_header_names_the_practice_once_set(qtbot, vault: VaultLocation) -> None:
    window = open_window(qtbot, vault)
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace) and window.services is not None
    assert workspace.practice_name.text() == APP_NAME

    window.services.settings.set("practice", "Harbourview Counselling")
    workspace.settings_page.settings_saved.emit()

    assert workspace.practice_name.text() == "Harbourview Counselling"
    assert window.windowTitle() == APP_NAME


def test_the_settings_page_is_one_click_away(qtbot, vault: VaultLocation) -> None:
    window = open_window(qtbot, vault)
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)

    workspace.nav.setCurrentRow(3)

    assert workspace.pages.currentWidget() is workspace.settings_page


def test_closing_the_window_closes_the_vault_and_keeps_only_geometry(
    qtbot, vault: VaultLocation
) -> None:
    window = open_window(qtbot, vault)
    window.current_screen.unlock_button.click()
    services = window.services
    assert services is not None

    window.close()

    assert not services.vault.is_open
    stored = QSettings(SETTINGS_ORG, APP_NAME)
    assert stored.value(GEOMETRY_KEY) is not None
    # The geometry only: the folders last saved into are kept in the vault.
    assert stored.allKeys() == [GEOMETRY_KEY]
    if os.name == "posix" and sys.platform != "darwin":
        settings_file = Path(stored.fileName())
        assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(settings_file.parent.stat().st_mode) == 0o700


def test_folders_an_older_version_kept_in_the_settings_are_gone_at_start(
    qtbot, vault: VaultLocation
) -> None:
    older = QSettings(SETTINGS_ORG, APP_NAME)
    older.setValue(f"{save_files.FOLDERS_GROUP}/{save_files.RECORD}", "/home/me/Clients/Jane Doe")
    older.sync()

    window = open_window(qtbot, vault)

    stored = QSettings(SETTINGS_ORG, APP_NAME)
    assert not [k for k in stored.allKeys() if k.startswith(save_files.FOLDERS_GROUP)]
    assert "Jane Doe" not in Path(stored.fileName()).read_text(encoding="utf-8")
    window.close()


def test_about_goes_through_the_prompter(qtbot, location: VaultLocation) -> None:
    prompter = ScriptedPrompter()
    window = open_window(qtbot, location, prompter)
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]

    (about_action,) = [a for a in help_menu.actions() if a.text() == "About Boundary Desk"]
    about_action.trigger()

    (about,) = prompter.messages("inform")
    assert "Boundary Desk" in about


def test_build_window_makes_a_window_without_running_the_app(
    qtbot, location: VaultLocation
) -> None:
    window = application.build_window(location, ScriptedPrompter(), idle_ms=1000)
    qtbot.addWidget(window)

    assert isinstance(window, AppWindow)
    assert isinstance(window.current_screen, FirstRunSetup)


def test_run_app_names_the_app_logs_and_shows_the_window(
    qtbot, vault: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    names = (app.applicationName(), app.organizationName(), app.desktopFileName())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    before = set(QApplication.topLevelWidgets())

    try:
        assert application.run_app(vault) == 0
        assert app.applicationName() == APP_NAME
        assert app.organizationName() == SETTINGS_ORG
        assert app.desktopFileName() == application.DESKTOP_FILE_NAME
        assert (vault.paths.log_dir / "boundary-desk.log").exists()
        assert sys.excepthook is not sys.__excepthook__
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, AppWindow) and w not in before
        ]
        assert window.isVisible()
        assert isinstance(window.current_screen, UnlockScreen)
        qtbot.addWidget(window)
    finally:
        app.setApplicationName(names[0])
        app.setOrganizationName(names[1])
        app.setDesktopFileName(names[2])
        _remove_file_logging()


def _remove_file_logging() -> None:
    root = logging.getLogger("boundary_desk")
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def test_the_crash_listener_shows_one_calm_dialog(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []

    def fake_exec(dialog: CrashDialog) -> int:
        shown.append(dialog.report_view.toPlainText())
        qtbot.addWidget(dialog)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    listener = application.CrashListener()

    listener("Boundary Desk crash report\nerror: builtins.KeyError\n", tmp_path / "crash.txt")

    assert shown == ["Boundary Desk crash report\nerror: builtins.KeyError\n"]


def test_the_crash_dialog_copies_its_report(qtbot, tmp_path: Path) -> None:
    dialog = CrashDialog("report text\n", tmp_path / "crash.txt")
    qtbot.addWidget(dialog)

    dialog.copy_button.click()

    assert QGuiApplication.clipboard().text() == "report text\n"
    assert dialog.copy_button.text() == "Copied"
    assert str(tmp_path / "crash.txt") in " ".join(w.text() for w in dialog.findChildren(QLabel))
    QGuiApplication.clipboard().clear()
