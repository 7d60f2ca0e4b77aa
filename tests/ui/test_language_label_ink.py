"""A wrapped Hebrew label keeps every letter inside itself: the sign dialog's question
lost the last letter of "מתחילים" at its left edge."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.system import i18n
from boundary_desk.ui.agreements.sign_dialog import SignDialog, SigningDates, SigningRequest
from boundary_desk.ui.shell.language import apply_language
from tests.ui.language_support import LANGUAGE_TEST, settle, the_app

pytestmark = LANGUAGE_TEST

QUESTION = (
    "Record version {version} of the agreement for {code} as signed, on these dates? "
    "A signed version can't be changed; later changes start a new version."
)


def _on_white(widget: QWidget) -> QImage:
    """What `widget` draws, over white (a child label's own background is transparent)."""
    drawn = widget.grab()
    image = QImage(drawn.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawPixmap(0, 0, drawn)
    painter.end()
    return image


def _ink_in_column(image: QImage, x: int) -> bool:
    return any(image.pixelColor(x, y).lightness() < 160 for y in range(image.height()))


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("width", [480, 500, 520, 560])
def test_the_sign_dialogs_hebrew_question_keeps_its_last_letter(qtbot: QtBot, width: int) -> None:
    apply_language(the_app(), "he", remember=False)
    question = i18n._(QUESTION).format(version=1, code="C-001")
    assert question.startswith("לתעד")
    signed = date(2026, 3, 3)
    request = SigningRequest(
        1, question, SigningDates(signed, signed, date(2026, 9, 3)), lambda _dates: None
    )
    dialog = SignDialog(request)
    qtbot.addWidget(dialog)
    dialog.resize(width, dialog.sizeHint().height())
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    shown = next(found for found in dialog.findChildren(QLabel) if found.text() == question)
    image = _on_white(shown)
    assert any(_ink_in_column(image, x) for x in range(image.width()))  # it is drawn
    assert not _ink_in_column(image, 0)
