"""Workspace pages are built the first time they are shown or asked for, and only once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.ui.shell.on_demand_pages import OnDemandPages
from boundary_desk.ui.shell.workspace import BACKUPS, CLIENTS, REVIEW, SETTINGS, Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def _pages(qtbot, built: list[str]) -> OnDemandPages:
    pages = OnDemandPages()
    qtbot.addWidget(pages)

    def builder(name: str):
        def build() -> QWidget:
            built.append(name)
            return QLabel(name)

        return build

    for name in ("First", "Second", "Third"):
        pages.add_page(name, builder(name))
    return pages


def test_a_page_is_built_when_first_shown_and_kept(qtbot) -> None:
    built: list[str] = []
    pages = _pages(qtbot, built)
    pages.show()

    pages.show_index(1)
    first_second = pages.currentWidget()
    pages.show_index(0)
    pages.show_index(1)

    assert built == ["Second", "First"]
    assert pages.currentWidget() is first_second
    assert isinstance(first_second, QLabel) and first_second.text() == "Second"
    assert pages.count() == 3  # each placeholder replaced, none added
    assert pages.indexOf(first_second) == 1


def test_asking_for_a_page_builds_it_without_showing_it(qtbot) -> None:
    built: list[str] = []
    pages = _pages(qtbot, built)
    pages.show_index(0)

    third = pages.page("Third")

    assert built == ["First", "Third"]
    assert pages.currentIndex() == 0
    assert pages.is_built("Third") and not pages.is_built("Second")
    assert pages.page("Third") is third


def test_an_unknown_page_or_row_is_refused_and_nothing_is_built(qtbot) -> None:
    built: list[str] = []
    pages = _pages(qtbot, built)

    with pytest.raises(KeyError):
        pages.page("Fourth")
    pages.show_index(7)
    pages.show_index(-1)

    assert built == []
    assert pages.count() == 3


def test_a_page_that_fails_to_build_leaves_its_place_to_try_again(qtbot) -> None:
    pages = OnDemandPages()
    qtbot.addWidget(pages)
    attempts: list[int] = []

    def flaky() -> QWidget:
        attempts.append(1)
        if len(attempts) == 1:
            raise InvalidInput("The settings could not be read.")
        return QLabel("Settings")

    pages.add_page("Settings", flaky)
    with pytest.raises(InvalidInput):
        pages.show_index(0)
    pages.show_index(0)

    assert len(attempts) == 2
    assert pages.count() == 1
    assert isinstance(pages.currentWidget(), QLabel)


def test_unlocking_builds_only_the_client_list(qtbot, services: Services) -> None:
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.show()

    built = [name for name in workspace.pages.names if workspace.pages.is_built(name)]
    assert built == [CLIENTS]
    assert workspace.pages.currentWidget() is workspace.clients_page

    workspace.refresh_events()  # a contact logged elsewhere: no page is built for it
    assert not workspace.pages.is_built(REVIEW)


def test_the_navigation_builds_each_page_and_signals_still_reach_the_workspace(
    qtbot, services: Services
) -> None:
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.show()

    workspace.show_page(SETTINGS)
    assert workspace.pages.currentWidget() is workspace.settings_page
    with qtbot.waitSignal(workspace.settings_changed):
        workspace.settings_page.settings_saved.emit()

    workspace.backups_page.backup_finished.emit("disk full")  # built unseen, still wired
    assert "Backup failed" in workspace.status.text()
    assert workspace.pages.currentWidget() is workspace.settings_page
    assert workspace.pages.is_built(BACKUPS)
