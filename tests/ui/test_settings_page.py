"""The settings form: generated from SETTINGS, all-or-nothing saves, revert."""
# The hours, region, zone, vacation days, crisis resources and backup folder are controls
# now (issue 13); their own tests are in test_settings_controls.py.

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.services import Services
from boundary_desk.ui.settings.crisis_table import CrisisTable
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.settings.folder import FolderPicker
from boundary_desk.ui.settings.hours_grid import HoursGrid
from boundary_desk.ui.settings.numbers import WholeNumberSetting
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.settings.places import RegionPicker, ZonePicker
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text

# Typing in the time zone box opens its completion popup, which the offscreen
# platform cannot raise or give the keyboard to; real desktops can.
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard)"
)


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> SettingsPage:
    services.settings.set("timezone", "America/Toronto")  # as setup stores it
    widget = SettingsPage(services, ScriptedPrompter())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def enter(qtbot: QtBot, page: SettingsPage, key: str, text: str) -> None:
    """Replace a field's text by typing, as the clinician would.

    The hours grid, the review time and the crisis table are shown the value and report
    an edit; their clicks and typing are tested on their own. A number is typed into its
    spin box.
    """
    widget = page.fields[key].input
    if isinstance(widget, ValueEditor) and not isinstance(
        widget, ZonePicker | RegionPicker | FolderPicker | WholeNumberSetting
    ):
        widget.set_value(text.replace("\n", "; ") if isinstance(widget, CrisisTable) else text)
        widget.edited.emit()
        return
    if isinstance(widget, FolderPicker):
        widget = widget.line
    if isinstance(widget, WholeNumberSetting):
        widget = widget.spin
    if isinstance(widget, ZonePicker | RegionPicker):
        widget = widget.box
    if isinstance(widget, QComboBox):
        widget.clearEditText()
        target = widget.lineEdit()
    else:
        widget.clear()
        target = widget
    if isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)  # keyClicks can't type the line breaks
    else:
        type_text(qtbot, target, text)


def save(qtbot: QtBot, page: SettingsPage) -> None:
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def test_the_form_is_generated_from_the_declared_settings(page: SettingsPage) -> None:
    assert list(page.fields) == [spec.key for spec in SETTINGS]
    # The help of these speaks of their control rather than of a typed format.
    controls = {"timezone", "hours", "region", "vacation", "review", "crisis"}
    for spec in SETTINGS:
        field = page.fields[spec.key]
        if spec.key not in controls:
            assert field.help.text() == spec.help
        assert field.input.toolTip() == field.help.text()
        if spec.key != "timezone":
            assert field.text() == spec.default
    headings = {w.text() for w in page.findChildren(QLabel) if w.objectName() == "subheading"}
    assert headings == {
        "Letterhead",
        "Hours and region",
        "Security and records",
        "Crisis resources",
        "Channels",
        "Language",
    }
    zone = page.fields["timezone"].input
    assert isinstance(zone, ZonePicker)
    assert zone.box.findText("America/Toronto") >= 0
    assert page.fields["region"].input.box.currentText() == "United States"  # type: ignore[attr-defined]
    assert not page.save_button.isEnabled()


