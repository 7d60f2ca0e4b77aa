"""The import dialog in French, Hebrew and the pseudo-language: its steps, buttons,
questions and the steps for making each export in the app's language."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import ClientImport
from boundary_desk.system import i18n
from boundary_desk.ui.imports.dialog import ImportDialog
from boundary_desk.ui.imports.preview_step import client_line
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import (
    LANGUAGE_TEST,
    PseudoLanguage,
    clipped,
    settle,
    shown_texts,
    the_app,
    untranslated,
)

pytestmark = LANGUAGE_TEST


def _dialog(qtbot: QtBot, services: Services) -> ImportDialog:
    dialog = ImportDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.resize(980, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    return dialog


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Importer", "Choisir un fichier…", "Choisir un dossier…", "Annuler")),
        ("he", ("ייבוא", "בחירת קובץ…", "בחירת תיקייה…")),
    ],
)
def test_the_import_dialog_opens_in_the_apps_language(
    qtbot: QtBot, services: Services, language: str, words: tuple[str, ...]
) -> None:
    apply_language(the_app(), language, remember=False)
    dialog = _dialog(qtbot, services)
    texts = shown_texts(dialog)
    for word in words:
        assert word in texts, (word, texts)
    assert dialog.windowTitle() == words[0]
    if language == "he":
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert clipped(dialog) == []


# Products' own names, the same in every language, head their sources' steps.
PRODUCT_NAMES = {"WhatsApp", "Google Voice", "Telegram"}


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_sources_steps_are_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    dialog = _dialog(qtbot, services)
    picker = dialog.choose.help
    assert picker.count() == 9
    for index in range(picker.count()):
        picker.setCurrentIndex(index)
        settle(qtbot)
        # A step is shown after its number: "3. [[…]]".
        texts = [re.sub(r"^\d+\. ", "", text) for text in shown_texts(dialog)]
        assert sum(text.startswith("[[") for text in texts) > 5, texts
        assert untranslated([t for t in texts if t not in PRODUCT_NAMES]) == [], index
        assert clipped(dialog) == [], index


@pytest.mark.usefixtures("app_look")
def test_the_steps_for_a_whatsapp_export_read_in_hebrew(qtbot: QtBot, services: Services) -> None:
    apply_language(the_app(), "he", remember=False)
    dialog = _dialog(qtbot, services)
    picker = dialog.choose.help
    names = [picker.source_name(index) for index in range(picker.count())]
    assert names[0] == "הודעות ושיחות" and "WhatsApp" in names
    picker.setCurrentIndex(names.index("WhatsApp"))
    settle(qtbot)
    shown = picker.shown_text()
    assert "1. לפתוח את הצ'אט עם המטופל." in shown
    assert "ייצוא צ'אט" in shown and "ללא מדיה" in shown


def test_a_clients_line_in_the_preview_counts_in_french() -> None:
    apply_language(the_app(), "fr", remember=False)
    found = ClientImport(
        name="Zoë Martin", code="C-001", new=12, already=3,
        first=datetime(2026, 3, 3, 15, tzinfo=UTC), last=datetime(2026, 11, 28, 15, tzinfo=UTC),
        after_hours=4,
    )  # fmt: skip
    line = client_line(found, ZoneInfo("America/Toronto"), SourceKind.SBR_MESSAGES)
    assert line.startswith("Zoë Martin (C-001): 12 nouvelles, 3 déjà importées · ")
    assert line.endswith(" · 4 hors des heures")
