"""The Settings page in French, in Hebrew (right to left), and in the pseudo-language that
shows any word left untranslated or cut off; its refusals in the page's language."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit, QScrollArea
from pytestqt.qtbot import QtBot

from boundary_desk.domain.vocabulary.calendar_names import CALENDAR_NAMES
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.settings.crisis_table import CrisisTable
from boundary_desk.ui.settings.hours_grid import HoursGrid
from boundary_desk.ui.settings.page import SettingsPage
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
from tests.ui.test_settings_controls import TORONTO, grid, log_at, open_page

pytestmark = LANGUAGE_TEST


def _page(qtbot: QtBot, services: Services) -> SettingsPage:
    services.settings.set_many({"region": "CA-QC", "timezone": "America/Toronto"})
    page = SettingsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot)
    return page


def _whole_page(page: SettingsPage) -> None:
    """Every field laid out at once, as scrolling through the page shows them."""
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    content = scroll.widget()
    content.resize(content.sizeHint())


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_word_of_the_settings_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    page = _page(qtbot, services)
    _whole_page(page)
    texts = shown_texts(page)
    assert len(texts) > 40
    # What the page shows that is not its own wording: the languages by their own names,
    # the region's crisis numbers as the region names them, and the days of the week,
    # which come from the calendar's names, as dates do.
    crisis = page.crisis_defaults.text()
    own_names = {"English", "Français", "עברית", *CALENDAR_NAMES["en"].days}
    left = [t for t in untranslated(texts) if t != crisis and t not in own_names]
    assert left == [], left
    assert clipped(page) == []


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_no_word_of_the_settings_is_cut_off(
    qtbot: QtBot, services: Services, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    page = _page(qtbot, services)
    _whole_page(page)
    assert clipped(page) == []


def test_in_french_the_settings_speak_french_and_name_the_days_in_french(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, services)
    texts = shown_texts(page)
    for french in ("Paramètres", "En-tête", "Heures et région", "Enregistrer"):
        assert french in texts
    hours = page.fields["hours"].input
    assert isinstance(hours, HoursGrid)
    assert [day.works.text() for day in hours.days][:2] == ["Lundi", "Mardi"]
    defaults = page.crisis_defaults.text()
    assert "Numéros par défaut pour" in defaults
    assert "Info-Social 811" in defaults and "Urgence" in defaults  # Quebec's, in French


def test_in_hebrew_a_refused_crisis_line_is_said_in_hebrew_and_nothing_is_saved(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "he", remember=False)
    page = _page(qtbot, services)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    table = page.fields["crisis"].input
    assert isinstance(table, CrisisTable)
    table.add_row("", "1201")
    before = services.settings.values()
    assert not page.save()
    assert services.settings.values() == before
    assert page.banner.text().startswith("דבר לא נשמר.")
    assert "שורה 1: יש לתת שם למספר 1201." in page.fields["crisis"].error.text()


def test_in_hebrew_a_working_day_reads_nine_to_five_not_mirrored(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "he", remember=False)
    page = _page(qtbot, services)
    hours = page.fields["hours"].input
    assert isinstance(hours, HoursGrid)
    monday = hours.days[0]
    assert monday.works.text() == "יום שני"
    start, end = monday.shifts[0].start, monday.shifts[0].end
    # As drawn: a time field laid out right to left would show "00:17", its minutes first.
    assert [start.lineEdit().text(), end.lineEdit().text()] == ["09:00", "17:00"]
    assert end.sectionAt(0) == QDateTimeEdit.Section.HourSection


def test_in_french_new_hours_ask_first_in_french_and_the_saved_line_says_the_same(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "fr", remember=False)
    log_at(
        services,
        datetime(2026, 11, 23, 18, 0, tzinfo=TORONTO),  # Monday 18:00
        datetime(2026, 11, 24, 18, 30, tzinfo=TORONTO),  # Tuesday 18:30
    )
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-QC"})
    prompter = ScriptedPrompter()
    page = open_page(qtbot, services, prompter)
    for day in grid(page).days[:5]:
        day.shifts[0].end.setTime(QTime(19, 0))
    sentence = (
        "2 entrées seront jugées de nouveau selon les nouveaux réglages (heures de travail) : "
        "2 ne sont plus hors des heures."
    )
    prompter.confirms.append(False)
    assert not page.save()
    assert prompter.asked[-1] == (
        "confirm",
        "Juger de nouveau les entrées consignées?",
        f"{sentence}\n\nEnregistrer la modification?",
    )
    assert "hours" not in services.settings.values()
    prompter.confirms.append(True)
    assert page.save()
    assert page.saved_line.text() == f"Enregistré. {sentence}"