@OFFSCREEN_POPUP
def test_valid_values_are_saved_into_the_vault(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    enter(qtbot, page, "clinician", "Dr. Zoë Rivera")
    enter(qtbot, page, "address", "12 Harbour St\nSuite 4")
    enter(qtbot, page, "timezone", "america/vancouver")
    enter(qtbot, page, "hours", "mon-thu 09:00-17:00; fri 09:00-13:00")
    enter(qtbot, page, "region", "ca-on")
    enter(qtbot, page, "autolock", "15")
    enter(qtbot, page, "crisis", "Emergency: 911\nDistress Centre: 416-408-4357")
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    stored = services.settings.values()
    assert stored["clinician"] == "Dr. Zoë Rivera"
    assert stored["address"] == "12 Harbour St\nSuite 4"
    assert stored["timezone"] == "America/Vancouver"
    assert stored["region"] == "CA-ON"
    assert stored["autolock"] == "15"
    assert stored["crisis"] == "Emergency: 911; Distress Centre: 416-408-4357"
    assert set(stored) == {
        "clinician",
        "address",
        "timezone",
        "hours",
        "region",
        "autolock",
        "crisis",
    }  # untouched fields keep their defaults, unstored
    assert page.saved_line.text() == "Saved."
    assert page.fields["region"].text() == "CA-ON"
    assert page.fields["region"].input.box.currentText() == "Ontario, Canada"  # type: ignore[attr-defined]
    assert not page.save_button.isEnabled()
    assert services.settings.load().autolock_minutes == 15


def test_a_saved_page_reopens_with_the_stored_values(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    enter(qtbot, page, "practice", "<b>Harbour</b> Counselling")
    with qtbot.waitSignal(page.settings_saved):
        qtbot.keyClick(
            page.fields["practice"].input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    again = SettingsPage(services, ScriptedPrompter())
    qtbot.addWidget(again)
    assert again.fields["practice"].text() == "<b>Harbour</b> Counselling"
    assert services.settings.load().practice == "<b>Harbour</b> Counselling"


@OFFSCREEN_POPUP
@pytest.mark.parametrize(
    ("key", "text", "message", "label"),
    [
        (
            "timezone",
            "Mars/Olympus",
            'The time zone must be a name such as "America/Toronto"',
            "Time zone",
        ),
        (
            "hours",
            "mon 17:00-09:00",
            "Monday: 17:00 to 09:00 ends before it starts",
            "Working hours",
        ),
        (
            "autolock",
            "0",
            "Auto-lock must be a whole number of minutes from 1 to 240.",
            "Auto-lock",
        ),
        (
            "retention",
            "150",
            "Retention must be a whole number of years from 1 to 100.",
            "Keep records",
        ),
        (
            "replaced",
            "51",
            "Replaced vaults kept must be a whole number from 1 to 50.",
            "Replaced vaults kept",
        ),
        (
            "channels",
            "email: secure",
            '"secure" is not a channel quality',
            "Channel profiles",
        ),
    ],
)
def test_a_bad_value_is_shown_by_its_field_and_nothing_is_saved(
    qtbot: QtBot,
    page: SettingsPage,
    services: Services,
    key: str,
    text: str,
    message: str,
    label: str,
) -> None:
    services.settings.set("clinician", "Dr. Alex Rivera")
    page.revert()
    before = services.settings.values()
    enter(qtbot, page, "practice", "Harbour Counselling")  # a valid change alongside
    if key == "hours":  # the grid can't be shown bad hours; set Monday backwards instead
        grid = page.fields["hours"].input
        assert isinstance(grid, HoursGrid)
        grid.days[0].shifts[0].start.setTime(QTime(17, 0))
        grid.days[0].shifts[0].end.setTime(QTime(9, 0))
    else:
        enter(qtbot, page, key, text)
    with qtbot.assertNotEmitted(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values() == before
    error = page.fields[key].error
    assert error.isVisible()
    assert message in error.text()
    assert error.textFormat() is Qt.TextFormat.PlainText
    assert page.banner.isVisible()
    assert page.banner.text() == f"Nothing was saved. Please check: {label}."
    assert not page.fields["practice"].error.isVisible()
    if key != "hours":
        assert page.fields[key].text() == text  # what was typed stays, to be corrected
    else:
        assert page.fields[key].text().startswith("mon 17:00-09:00; tue 09:00-17:00")
    assert page.saved_line.text() == ""


def test_correcting_the_value_then_saves(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    enter(qtbot, page, "autolock", "999")
    save(qtbot, page)
    assert page.fields["autolock"].error.isVisible()
    enter(qtbot, page, "autolock", "30")
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert page.fields["autolock"].error.isHidden()
    assert page.banner.isHidden()
    assert services.settings.values() == {"timezone": "America/Toronto", "autolock": "30"}


def test_revert_restores_the_stored_values(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    services.settings.set_many({"clinician": "Dr. Alex Rivera", "hours": "mon-fri 08:00-16:00"})
    page.revert()
    enter(qtbot, page, "clinician", "Someone Else")
    enter(qtbot, page, "autolock", "nonsense")
    save(qtbot, page)
    assert page.revert_button.isEnabled()
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.fields["clinician"].text() == "Dr. Alex Rivera"
    assert page.fields["hours"].text() == services.settings.values()["hours"]
    assert page.fields["autolock"].text() == "10"
    assert page.fields["autolock"].error.isHidden()
    assert page.banner.isHidden()
    assert not page.save_button.isEnabled()
    assert not page.revert_button.isEnabled()


def test_saving_without_changes_says_so(qtbot: QtBot, page: SettingsPage) -> None:
    with qtbot.assertNotEmitted(page.settings_saved):
        page.save()
    assert page.saved_line.text() == "No changes to save."


@OFFSCREEN_POPUP
def test_crisis_defaults_follow_the_region(qtbot: QtBot, page: SettingsPage) -> None:
    note = page.crisis_defaults
    assert note.textFormat() is Qt.TextFormat.PlainText
    assert "Defaults for United States (in use now)" in note.text()
    assert "988" in note.text()
    enter(qtbot, page, "region", "GB")
    assert "999" in note.text()
    assert "Samaritans" in note.text()
    enter(qtbot, page, "region", "G")  # half typed: keep the saved region's defaults
    assert "Defaults for United States" in note.text()
    enter(qtbot, page, "region", "FR")
    assert "There is no built-in crisis line for France" in note.text()
    enter(qtbot, page, "crisis", "Emergency: 112")
    assert "(if left empty)" in note.text()


def test_every_field_is_reachable_by_label(page: SettingsPage) -> None:
    buddies = {w.buddy() for w in page.findChildren(QLabel) if w.buddy() is not None}
    assert set(page.fields.values()) <= buddies
    for field in page.fields.values():
        assert isinstance(field.input, QLineEdit | QPlainTextEdit | ValueEditor)
        assert field.input.accessibleName() == field.spec.label


def test_a_backup_folder_in_a_system_folder_is_refused(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    enter(qtbot, page, "backups", "/proc/backups")
    with qtbot.assertNotEmitted(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values() == {"timezone": "America/Toronto"}
    assert page.banner.isVisible()
    assert page.banner.text() == (
        "Nothing was saved. The backup folder /proc/backups can't be created inside the "
        "system folder /proc."
    )
    assert page.fields["backups"].text() == "/proc/backups"  # kept, to be corrected


def test_an_encrypted_email_service_is_kept_in_the_vault(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    enter(qtbot, page, "channels", "Email: encrypted")
    save(qtbot, page)
    assert services.settings.values()["channels"] == "email: encrypted"
    assert services.settings.load().channel_profiles[ContactChannel.EMAIL].encrypted
