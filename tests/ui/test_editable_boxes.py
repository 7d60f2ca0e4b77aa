"""Typing into an editable box replaces what it shows: "Africa/CeutaAmerica/Tor" no more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from boundary_desk.ui.vault.setup_wizard import PracticePage
from boundary_desk.ui.widgets.editable_boxes import install_replace_on_focus
from tests.ui.test_settings_page import OFFSCREEN_POPUP


def click_at_the_end_and_type(qtbot: QtBot, box: QComboBox, text: str) -> None:
    line = box.lineEdit()
    assert line is not None
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    qtbot.waitUntil(box.hasFocus)
    qtbot.wait(10)  # the shown text is selected once the click is done
    qtbot.keyClicks(line, text)


@OFFSCREEN_POPUP
def test_the_setup_time_zone_box_replaces_what_it_shows(qtbot: QtBot, qapp: QApplication) -> None:
    install_replace_on_focus(qapp)  # as the app's own setup does
    page = PracticePage()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.timezone.box.setCurrentText("Africa/Ceuta")

    click_at_the_end_and_type(qtbot, page.timezone.box, "America/Tor")

    assert page.timezone.box.currentText().startswith("America/Tor")


def test_a_second_click_edits_a_part(qtbot: QtBot, qapp: QApplication) -> None:
    install_replace_on_focus(qapp)
    box = QComboBox()
    box.setEditable(True)
    box.addItems(["2 business days", "1 business day"])
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.activateWindow()
    click_at_the_end_and_type(qtbot, box, "3")
    assert box.currentText() == "3"
    line = box.lineEdit()
    assert line is not None
    line.setCursorPosition(1)
    qtbot.keyClicks(line, " business days")
    assert box.currentText() == "3 business days"  # with the focus kept, typing edits
