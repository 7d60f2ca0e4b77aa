"""What the workspace leaves until after its first paint, and reads only once before it.

Opening the workspace is on the unlock's clock (issue 14: the app's unlock within the
key derivation + 150 ms): the client list is read once, its columns measured once, and
the date-dependent warnings, which the list doesn't show, are re-checked just after.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.ui.clients import page as clients_page
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.clients.table_model import Column
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.services.test_contacts import UNADDRESSED, codes, pending_request


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    real = clients_page.list_clients

    def counted(*args: object, **kwargs: object) -> list[Client]:
        reads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(clients_page, "list_clients", counted)
    return reads


def test_the_list_built_and_shown_at_once_is_read_once_and_again_at_a_later_show(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _count_reads(monkeypatch)
    page = ClientsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert len(reads) == 1

    page.hide()
    services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))  # e.g. the quick log
    qtbot.wait(20)  # a later turn of the event loop
    page.show()
    assert len(reads) == 2
    assert page.model.rowCount() == 1


def test_the_columns_are_fixed_at_their_contents_and_follow_new_contents(
    qtbot: QtBot, services: Services
) -> None:
    page = ClientsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.resize(1200, 560)
    page.show()
    qtbot.waitExposed(page)
    header = page.table.horizontalHeader()
    before = header.sectionSize(Column.CONTACT)
    services.clients.add(Client(code="C-1", display_name="Zoë Martin"))
    services.clients.add(
        Client(code="C-2", display_name="Ana", handles=()),
    )
    page.refresh()
    for column in Column:
        if column is Column.NAME:
            assert header.sectionResizeMode(column) is QHeaderView.ResizeMode.Stretch
            continue
        assert header.sectionResizeMode(column) is QHeaderView.ResizeMode.Fixed
        contents = max(page.table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) == contents  # room enough: nothing gives way
    assert header.sectionSize(Column.CONTACT) == before  # no contact yet: its heading
    # No tooltips, and roles the list doesn't answer cost nothing.
    index = page.model.index(0, Column.NAME)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) is None
    assert page.model.data(index, Qt.ItemDataRole.DisplayRole) in {"Zoë Martin", "Ana"}


def test_a_request_left_pending_reads_unaddressed_just_after_the_workspace_opens(
    qtbot: QtBot, services: Services
) -> None:
    event_id = pending_request(services, datetime.now(UTC) - timedelta(days=12))
    assert UNADDRESSED not in codes(services, event_id)

    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    assert UNADDRESSED not in codes(services, event_id)  # not on the way to the first paint
    qtbot.waitUntil(lambda: UNADDRESSED in codes(services, event_id))
