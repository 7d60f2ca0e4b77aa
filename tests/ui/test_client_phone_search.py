"""A phone number typed any way finds its client, in the quick log and on the Clients page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text
from tests.ui.test_clients_page import TODAY, names
from tests.ui.test_quick_log import open_dialog

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
)

TYPED = ["416-555-0142", "(416) 555-0142", "4165550142"]


def add_clients(services: Services) -> None:
    services.settings.set_many({"region": "CA-ON", "timezone": "America/Toronto"})
    phone = ContactHandle(HandleKind.PHONE, "+1 416 555 0142", "mobile")
    services.clients.add(Client(code="AL1", display_name="Ana Lima", handles=(phone,)))
    other = ContactHandle(HandleKind.PHONE, "905-555-0100")
    services.clients.add(Client(code="JE3", display_name="Jordan Ellis", handles=(other,)))


@pytest.mark.parametrize("typed", TYPED)
def test_the_quick_log_finds_a_client_by_number(
    qtbot: QtBot, services: Services, typed: str
) -> None:
    add_clients(services)
    dialog = open_dialog(qtbot, services)

    qtbot.keyClicks(dialog.client_field.edit, typed)
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)

    assert dialog.client_field.client is not None
    assert dialog.client_field.client.code == "AL1"


@pytest.mark.parametrize("typed", TYPED)
def test_the_clients_page_finds_a_client_by_number(
    qtbot: QtBot, services: Services, typed: str
) -> None:
    add_clients(services)
    page = ClientsPage(services, ScriptedPrompter(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    type_text(qtbot, page.search, typed)
    assert names(page) == ["Ana Lima"]
