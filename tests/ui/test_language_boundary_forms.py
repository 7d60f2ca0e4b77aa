"""The quick log's friend-request, online-search and client-approach forms in French, in
Hebrew (right to left), and in the pseudo-language that shows any word left untranslated
or cut off; and a refusal on them, in the form's language, on the field it is about."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.events import EventKind
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.quick_log.window import QuickLogDialog
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
from tests.ui.test_quick_log import FRIDAY_2240, assert_refused, pick_ana, set_up_practice

pytestmark = LANGUAGE_TEST

BOUNDARY_KINDS = (EventKind.FRIEND_REQUEST, EventKind.SEARCH, EventKind.CLIENT_APPROACH)


def _dialog(qtbot: QtBot, services: Services) -> QuickLogDialog:
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("kind", BOUNDARY_KINDS, ids=lambda kind: kind.value)
def test_in_the_pseudo_language_each_boundary_form_is_translated_and_whole(
    qtbot: QtBot, services: Services, kind: EventKind
) -> None:
    set_up_practice(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    dialog = _dialog(qtbot, services)
    dialog.kinds.set_kind(kind)
    settle(qtbot)
    form = dialog.forms[kind]
    texts = shown_texts(dialog.form_page)
    # The moment the time field reads is a date, written with the calendar's own names.
    assert untranslated(texts) == [form.when.meaning.text()]
    assert clipped(dialog.form_page) == []


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
@pytest.mark.parametrize("kind", BOUNDARY_KINDS, ids=lambda kind: kind.value)
def test_in_french_and_hebrew_no_word_of_a_boundary_form_is_cut_off(
    qtbot: QtBot, services: Services, language: str, kind: EventKind
) -> None:
    set_up_practice(services)
    apply_language(the_app(), language, remember=False)
    dialog = _dialog(qtbot, services)
    dialog.kinds.set_kind(kind)
    settle(qtbot)
    assert clipped(dialog.form_page) == []


def test_in_french_the_search_form_asks_its_six_questions_in_french(
    qtbot: QtBot, services: Services
) -> None:
    set_up_practice(services)
    apply_language(the_app(), "fr", remember=False)
    dialog = _dialog(qtbot, services)
    dialog.kinds.set_kind(EventKind.SEARCH)
    settle(qtbot)
    texts = shown_texts(dialog.form_page)
    for french in ("1 · Pourquoi chercher?", "2 · Consentement", "6 · Votre motif",
                   "J'ai dit au client ce que j'ai trouvé"):  # fmt: skip
        assert french in texts
    form = dialog.forms[EventKind.SEARCH]
    assert form.consent.itemText(0) == "Le client a accepté"
    assert "Curiosité" in [form.purpose.itemText(i) for i in range(form.purpose.count())]


def test_in_hebrew_a_search_without_its_reason_is_refused_in_hebrew_on_that_question(
    qtbot: QtBot, services: Services
) -> None:
    set_up_practice(services)
    apply_language(the_app(), "he", remember=False)
    dialog = _dialog(qtbot, services)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.SEARCH)
    dialog.save()
    settle(qtbot)
    purpose = dialog.forms[EventKind.SEARCH].purpose
    assert_refused(dialog, services, "יש לציין למה חיפשת (שאלה 1).", purpose)


def test_in_french_a_friend_request_without_a_platform_is_refused_on_the_platform(
    qtbot: QtBot, services: Services
) -> None:
    set_up_practice(services)
    apply_language(the_app(), "fr", remember=False)
    dialog = _dialog(qtbot, services)
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.FRIEND_REQUEST)
    form = dialog.forms[EventKind.FRIEND_REQUEST]
    form.platform.setEditText("")
    dialog.save()
    settle(qtbot)
    # The refusal names the field as the form does, and is about that field.
    assert_refused(dialog, services, "La plateforme", form.platform)
