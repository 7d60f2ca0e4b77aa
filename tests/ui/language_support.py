"""What the French, Hebrew and pseudo-language screen tests share: the pseudo-language,
the app's own look, and readers of what a screen shows and what it cuts off.

A language test module marks itself with `LANGUAGE_TEST` (ending each test in English,
quiet about the offscreen platform's raise and grab); `app_look` and `english_after`
are fixtures, offered to every UI test by tests/ui/conftest.py.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.style import apply_style

LANGUAGE_TEST = [
    pytest.mark.qt_log_ignore(
        r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
    ),
    pytest.mark.usefixtures("english_after"),
]


class PseudoLanguage(gettext.NullTranslations):
    """Every message bracketed and 40% longer, as French and Hebrew often are."""

    def gettext(self, message: str) -> str:
        return f"[[{message}{'~' * (len(message) * 2 // 5)}]]"

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[None]:
    """The app's own font and style sheet, as a clinician sees it (the suite's is smaller)."""
    font, sheet, palette, style = (
        qapp.font(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.style().name(),
    )
    apply_style(qapp)  # its event filters are safe to install twice and stay installed
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    """Each test ends with the app in English, whatever language it tried."""
    yield
    apply_language(qapp, "en", remember=False)


def the_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def shown_texts(root: QWidget) -> list[str]:
    """What the clinician reads on `root` as it stands: labels, buttons, placeholders."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            found.append(widget.text())
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            found.append(widget.placeholderText())
    return found


def clipped(root: QWidget) -> list[str]:
    """Labels and buttons narrower than their one line of text."""
    cut: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        text = widget.text().replace("&", "")
        # A label of several lines is as wide as its widest line.
        widest = max(
            (widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n")), default=0
        )
        if text and widget.width() < widest:
            cut.append(text)
    return cut


# Words that are not translated on purpose: the product's name and key names.
NOT_WORDS = {"BOUNDARY DESK", "ABCD-EFGH-2345-…", "Ctrl+Enter", "Ctrl+N"}


def untranslated(texts: list[str]) -> list[str]:
    return [t for t in texts if t not in NOT_WORDS and not t.startswith("[[")]


def left_edge(screen: QWidget, widget: QWidget) -> int:
    return widget.mapTo(screen, QPoint(0, 0)).x()


def right_edge(screen: QWidget, widget: QWidget) -> int:
    return left_edge(screen, widget) + widget.width()


def settle(qtbot: QtBot) -> None:
    """Let the layouts take the text just shown."""
    qtbot.wait(0)
    QApplication.processEvents()
