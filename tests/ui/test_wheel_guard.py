"""Scrolling a page never changes a setting the pointer passes over, on any screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.wheel_guard import GUARDED, install_wheel_guard


@pytest.fixture(autouse=True)
def guard(qapp: QApplication) -> None:
    install_wheel_guard(qapp)  # as the app's own setup does


def wheel(widget: QWidget, notches: int = -3) -> None:
    """Turn the wheel over the middle of `widget`, as a pointer resting on it would."""
    middle = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        middle,
        QPointF(widget.mapToGlobal(middle)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(control: QWidget) -> object:
    if isinstance(control, QComboBox):
        return (control.currentIndex(), control.currentText())
    if isinstance(control, QAbstractSpinBox):
        return control.text()
    assert isinstance(control, QAbstractSlider)
    return control.value()


def value_controls(root: QWidget) -> Iterator[QWidget]:
    for control in root.findChildren(QWidget):
        if isinstance(control, GUARDED) and not control.inherits("QScrollBar"):
            yield control


def assert_wheel_changes_nothing(root: QWidget) -> int:
    """Scroll over every value control under `root`; returns how many there were."""
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    controls = list(value_controls(root))
    for control in controls:
        for notches in (-3, 3):
            before = value_of(control)
            wheel(control, notches)
            inner = control.findChildren(QWidget)  # an editable box's line edit, a spin's
            for part in inner:
                wheel(part, notches)
            assert value_of(control) == before, f"the wheel changed {control!r}"
        policy = control.focusPolicy()
        assert policy != Qt.FocusPolicy.WheelFocus, f"{control!r} would take focus from the wheel"
    return len(controls)


def test_a_focused_control_still_takes_the_wheel_and_an_unfocused_one_passes_it_on(
    qtbot: QtBot,
) -> None:
    page = QScrollArea()
    qtbot.addWidget(page)
    content = QWidget()
    column = QVBoxLayout(content)
    box = QComboBox()
    box.addItems([f"Zone {n}" for n in range(40)])
    box.setCurrentIndex(20)
    spin = QSpinBox()
    spin.setValue(10)
    column.addWidget(box)
    column.addWidget(spin)
    column.addSpacing(2000)
    page.setWidget(content)
    page.resize(300, 200)
    page.show()
    qtbot.waitExposed(page)
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus

    wheel(box)
    wheel(spin)

    assert box.currentIndex() == 20 and spin.value() == 10
    assert page.verticalScrollBar().value() > 0  # the page scrolled instead

    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 11  # once chosen, the wheel is the user's to use


def test_scrolling_the_settings_page_changes_no_setting(
    qtbot: QtBot, vault_window: AppWindow
) -> None:
    workspace = vault_window.current_screen
    assert isinstance(workspace, Workspace)
    page = workspace.settings_page
    workspace.nav.setCurrentRow(3)
    before = page.changed_values()
    # The zone and region boxes, two times for each working day, two vacation dates, the
    # review day and time, the auto-lock minutes, years kept and replaced vaults …
    assert assert_wheel_changes_nothing(page) >= 19
    for key in ("review", "autolock", "retention", "replaced"):
        assert list(value_controls(page.fields[key])), key
    assert page.changed_values() == before == {}
    assert not page.save_button.isEnabled()


def test_scrolling_any_page_of_the_workspace_changes_nothing(
    qtbot: QtBot, vault_window: AppWindow
) -> None:
    workspace = vault_window.current_screen
    assert isinstance(workspace, Workspace)
    for row in range(workspace.nav.count()):
        workspace.nav.setCurrentRow(row)
        page = workspace.pages.currentWidget()
        assert page is not None
        assert_wheel_changes_nothing(page)


def test_scrolling_the_quick_log_changes_nothing(qtbot: QtBot, services: Services) -> None:
    dialog = QuickLogDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.show()
    assert assert_wheel_changes_nothing(dialog) >= 1


def test_scrolling_the_client_and_agreement_editors_changes_nothing(
    qtbot: QtBot, services: Services
) -> None:
    client = services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    prompter = ScriptedPrompter()
    editors: list[QWidget] = [
        ClientEditor(services, prompter, None),
        ClientEditor(services, prompter, client),
        AgreementEditor(services, prompter, client, today=date(2026, 11, 20)),
    ]
    for editor in editors:
        qtbot.addWidget(editor)
        editor.show()
        assert_wheel_changes_nothing(editor)
    assert sum(len(list(value_controls(e))) for e in editors) >= 3  # zones, response times …


def test_scrolling_first_run_setup_changes_nothing(qtbot: QtBot, location: VaultLocation) -> None:
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    assert assert_wheel_changes_nothing(window) >= 1  # the wizard's time zone box


@pytest.fixture
def vault_window(qtbot: QtBot, location: VaultLocation) -> AppWindow:
    location.create().vault.close()
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.current_screen.unlock_button.click()  # type: ignore[attr-defined]
    assert window.services is not None
    window.services.settings.set("timezone", "America/Toronto")  # as setup stores it
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    workspace.settings_page.revert()
    return window
