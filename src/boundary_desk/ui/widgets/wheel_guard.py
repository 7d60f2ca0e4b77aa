"""The mouse wheel scrolls the page, never a setting the pointer happens to pass over.

Scrolling a form moves the pointer across combo boxes, spin boxes, date and time edits
and sliders; Qt lets each of them take the wheel and change its value. One filter on
the application stops that everywhere: such a control takes the wheel only while it
has the keyboard focus (clicked or tabbed into), and otherwise passes the wheel on to
the page behind it to scroll. Their focus policy becomes Qt.StrongFocus, so the wheel alone
never gives them the focus either.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)  # date and time edits are spin boxes


def _guarded(watched: QObject) -> QWidget | None:
    """The value control `watched` is, or belongs to (an editable combo's line edit)."""
    if isinstance(watched, GUARDED):
        return watched
    parent = watched.parent() if isinstance(watched, QWidget) else None
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return None


def _scrolls_itself(control: QWidget) -> bool:
    # A slider that is a scroll bar is how the page scrolls; leave it be.
    return isinstance(control, QAbstractSlider) and control.inherits("QScrollBar")


def _no_focus_from_the_wheel(control: QWidget) -> None:
    if not _scrolls_itself(control) and control.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_page_behind(control: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the nearest scrolling area around `control`, if there is one."""
    parent = control.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    viewport = parent.viewport()
    at = event.globalPosition()
    passed_on = QWheelEvent(
        viewport.mapFromGlobal(at),
        at,
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QApplication.sendEvent(viewport, passed_on)


class WheelGuard(QObject):
    """Refuse the wheel to an unfocused value control, and let the page behind it scroll."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(watched, GUARDED):
                _no_focus_from_the_wheel(watched)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        control = _guarded(watched)
        if control is None or _scrolls_itself(control) or control.hasFocus():
            return False
        assert isinstance(event, QWheelEvent)
        _scroll_page_behind(control, event)
        event.accept()
        return True


_GUARD: WheelGuard | None = None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Guard every value control in `app`, present and future; safe to call twice."""
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard()
        app.installEventFilter(_GUARD)
        for widget in app.allWidgets():  # those polished before the guard existed
            if isinstance(widget, GUARDED):
                _no_focus_from_the_wheel(widget)
    return _GUARD
