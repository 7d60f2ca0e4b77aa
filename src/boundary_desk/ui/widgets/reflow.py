"""Layouts that give way on a small or magnified screen instead of running off it.

At a scale factor of 2 a 1920×1080 screen has room for 960×540 of the app's own
pixels, so rows that sit side by side on a laptop must be able to wrap or stack, and a
tall column must be able to scroll (down, never sideways).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QWidget,
)


class FlowRow(QLayout):
    """Widgets left to right, wrapping onto the next line when the row is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._live())

    def itemAt(self, index: int) -> QLayoutItem | None:
        items = self._live()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        items = self._live()
        return items.pop(index) if 0 <= index < len(items) else None

    def _live(self) -> list[QLayoutItem]:
        """The items Qt has not deleted (as it may while the window is torn down)."""
        if not all(shiboken6.isValid(item) for item in self._items):
            self._items = [item for item in self._items if shiboken6.isValid(item)]
        return self._items

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = [item.sizeHint() for item in self._live() if not item.isEmpty()]
        if not shown:
            return QSize(0, 0)
        width = sum(hint.width() for hint in shown) + self._gap * (len(shown) - 1)
        return QSize(width, max(hint.height() for hint in shown))

    def minimumSize(self) -> QSize:
        """One item a line: as wide as the widest item."""
        size = QSize(0, 0)
        for item in self._live():
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._live():
            if item.isEmpty():  # a hidden widget takes no room, nor a gap
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


def move_widget(widget: QWidget, source: QLayout, target: QBoxLayout, index: int = 0) -> None:
    """Move `widget` out of `source` and into `target` at `index`.

    The item `source` held for it is taken out here, from Python, and so is deleted
    through its Python wrapper. Left to Qt (an insertWidget moves the widget by itself),
    Qt deletes that item behind the wrapper PySide made for it when `source` was added
    to its parent layout, and the wrapper stays registered at the freed address: an
    object made there later (a row of a list) then crashed the process when it was
    deleted in turn (a segmentation fault in QListWidget.clear()).
    """
    at = source.indexOf(widget)
    if at >= 0:
        source.takeAt(at)  # owned by the returned wrapper, deleted with it right here
    target.insertWidget(index, widget)


class Reflow(QWidget):
    """Its widgets side by side when they fit, one above the other when they don't.

    It asks for no more width than the stacked arrangement needs, so a window holding
    it can shrink; it goes side by side again once it is as wide as that needs.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 14) -> None:
        super().__init__(parent)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(spacing)
        self._stretches: list[int] = []
        self._added: list[QWidget] = []

    def add(self, widget: QWidget, stretch: int = 0, align: Qt.AlignmentFlag | None = None) -> None:
        if align is None:
            self.row.addWidget(widget, stretch)
        else:
            self.row.addWidget(widget, stretch, align)
        self._stretches.append(stretch)
        self._added.append(widget)

    def is_stacked(self) -> bool:
        return self.row.direction() is QBoxLayout.Direction.TopToBottom

    def side_by_side_width(self) -> int:
        """The least width in which the widgets fit next to each other."""
        widgets = self._widgets()
        gaps = self.row.spacing() * max(len(widgets) - 1, 0)
        return sum(_least_width(widget) for widget in widgets) + gaps

    def minimumSizeHint(self) -> QSize:
        widgets = self._widgets()
        width = max((_least_width(widget) for widget in widgets), default=0)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_for(event.size().width())
        super().resizeEvent(event)

    def _arrange_for(self, width: int) -> None:
        stacked = width < self.side_by_side_width()
        if stacked == self.is_stacked():
            return
        Direction = QBoxLayout.Direction
        self.row.setDirection(Direction.TopToBottom if stacked else Direction.LeftToRight)
        for index, stretch in enumerate(self._stretches):  # stacked, none may grow tall
            self.row.setStretch(index, 0 if stacked else stretch)
        self.updateGeometry()

    def _widgets(self) -> list[QWidget]:
        """The shown widgets still in the row, in its order.

        Found by `indexOf`, not `itemAt`: PySide wraps each item `itemAt` hands to Python
        and ties the wrapper to the row, and Qt deletes the item behind it when the widget
        is deleted or moved to another layout, leaving a wrapper at a freed address (see
        `move_widget`).
        """
        self._added = [widget for widget in self._added if shiboken6.isValid(widget)]
        placed = [(self.row.indexOf(widget), widget) for widget in self._added]
        in_row = sorted(((at, w) for at, w in placed if at >= 0), key=lambda pair: pair[0])
        return [widget for _at, widget in in_row if not widget.isHidden()]


def _least_width(widget: QWidget) -> int:
    least = widget.minimumSizeHint().width()
    if widget.minimumWidth() > 0:
        least = widget.minimumWidth()
    return least


class VerticalScroll(QScrollArea):
    """A column that scrolls down when the window is short, and never sideways.

    It asks for its content's full size, so a window opens with no scroll bar where the
    screen has the room, and for the content's width but little height at the least.
    """

    SMALLEST_HEIGHT = 120

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setWidget(content)

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint().expandedTo(_least(content))
        height = hint.height()
        if content.hasHeightForWidth():  # wrapped text: as tall as it is at the width it has
            width = self.viewport().width() if self.isVisible() else hint.width()
            height = max(height, content.heightForWidth(width))
        return QSize(hint.width() + self._bar_width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the height it asks for follows the width it has

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        width = _least(content).width() if content is not None else 0
        return QSize(width + self._bar_width(), self.SMALLEST_HEIGHT)


def _least(widget: QWidget) -> QSize:
    """The least size `widget` can be given: its own minimum, else its layout's."""
    return widget.minimumSizeHint().expandedTo(widget.minimumSize()).expandedTo(QSize(0, 0))


class OneLineFirst(QLabel):
    """Text on one line while there is room for it, wrapped onto more when there isn't.

    (A word-wrapped QLabel asks for a width of its own choosing and wraps sooner than it
    need; this one asks for its text's full line and gives way only when squeezed.)
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def sizeHint(self) -> QSize:
        self.ensurePolished()
        margins = self.contentsMargins()
        line = self.fontMetrics().horizontalAdvance(self.text()) + 2
        width = line + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))


class ReflowSplitter(QSplitter):
    """A splitter that puts its panes side by side when they fit, else one above the other.

    Like `Reflow`, it asks only for the width of the stacked arrangement, so a window
    can shrink onto a small or magnified screen; its panes never get less than they ask.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def side_by_side_width(self) -> int:
        panes = self._panes()
        handles = self.handleWidth() * max(len(panes) - 1, 0)
        return sum(_least_width(pane) for pane in panes) + handles

    def is_stacked(self) -> bool:
        return self.orientation() is Qt.Orientation.Vertical

    def minimumSizeHint(self) -> QSize:
        panes = self._panes()
        width = max((_least_width(pane) for pane in panes), default=0)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        stacked = event.size().width() < self.side_by_side_width()
        if stacked != self.is_stacked():
            vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
            self.setOrientation(vertical if stacked else horizontal)
            self.updateGeometry()
        super().resizeEvent(event)

    def _panes(self) -> list[QWidget]:
        found = (self.widget(index) for index in range(self.count()))
        return [pane for pane in found if pane is not None and not pane.isHidden()]
