"""A retired widget's Python side lets go of what it held once Qt has deleted it."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from boundary_desk.ui.widgets.retired import RetiredWidgets


class _Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.entries = ["Zqx client text"]
        self.child = _Model(self)


class _Model(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.rows = ["Zqx client row"]


def _delete_now(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_deleted_page_and_its_children_let_go_even_when_something_still_holds_them(qtbot):
    page = _Page()
    model = page.child
    holder = [page, model]  # a reference that outlives the Qt objects
    retired = RetiredWidgets()
    retired.add(page)
    _delete_now(page)
    gc.collect()

    assert not shiboken6.isValid(page) and not shiboken6.isValid(model)
    assert retired.let_go() == 2
    assert vars(holder[0]) == {} and vars(holder[1]) == {}
    assert len(retired) == 0


def test_a_widget_not_yet_deleted_keeps_everything(qtbot):
    page = _Page()
    qtbot.addWidget(page)
    retired = RetiredWidgets()
    retired.add(page)

    assert retired.let_go() == 0
    assert page.entries == ["Zqx client text"] and page.child.rows == ["Zqx client row"]
    assert len(retired) == 2


def test_an_already_deleted_widget_is_not_remembered(qtbot):
    label = QLabel("x")
    _delete_now(label)
    retired = RetiredWidgets()
    retired.add(label)
    assert len(retired) == 0
