"""The user guide in French and Hebrew: the whole page and every warning's explanation in
the app's language, Hebrew right to left, nothing left in English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from boundary_desk.domain.vocabulary.labels import WARNING_LABELS, shown
from boundary_desk.ui.help import guide
from boundary_desk.ui.help.guide import GuideWindow, guide_html, warning_explanations
from boundary_desk.ui.shell.language import apply_language
from tests.ui.language_support import LANGUAGE_TEST, the_app

pytestmark = LANGUAGE_TEST

HEADINGS = {
    "fr": ("Le bilan de la semaine", "Comment vos dossiers sont protégés", "clé de récupération"),
    "he": ("הסקירה השבועית", "איך הרשומות שלך מוגנות", "מפתח השחזור"),
}


@pytest.mark.parametrize("language", ["fr", "he"])
def test_every_warning_is_explained_in_each_language_as_in_english(language: str) -> None:
    english = warning_explanations()
    explained = warning_explanations(language)
    assert set(explained) == set(english) == set(WARNING_LABELS)
    for code, parts in explained.items():
        assert set(parts) == {"when", "why", "do"}, code
        for key, text in parts.items():
            assert len(text) > 20 and text != english[code][key], (code, key)
            assert "_" not in text, code  # no codes shown to the clinician


@pytest.mark.parametrize("language", ["fr", "he"])
def test_the_guide_opens_in_the_apps_language_with_every_warning_by_its_name(
    qtbot: QtBot, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    window = GuideWindow()
    qtbot.addWidget(window)
    window.show()
    text = window.browser.toPlainText()
    for name in WARNING_LABELS.values():
        assert shown(name) in text
        assert shown(name) != name
    for heading in HEADINGS[language]:
        assert heading in text
    # Sentences of the English guide are nowhere in it.
    for english in ("When it appears", "Why it matters", "Getting started", "The quick log"):
        assert english not in text
    assert window.windowTitle() != "Boundary Desk user guide"


def test_every_hebrew_paragraph_of_the_guide_reads_right_to_left(qtbot: QtBot) -> None:
    apply_language(the_app(), "he", remember=False)
    window = GuideWindow()
    qtbot.addWidget(window)
    document = window.browser.document()
    block = document.begin()
    checked = 0
    while block.isValid():
        if block.text().strip():
            assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft, (
                block.text()
            )
            checked += 1
        block = block.next()
    assert checked > 60
    # A paragraph that opens with the product's Latin name still reads from the right.
    cursor = document.find("Boundary Desk עוזר")
    assert not cursor.isNull()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    assert cursor.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft


@pytest.mark.parametrize("language", ["fr", "he"])
def test_each_language_has_the_sections_the_english_guide_links_to(language: str) -> None:
    anchors = re.findall(r'href="#(\w+)"', guide_html())
    page = guide_html(language)
    assert guide.WARNINGS_MARK not in page
    assert re.findall(r'href="#(\w+)"', page) == anchors
    for anchor in anchors:
        assert f'name="{anchor}"' in page
