"""Locking (by hand and when idle) closes the vault and leaves no client text anywhere."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import IDLE_NOTE, AppWindow
from boundary_desk.ui.shell.idle import IdleWatcher
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

MARKER = "Marigold Quintessa"
MARKER_PHONE = "+1 555 010 4242"

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def _column_count(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models keep columnCount private in PySide: one column
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = QModelIndex() if parent is None else parent
    columns = _column_count(model, parent)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in _ROLES:
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
            if index.isValid() and model.rowCount(index) > 0:
                yield from _model_texts(model, index)


def _widget_texts(widget: QWidget) -> Iterator[str]:
    yield from (widget.windowTitle(), widget.toolTip(), widget.accessibleName())
    yield widget.accessibleDescription()
    for action in widget.actions():
        yield from (action.text(), action.toolTip())
    if isinstance(widget, QLabel):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield from (widget.text(), widget.placeholderText())
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield widget.toPlainText()
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QComboBox):
        yield widget.currentText()
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model())


def visible_texts(root: QWidget) -> list[str]:
    """Every piece of text held by `root` and all widgets under it, shown or not."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.extend(text for text in _widget_texts(widget) if text)
    return texts


def mentions_marker(texts: list[str]) -> bool:
    return any(MARKER in text or MARKER_PHONE in text for text in texts)


@pytest.fixture
def vault(location: VaultLocation) -> VaultLocation:
    location.create().vault.close()
    return location


def unlocked_window(qtbot, location: VaultLocation, idle_ms: int | None = None) -> AppWindow:
    window = AppWindow(location, ScriptedPrompter(), idle_ms=idle_ms)
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)
    return window


def add_marker_client(window: AppWindow) -> Services:
    services = window.services
    workspace = window.current_screen
    assert services is not None and isinstance(workspace, Workspace)
    services.clients.add(
        Client(
            code="",
            display_name=MARKER,
            handles=(ContactHandle(HandleKind.PHONE, MARKER_PHONE),),
        )
    )
    workspace.clients_page.refresh()
    assert mentions_marker(visible_texts(window))  # the helper does see client text
    return services


def assert_locked_and_clean(qtbot, window: AppWindow, services: Services) -> None:
    assert not services.vault.is_open
    assert window.services is None
    assert isinstance(window.current_screen, UnlockScreen)
    assert window.is_locked
    assert not window.lock_action.isEnabled()
    assert not mentions_marker(visible_texts(window))
    assert MARKER not in window.windowTitle()


def test_visible_texts_reads_labels_fields_buttons_and_item_views(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("a label", root)
    QLineEdit("a field", root)
    box = QComboBox(root)
    box.addItem("an item")

    texts = visible_texts(root)

    assert {"a label", "a field", "an item"} <= set(texts)


def test_lock_action_closes_the_vault_and_removes_all_client_text(
    qtbot, vault: VaultLocation
) -> None:
    window = unlocked_window(qtbot, vault)
    services = add_marker_client(window)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    workspace.clients_page.open_editor(services.clients.find(MARKER))  # a dialog is open

    window.lock_action.trigger()

    assert_locked_and_clean(qtbot, window, services)
    qtbot.waitUntil(lambda: not shiboken6.isValid(workspace))  # and then deleted outright

    every_widget_text = [t for w in QApplication.allWidgets() for t in _widget_texts(w) if t]
    assert not mentions_marker(every_widget_text)


def test_the_lock_button_in_the_header_locks(qtbot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    services = add_marker_client(window)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    (lock_button,) = [
        b
        for b in workspace.toolbar.findChildren(QToolButton)
        if b.defaultAction() is window.lock_action
    ]

    qtbot.mouseClick(lock_button, Qt.MouseButton.LeftButton)

    assert_locked_and_clean(qtbot, window, services)


def test_ctrl_shift_l_locks(qtbot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    services = add_marker_client(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(
        window.current_screen,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert_locked_and_clean(qtbot, window, services)


def test_idle_lock_closes_the_vault_and_says_why(qtbot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault, idle_ms=40)
    services = add_marker_client(window)

    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)

    assert_locked_and_clean(qtbot, window, services)
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert screen.note.text() == IDLE_NOTE
    assert not window.idle_watcher.running


def test_unlocking_again_shows_the_clients_and_restarts_the_idle_watch(
    qtbot, vault: VaultLocation
) -> None:
    window = unlocked_window(qtbot, vault, idle_ms=60_000)
    add_marker_client(window)
    window.lock()
    assert not window.idle_watcher.running

    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()

    assert mentions_marker(visible_texts(window))
    assert window.idle_watcher.running


def test_the_autolock_setting_sets_the_idle_time(qtbot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    assert window.idle_watcher.interval_ms() == 10 * 60_000
    workspace = window.current_screen
    assert isinstance(workspace, Workspace) and window.services is not None

    window.services.settings.set("autolock", "3")
    workspace.settings_page.settings_saved.emit()

    assert window.idle_watcher.interval_ms() == 3 * 60_000
    assert "locks after 3 idle minutes" in workspace.status.text()


def test_locking_clears_text_copied_from_the_app(qtbot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    add_marker_client(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    field = workspace.clients_page.search
    field.setText(MARKER)
    field.selectAll()
    field.copy()
    assert QGuiApplication.clipboard().text() == MARKER

    window.lock()

    assert QGuiApplication.clipboard().text() == ""


def test_locking_leaves_other_apps_copies_alone(qtbot, vault: VaultLocation) -> None:
    QGuiApplication.clipboard().setText("copied in another app")
    window = unlocked_window(qtbot, vault)

    window.lock()

    assert QGuiApplication.clipboard().text() == "copied in another app"
    QGuiApplication.clipboard().clear()


def test_lock_does_nothing_when_already_locked(qtbot, vault: VaultLocation) -> None:
    window = AppWindow(vault, ScriptedPrompter())
    qtbot.addWidget(window)
    screen = window.current_screen

    window.lock()

    assert window.current_screen is screen


def test_idle_watcher_restarts_on_activity_and_fires_once(qtbot) -> None:
    target = QLineEdit()
    qtbot.addWidget(target)
    watcher = IdleWatcher(200)
    watcher.start()
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 120, timeout=2000)

    qtbot.keyClick(target, Qt.Key.Key_A)

    assert watcher.remaining_ms() > 120
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    assert not watcher.running


def test_idle_watcher_stop_stops_counting(qtbot) -> None:
    watcher = IdleWatcher(10)
    watcher.start()
    watcher.stop()

    with qtbot.assertNotEmitted(watcher.idle, wait=50):
        pass
    assert watcher.remaining_ms() == -1


def test_idle_watcher_interval_can_change_while_running(qtbot) -> None:
    watcher = IdleWatcher(60_000)
    watcher.start()

    watcher.set_interval_ms(30)

    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
