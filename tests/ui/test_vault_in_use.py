"""The app and a command line (or a second app) on one vault: nothing is swapped under either.

The other side is a real process: the CLI in a subprocess, or tests/vault_holder.py.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.errors import VAULT_IN_USE
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.crash import install_crash_handler
from boundary_desk.ui.quick_log.window import DRAFT_NAME, QuickLogDialog
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.cli.conftest import Cli, assert_user_error
from tests.conftest import PASSPHRASE
from tests.ui.test_quick_log import contact_form
from tests.ui.test_restore import backed_up_vault, names
from tests.vault_holder import Holder


@pytest.fixture
def cli(location: VaultLocation, tmp_path: Path) -> Cli:
    return Cli(location.paths.data_dir, tmp_path / "home")


def open_app(qtbot: QtBot, location: VaultLocation, prompter: ScriptedPrompter) -> AppWindow:
    window = AppWindow(location, prompter)
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)
    return window


def log_for_ada(qtbot: QtBot, services: Services) -> QuickLogDialog:
    dialog = QuickLogDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.client_field.set_client(services.clients.find("Ada"))
    contact_form(dialog).summary.setPlainText("Asked to move Monday's session")
    dialog.save()
    return dialog


def test_a_restore_from_the_command_line_is_refused_while_the_app_is_open(
    qtbot: QtBot, location: VaultLocation, cli: Cli
) -> None:
    backup = backed_up_vault(location, passphrase=PASSPHRASE)
    window = open_app(qtbot, location, ScriptedPrompter())

    refused = cli("restore", str(backup), "--yes")

    assert_user_error(refused, VAULT_IN_USE)
    assert not list(location.paths.backup_dir.glob("replaced-*"))
    # The app goes on writing into the live vault, where the command line finds it.
    assert window.services is not None
    dialog = log_for_ada(qtbot, window.services)
    # Saved: the result shows (its heading depends on the hour it runs: after hours or not).
    assert dialog.saved is not None and dialog.pages.currentWidget() is dialog.result_page
    assert len(cli("events", "--json").json()) == 1
    assert names(window.services) == ["Ada", "Bea"]


def test_a_log_from_the_command_line_while_the_app_is_open_reaches_the_app(
    qtbot: QtBot, location: VaultLocation, cli: Cli
) -> None:
    backed_up_vault(location, passphrase=PASSPHRASE)
    window = open_app(qtbot, location, ScriptedPrompter())

    logged = cli("log", "Ada", "--channel", "email", "--direction", "in")

    assert logged.code == 0, logged.err
    assert window.services is not None
    assert len(window.services.events.list()) == 1


def test_the_apps_restore_is_refused_while_a_command_has_the_vault_open(
    qtbot: QtBot, location: VaultLocation
) -> None:
    backed_up_vault(location, passphrase=PASSPHRASE)
    window = open_app(qtbot, location, ScriptedPrompter(confirms=deque([True])))
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    workspace.show_page("Backups")
    workspace.backups_page.table.select(0)

    with Holder(location.paths.data_dir, PASSPHRASE):
        workspace.backups_page.restore_button.click()

    assert window.current_screen is workspace
    assert workspace.backups_page.message.text() == f"The restore failed: {VAULT_IN_USE}"
    assert names(window.services) == ["Ada", "Bea"]
    assert not list(location.paths.backup_dir.glob("replaced-*"))


def test_the_draft_autosave_skips_quietly_while_another_process_writes(
    qtbot: QtBot,
    location: VaultLocation,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="AL1", display_name="Ada"))
    crashes: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_crash_handler(location.paths.crash_dir, lambda report, _path: crashes.append(report))
    dialog = QuickLogDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.show()
    summary = contact_form(dialog).summary

    with (
        Holder(location.paths.data_dir, PASSPHRASE, mode="write"),
        caplog.at_level(logging.WARNING, logger="boundary_desk.ui.quick_log.window"),
    ):
        qtbot.keyClicks(summary, "Zephyrine asked")
        qtbot.waitUntil(lambda: "draft was not kept" in caplog.text, timeout=5000)

    assert crashes == []
    assert not location.paths.crash_dir.exists() or not any(location.paths.crash_dir.iterdir())
    assert "Zephyrine" not in caplog.text  # no client text in the log
    # The other write is over: the next edit keeps the draft.
    qtbot.keyClick(summary, Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: services.drafts.load(DRAFT_NAME) is not None, timeout=3000)
    dialog.close()
    services.close()


def test_a_save_while_another_process_writes_waits_then_says_so_in_the_form(
    qtbot: QtBot, location: VaultLocation
) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="AL1", display_name="Ada"))

    with Holder(location.paths.data_dir, PASSPHRASE, mode="write"):
        dialog = log_for_ada(qtbot, services)

    assert dialog.saved is None
    assert "in use by another Boundary Desk window or command" in dialog.error.text()
    assert dialog.pages.currentWidget() is dialog.form_page  # what was typed is still there
    assert contact_form(dialog).summary.toPlainText() == "Asked to move Monday's session"
    assert services.events.list() == []
    dialog.save()  # the other write is over: now it is logged
    assert dialog.saved is not None and len(services.events.list()) == 1
    services.close()


def test_the_draft_autosave_skips_quietly_on_a_read_only_vault(
    qtbot: QtBot,
    location: VaultLocation,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services = Services.open(location.create().vault)
    services.clients.add(Client(code="AL1", display_name="Ada"))
    services.close()
    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    services = Services.open(location.unlock())
    dialog = QuickLogDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    contact_form(dialog).summary.setPlainText("Asked to move Monday's session")

    with caplog.at_level(logging.WARNING, logger="boundary_desk.ui.quick_log.window"):
        dialog.flush_draft()

    assert "draft was not kept" in caplog.text
    services.close()
