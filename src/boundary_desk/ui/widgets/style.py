"""One calm look for the whole app, and the few building blocks every screen shares.

Colours are soft neutrals with one accent (a deep teal), so that the only strong
colour on a screen marks what to do next. Text is never smaller than 11 points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.system.resources import resource_path
from boundary_desk.ui.widgets.editable_boxes import install_replace_on_focus
from boundary_desk.ui.widgets.wheel_guard import install_wheel_guard

INK = "#1F2A30"
MUTED = "#56626B"
BACKGROUND = "#F3F4F1"
SIDEBAR = "#E9ECE7"
SURFACE = "#FFFFFF"
BORDER = "#D9DDD6"
ACCENT = "#2E6B6F"
ACCENT_DARK = "#24585B"
ACCENT_SOFT = "#DCEAE9"
ERROR_INK = "#8A2F22"
ERROR_SOFT = "#FBEDEA"
NOTE_SOFT = "#EEF3F6"
# A warning's severity: the badge says it in words; the colour only repeats it.
SEVERITY_COLOURS = {  # severity -> (ink, soft background, border)
    "serious": (ERROR_INK, ERROR_SOFT, "#E3A89C"),
    "attention": ("#7A5200", "#FBF1DC", "#E7C98B"),
    "information": ("#3C5A6B", NOTE_SOFT, "#C5D6E0"),
}

BASE_POINT_SIZE = 11
CARD_WIDTH = 640

STYLESHEET = f"""
QMainWindow, QWidget#screen {{ background: {BACKGROUND}; }}
QWidget {{ color: {INK}; }}
QLabel {{ background: transparent; }}
QScrollArea#screenScroll, QScrollArea#screenScroll > QWidget > QWidget {{
    background: transparent; border: none;
}}
QFrame#warningCard {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-left: 4px solid {ACCENT};
    border-radius: 6px;
}}
QLabel#warningTitle {{ font-weight: 600; }}
QLabel#severityBadge {{ border-radius: 4px; padding: 1px 7px; font-weight: 600; }}
SEVERITY_RULES
QFrame#card {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 12px;
}}
QLabel#heading {{ font-size: 19pt; font-weight: 600; }}
QLabel#subheading {{ font-size: 13pt; font-weight: 600; }}
QLabel#eyebrow {{ color: {ACCENT}; font-weight: 600; letter-spacing: 1px; }}
QLabel#muted, QLabel#help {{ color: {MUTED}; }}
QLabel#error {{
    color: {ERROR_INK}; background: {ERROR_SOFT}; border: 1px solid #EFC9C1;
    border-radius: 8px; padding: 9px 12px;
}}
QLabel#note {{
    background: {NOTE_SOFT}; border: 1px solid #D3E0E8; border-radius: 8px; padding: 9px 12px;
}}
QLabel#success {{
    background: {ACCENT_SOFT}; border: 1px solid #BFD8D6; border-radius: 8px; padding: 9px 12px;
}}
QLabel#recoveryKey {{
    background: #F6F8F5; border: 1px solid {BORDER}; border-radius: 10px;
    padding: 16px 12px;
}}
QLineEdit, QComboBox, QPlainTextEdit, QTextEdit {{
    background: {SURFACE}; border: 1px solid #C5CBC3; border-radius: 6px;
    padding: 6px 8px; selection-background-color: {ACCENT}; selection-color: white;
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 1px solid {ACCENT};
}}
QComboBox QLineEdit, QComboBox QLineEdit:focus {{ border: none; padding: 0px; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 28px; border: none;
}}
QComboBox::down-arrow {{ image: url("ARROW"); width: 11px; height: 7px; }}
QLineEdit:disabled {{ background: #F0F1EE; color: {MUTED}; }}
QComboBox QAbstractItemView {{
    background: {SURFACE}; border: 1px solid {BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
}}
QPushButton {{
    background: {SURFACE}; border: 1px solid #BFC6BD; border-radius: 6px;
    padding: 7px 16px; min-height: 20px;
}}
QPushButton:hover {{ background: #F1F4F0; border-color: #AEB6AC; }}
QPushButton:pressed {{ background: #E6EAE4; }}
QPushButton:disabled {{ color: #9AA39C; border-color: #D9DDD6; background: #F6F7F4; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT}; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; border-color: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{
    background: #A9C3C4; border-color: #A9C3C4; color: #F4F8F8;
}}
QPushButton[role="link"] {{
    background: transparent; border: none; color: {ACCENT}; padding: 4px 2px;
    text-decoration: underline;
}}
QPushButton[role="link"]:hover {{ color: {ACCENT_DARK}; }}
QRadioButton, QCheckBox {{ spacing: 9px; }}
QRadioButton#option, QCheckBox#confirm {{ font-weight: 600; }}
QRadioButton:disabled, QCheckBox:disabled {{ color: #98A19A; }}
QWidget#sidebar {{ background: {SIDEBAR}; border-right: 1px solid {BORDER}; }}
QLabel#brand {{ font-size: 12pt; font-weight: 600; color: {ACCENT}; padding: 2px 6px; }}
QListWidget#nav {{ background: transparent; border: none; outline: none; }}
QListWidget#nav::item {{ padding-left: 12px; border-radius: 6px; color: {INK}; }}
QListWidget#nav::item:hover {{ background: #DFE3DC; }}
QListWidget#nav::item:selected {{ background: {ACCENT_SOFT}; color: {ACCENT_DARK}; }}
QListWidget#nav::item:focus {{ border: 2px solid {ACCENT}; }}
QWidget#header {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QLabel#practiceName {{ font-size: 15pt; font-weight: 600; }}
QToolBar#headerToolbar {{ background: transparent; border: none; spacing: 6px; }}
QToolBar#headerToolbar QToolButton {{
    background: {SURFACE}; border: 1px solid #BFC6BD; border-radius: 6px; padding: 6px 14px;
}}
QToolBar#headerToolbar QToolButton:hover {{ background: #F1F4F0; }}
QMenuBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QMenuBar::item {{ padding: 5px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {ACCENT_SOFT}; border-radius: 4px; }}
QMenu {{ background: {SURFACE}; border: 1px solid {BORDER}; padding: 4px; }}
QMenu::item {{ padding: 6px 24px 6px 14px; border-radius: 4px; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
QTableView, QListView, QTreeView {{
    background: {SURFACE}; alternate-background-color: #F7F8F5; border: 1px solid {BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
}}
QHeaderView::section {{
    background: #F5F6F3; color: {MUTED}; font-weight: 600; border: none;
    border-bottom: 1px solid {BORDER}; padding: 7px 10px;
}}
QScrollBar:vertical {{ background: transparent; width: 11px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 11px; margin: 2px; }}
QScrollBar::handle {{ background: #C4CAC2; border-radius: 3px; }}
QScrollBar::handle:vertical {{ min-height: 32px; }}
QScrollBar::handle:horizontal {{ min-width: 32px; }}
QScrollBar::handle:hover {{ background: #A9B1A7; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QToolTip {{ background: {INK}; color: white; border: none; padding: 5px 8px; }}
"""
STYLESHEET = STYLESHEET.replace(
    "SEVERITY_RULES",
    "\n".join(
        f'QFrame#warningCard[severity="{name}"] {{ border-left: 4px solid {ink}; }}\n'
        f'QLabel#severityBadge[severity="{name}"] '
        f"{{ color: {ink}; background: {soft}; border: 1px solid {edge}; }}"
        for name, (ink, soft, edge) in SEVERITY_COLOURS.items()
    ),
)


def apply_style(app: QApplication) -> None:
    """Give the whole app one light, calm look, whatever the desktop theme."""
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Base, SURFACE),
        (QPalette.ColorRole.Text, INK),
        (QPalette.ColorRole.ButtonText, INK),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.Link, ACCENT),
        (QPalette.ColorRole.PlaceholderText, "#7D8790"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET.replace("ARROW", _arrow_image()))
    install_wheel_guard(app)
    install_replace_on_focus(app)


def _arrow_image() -> str:
    """The chevron for drop-down lists (style sheets can only load files).

    It ships as package data: drawing it into a temporary folder at each start left one
    folder behind in /tmp for every process that ended without Qt's teardown. It is a
    44×28 PNG, a round-capped polyline (5,5)–(22,22)–(39,5), 5.5 px wide, in MUTED.
    """
    return resource_path("ui", "down-arrow.png").as_posix()


def monospace_font(point_size: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(point_size)
    return font


RTL_INK_ROOM = 4  # px at the left of a right-to-left label


def label(text: str = "", name: str = "", *, selectable: bool = False) -> QLabel:
    """A word-wrapped label; `name` picks its look (heading, muted, help, note …)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        # A label aligns by its own text's direction: in a Hebrew screen a line of Latin
        # script (the product's name, a client's English name) would start at the left.
        widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        # A wrapped Hebrew line can end (at its left) up to 3 px past the width it was
        # wrapped to, the ink of a final letter beyond its advance: room for it, not clipped.
        widget.setContentsMargins(RTL_INK_ROOM, 0, 0, 0)
    if name:
        widget.setObjectName(name)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def button(text: str, role: str = "") -> QPushButton:
    """A push button; role "primary" is the one main action, "link" a quiet one."""
    widget = QPushButton(text)
    if role:
        widget.setProperty("role", role)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


class InlineMessage(QLabel):
    """A message shown in place (an error or a note), hidden while empty."""

    def __init__(self, kind: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(kind)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self._make_room()

    def _make_room(self) -> None:
        """Grow a dialog to fit the message, rather than squeeze the wrapped text above it."""
        window = self.window()
        if window is self or not isinstance(window, QDialog) or not window.isVisible():
            return
        layout = window.layout()
        if layout is not None:
            layout.activate()
        needed = min(window.sizeHint().height(), screen_room(window).height())  # on screen
        if window.height() < needed:
            window.resize(window.width(), needed)

    def clear_message(self) -> None:
        self.show_message("")


class _Card(QFrame):
    """A card `width` wide at most, or wider where its words need it (a French button,
    say) rather than cut them off: checked each time its layout changes."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self._width = width
        self.setMaximumWidth(width)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and (layout := self.layout()) is not None:
            self.setMaximumWidth(max(self._width, layout.minimumSize().width()))
        return super().event(event)


def card_screen(content: QWidget, width: int = CARD_WIDTH) -> QScrollArea:
    """`content` on a white card, centred on the calm background, scrolling if cramped."""
    card = _Card(width)
    card.setObjectName("card")
    card.setMinimumWidth(min(width, 480))
    inner = QVBoxLayout(card)
    inner.setContentsMargins(40, 30, 40, 28)
    inner.addWidget(content)

    holder = QWidget()
    holder.setObjectName("screen")
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 100)
    row.addStretch(1)
    column = QVBoxLayout(holder)
    column.setContentsMargins(24, 24, 24, 24)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)

    scroll = QScrollArea()
    scroll.setObjectName("screenScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus; it follows
    scroll.setWidget(holder)
    return scroll


class PageStack(QWidget):
    """Pages shown one at a time, as tall as the current page rather than the tallest.

    (QStackedWidget asks every page for its height, so a short page in a card would
    be padded out to the height of the longest one.)
    """

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._current = -1
        self._layout = vbox(self, 0)

    def addWidget(self, page: QWidget) -> int:
        self._pages.append(page)
        self._layout.addWidget(page)
        if self._current < 0:
            self.setCurrentIndex(0)
        else:
            page.hide()
        return len(self._pages) - 1

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget | None:
        return self._pages[self._current] if self._current >= 0 else None

    def setCurrentIndex(self, index: int) -> None:
        if index == self._current or not 0 <= index < len(self._pages):
            return
        self._current = index
        for number, page in enumerate(self._pages):
            page.setVisible(number == index)
        self.currentChanged.emit(index)


# Room around every page of the main window, so titles and edges line up between pages.
PAGE_MARGINS = (20, 18, 20, 14)


def page_layout(page: QWidget, spacing: int = 12) -> QVBoxLayout:
    """The column a main-window page is laid out in, with the margin every page shares."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*PAGE_MARGINS)
    layout.setSpacing(spacing)
    return layout


def vbox(widget: QWidget, spacing: int = 12) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


@contextmanager
def busy_cursor() -> Iterator[None]:
    """Show the wait cursor while slow work (key stretching) runs on the GUI thread."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def tab_order(*widgets: QWidget) -> None:
    """Tab visits `widgets` in the order given (reading order: top to bottom, left to right).

    A page that orders all its controls names itself first: its first control then
    follows it, so the order still holds once the page is put inside a window. (Qt skips
    a widget that takes no focus here, so the page takes Tab focus for the moment.)
    """
    anchor = widgets[0] if widgets and widgets[0].focusPolicy() == Qt.FocusPolicy.NoFocus else None
    if anchor is not None:
        anchor.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    try:
        for first, second in pairwise(widgets):
            QWidget.setTabOrder(first, second)
    finally:
        if anchor is not None:
            anchor.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def screen_reader_label(control: QWidget, text: str = "") -> QLabel:
    """A label a screen reader says for `control` (its accessible name, or `text`), unseen.

    On Linux a combo box's spoken name is its current choice ("All clients"); what the box
    is for reaches the screen reader only as the label it is the buddy of, and only if
    the buddy is the box itself, not a field around it. For a box with no label on the
    screen (or whose label names the field around it), this one stays hidden, inside it.
    """
    hidden = QLabel(text or control.accessibleName(), control)
    hidden.setBuddy(control)
    hidden.hide()
    return hidden


def tab_stops(container: QWidget) -> list[QWidget]:
    """The controls in `container` that Tab can land on, in the order Tab visits them now.

    `container` alone if it takes Tab itself (a table, a scroll area), else the controls
    inside it, hidden ones too, so an order set with them holds when they show. A control
    inside another (a table's cell editor) is left to its owner, and so is a control that
    hands its focus on to another. For `tab_order`, to place a part of a screen, or rows
    built at run time, as one block.
    """
    found: list[QWidget] = []
    start = container.window()
    widget: QWidget = start.nextInFocusChain() or start
    while True:
        if (
            (widget is container or container.isAncestorOf(widget))
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not any(stop.isAncestorOf(widget) for stop in found)
        ):
            found.append(widget)
        following = widget.nextInFocusChain()
        if widget is start or following is None:
            return found
        widget = following


def shortcut(
    key: QKeySequence | QKeySequence.StandardKey | str,
    parent: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    """A shortcut on `parent` that only fires in `context`.

    (PySide6 drops the context given to QShortcut's constructor, so every shortcut
    would be window-wide: set it afterwards.)
    """
    made = QShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key), parent)
    made.setContext(context)
    made.activated.connect(slot)
    return made


# What a window manager adds around a window: borders and a title bar.
WINDOW_FRAME = QSize(16, 48)


def screen_room(widget: QWidget) -> QSize:
    """The most a window of `widget` may measure (inside its frame) on the screen it is on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size()
    return QSize(room.width() - WINDOW_FRAME.width(), room.height() - WINDOW_FRAME.height())


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open `window` at `width`×`height`, or smaller to fit the screen's free area."""
    room = screen_room(window)
    window.resize(min(width, room.width()), min(height, room.height()))


def fit_to_contents(window: QWidget) -> None:
    """Make `window` tall enough for its wrapped text at its width, within the screen.

    (A window opens at its size hint, which takes wrapped labels as one long line, so
    the help text under a field would be squashed and the rows below pushed onto it.)
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    room = screen_room(window)
    width = min(window.width(), room.width())
    needed = max(layout.totalMinimumSize().height(), window.sizeHint().height())
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(width))
    window.resize(width, min(max(window.height(), needed), room.height()))
