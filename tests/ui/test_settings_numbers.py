"""The review time, auto-lock, years kept and replaced vaults are controls, not formats."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.ui.settings.numbers import WholeNumberSetting
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.settings.places import RegionPicker
from boundary_desk.ui.settings.review_time import ReviewTimePicker
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text
from tests.ui.test_settings_controls import open_page
from tests.ui.test_settings_page import OFFSCREEN_POPUP, save

pytestmark = OFFSCREEN_POPUP

NUMBERS = ("autolock", "retention", "replaced")


@pytest.fixture
def page(qtbot: QtBot, services: Services) -> SettingsPage:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    return open_page(qtbot, services, ScriptedPrompter())


def number(page: SettingsPage, key: str) -> WholeNumberSetting:
    control = page.fields[key].input
    assert isinstance(control, WholeNumberSetting)
    return control


def review(page: SettingsPage) -> ReviewTimePicker:
    control = page.fields["review"].input
    assert isinstance(control, ReviewTimePicker)
    return control


def retype(qtbot: QtBot, control: WholeNumberSetting, text: str) -> None:
    """Select what the box holds and type over it, as a person would."""
    control.spin.setFocus()
    qtbot.waitUntil(control.spin.hasFocus)
    control.spin.lineEdit().selectAll()
    type_text(qtbot, control.spin, text)


def test_each_number_shows_its_unit_and_the_declared_range(page: SettingsPage) -> None:
    shown = {key: number(page, key).spin.text() for key in NUMBERS}
    assert shown == {"autolock": "10 minutes", "retention": "7 years", "replaced": "3 vaults"}
    ranges = {
        key: (number(page, key).spin.minimum(), number(page, key).spin.maximum()) for key in NUMBERS
    }
    assert ranges == {"autolock": (1, 240), "retention": (1, 100), "replaced": (1, 50)}
    assert review(page).day.currentText() == "Friday"
    assert review(page).at.time() == QTime(16, 0)
    assert number(page, "autolock").spin.accessibleName() == "Auto-lock"
    assert review(page).at.accessibleName() == "Weekly review time"


def test_each_control_is_set_saved_and_kept_when_the_page_opens_again(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    picker = review(page)
    picker.day.setCurrentIndex(picker.day.findText("Thursday"))
    picker.at.setFocus()
    picker.at.setTime(QTime(8, 30))
    retype(qtbot, number(page, "autolock"), "25")
    retype(qtbot, number(page, "retention"), "10")
    number(page, "replaced").spin.stepBy(2)  # the arrows, 3 → 5
    assert page.changed_values() == {
        "review": "thu 08:30",
        "autolock": "25",
        "retention": "10",
        "replaced": "5",
    }
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)

    kept = services.settings.load()
    assert (kept.review.weekday, kept.review.at) == (3, time(8, 30))
    assert (kept.autolock_minutes, kept.retention_years, kept.replaced_kept) == (25, 10, 5)
    again = open_page(qtbot, services, ScriptedPrompter())
    assert review(again).day.currentText() == "Thursday"
    assert review(again).at.time() == QTime(8, 30)
    assert [number(again, key).spin.text() for key in NUMBERS] == [
        "25 minutes",
        "10 years",
        "5 vaults",
    ]
    assert not again.save_button.isEnabled()


def test_numbers_out_of_range_stay_as_typed_and_are_all_refused_at_once(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    before = services.settings.values()
    retype(qtbot, number(page, "autolock"), "0")
    retype(qtbot, number(page, "retention"), "250")
    retype(qtbot, number(page, "replaced"), "99")
    page.fields["practice"].input.setFocus()  # the focus moves on: nothing is put back
    qtbot.waitUntil(lambda: not number(page, "replaced").spin.hasFocus())
    assert [number(page, key).spin.text() for key in NUMBERS] == [
        "0 minutes",
        "250 years",
        "99 vaults",
    ]

    with qtbot.assertNotEmitted(page.settings_saved):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # takes the focus too

    assert services.settings.values() == before
    assert [page.fields[key].error.text() for key in NUMBERS] == [
        "Auto-lock must be a whole number of minutes from 1 to 240.",
        "Retention must be a whole number of years from 1 to 100.",
        "Replaced vaults kept must be a whole number from 1 to 50.",
    ]
    assert page.banner.text() == (
        "Nothing was saved. Please check: Auto-lock, Keep records, Replaced vaults kept."
    )
    retype(qtbot, number(page, "autolock"), "240")
    page.fields["retention"].show_value("7")
    page.fields["replaced"].show_value("3")
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.load().autolock_minutes == 240
    assert all(page.fields[key].error.isHidden() for key in NUMBERS)


def test_letters_signs_and_long_numbers_are_refused_as_they_are_typed(
    qtbot: QtBot, page: SettingsPage
) -> None:
    control = number(page, "autolock")
    retype(qtbot, control, "-1x5.٥ten")
    assert control.spin.text() == "15 minutes"
    retype(qtbot, control, "123456")
    assert control.value() == "1234"  # at most four digits: refused on saving, not cut to 240
    assert page.fields["autolock"].problems() == [
        "Auto-lock must be a whole number of minutes from 1 to 240."
    ]


def test_an_emptied_number_is_refused_rather_than_guessed(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    control = number(page, "retention")
    control.spin.setFocus()
    control.spin.lineEdit().selectAll()
    qtbot.keyClick(control.spin, Qt.Key.Key_Delete)
    assert control.value() == ""
    assert page.save_button.isEnabled()
    save(qtbot, page)
    assert page.fields["retention"].error.text() == (
        "Retention must be a whole number of years from 1 to 100."
    )
    assert "retention" not in services.settings.values()


def test_in_israel_the_review_days_start_on_sunday_and_keep_the_day_chosen(
    page: SettingsPage,
) -> None:
    picker = review(page)
    assert picker.day.itemText(0) == "Monday"
    region = page.fields["region"].input
    assert isinstance(region, RegionPicker)
    region.box.setCurrentIndex(region.box.findText("Israel"))
    assert [picker.day.itemText(i) for i in range(2)] == ["Sunday", "Monday"]
    assert picker.day.currentText() == "Friday"
    assert page.fields["review"].text() == "fri 16:00"
    assert QApplication.instance() is not None
