"""The agreement wording page: edit, save, refuse, restore, revert, and switch with care."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreement_document import build_document
from boundary_desk.domain.agreements import Agreement
from boundary_desk.domain.clause_labels import clause_label
from boundary_desk.domain.clauses import MAX_CLAUSE, PLACEHOLDERS
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.ui.agreements.clauses_page import SAMPLE_CLIENT, ClausesPage
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text

DEFAULTS = default_clauses()


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> ClausesPage:
    return open_page(qtbot, services, prompter)


def open_page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> ClausesPage:
    widget = ClausesPage(services, prompter)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row(page: ClausesPage, name: str) -> QTreeWidgetItem:
    tree = page.clause_list
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    [item] = [it for it in items if it.data(0, Qt.ItemDataRole.UserRole) == name]
    return item


def pick(qtbot: QtBot, page: ClausesPage, name: str) -> None:
    """Click a clause in the list, as the clinician would."""
    item = row(page, name)
    page.clause_list.scrollToItem(item)
    spot = page.clause_list.visualItemRect(item).center()
    qtbot.mouseClick(page.clause_list.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def retype(qtbot: QtBot, page: ClausesPage, text: str) -> None:
    page.editor.selectAll()
    type_text(qtbot, page.editor, text)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def markers(page: ClausesPage) -> dict[str, str]:
    tree = page.clause_list
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {
        it.data(0, Qt.ItemDataRole.UserRole): it.text(1)
        for it in items
        if it.data(0, Qt.ItemDataRole.UserRole) and it.text(1)
    }


def test_clauses_are_listed_by_friendly_label_in_agreement_order(page: ClausesPage) -> None:
    tree = page.clause_list
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    choices = [it for it in items if it.flags() & Qt.ItemFlag.ItemIsSelectable]
    headings = [it.text(0) for it in items if not it.flags() & Qt.ItemFlag.ItemIsEnabled]

    assert [it.data(0, Qt.ItemDataRole.UserRole) for it in choices] == page.clause_names()
    assert set(page.clause_names()) == set(DEFAULTS)
    assert [it.text(0) for it in choices][:2] == ["Opening paragraph", "Channels: introduction"]
    assert headings[0] == "About this agreement"
    assert page.current_clause() == "intro"
    assert page.editor.toPlainText() == DEFAULTS["intro"]
    assert page.clause_title.text() == "Opening paragraph"
    assert page.description.text() == clause_label("intro").description
    assert page.wording_state.text() == "Default wording"
    assert markers(page) == {}
    assert not page.save_button.isEnabled()
    assert not page.revert_button.isEnabled()
    assert not page.restore_button.isEnabled()


def test_the_arrow_keys_skip_the_headings(qtbot: QtBot, page: ClausesPage) -> None:
    page.clause_list.setFocus()
    qtbot.keyClick(page.clause_list, Qt.Key.Key_Down)
    assert page.current_clause() == "channels_intro"
    names = page.clause_names()
    for _ in range(names.index("availability") - names.index("channels_intro")):
        qtbot.keyClick(page.clause_list, Qt.Key.Key_Down)  # over the "Availability" heading
    assert page.current_clause() == "availability"


def test_an_edit_saved_with_ctrl_s_is_stored_and_printed_on_agreements(
    qtbot: QtBot, page: ClausesPage, services: Services
) -> None:
    wording = "Zoë bills contact over ten minutes, {client_name}, at the usual rate."
    pick(qtbot, page, "billing.yes")
    retype(qtbot, page, wording)
    assert page.wording_state.text() == "Not saved yet"
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.waitSignal(page.clauses_saved):
        qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert services.clauses.overrides() == {"billing.yes": wording}
    clauses = services.clauses.clause_set()
    agreement = Agreement(client_id=1, bills_between_session=True)
    client = Client(id=1, code="", display_name="Ana Lima")
    doc = build_document(agreement, client, services.settings.load(), clauses, date(2026, 3, 2))
    billing = next(s for s in doc.closing_sections if s.heading == "Records and billing")
    assert "Zoë bills contact over ten minutes, Ana Lima, at the usual rate." in billing.paragraphs
    assert markers(page) == {"billing.yes": "Edited"}
    assert page.wording_state.text() == "Your wording"
    assert page.saved_line.text() == "Saved."
    assert not page.save_button.isEnabled()
    assert page.restore_button.isEnabled()


def test_saving_the_default_wording_again_keeps_no_override(
    qtbot: QtBot, page: ClausesPage, services: Services
) -> None:
    retype(qtbot, page, "Something else.")
    retype(qtbot, page, DEFAULTS["intro"] + "  ")
    click(qtbot, page.save_button)

    assert services.clauses.overrides() == {}
    assert page.saved_line.text() == "Saved. This is the default wording."
    assert markers(page) == {}


@pytest.mark.parametrize(
    ("wording", "message"),
    [
        ("Dear {client_nmae}, welcome.", "Unknown placeholder {client_nmae}."),
        ("Call me {", "A clause uses { and } only around a placeholder, like {client_name}."),
        ("We meet weekly }", "A clause uses { and } only around a placeholder"),
        ("x" * (MAX_CLAUSE + 1), f"A clause can be at most {MAX_CLAUSE} characters."),
    ],
)
def test_refused_wording_is_explained_and_nothing_is_stored(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, wording: str, message: str
) -> None:
    services.clauses.set("records", "My own records wording.")
    page = open_page(qtbot, services, prompter)
    pick(qtbot, page, "records")
    page.editor.selectAll()
    page.editor.insertPlainText(wording)  # typing 2001 characters one by one is slow

    with qtbot.assertNotEmitted(page.clauses_saved):
        click(qtbot, page.save_button)

    assert page.error.isVisible()
    assert page.error.text().startswith("Nothing was saved. ")
    assert message in page.error.text()
    assert services.clauses.overrides() == {"records": "My own records wording."}
    assert page.editor.toPlainText() == wording  # the clinician's typing is not lost
    assert page.wording_state.text() == "Not saved yet"


def test_an_unknown_placeholder_lists_the_ones_that_work(
    qtbot: QtBot, page: ClausesPage, services: Services
) -> None:
    retype(qtbot, page, "Hello {client_nmae}")
    assert page.preview.text().endswith("Unknown placeholder {client_nmae}.")

    click(qtbot, page.save_button)

    assert all("{" + key + "}" in page.error.text() for key in PLACEHOLDERS)
    assert services.clauses.overrides() == {}


def test_a_format_spec_in_a_placeholder_is_refused_in_the_preview(
    qtbot: QtBot, page: ClausesPage
) -> None:
    retype(qtbot, page, "Dear {client_name:%}")
    assert page.preview.text().startswith("Shown once the wording is fixed.")
    assert "only around a placeholder" in page.preview.text()


def test_restore_default_asks_and_then_removes_the_override(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter
) -> None:
    services.clauses.set("records", "My own records wording.")
    page = open_page(qtbot, services, prompter)
    pick(qtbot, page, "records")
    assert page.editor.toPlainText() == "My own records wording."
    assert markers(page) == {"records": "Edited"}

    prompter.confirms.append(False)
    click(qtbot, page.restore_button)
    assert services.clauses.overrides() == {"records": "My own records wording."}

    prompter.confirms.append(True)
    with qtbot.waitSignal(page.clauses_saved):
        click(qtbot, page.restore_button)

    [(kind, title, text), _] = prompter.asked[::-1]
    assert (kind, title) == ("confirm", "Restore default wording")
    assert "“Records and recording”" in text
    assert services.clauses.overrides() == {}
    assert page.editor.toPlainText() == DEFAULTS["records"]
    assert markers(page) == {}
    assert page.wording_state.text() == "Default wording"
    assert not page.restore_button.isEnabled()


def test_revert_discards_unsaved_edits(qtbot: QtBot, page: ClausesPage, services: Services) -> None:
    retype(qtbot, page, "A half-finished thought")
    click(qtbot, page.revert_button)

    assert page.editor.toPlainText() == DEFAULTS["intro"]
    assert not page.is_dirty()
    assert not page.revert_button.isEnabled()
    assert services.clauses.overrides() == {}


def test_switching_clauses_with_unsaved_edits_asks_first(
    qtbot: QtBot, page: ClausesPage, prompter: ScriptedPrompter, services: Services
) -> None:
    retype(qtbot, page, "Unsaved intro")

    prompter.confirms.append(False)
    pick(qtbot, page, "records")
    qtbot.waitUntil(lambda: len(prompter.asked) == 1)
    assert prompter.asked[0][:2] == ("confirm", "Unsaved changes")
    assert "“Opening paragraph”" in prompter.asked[0][2]
    assert page.current_clause() == "intro"
    assert page.clause_list.currentItem() is row(page, "intro")
    assert page.editor.toPlainText() == "Unsaved intro"

    prompter.confirms.append(True)
    pick(qtbot, page, "records")
    qtbot.waitUntil(lambda: page.current_clause() == "records")
    assert page.editor.toPlainText() == DEFAULTS["records"]
    assert page.clause_list.currentItem() is row(page, "records")
    assert services.clauses.overrides() == {}

    pick(qtbot, page, "intro")  # nothing unsaved now: no question
    assert page.current_clause() == "intro"
    assert len(prompter.asked) == 2


def test_markup_in_wording_is_shown_literally(
    qtbot: QtBot, page: ClausesPage, services: Services
) -> None:
    wording = "<b>Bold?</b> &amp; <i>{client_name}</i> <a href='x'>link</a>"
    retype(qtbot, page, wording)
    click(qtbot, page.save_button)

    assert services.clauses.overrides() == {"intro": wording}
    assert page.preview.text() == f"<b>Bold?</b> &amp; <i>{SAMPLE_CLIENT}</i> <a href='x'>link</a>"
    for shown in page.findChildren(QLabel):
        assert shown.textFormat() == Qt.TextFormat.PlainText, shown.text()


def test_a_placeholder_is_inserted_at_the_cursor(qtbot: QtBot, page: ClausesPage) -> None:
    page.editor.setPlainText("Hello , welcome.")
    cursor = page.editor.textCursor()
    cursor.setPosition(len("Hello "))
    page.editor.setTextCursor(cursor)

    click(qtbot, page.placeholder_buttons["client_name"])

    assert page.editor.toPlainText() == "Hello {client_name}, welcome."
    assert page.placeholder_buttons["client_name"].toolTip() == (
        "Insert the client's name at the cursor"
    )


def test_how_it_reads_uses_a_sample_client_and_your_settings(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter
) -> None:
    services.settings.set("clinician", "Dr. Jo Rivera")
    page = open_page(qtbot, services, prompter)

    assert page.preview.text().startswith(
        f"This agreement describes how {SAMPLE_CLIENT} and Dr. Jo Rivera will keep in touch"
    )
    assert "{" not in page.preview.text()
    retype(qtbot, page, "Hi {client_name}, from {clinician} ({practice}).")
    assert page.preview.text() == f"Hi {SAMPLE_CLIENT}, from Dr. Jo Rivera (Dr. Jo Rivera)."


def test_the_workspace_has_an_agreement_wording_page(qtbot: QtBot, services: Services) -> None:
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitExposed(workspace)
    [item] = workspace.nav.findItems("Agreement wording", Qt.MatchFlag.MatchExactly)

    spot = workspace.nav.visualItemRect(item).center()
    qtbot.mouseClick(workspace.nav.viewport(), Qt.MouseButton.LeftButton, pos=spot)

    assert workspace.pages.currentWidget() is workspace.clauses_page
    assert workspace.clauses_page.isVisible()
    workspace.show_page("Clients")
    workspace.show_page("Agreement wording")
    assert workspace.pages.currentWidget() is workspace.clauses_page
