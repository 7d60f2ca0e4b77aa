"""Sessions tied to a client by mistake are removed from the client list, once confirmed
(the removal use case is the CLI's, whose tests check the audit trail)."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.sessions import commit_calendar, list_sessions, preview_calendar
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.services.test_sessions import TORONTO, calendar


@pytest.fixture
def robin(services: Services, tmp_path: Path) -> Client:
    services.settings.set("timezone", "America/Toronto")
    robin = services.clients.add(Client(code="RB1", display_name="Robin Bell"))
    services.clients.add(Client(code="ZM2", display_name="Zoë Martin"))
    first = datetime.now(TORONTO).replace(hour=18, minute=0) - timedelta(weeks=2)
    shown = preview_calendar(services, calendar(tmp_path, first, weeks=4), {"RB1": "session"})
    commit_calendar(services, shown)
    return robin


def page_on(qtbot: QtBot, services: Services, prompter: ScriptedPrompter, code: str) -> ClientsPage:
    page = ClientsPage(services, prompter)
    qtbot.addWidget(page)
    page.show()
    row = next(r for r in range(page.model.rowCount()) if page.model.client_at(r).code == code)
    page.table.selectRow(row)
    return page


def test_a_clients_sessions_are_removed_once_confirmed_and_the_removal_is_audited(
    qtbot: QtBot, services: Services, robin: Client
) -> None:
    prompter = ScriptedPrompter(confirms=deque([False, True]))
    page = page_on(qtbot, services, prompter, "RB1")
    assert page._has_sessions(robin)
    page.remove_sessions_for_selected()
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("confirm", "Remove sessions")
    assert "Remove the 4 sessions imported from your calendar for Robin Bell (RB1)" in text
    assert len(list_sessions(services, "RB1")) == 4  # declined: nothing removed
    page.remove_sessions_for_selected()
    assert list_sessions(services, "RB1") == []
    assert page.status.text() == "Removed 4 sessions of Robin Bell's."
    assert not page._has_sessions(robin)


def test_a_client_with_no_sessions_is_told_so_and_nothing_is_asked(
    qtbot: QtBot, services: Services, robin: Client
) -> None:
    prompter = ScriptedPrompter()
    page = page_on(qtbot, services, prompter, "ZM2")
    page.remove_sessions_for_selected()
    assert prompter.asked == []
    assert page.status.text() == "No sessions are imported for Zoë Martin."
    assert len(list_sessions(services, "RB1")) == 4
