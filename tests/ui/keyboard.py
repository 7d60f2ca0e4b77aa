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
    QTextBrowser,
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
    return _walk(start, limit, backwards=False)


def _walk(start: QWidget, limit: int, *, backwards: bool) -> list[QWidget]:
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    which = "Shift+Tab" if backwards else "Tab"
    chain = [start]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        following = current
        # A time field takes a Tab per section (hours, then minutes), a guide one per link.
        for _press in range(presses_kept(current)):
            QTest.keyClick(current, key, modifier)
            QApplication.processEvents()
            following = QApplication.focusWidget()
            if following is not current:
                break
        if following is start:  # round, or the one control there is
            return chain
        assert following is not None and following is not current, (
            f"{which} is trapped in {describe(current)}"
        )
        chain.append(following)
    raise AssertionError(f"{which} never came back to {describe(start)}: {names(chain)}")


def presses_kept(widget: QWidget) -> int:
    """How many Tab presses `widget` may keep before focus moves on."""
    if isinstance(widget, QTextBrowser):  # one per link, as in a web page
        return widget.toHtml().count("<a href") + 2
    return SECTIONS_AT_MOST


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
        return widget.text().replace("&", "")
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text().replace("&", "")
    return ""


def unnamed(root: QWidget) -> list[str]:
    """Focusable controls under `root` that a screen reader cannot name."""
    return [describe(widget) for widget in focusable_controls(root) if not spoken_name(widget)]


def unlabelled_combos(root: QWidget) -> list[str]:
    """Combo boxes under `root` that no label is the buddy of.

    On Linux (AT-SPI) a combo box's name is its current choice; what it is for is spoken
    only from a label whose buddy is the box itself (a label on a field around it, which
    hands the box its focus, does not count). tools/a11y_probe.py checks the same through
    AT-SPI itself.
    """
    labels = root.window().findChildren(QLabel)
    return [
        describe(box)
        for box in root.findChildren(QComboBox)
        if box.isVisibleTo(root.window()) and not any(label.buddy() is box for label in labels)
    ]


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


def backtab_chain(start: QWidget, limit: int = TAB_LIMIT) -> list[QWidget]:
    """The controls Shift+Tab visits from `start`, pressing real Shift+Tab keys."""
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.BacktabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is start, f"{describe(start)} cannot take focus"
    return _walk(start, limit, backwards=True)


def heard(widget: QWidget) -> str:
    """The spoken name of `widget`, or its description when it has none (so a test shows it)."""
    return spoken_name(widget) or describe(widget)


def assert_tab_order(start: QWidget, expected: list[str]) -> list[QWidget]:
    """Tab from `start` visits exactly the controls named `expected`, then comes back to it.

    Every stop is a visible, enabled control, and Shift+Tab visits the same controls in
    reverse. Returns the controls, for a test that wants to press one of them.
    """
    chain = tab_chain(start)
    heard_order = [heard(widget) for widget in chain]
    assert heard_order == expected, f"Tab goes {heard_order}\n  expected {expected}"
    for widget in chain:
        assert widget.isVisible() and widget.isEnabled(), f"Tab lands on hidden {heard(widget)}"
    backwards = backtab_chain(start)
    heard_back = [heard(widget) for widget in backwards]
    assert backwards == [chain[0], *reversed(chain[1:])], f"Shift+Tab goes {heard_back}"
    return chain
