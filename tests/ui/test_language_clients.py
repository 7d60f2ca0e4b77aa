"""The client list and form in the pseudo-language, in French and in Hebrew: every word of its
buttons, columns, standings and counts translated, nothing cut off, Hebrew mirrored."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMenu
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.clients.table_model import Column
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import (
    LANGUAGE_TEST,
    PseudoLanguage,
    clipped,
    right_edge,
    settle,
    shown_texts,
    the_app,
    untranslated,
)
from tests.ui.test_clients_page import add_samples, names, sign_agreement

pytestmark = LANGUAGE_TEST

TODAY = date(2026, 3, 3)
# The list as it stands beside the sidebar of a 1366-wide window.
PAGE_WIDTH, PAGE_HEIGHT = 1140, 640


def _with_standings(services: Services) -> None:
    """Zoë's agreement due for review, Sam's a draft, Jordan's therapy ended (and a minor
    among them), so every kind of word the columns say is on the list."""
    add_samples(services)
    sign_agreement(services, "C-001", date(2025, 8, 1))
    sam = services.clients.find("C-002")
    services.agreements.save_draft(first_draft(sam, services.settings.load()))


def _page(qtbot: QtBot, services: Services) -> ClientsPage:
    page = ClientsPage(services, ScriptedPrompter(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, PAGE_HEIGHT)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot)
    return page


def _headers(page: ClientsPage) -> list[str]:
    return [page.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]


def _column(page: ClientsPage, column: Column) -> list[str]:
    cells = (page.model.index(row, column).data() for row in range(page.model.rowCount()))
    return [cell for cell in cells if cell]


def _menu_of(qtbot: QtBot, page: ClientsPage) -> list[str]:
    """The row's menu as it opens on a right-click, read and then closed."""
    shown: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend(a.text() for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(50, read_and_close)
    page._row_menu(page.table.visualRect(page.model.index(0, Column.NAME)).center())
    qtbot.waitUntil(lambda: bool(shown))
    return shown


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_word_of_the_client_list_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    _with_standings(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    page = _page(qtbot, services)
    page.table.selectRow(0)  # the tools' words for a chosen client
    settle(qtbot)
    texts = shown_texts(page)
    assert len(texts) > 8
    assert untranslated(texts) == []
    assert clipped(page) == []
    assert untranslated(_headers(page)) == []
    for column in (Column.STATUS, Column.AGREEMENT, Column.MINOR):
        words = _column(page, column)
        assert words and untranslated(words) == [], column
    # Both counts of the line above the list, each in its plural.
    parts = page.attention.text().split(" · ")
    assert len(parts) == 2 and untranslated(parts) == []
    menu = _menu_of(qtbot, page)
    assert len(menu) == 9 and untranslated(menu) == []
    page.search.setText("nobody by this name")
    assert page.empty.text().startswith("[[")


def test_in_french_the_client_list_counts_and_names_its_columns_in_french(
    qtbot: QtBot, services: Services
) -> None:
    _with_standings(services)
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, services)
    assert _headers(page) == ["Code", "Nom", "Statut", "Entente", "Coordonnées", "Mineur"]
    assert page.attention.text() == (
        "1 entente est à réviser · 1 client en suivi n'a pas d'entente signée"
    )
    jordan = names(page).index("Jordan Díaz")
    assert page.model.index(jordan, Column.STATUS).data() == "Terminé le 27 févr. 2025"
    assert sorted(_column(page, Column.AGREEMENT)) == [
        "Aucune entente",
        "Brouillon v1",
        "À réviser",
    ]
    assert page.add_button.text() == "Ajouter un client…"
    assert clipped(page) == []


def test_in_hebrew_the_client_list_mirrors_and_counts_in_hebrew(
    qtbot: QtBot, services: Services
) -> None:
    add_samples(services)  # three clients, none with a signed agreement; one has ended
    apply_language(the_app(), "he", remember=False)
    page = _page(qtbot, services)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Mirrored: the title at the right, the search to its left.
    assert right_edge(page, page.title) > right_edge(page, page.search)
    assert page.title.text() == "מטופלים"
    # "Contact" as the column of phone numbers, not as the kind of entry.
    assert _headers(page)[Column.CONTACT] == "פרטי קשר"
    assert page.attention.text() == "ל־2 מטופלים פעילים אין הסכם חתום"
    # A phone number keeps its own order: isolated left to right, not "555-0199 (604)".
    model = page.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, Column.CODE).data() == "C-002")
    assert model.index(row, Column.CONTACT).data() == "\u2066(604) 555-0199\u2069"
    assert clipped(page) == []


# The client form -----------------------------------------------------------------------


def _editor(qtbot: QtBot, services: Services, client: Client | None) -> ClientEditor:
    editor = ClientEditor(services, ScriptedPrompter(), client)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    settle(qtbot)
    return editor


def _choices(editor: ClientEditor) -> list[str]:
    """Every choice of every list on the form (channels, comfort, kinds of detail)."""
    return [
        combo.itemText(i) for combo in editor.findChildren(QComboBox) for i in range(combo.count())
    ]


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_client_form_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    add_samples(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    for client in (None, services.clients.find("C-002"), services.clients.find("JD2")):
        editor = _editor(qtbot, services, client)  # new; a minor with details; ended
        texts = shown_texts(editor)
        assert len(texts) > 10
        assert untranslated(texts) == []
        assert untranslated(_choices(editor)) == []
        assert clipped(editor) == []
    # A refusal from the checks behind the form, in the same language.
    editor.ended.setChecked(True)
    editor.end_date.set_value(None)
    editor.save()
    assert editor.error.text().startswith("[[An ended client needs the date therapy ended.")


def test_in_french_the_client_form_asks_and_refuses_in_french(
    qtbot: QtBot, services: Services
) -> None:
    add_samples(services)
    apply_language(the_app(), "fr", remember=False)
    editor = _editor(qtbot, services, services.clients.find("C-001"))
    assert editor.windowTitle() == "Modifier le client"
    assert "Début du suivi" in shown_texts(editor)
    assert editor.preferred.itemText(2) == "Texto"
    editor.handles.rows[0].value.setText("zoe at example")
    editor.save()
    assert editor.error.text().startswith(
        "'zoe at example' n'est pas une adresse courriel (comme nom@exemple.org)."
    )
    assert services.clients.find("C-001").handles[0].value == "zoe@example.org"  # unchanged
    assert clipped(editor) == []


def test_in_hebrew_the_client_form_mirrors(qtbot: QtBot, services: Services) -> None:
    apply_language(the_app(), "he", remember=False)
    editor = _editor(qtbot, services, None)
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.windowTitle() == "הוספת מטופל/ת"
    # The labels at the right, their fields to their left.
    name_label = editor.form.labelForField(editor.name)
    assert isinstance(name_label, QLabel) and name_label.text() == "&שם"
    assert right_edge(editor, name_label) > right_edge(editor, editor.name)
    assert clipped(editor) == []
