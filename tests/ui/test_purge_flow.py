"""Purging from the client list: asked first, then the backups that still hold the client
are named, with the choice to purge them there too, delete them, or keep them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.vault.backups import Backup, read_backup
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.clients.purge_flow import OPTIONS
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_clients_page import names, select


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> ClientsPage:
    widget = ClientsPage(services, prompter, today=lambda: date(2026, 3, 3))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def backed_up(services: Services, page: ClientsPage) -> Backup:
    services.clients.add(
        Client(
            code="UP1",
            display_name="Ui Purge Person",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    made = take_backup(services)
    page.refresh()
    select(page, "Ui Purge Person")
    return made


def test_the_result_names_the_backup_and_rewrites_it(
    page: ClientsPage, prompter: ScriptedPrompter, services: Services, backed_up: Backup
) -> None:
    prompter.confirms.append(True)
    prompter.choices.append(OPTIONS.index("Purge them from those copies too"))
    page.purge_selected()
    kinds = [kind for kind, _, _ in prompter.asked]
    assert kinds == ["confirm", "choose"]
    assert f"backup {backed_up.path.resolve()}: still holds the client" in prompter.asked[1][2]
    assert names(page) == []
    assert read_backup(backed_up.path).counts["clients"] == 0
    assert page.status.text() == "Purged UP1, and purged them from 1 backup copy too."


def test_delete_removes_the_backup_and_keep_leaves_it(
    page: ClientsPage, prompter: ScriptedPrompter, backed_up: Backup
) -> None:
    prompter.confirms.append(True)
    prompter.choices.append(OPTIONS.index("Delete those copies"))
    page.purge_selected()
    assert not Path(backed_up.path).exists()
    assert page.status.text() == "Purged UP1, and deleted 1 backup copy that held them."


def test_keeping_them_says_they_still_hold_the_client(
    page: ClientsPage, prompter: ScriptedPrompter, backed_up: Backup
) -> None:
    prompter.confirms.append(True)
    prompter.choices.append(OPTIONS.index("Keep them for now"))
    page.purge_selected()
    assert read_backup(backed_up.path).counts["clients"] == 1
    assert "1 backup copy still holds them until they rotate out" in page.status.text()


def test_declining_purges_nothing(
    page: ClientsPage, prompter: ScriptedPrompter, services: Services, backed_up: Backup
) -> None:
    prompter.confirms.append(False)
    page.purge_selected()
    assert names(page) == ["Ui Purge Person"]
    assert [kind for kind, _, _ in prompter.asked] == ["confirm"]
