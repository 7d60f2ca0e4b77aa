"""Every screen can be worked from the keyboard and every control has a spoken name.

A screen-reader user hears a control's accessible name (its own, its text, or the label
it is the buddy of); a keyboard user reaches it with Tab. Each screen is walked with
real Tab key presses, so a table or text box that swallows Tab is caught too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactEvent
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.imports.dialog import PREVIEW, QUESTIONS, ImportDialog
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.import_files import (
    STRANGER_TEXTS,
    ZOE_PHONE,
    ZOE_TEXTS,
    contact_cards,
    sms_backup,
)
from tests.ui.keyboard import focusable_controls, unlabelled_combos, unnamed, unreachable
from tests.ui.test_timeline_page import contact

FRIDAY_2240 = datetime(2026, 11, 28, 3, 40, tzinfo=UTC)
PAGES = ["Clients", "Timeline", "Weekly review", "Settings", "Agreement wording", "Backups"]


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    return services


@pytest.fixture
def zoe(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Zoë Martin"))


@pytest.fixture
def logged(practice: Services, zoe: Client) -> ContactEvent:
    return log_event(practice, contact(zoe, FRIDAY_2240, "Can we move Monday?"), FRIDAY_2240).event


def shown(qtbot: QtBot, widget: QWidget, width: int = 1280, height: int = 720) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)  # shortcuts need it
    return widget


def assert_keyboard_ready(root: QWidget) -> None:
    controls = focusable_controls(root)
    assert controls, "nothing on this screen takes focus"
    assert unnamed(root) == []
    assert unlabelled_combos(root) == []
    assert unreachable(root, controls[0]) == []


def test_the_first_run_setup_steps(qtbot: QtBot, location: VaultLocation) -> None:
    setup = shown(qtbot, FirstRunSetup(location, ScriptedPrompter()))
    assert isinstance(setup, FirstRunSetup)
    for page in (setup.welcome, setup.protection, setup.recovery):
        assert setup._stack.currentWidget() is page
        assert_keyboard_ready(setup)
        setup.recovery.confirm.setChecked(page is setup.recovery)
        setup.go_next()
    assert setup._stack.currentWidget() is setup.practice
    assert_keyboard_ready(setup)


@pytest.mark.parametrize("name", PAGES)
def test_each_main_window_page(
    qtbot: QtBot, practice: Services, logged: ContactEvent, name: str
) -> None:
    workspace = shown(qtbot, Workspace(practice, ScriptedPrompter()))
    assert isinstance(workspace, Workspace)
    workspace.show_page(name)
    QApplication.processEvents()
    assert_keyboard_ready(workspace)


def test_the_quick_log(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    dialog = QuickLogDialog(practice, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    assert_keyboard_ready(shown(qtbot, dialog, 620, 700))


def test_the_agreement_editor(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    editor = AgreementEditor(practice, ScriptedPrompter(), zoe)
    assert_keyboard_ready(shown(qtbot, editor, 1200, 700))


def test_the_client_editor(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    editor = ClientEditor(practice, ScriptedPrompter(), zoe)
    assert_keyboard_ready(shown(qtbot, editor, 800, 700))


def test_the_entry_editor(qtbot: QtBot, practice: Services, logged: ContactEvent) -> None:
    editor = EventEditor(practice, logged, lambda: FRIDAY_2240)
    assert_keyboard_ready(shown(qtbot, editor, 700, 700))


def test_down_in_the_sections_list_moves_to_the_next_section(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    workspace = shown(qtbot, Workspace(practice, ScriptedPrompter()))
    assert isinstance(workspace, Workspace)
    workspace.nav.setFocus()
    qtbot.keyClick(workspace.nav, Qt.Key.Key_Down)
    assert workspace.pages.currentWidget() is workspace.timeline_page
    assert QApplication.focusWidget() is workspace.nav


def test_down_from_client_search_goes_to_the_table(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    workspace = shown(qtbot, Workspace(practice, ScriptedPrompter()))
    assert isinstance(workspace, Workspace)
    search = workspace.clients_page.search
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is workspace.clients_page.table


def test_delete_and_ctrl_z_belong_to_the_timeline_list_not_the_whole_window(
    qtbot: QtBot, practice: Services, logged: ContactEvent
) -> None:
    workspace = shown(qtbot, Workspace(practice, ScriptedPrompter()))
    assert isinstance(workspace, Workspace)
    workspace.show_page("Timeline")
    page = workspace.timeline_page
    page.select(logged.id)
    page.filters.after_hours.setFocus()
    qtbot.keyClick(page.filters.after_hours, Qt.Key.Key_Delete)
    assert [event.id for event in practice.events.list()] == [logged.id]

    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert practice.events.list() == []
    workspace.show_page("Clients")
    workspace.clients_page.search.setFocus()
    qtbot.keyClick(workspace.clients_page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert practice.events.list() == []


def test_the_import_at_each_step(qtbot: QtBot, practice: Services, tmp_path: Path) -> None:
    phone = ContactHandle(HandleKind.PHONE, ZOE_PHONE)
    practice.clients.add(Client(code="", display_name="Zoë Martin", handles=(phone,)))
    dialog = shown(qtbot, ImportDialog(practice, ScriptedPrompter()), 980, 700)
    assert isinstance(dialog, ImportDialog)
    assert_keyboard_ready(dialog)
    dialog.open_file(contact_cards(tmp_path / "contacts.vcf"))
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    assert_keyboard_ready(dialog)
    dialog.open_file(sms_backup(tmp_path / "sms.xml", [*ZOE_TEXTS, *STRANGER_TEXTS]))
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert_keyboard_ready(dialog)
