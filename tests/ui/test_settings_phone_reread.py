"""A region in another country reads the stored phone numbers again, through the app."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.settings.places import RegionPicker
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text
from tests.ui.test_clients_page import names
from tests.ui.test_settings_page import OFFSCREEN_POPUP, save

pytestmark = OFFSCREEN_POPUP

SENTENCE = (
    "No entries are logged yet, so none is re-judged against the new region's holidays. "
    "3 phone numbers typed without a country code will be read as +44 (United Kingdom) "
    "numbers. 1 of them can't be read there; it is kept as typed but won't be matched as "
    "a number: TF4."
)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def workspace(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> Workspace:
    services.settings.set_many({"region": "CA-ON", "timezone": "America/Toronto"})
    for code, name, typed in [
        ("AL1", "Ana Lima", "416-555-0142"),
        ("JE3", "Jordan Ellis", "020 7946 0958"),
        ("TF4", "Tess Fox", "1-800-555-0199"),
        ("MR2", "Mo Roy", "+1 905 555 0100"),
    ]:
        phone = ContactHandle(HandleKind.PHONE, typed)
        services.clients.add(Client(code=code, display_name=name, handles=(phone,)))
    widget = Workspace(services, prompter)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def pick_england(workspace: Workspace) -> None:
    workspace.show_page("Settings")
    picker = workspace.settings_page.fields["region"].input
    assert isinstance(picker, RegionPicker)
    picker.box.setCurrentIndex(picker.box.findText("England, United Kingdom"))


def search_clients(qtbot: QtBot, workspace: Workspace, typed: str) -> list[str]:
    workspace.show_page("Clients")
    page = workspace.clients_page
    page.search.clear()
    type_text(qtbot, page.search, typed)
    return names(page)


def test_the_region_change_says_how_many_numbers_are_read_again_and_asks_first(
    qtbot: QtBot, workspace: Workspace, services: Services, prompter: ScriptedPrompter
) -> None:
    pick_england(workspace)
    prompter.confirms.append(False)
    with qtbot.assertNotEmitted(workspace.settings_page.settings_saved):
        save(qtbot, workspace.settings_page)
    [(kind, title, text)] = prompter.asked
    assert (kind, title, text) == (
        "confirm",
        "Re-read phone numbers?",
        f"{SENTENCE}\n\nSave the change?",
    )
    assert "Tess" not in text
    assert services.settings.values()["region"] == "CA-ON"
    assert search_clients(qtbot, workspace, "+44 20 7946 0958") == []


def test_after_the_change_the_clients_page_finds_numbers_in_their_new_form(
    qtbot: QtBot, workspace: Workspace, services: Services, prompter: ScriptedPrompter
) -> None:
    assert search_clients(qtbot, workspace, "+1 416 555 0142") == ["Ana Lima"]
    pick_england(workspace)
    prompter.confirms.append(True)
    with qtbot.waitSignal(workspace.settings_page.settings_saved):
        save(qtbot, workspace.settings_page)
    # Then the note that the Toronto zone is another country's than the region.
    assert workspace.settings_page.saved_line.text().startswith(f"Saved. {SENTENCE} The region")
    assert services.settings.values()["region"] == "GB-ENG"

    assert search_clients(qtbot, workspace, "+44 20 7946 0958") == ["Jordan Ellis"]
    assert search_clients(qtbot, workspace, "+44 416 555 0142") == ["Ana Lima"]
    assert search_clients(qtbot, workspace, "+1 416 555 0142") == []
    assert search_clients(qtbot, workspace, "+1 905 555 0100") == ["Mo Roy"]
    assert search_clients(qtbot, workspace, "1-800-555-0199") == ["Tess Fox"]  # by its digits
