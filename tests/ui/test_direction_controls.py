"""A text-direction control pasted into a name is refused in place, naming the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.ui.settings.page import SettingsPage
from tests.ui.test_client_editor import assert_refused, make_editor, save, type_text
from tests.ui.test_settings_page import enter
from tests.ui.test_settings_page import page as page


def test_a_pasted_override_in_a_clients_name_is_refused_and_saves_nothing(
    qtbot: QtBot, services: Services
) -> None:
    editor = make_editor(qtbot, services)
    type_text(qtbot, editor.name, "Zoë ")
    editor.name.insert("\u202eMartin")  # pasted: a keyboard does not type it
    save(qtbot, editor)
    assert_refused(editor, services, "A client's name can't hold an invisible", 0)
    assert "U+202E" in editor.error.text()

    editor.name.setText("Zoë Martin")  # corrected, it saves
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert [c.display_name for c in services.clients.list()] == ["Zoë Martin"]


def test_an_isolate_in_the_practice_name_is_shown_by_its_field(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    before = services.settings.values()
    enter(qtbot, page, "clinician", "Dr. Jo Rivera")  # a valid change alongside
    field = page.fields["practice"].input
    assert isinstance(field, QLineEdit)
    field.clear()
    field.insert("Harbour \u2067Counselling\u2069")
    with qtbot.assertNotEmitted(page.settings_saved):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert services.settings.values() == before
    error = page.fields["practice"].error
    assert error.isVisible() and "The practice name can't hold" in error.text()
    assert page.banner.text() == "Nothing was saved. Please check: Practice name."


def test_hebrew_with_its_direction_marks_is_saved_as_typed(
    qtbot: QtBot, services: Services
) -> None:
    editor = make_editor(qtbot, services)
    editor.name.insert("ד\u200fר׳ שרה כהן")
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    assert [c.display_name for c in services.clients.list()] == ["ד\u200fר׳ שרה כהן"]
