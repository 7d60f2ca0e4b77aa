"""The client list: add through the editor, search, edit, archive and restore."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.page import (
    ALL_ARCHIVED,
    NO_CLIENTS,
    NO_MATCHES,
    STATUS_SHOWN_MS,
    ClientsPage,
    attention_summary,
)
from boundary_desk.ui.clients.table_model import Column
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import tick, type_text


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


TODAY = date(2026, 3, 3)


@pytest.fixture
def page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> ClientsPage:
    widget = ClientsPage(services, prompter, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_samples(services: Services) -> None:
    services.clients.add(
        Client(
            code="",
            display_name="Zoë Martin",
            handles=(ContactHandle(HandleKind.EMAIL, "zoe@example.org"),),
        )
    )
    services.clients.add(
        Client(
            code="JD2",
            display_name="Jordan Díaz",
            status=ClientStatus.ENDED,
            ended_on=date(2025, 2, 27),
        )
    )
    services.clients.add(
        Client(
            code="",
            display_name="Sam Okafor",
            is_minor=True,
            handles=(
                ContactHandle(HandleKind.SOCIAL, "@sam"),
                ContactHandle(HandleKind.PHONE, "(604) 555-0199"),
            ),
        )
    )


def names(page: ClientsPage) -> list[str]:
    return [page.model.index(row, Column.NAME).data() for row in range(page.model.rowCount())]


def row_text(page: ClientsPage, row: int) -> list[str | None]:
    return [page.model.index(row, column).data() for column in Column]


def open_editor(qtbot: QtBot, page: ClientsPage) -> ClientEditor:
    qtbot.waitUntil(lambda: page.findChild(ClientEditor) is not None)
    editor = page.findChild(ClientEditor)
    assert isinstance(editor, ClientEditor)
    qtbot.waitExposed(editor)
    return editor


def select(page: ClientsPage, name: str) -> None:
    page.table.selectRow(names(page).index(name))


def test_an_empty_vault_shows_the_empty_state(page: ClientsPage) -> None:
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == NO_CLIENTS
    assert not page.edit_button.isEnabled()
    assert not page.archive_button.isEnabled()


def test_a_client_added_through_the_editor_appears(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = open_editor(qtbot, page)
    type_text(qtbot, editor.name, "Zoë Martin")
    qtbot.mouseClick(editor.handles.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.handles.rows[0].value, "416 555 0100")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.stack.currentWidget() is page.table
    assert row_text(page, 0) == [
        "C-001",
        "Zoë Martin",
        "Active",
        "No agreement",
        "416 555 0100",
        None,
    ]
    assert page.selected_client() == services.clients.find("C-001")
    assert page.status.text() == "Added Zoë Martin as C-001."


def test_the_status_line_clears_after_a_while_and_with_the_next_action(
    qtbot: QtBot, page: ClientsPage
) -> None:
    assert STATUS_SHOWN_MS >= 5_000  # long enough to read
    page.status_timer.setInterval(50)  # the same timer, sooner
    page.say("Added Zoë Martin as C-001.")
    assert page.status.text() == "Added Zoë Martin as C-001."
    qtbot.waitUntil(lambda: page.status.text() == "", timeout=2000)

    page.status_timer.setInterval(STATUS_SHOWN_MS)
    page.say("Added Sam Okafor as C-002.")
    qtbot.keyClicks(page.search, "s")  # the next thing done on the page
    assert page.status.text() == ""


def test_the_audit_trail_is_a_quiet_button_and_add_client_the_only_primary(
    page: ClientsPage,
) -> None:
    buttons = page.findChildren(QPushButton)
    primaries = [b.text() for b in buttons if b.property("role") == "primary"]
    assert primaries == ["Add client…"]
    assert page.audit_button.property("role") == "link"


def test_ctrl_n_opens_the_editor_and_escape_saves_nothing(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = open_editor(qtbot, page)
    assert editor.windowTitle() == "Add client"
    qtbot.keyClicks(editor.name, "Sam")
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    assert services.clients.list() == []
    assert page.empty.text() == NO_CLIENTS


def test_the_table_shows_status_contact_and_minor(page: ClientsPage, services: Services) -> None:
    add_samples(services)
    page.refresh()
    assert names(page) == ["Jordan Díaz", "Sam Okafor", "Zoë Martin"]
    assert row_text(page, 0) == [
        "JD2",
        "Jordan Díaz",
        "Ended on 27 Feb 2025",
        "No agreement",
        None,
        None,
    ]
    assert row_text(page, 1) == [
        "C-002",
        "Sam Okafor",
        "Active",
        "No agreement",
        "(604) 555-0199",
        "Yes",
    ]
    assert row_text(page, 2) == [
        "C-001",
        "Zoë Martin",
        "Active",
        "No agreement",
        "zoe@example.org",
        None,
    ]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Code", "Name", "Status", "Agreement", "Contact", "Minor"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", ["Zoë Martin"]),
        ("ZOË", ["Zoë Martin"]),
        ("diaz", ["Jordan Díaz"]),
        ("c-002", ["Sam Okafor"]),
        ("555-0199", ["Sam Okafor"]),
        ("example.org", ["Zoë Martin"]),
        ("", ["Jordan Díaz", "Sam Okafor", "Zoë Martin"]),
    ],
)
def test_search_filters_as_you_type(
    qtbot: QtBot, page: ClientsPage, services: Services, typed: str, expected: list[str]
) -> None:
    add_samples(services)
    page.refresh()
    type_text(qtbot, page.search, typed)
    assert names(page) == expected


def test_a_search_with_no_match_says_so(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    page.refresh()
    qtbot.keyClicks(page.search, "nobody")
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text() == NO_MATCHES


def test_enter_in_search_then_enter_edits_the_first_match(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    page.refresh()
    qtbot.keyClicks(page.search, "sam")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = open_editor(qtbot, page)
    assert editor.windowTitle() == "Edit client"
    assert editor.name.text() == "Sam Okafor"
    editor.reject()


def test_double_click_edits_and_saving_updates_the_row(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    page.refresh()
    row = names(page).index("Jordan Díaz")
    rect = page.table.visualRect(page.model.index(row, Column.NAME))
    viewport = page.table.viewport()
    # A real double-click: press and release, then the double-click event.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    editor = open_editor(qtbot, page)
    assert len(page.findChildren(ClientEditor)) == 1
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Jordan Diaz-Lee")
    with qtbot.waitSignal(editor.accepted):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Jordan Diaz-Lee" in names(page)
    assert page.selected_client() == services.clients.find("JD2")
    assert len(services.clients.list()) == 3


def test_edit_button_follows_the_selection(page: ClientsPage, services: Services) -> None:
    add_samples(services)
    page.refresh()
    assert not page.edit_button.isEnabled()
    select(page, "Sam Okafor")
    assert page.edit_button.isEnabled()
    editor = page.edit_selected()
    assert editor is not None
    assert editor.name.text() == "Sam Okafor"
    editor.reject()


def test_archive_asks_first_then_hides_and_restore_brings_back(
    qtbot: QtBot, page: ClientsPage, services: Services, prompter: ScriptedPrompter
) -> None:
    add_samples(services)
    page.refresh()
    select(page, "Sam Okafor")
    prompter.confirms.append(True)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert prompter.asked == [("confirm", "Archive client", prompter.asked[0][2])]
    assert "C-002" in prompter.asked[0][2]
    assert "nothing is deleted" in prompter.asked[0][2]
    assert names(page) == ["Jordan Díaz", "Zoë Martin"]
    assert services.clients.find("C-002").archived
    assert "Archived C-002." in page.status.text()

    tick(qtbot, page.show_archived)
    assert names(page) == ["Jordan Díaz", "Sam Okafor", "Zoë Martin"]
    select(page, "Sam Okafor")
    assert row_text(page, 1)[Column.STATUS] == "Archived"
    assert page.archive_button.text() == "Restore"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert not services.clients.find("C-002").archived
    assert page.archive_button.text() == "Archive"
    assert page.status.text() == "Restored C-002."
    assert len(prompter.asked) == 1  # restoring loses nothing, so it is not asked


def test_declining_the_archive_question_changes_nothing(
    qtbot: QtBot, page: ClientsPage, services: Services, prompter: ScriptedPrompter
) -> None:
    add_samples(services)
    page.refresh()
    select(page, "Zoë Martin")
    prompter.confirms.extend([False])
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert prompter.confirms == deque()
    assert not services.clients.find("C-001").archived
    assert "Zoë Martin" in names(page)


def test_when_everyone_is_archived_the_page_says_how_to_see_them(
    page: ClientsPage, services: Services
) -> None:
    client = services.clients.add(Client(code="", display_name="Sam"))
    services.clients.set_archived(client.id or 0, True)
    page.refresh()
    assert page.empty.text() == ALL_ARCHIVED


@pytest.mark.parametrize("name", ["<b>x</b>", "Zoë 😀", "שלום", "<img src=x>"])
def test_names_are_displayed_literally(
    qtbot: QtBot, page: ClientsPage, services: Services, name: str
) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = open_editor(qtbot, page)
    type_text(qtbot, editor.name, name)
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert services.clients.find("C-001").display_name == name
    assert names(page) == [name]
    assert page.model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole) is None
    assert name in page.status.text()
    labels = [w for w in page.findChildren(QLabel) if name in w.text()]
    assert labels
    assert all(w.textFormat() is Qt.TextFormat.PlainText for w in labels)


def test_model_ignores_invalid_indexes(page: ClientsPage) -> None:
    assert page.model.data(QModelIndex()) is None
    assert page.model.client_at(5) is None


# -- agreements -------------------------------------------------------------------------


def sign_agreement(services: Services, code: str, signed_on: date) -> None:
    client = services.clients.find(code)
    draft = first_draft(client, services.settings.load())
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    services.agreements.sign(
        replace(draft.with_terms(email), client_signed_on=signed_on), signed_on
    )


def agreement_of(page: ClientsPage, name: str) -> str | None:
    return page.model.index(names(page).index(name), Column.AGREEMENT).data()


def flagged(page: ClientsPage, name: str) -> bool:
    index = page.model.index(names(page).index(name), Column.AGREEMENT)
    return index.data(Qt.ItemDataRole.DecorationRole) is not None


def test_the_agreement_column_shows_where_each_client_stands(
    page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    sign_agreement(services, "C-001", date(2025, 8, 1))  # Zoë: review was due 1 Feb 2026
    sign_agreement(services, "C-002", date(2026, 2, 10))  # Sam: review 10 Aug 2026
    sam = services.clients.find("C-002")
    assert sam.id is not None
    services.agreements.save_draft(replace(services.agreements.signed(sam.id), id=None))
    page.refresh()
    assert agreement_of(page, "Zoë Martin") == "Review due"
    assert agreement_of(page, "Sam Okafor") == "Signed, review 10 Aug 2026"
    assert agreement_of(page, "Jordan Díaz") == "No agreement"
    assert flagged(page, "Zoë Martin")
    assert not flagged(page, "Sam Okafor")
    assert not flagged(page, "Jordan Díaz")  # therapy has ended: nothing to do
    assert page.attention.isVisible()
    assert page.attention.text() == "1 agreement is due for review"


def test_a_draft_shows_its_version_and_counts_as_unsigned(
    page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    zoe = services.clients.find("C-001")
    services.agreements.save_draft(first_draft(zoe, services.settings.load()))
    page.refresh()
    assert agreement_of(page, "Zoë Martin") == "Draft v1"
    assert flagged(page, "Sam Okafor")
    assert page.attention.text() == "2 active clients have no signed agreement"


def test_the_summary_names_both_kinds_of_attention() -> None:
    assert attention_summary(0, 0) == ""
    assert attention_summary(2, 1) == (
        "2 agreements are due for review · 1 active client has no signed agreement"
    )


def test_the_summary_is_hidden_when_all_is_in_order(page: ClientsPage, services: Services) -> None:
    services.clients.add(Client(code="", display_name="Zoë Martin"))
    sign_agreement(services, "C-001", date(2026, 3, 1))
    page.refresh()
    assert not page.attention.isVisible()


def open_agreement_editor(qtbot: QtBot, page: ClientsPage) -> AgreementEditor:
    qtbot.waitUntil(lambda: page.findChild(AgreementEditor) is not None)
    editor = page.findChild(AgreementEditor)
    assert isinstance(editor, AgreementEditor)
    qtbot.waitExposed(editor)
    return editor


def test_ctrl_g_opens_the_selected_clients_agreement_and_the_row_updates_after(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    page.refresh()
    assert not page.agreement_button.isEnabled()
    select(page, "Zoë Martin")
    assert page.agreement_button.isEnabled()
    page.table.setFocus()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    editor = open_agreement_editor(qtbot, page)
    assert editor.windowTitle() == "Communication agreement · C-001[*]"
    assert editor.form.email.text() == "zoe@example.org"
    assert editor.save_draft()
    with qtbot.waitSignal(editor.finished):
        editor.reject()
    assert agreement_of(page, "Zoë Martin") == "Draft v1"


def test_the_agreement_button_opens_the_editor(
    qtbot: QtBot, page: ClientsPage, services: Services
) -> None:
    add_samples(services)
    page.refresh()
    select(page, "Sam Okafor")
    qtbot.mouseClick(page.agreement_button, Qt.MouseButton.LeftButton)
    editor = open_agreement_editor(qtbot, page)
    assert editor.windowTitle().startswith("Communication agreement · C-002")
    assert editor.form.guardian_role.isVisible()
    editor.reject()


def test_ctrl_g_with_nobody_selected_says_what_to_do(page: ClientsPage, services: Services) -> None:
    add_samples(services)
    page.refresh()
    assert page.agreement_for_selected() is None
    assert page.status.text() == "Choose a client in the list first."


def test_the_communication_record_is_saved_from_the_client_list(
    qtbot: QtBot, page: ClientsPage, services: Services, prompter: ScriptedPrompter, tmp_path
) -> None:
    import stat

    from boundary_desk.storage.audit import trail as audit

    add_samples(services)
    page.refresh()
    assert not page.record_button.isEnabled()  # no client chosen yet
    select(page, "Zoë Martin")
    assert page.record_button.isEnabled()
    target = tmp_path / "chart"
    prompter.save_paths.append(target)

    with qtbot.waitSignal(page.record_saver.done, timeout=20_000) as saved:
        assert page.record_for_selected()
    assert saved.args == [True]

    pdf = target.with_name("chart.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    kind, _, suggested = prompter.asked[0]
    assert kind == "save_file" and "Communication record " in suggested
    assert "Zoë" not in suggested  # the file is named by code
    assert prompter.messages("saved")  # and Show in folder is offered
    zoe = next(c for c in services.clients.list() if c.display_name == "Zoë Martin")
    (row,) = [
        r for r in audit.history(services.vault.conn, client_id=zoe.id) if r.action == "export"
    ]
    assert row.details()["file"] == str(pdf)
    assert page.status.text().startswith(f"Saved “chart.pdf” in {tmp_path}.")
    assert "self-review stayed in the vault" in page.status.text()  # the default record


def test_a_cancelled_record_writes_nothing(
    qtbot: QtBot, page: ClientsPage, services: Services, prompter: ScriptedPrompter, tmp_path
) -> None:
    add_samples(services)
    page.refresh()
    select(page, "Zoë Martin")
    prompter.save_paths.append(None)
    assert not page.record_for_selected()
    assert list(tmp_path.glob("*.pdf")) == []
    assert not page.record_saver.is_saving()
