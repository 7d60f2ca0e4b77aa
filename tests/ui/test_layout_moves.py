"""A widget moved from one layout to another leaves no Python wrapper on the item Qt deleted.

PySide wraps the items of a layout added to another one, and keeps those wrappers for
as long as the outer layout lives. When Qt moves a widget on its own (insertWidget into
another layout), it deletes the old item behind its wrapper, which stays registered at
the freed address; a list row made at that address later crashed the test suite with a
segmentation fault when the list was cleared.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.reflow import Reflow, move_widget


def stale_item_wrappers(root: QWidget) -> list[str]:
    """Wrappers held by `root`'s layouts for items that are in none of them any more.

    It makes no wrapper of its own: PySide wraps every item `itemAt` hands to Python and
    ties it to the layout, so each held wrapper is looked for with `indexOf`, which only
    compares its address with the layouts' items, in C++.
    """
    layouts = root.findChildren(QLayout)
    top = root.layout()
    if top is not None:
        layouts.append(top)
    held = {  # a layout's wrapper keeps those of the items PySide tied to it
        id(wrapper): wrapper
        for layout in layouts
        for wrapper in gc.get_referents(layout)
        if isinstance(wrapper, QLayoutItem) and not isinstance(wrapper, QLayout)
    }
    stale = []
    for wrapper in held.values():
        if shiboken6.isValid(wrapper) and all(layout.indexOf(wrapper) < 0 for layout in layouts):
            address = shiboken6.getCppPointer(wrapper)[0]
            stale.append(f"{type(wrapper).__name__} at {address:#x}")
    return stale


def test_a_widget_moved_between_nested_layouts_leaves_no_wrapper_on_a_deleted_item(
    qtbot: QtBot,
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    body = QHBoxLayout()
    side = QWidget(page)
    body.addWidget(side)
    column.addLayout(body)  # PySide wraps the item it holds for `side`
    top = QVBoxLayout()
    column.addLayout(top)

    move_widget(side, body, top)
    assert (body.indexOf(side), top.indexOf(side)) == (-1, 0)
    assert stale_item_wrappers(page) == []
    move_widget(side, top, body)
    assert (body.indexOf(side), top.indexOf(side)) == (0, -1)
    assert stale_item_wrappers(page) == []


def test_the_weeks_moving_above_the_review_and_back_leave_no_wrapper_on_a_deleted_item(
    qtbot: QtBot, services: Services
) -> None:
    page = ReviewPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.resize(QSize(1400, 800))
    page.show()
    qtbot.waitExposed(page)
    assert page.weeks_beside()
    for width, beside in ((page.minimumSizeHint().width(), False), (1400, True)) * 2:
        page.resize(QSize(width, 800))
        qtbot.waitUntil(lambda beside=beside: page.weeks_beside() is beside)  # type: ignore[misc]
        assert stale_item_wrappers(page) == []
        page.refresh()  # remakes the rows of the list of weeks


def test_a_widget_deleted_out_of_a_reflow_that_has_measured_it_leaves_no_stale_wrapper(
    qtbot: QtBot,
) -> None:
    window = QWidget()  # no layout: the row is given a width a window wouldn't allow
    qtbot.addWidget(window)
    row = Reflow(window)
    gone, kept = QLabel("One sentence that takes some room"), QLabel("Another one")
    row.add(gone)
    row.add(kept)
    row.resize(QSize(800, 60))
    window.show()
    qtbot.waitExposed(window)
    row.resize(QSize(row.minimumSizeHint().width(), 60))  # it measures its widgets
    qtbot.waitUntil(row.is_stacked)
    gone.deleteLater()
    qtbot.waitUntil(lambda: row.row.count() == 1)
    assert stale_item_wrappers(row) == []
    assert row.side_by_side_width() == kept.minimumSizeHint().width()  # the rest still counts
