"""The agreement wording page in French and Hebrew, and the wording kept per language: a
clause reworded in English only is shown missing in French, never filled in with the
French default, until the clinician writes it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.services.clauses import clause_set, edited_clauses, set_clause
from boundary_desk.system import i18n
from boundary_desk.ui.agreements.clauses_page import ClausesPage
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


def _page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> ClausesPage:
    page = ClausesPage(services, prompter)
    qtbot.addWidget(page)
    page.resize(1140, 640)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot)
    return page


def test_a_french_clinician_edits_the_french_wording_and_sees_the_english_only_one_missing(
    qtbot: QtBot, services: Services
) -> None:
    set_clause(services, "records", "My own records wording, {client_name}.")  # English only
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, services, ScriptedPrompter())
    assert page.language == "fr"
    assert page.language_box.currentText() == "Français"
    assert "Libellé de l'entente" in shown_texts(page)
    page.select_clause("records")
    settle(qtbot)
    assert page.wording_state.text() == "Manquant dans cette langue"
    assert page.editor.toPlainText() == ""  # never the French default in its place
    assert "Écrivez ici son libellé en français" in page.editor.placeholderText()
    assert page.preview.text().startswith("[MANQUANT : votre propre libellé")  # not the default
    page.editor.setPlainText("Mon propre libellé pour le dossier, {client_name}.")
    assert page.save()
    assert edited_clauses(services, "fr") == {
        "records": "Mon propre libellé pour le dossier, {client_name}."
    }
    assert edited_clauses(services, "en") == {"records": "My own records wording, {client_name}."}
    assert clause_set(services, "fr").missing == frozenset()
    assert page.wording_state.text() == "Votre libellé"


def test_switching_the_wording_language_shows_that_languages_wording(
    qtbot: QtBot, services: Services
) -> None:
    page = _page(qtbot, services, ScriptedPrompter())
    page.select_clause("records")
    english = page.editor.toPlainText()
    page.language_box.setCurrentIndex(page.language_box.findData("he"))
    settle(qtbot)
    assert page.language == "he"
    hebrew = page.editor.toPlainText()
    assert hebrew != english and any("\u0590" <= ch <= "\u05ff" for ch in hebrew)
    page.editor.setPlainText(hebrew + " נוסח שלי.")
    assert page.save()
    assert "records" in edited_clauses(services, "he")
    assert edited_clauses(services, "en") == {}


def test_unsaved_edits_are_asked_about_before_the_language_changes(
    qtbot: QtBot, services: Services
) -> None:
    prompter = ScriptedPrompter()
    page = _page(qtbot, services, prompter)
    page.editor.setPlainText("Half-written wording")
    prompter.confirms.append(False)
    page.language_box.setCurrentIndex(page.language_box.findData("fr"))
    settle(qtbot)
    assert page.language == "en"
    assert page.language_box.currentData() == "en"
    assert page.editor.toPlainText() == "Half-written wording"


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_wording_page_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    page = _page(qtbot, services, ScriptedPrompter())
    texts = shown_texts(page)
    # The clause's own wording and its preview are the agreement's text, in the language
    # chosen for it; the placeholders are the wording's own {names}; the languages are
    # named in their own words.
    own = {page.preview.text(), "English", "Français", "עברית"}
    left = [t for t in untranslated(texts) if t not in own and not t.startswith("{")]
    assert left == [], left
    assert clipped(page) == []


def test_a_missing_clause_can_take_this_languages_default_wording(
    qtbot: QtBot, services: Services
) -> None:
    set_clause(services, "records", "My own records wording, {client_name}.")  # English only
    prompter = ScriptedPrompter()
    page = _page(qtbot, services, prompter)
    page.set_language("fr")
    page.select_clause("records")
    settle(qtbot)
    assert page.restore_button.isEnabled()
    assert page.restore_button.text() == "Use the default wording"
    prompter.confirms.append(True)
    assert page.restore_default()
    french = clause_set(services, "fr")
    assert french.missing == frozenset()
    assert edited_clauses(services, "fr")["records"] == french.defaults["records"]
    assert page.wording_state.text() == "Your wording"


def test_the_preview_fills_in_the_sample_in_the_wordings_language_not_the_apps(
    qtbot: QtBot, services: Services
) -> None:
    services.settings.set_many({"hours": "mon-fri 09:00-17:00", "region": "CA-QC"})
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, services, ScriptedPrompter())
    page.select_clause("records")
    page.editor.setPlainText("{hours}. {review_date}.")
    settle(qtbot)
    assert page.preview.text().startswith("du lundi au vendredi, de 9 h à 17 h. ")
    page.revert_button.click()
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    settle(qtbot)
    page.editor.setPlainText("{hours}. {review_date}.")
    settle(qtbot)
    assert page.preview.text().startswith("Monday to Friday 9:00–17:00. ")
    assert not any(month in page.preview.text() for month in ("janvier", "juin", "décembre"))
