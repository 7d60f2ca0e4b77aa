"""The quick log's "when" as people type it: the day it was read as, shown before saving,
and the date-and-time picker beside the field.

Practice: Toronto, Ontario (day-first dates). It is 10:00 on Tuesday 1 December, and
Friday's 22:40 text is being logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.system.i18n import current_language, set_language
from tests.ui.test_quick_log import contact_form, open_dialog, pick_ana, set_up_practice

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
)

TUESDAY = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in Toronto
TORONTO = ZoneInfo("America/Toronto")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def practice(services: Services) -> Services:
    set_up_practice(services)
    return services


@pytest.mark.parametrize(
    "typed",
    ["fri 22:40", "friday 22:40", "last fri 22:40", "27 nov 22:40", "nov 27 22:40", "27/11 22:40"],
)
def test_the_day_it_was_read_as_is_shown_before_saving(
    qtbot: QtBot, practice: Services, typed: str
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    form = contact_form(dialog)

    qtbot.keyClicks(form.when.edit, typed)

    assert form.when.meaning.text() == "Fri 27 Nov, 22:40"
    assert practice.events.list() == []


def test_yesterday_is_shown_as_its_date(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    form = contact_form(dialog)
    qtbot.keyClicks(form.when.edit, "22:40 yesterday")
    assert form.when.meaning.text() == "Mon 30 Nov, 22:40"


def test_friday_typed_on_tuesday_is_saved_as_friday(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    qtbot.keyClicks(form.when.edit, "fri 22:40")

    qtbot.keyClick(form.summary, Qt.Key.Key_Return, CTRL)

    assert dialog.saved is not None
    assert dialog.saved.event.occurred_at == datetime(2026, 11, 27, 22, 40, tzinfo=TORONTO)


def test_a_date_that_does_not_exist_says_so_beside_the_field(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    qtbot.keyClicks(form.when.edit, "31/02 22:40")
    assert form.when.meaning.text() == "There is no 31 February. Check the date."

    dialog.save()

    assert dialog.saved is None
    assert "There is no 31 February" in dialog.error.text()
    assert practice.events.list() == []


def test_the_picker_sets_the_field(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    form = contact_form(dialog)

    picker = form.when.open_picker()
    qtbot.addWidget(picker)
    assert picker.calendar.selectedDate() == QDate(2026, 12, 1)  # starts at now
    assert picker.calendar.maximumDate() == QDate(2026, 12, 1)  # no day after today
    picker.set_moment(date(2026, 11, 27), time(22, 40))
    picker.accept()

    assert form.when.text() == "27 Nov 2026 22:40"
    assert form.when.meaning.text() == "Fri 27 Nov, 22:40"
    assert form.when.moment() == datetime(2026, 11, 27, 22, 40, tzinfo=TORONTO)


def test_alt_down_in_the_field_opens_the_picker(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    form = contact_form(dialog)
    form.when.edit.setFocus()

    qtbot.keyClick(form.when.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)

    assert form.when.picker is not None and form.when.picker.isVisible()
    form.when.picker.reject()


def test_the_picker_starts_at_what_was_typed(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY)
    form = contact_form(dialog)
    qtbot.keyClicks(form.when.edit, "yesterday 08:15")

    picker = form.when.open_picker()
    qtbot.addWidget(picker)

    assert picker.calendar.selectedDate() == QDate(2026, 11, 30)
    assert picker.time.time().toString("HH:mm") == "08:15"
    picker.reject()
    assert form.when.text() == "yesterday 08:15"  # Cancel leaves the typing alone


# -- in French and Hebrew ----------------------------------------------------------------


@pytest.fixture
def speaking() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "ven. 22 h 40"),
        ("fr", "vendredi 22:40"),
        ("fr", "fri 22:40"),
        ("he", "יום שישי 22:40"),
        ("he", "שישי 22:40"),
        ("he", "27 בנובמבר 22:40"),
    ],
)
def test_friday_is_typed_in_the_apps_language_and_saved_as_friday(
    qtbot: QtBot, practice: Services, speaking: None, language: str, typed: str
) -> None:
    shown = {"fr": "ven. 27 nov., 22 h 40", "he": "יום ו׳, 27 בנוב׳, 22:40"}[language]
    set_language(language)
    dialog = open_dialog(qtbot, practice, TUESDAY)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.when.edit.setText(typed)
    assert form.when.meaning.text() == shown

    qtbot.keyClick(form.summary, Qt.Key.Key_Return, CTRL)

    assert dialog.saved is not None
    assert dialog.saved.event.occurred_at == datetime(2026, 11, 27, 22, 40, tzinfo=TORONTO)


@pytest.mark.parametrize(
    ("language", "typed", "occurred"),
    [
        ("fr", "hier 22:40", datetime(2026, 11, 30, 22, 40, tzinfo=TORONTO)),
        ("he", "אתמול 22:40", datetime(2026, 11, 30, 22, 40, tzinfo=TORONTO)),
    ],
)
def test_yesterday_in_french_and_hebrew(
    qtbot: QtBot, practice: Services, speaking: None, language: str, typed: str, occurred: datetime
) -> None:
    set_language(language)
    dialog = open_dialog(qtbot, practice, TUESDAY)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.when.edit.setText(typed)
    qtbot.keyClick(form.summary, Qt.Key.Key_Return, CTRL)
    assert dialog.saved is not None and dialog.saved.event.occurred_at == occurred


@pytest.mark.parametrize(
    ("language", "says"),
    [("fr", "Essayez «\u00a0maintenant\u00a0»"), ("he", 'אפשר לנסות "עכשיו"')],
)
def test_a_time_it_cannot_read_suggests_forms_in_the_apps_language(
    qtbot: QtBot, practice: Services, speaking: None, language: str, says: str
) -> None:
    set_language(language)
    dialog = open_dialog(qtbot, practice, TUESDAY)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.when.edit.setText("demain 22:40" if language == "fr" else "מחר 22:40")
    assert form.when.meaning.text().startswith(says)
    dialog.save()
    assert practice.events.list() == []
