"""The import dialog in French and Hebrew: its steps, buttons and questions in the app's
language. (The steps for making each export, domain/vocabulary/import_help.py, are still
English.)"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import ClientImport
from boundary_desk.ui.imports.dialog import ImportDialog
from boundary_desk.ui.imports.preview_step import client_line
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import LANGUAGE_TEST, clipped, settle, shown_texts, the_app

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
