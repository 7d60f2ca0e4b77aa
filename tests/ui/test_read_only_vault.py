"""A vault that can't be written opens read-only in the app, says so, and offers no writes."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import READ_ONLY_NOTE, VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


@pytest.fixture
def window(qtbot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch) -> AppWindow:
    services = Services.open(location.create().vault)
    services.clients.add(Client(code="", display_name="Quinn"))
    services.close()
    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    window = AppWindow(location, ScriptedPrompter(confirms=deque()))
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    return window


def test_it_opens_with_the_note_and_reads(window: AppWindow, data_dir: Path) -> None:
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    assert workspace.read_only_note.isVisible()
    assert workspace.read_only_note.text() == READ_ONLY_NOTE
    assert workspace.status.text().startswith("Vault open read-only")
    assert workspace.clients_page.model.rowCount() == 1


def test_no_quick_log_and_no_automatic_backup(qtbot, window: AppWindow, data_dir: Path) -> None:
    assert not window.log_action.isEnabled()
    qtbot.wait(50)  # the automatic backup would run once the window has painted
    assert not (data_dir / "backups").exists()

    window.lock()
    assert window.log_action.isEnabled()  # while locked, Ctrl+L leads to the unlock screen


def test_saving_settings_is_refused_in_place(qtbot, window: AppWindow) -> None:
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    page = workspace.settings_page
    page.fields["clinician"].input.setText("Dr Never")

    assert not page.save()

    assert "Nothing was saved" in page.banner.text()
    assert "read-only" in page.banner.text()
    assert window.services is not None
    assert "clinician" not in window.services.settings.values()


def test_back_up_now_says_why_not(qtbot, window: AppWindow, data_dir: Path) -> None:
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)

    with qtbot.waitSignal(workspace.backups_page.backup_finished, timeout=20_000):
        workspace.backups_page.back_up_button.click()

    assert "open read-only" in workspace.backups_page.message.text()
    assert not (data_dir / "backups").exists()
