"""The Backups page and the purge of a former client in French, in Hebrew, and in the
pseudo-language that shows any word left untranslated or cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.storage.vault.backups import Backup, read_backup
from boundary_desk.system import i18n
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.clients.purge_flow import OPTIONS
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
from tests.ui.test_backups_page import back_up, open_page
from tests.ui.test_purge_flow import backed_up, page, prompter  # noqa: F401 - fixtures

pytestmark = LANGUAGE_TEST


def _backed_up_page(qtbot: QtBot, services: Services) -> BackupsPage:
    shown = open_page(qtbot, services)
    shown.resize(1140, 640)
    qtbot.waitExposed(shown)
    back_up(qtbot, shown)
    settle(qtbot)
    return shown


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_backups_page_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    backups = _backed_up_page(qtbot, services)
    texts = shown_texts(backups)
    assert len(texts) > 6
    assert untranslated(texts) == []
    header = backups.table.headerItem()
    headers = [header.text(column) for column in range(backups.table.columnCount())]
    assert all(text.startswith("[[") for text in headers), headers
    assert clipped(backups) == []


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_the_backups_page_says_each_backup_in_its_words(
    qtbot: QtBot, services: Services, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    backups = _backed_up_page(qtbot, services)
    done = {"fr": "Sauvegardé et vérifié à", "he": "גובה ואומת בשעה"}[language]
    assert backups.done.text().startswith(done)
    heading = {"fr": "Sauvegardes", "he": "גיבויים"}[language]
    assert heading in shown_texts(backups)
    if language == "he":
        assert backups.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert clipped(backups) == []


def test_in_french_a_purge_asks_and_reports_in_french(
    page: ClientsPage,  # noqa: F811 - the purge tests' fixtures, asked for by name
    prompter: ScriptedPrompter,  # noqa: F811
    backed_up: Backup,  # noqa: F811
) -> None:
    # The purge's questions and its result are written as it runs, in the app's language.
    apply_language(the_app(), "fr", remember=False)
    prompter.confirms.append(True)
    prompter.choices.append(OPTIONS.index("Purge them from those copies too"))
    page.purge_selected()
    (_, title, question), (_, _, result) = prompter.asked
    assert title == "Purger le client"
    assert question.startswith("Supprimer définitivement toutes les données de UP1?")
    assert result.startswith("UP1 a été purgé du coffre.")
    assert page.status.text() == "UP1 a été purgé, ainsi que de 1 copie de sauvegarde."
    assert read_backup(backed_up.path).counts["clients"] == 0
