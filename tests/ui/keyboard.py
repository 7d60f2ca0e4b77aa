"""What a keyboard or screen-reader user meets on a screen: the Tab order and the names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)

TAB_LIMIT = 120
SECTIONS_AT_MOST = 4  # Tab presses a field may keep (a date's day, month, year)


def tab_chain(start: QWidget, limit: int = TAB_LIMIT) -> list[QWidget]:
    """The controls Tab visits from `start`, pressing real Tab keys, until it comes back.

    Fails if Tab is swallowed (focus stays put), so a table or text box that traps the
    keyboard is caught.
    """
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is start, f"{describe(start)} cannot take focus"
    chain = [start]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        following = current
        # A time field takes a Tab per section (hours, then minutes) before moving on.
        for _press in range(SECTIONS_AT_MOST):
            QTest.keyClick(current, Qt.Key.Key_Tab)
            QApplication.processEvents()
            following = QApplication.focusWidget()
            if following is not current:
                break
        if following is start:
            return chain
        assert following is not None and following is not current, (
            f"Tab is trapped in {describe(current)}"
        )
        chain.append(following)
    raise AssertionError(f"Tab never came back to {describe(start)}: {names(chain)}")


def tab_order_from(start: QWidget, *widgets: QWidget) -> list[QWidget]:
    """The part of the Tab chain from `start` that the given widgets appear in, in order."""
    chain = tab_chain(start)
    return [widget for widget in chain if widget in widgets]


def focusable_controls(root: QWidget) -> list[QWidget]:
    """Every visible, enabled control under `root` that Tab can land on."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisibleTo(root.window()) and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue
        found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for `widget`: its accessible name, text or buddy label."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().strip("&"):
        return widget.text()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text()
    return ""


def unnamed(root: QWidget) -> list[str]:
    """Focusable controls under `root` that a screen reader cannot name."""
    return [describe(widget) for widget in focusable_controls(root) if not spoken_name(widget)]


def unreachable(root: QWidget, start: QWidget) -> list[str]:
    """Focusable controls under `root` that Tab from `start` never reaches."""
    chain = set(tab_chain(start))
    return [describe(widget) for widget in focusable_controls(root) if widget not in chain]


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    elif isinstance(widget, QAbstractScrollArea):
        text = "scroll area"
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or text!r})"


def names(widgets: list[QWidget]) -> list[str]:
    return [describe(widget) for widget in widgets]
