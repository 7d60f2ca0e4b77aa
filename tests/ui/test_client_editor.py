"""The client editor: every refusal is shown in the dialog and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

MARKUP_EMOJI_RTL = ["<b>x</b>", "Zoë 😀", "שלום", "Ana & <i>Bo</i>"]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard would; QTest.keyClicks aborts on characters beyond ASCII."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def tick(qtbot: QtBot, box: QWidget) -> None:
    """Click a check box on its box, as a person would (its centre may be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def make_editor(qtbot: QtBot, services: Services, client: Client | None = None) -> ClientEditor:
    editor = ClientEditor(services, ScriptedPrompter(), client)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def count(services: Services) -> int:
    return len(services.clients.list(include_archived=True))


def save(qtbot: QtBot, editor: ClientEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def assert_refused(editor: ClientEditor, services: Services, message: str, before: int) -> None:
    assert editor.error.isVisible()
    assert message in editor.error.text()
    assert editor.error.textFormat() is Qt.TextFormat.PlainText
    assert editor.isVisible()
    assert editor.saved_client is None
    assert count(services) == before


def test_a_typed_client_is_saved_with_an_automatic_code(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    type_text(qtbot, editor.name, "  Zoë Martin ")
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_client is not None
    assert editor.saved_client.code == "C-001"
    assert services.clients.find("C-001").display_name == "Zoë Martin"


def test_enter_in_a_field_saves(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam Okafor")
    with qtbot.waitSignal(editor.accepted):
        qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert [c.display_name for c in services.clients.list()] == ["Sam Okafor"]


def test_escape_cancels_and_saves_nothing(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam Okafor")
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    assert editor.saved_client is None
    assert count(services) == 0


def test_a_duplicate_code_is_refused_inline(qtbot: QtBot, services: Services) -> None:
    services.clients.add(Client(code="JD2", display_name="Jordan Díaz"))
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Jo Dee")
    qtbot.keyClicks(editor.code, "jd2")
    save(qtbot, editor)
    assert_refused(editor, services, "The code JD2 is already used by another client.", 1)
    assert [c.display_name for c in services.clients.list()] == ["Jordan Díaz"]


def test_an_empty_name_is_refused_inline(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "   ")
    save(qtbot, editor)
    assert_refused(editor, services, "A client's name can't be empty.", 0)


def test_a_bad_code_is_refused_inline(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam")
    qtbot.keyClicks(editor.code, "no spaces allowed")
    save(qtbot, editor)
    assert_refused(editor, services, "A client code is 2 to 12 letters", 0)


def test_a_bad_email_is_refused_and_quoted_literally(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam")
    qtbot.mouseClick(editor.handles.add_button, Qt.MouseButton.LeftButton)
    row = editor.handles.rows[0]
    row.kind.setCurrentIndex(row.kind.findData(HandleKind.EMAIL))
    qtbot.keyClicks(row.value, "<b>sam</b>")
    save(qtbot, editor)
    assert_refused(editor, services, "'<b>sam</b>' is not an email address", 0)


def test_a_refusal_can_be_corrected_and_then_saves(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    save(qtbot, editor)
    assert editor.error.isVisible()
    qtbot.keyClicks(editor.name, "Sam")
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert editor.error.isHidden()
    assert count(services) == 1


@pytest.mark.parametrize("name", MARKUP_EMOJI_RTL)
def test_names_are_stored_and_shown_literally(qtbot: QtBot, services: Services, name: str) -> None:
    editor = make_editor(qtbot, services)
    type_text(qtbot, editor.name, name)
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert services.clients.find("C-001").display_name == name
    again = make_editor(qtbot, services, services.clients.find("C-001"))
    assert again.name.text() == name


def test_contact_handles_are_added_removed_and_blank_rows_ignored(
    qtbot: QtBot, services: Services
) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam")
    for _ in range(3):
        qtbot.mouseClick(editor.handles.add_button, Qt.MouseButton.LeftButton)
    first, second, _blank = editor.handles.rows
    qtbot.keyClicks(first.value, "+1 416 555 0100")
    qtbot.keyClicks(first.label, "mobile")
    tick(qtbot, first.verified)
    qtbot.keyClicks(second.value, "old@example.org")
    qtbot.mouseClick(second.remove, Qt.MouseButton.LeftButton)
    assert len(editor.handles.rows) == 2
    assert editor.client_from_fields().handles == (
        ContactHandle(HandleKind.PHONE, "+1 416 555 0100", "mobile", True),
    )
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    stored = services.clients.find("C-001").handles
    assert [(h.kind, h.value, h.label) for h in stored] == [
        (HandleKind.PHONE, "+1 416 555 0100", "mobile")
    ]


def test_a_verified_handle_stays_verified(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Sam")
    row = editor.handles.add_row()
    qtbot.keyClicks(row.value, "555 0100")
    row.verified.setChecked(True)
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert services.clients.find("C-001").handles[0].verified


def test_start_date_is_optional(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    assert editor.start_date.value() is None
    assert editor.start_date.edit.isHidden()
    qtbot.mouseClick(editor.start_date.add_button, Qt.MouseButton.LeftButton)
    editor.start_date.edit.setDate(QDate(2025, 1, 14))
    assert editor.client_from_fields().started_on == date(2025, 1, 14)
    qtbot.mouseClick(editor.start_date.clear_button, Qt.MouseButton.LeftButton)
    assert editor.client_from_fields().started_on is None


def test_end_date_is_only_available_once_ended(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    assert not editor.end_date.isEnabled()
    assert not editor.end_date.isVisible()
    qtbot.mouseClick(editor.ended, Qt.MouseButton.LeftButton)
    assert editor.end_date.isEnabled()
    assert editor.end_date.isVisible()
    assert editor.end_date.value() == date.fromisoformat(
        QDate.currentDate().toString(Qt.DateFormat.ISODate)
    )
    qtbot.mouseClick(editor.active, Qt.MouseButton.LeftButton)
    assert not editor.end_date.isEnabled()
    assert editor.client_from_fields().ended_on is None


def test_an_ended_client_needs_an_end_date(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Jordan")
    qtbot.mouseClick(editor.ended, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.end_date.clear_button, Qt.MouseButton.LeftButton)
    save(qtbot, editor)
    assert_refused(editor, services, "An ended client needs the date therapy ended.", 0)
    qtbot.mouseClick(editor.end_date.add_button, Qt.MouseButton.LeftButton)
    editor.end_date.edit.setDate(QDate(2025, 2, 27))
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    stored = services.clients.find("C-001")
    assert (stored.status, stored.ended_on) == (ClientStatus.ENDED, date(2025, 2, 27))


def test_therapy_cannot_end_before_it_started(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    qtbot.keyClicks(editor.name, "Jordan")
    editor.start_date.set_value(date(2025, 3, 1))
    qtbot.mouseClick(editor.ended, Qt.MouseButton.LeftButton)
    editor.end_date.set_value(date(2025, 2, 1))
    save(qtbot, editor)
    assert_refused(editor, services, "Therapy can't end before it started.", 0)


def test_minor_checkbox_enables_the_guardian(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    assert not editor.guardian.isEnabled()
    qtbot.keyClicks(editor.name, "Sam")
    tick(qtbot, editor.is_minor)
    assert editor.guardian.isEnabled()
    qtbot.keyClicks(editor.guardian, "Grace Okafor")
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    stored = services.clients.find("C-001")
    assert (stored.is_minor, stored.guardian_name) == (True, "Grace Okafor")


def test_editing_updates_the_same_client(qtbot: QtBot, services: Services) -> None:
    saved = services.clients.add(
        Client(code="JD2", display_name="Jordan", started_on=date(2024, 3, 4))
    )
    services.clients.set_archived(saved.id or 0, True)
    editor = make_editor(qtbot, services, services.clients.get(saved.id or 0))
    assert editor.windowTitle() == "Edit client"
    assert editor.start_date.value() == date(2024, 3, 4)
    editor.name.clear()
    type_text(qtbot, editor.name, "Jordan Díaz")
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    stored = services.clients.get(saved.id or 0)
    assert (stored.display_name, stored.code, stored.archived) == ("Jordan Díaz", "JD2", True)
    assert count(services) == 1


def test_labels_never_interpret_markup(qtbot: QtBot, services: Services) -> None:
    markup = Client(
        code="",
        display_name="<b>x</b>",
        guardian_name="<i>g</i>",
        handles=(ContactHandle(HandleKind.EMAIL, "<i>a</i>", "<u>home</u>"),),
    )
    editor = make_editor(qtbot, services, markup)
    save(qtbot, editor)
    assert editor.error.text() == "'<i>a</i>' is not an email address (like name@example.org)."
    shown = [w for w in editor.findChildren(QLabel) if w.isVisible() and "<" in w.text()]
    assert shown
    assert all(w.textFormat() is Qt.TextFormat.PlainText for w in shown)


def test_a_refusal_makes_room_instead_of_squeezing_the_help_text(
    qtbot: QtBot, services: Services
) -> None:
    services.clients.add(Client(code="JD2", display_name="Jordan Díaz"))
    editor = make_editor(qtbot, services)
    before = editor.height()
    qtbot.keyClicks(editor.name, "Jo Dee")
    qtbot.keyClicks(editor.code, "jd2")

    save(qtbot, editor)

    assert editor.error.isVisible()
    assert editor.height() > before
    assert editor.height() >= editor.sizeHint().height()
    # Every wrapped help line keeps the height its text needs.
    for help_label in editor.findChildren(QLabel):
        if help_label.isVisible() and help_label.wordWrap():
            needed = help_label.heightForWidth(help_label.width())
            assert help_label.height() >= needed, help_label.text()
