"""Each settings control: hours grid, region and zone pickers, vacation, crisis table, folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QTimeEdit
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.ui.settings import places
from boundary_desk.ui.settings.crisis_table import CrisisTable
from boundary_desk.ui.settings.folder import FolderPicker
from boundary_desk.ui.settings.hours_grid import DayRow, HoursGrid
from boundary_desk.ui.settings.numbers import WholeNumberSetting
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.settings.places import RegionPicker, ZonePicker
from boundary_desk.ui.settings.vacation import VacationList
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_settings_page import OFFSCREEN_POPUP, save

pytestmark = OFFSCREEN_POPUP

TORONTO = ZoneInfo("America/Toronto")


def open_page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> SettingsPage:
    page = SettingsPage(services, prompter)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def page(qtbot: QtBot, services: Services, prompter: ScriptedPrompter) -> SettingsPage:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    return open_page(qtbot, services, prompter)


def grid(page: SettingsPage) -> HoursGrid:
    hours = page.fields["hours"].input
    assert isinstance(hours, HoursGrid)
    return hours


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_a_sunday_to_thursday_week_is_ticked_day_by_day(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    hours = grid(page)
    assert hours.days[0].works.text() == "Monday"
    click(qtbot, hours.days[4].works)  # Friday off
    click(qtbot, hours.days[6].works)  # Sunday on
    assert page.fields["hours"].text() == "sun-thu 09:00-17:00"
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.load().hours.describe() == ("Sunday to Thursday 9:00–17:00")
    assert not hours.days[4].works.isChecked() and hours.days[6].works.isChecked()


def test_a_split_day_has_two_stretches(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    monday = grid(page).days[0]
    click(qtbot, monday.add)
    assert len(monday.shifts) == 2
    monday.shifts[0].end.setTime(QTime(12, 0))
    monday.shifts[1].start.setTime(QTime(14, 0))
    monday.shifts[1].end.setTime(QTime(0, 0))  # midnight
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["hours"] == (
        "mon 09:00-12:00, 14:00-24:00; tue-fri 09:00-17:00"
    )
    click(qtbot, grid(page).days[0].shifts[1].remove)
    assert page.fields["hours"].text() == "mon 09:00-12:00; tue-fri 09:00-17:00"


def test_every_problem_in_the_hours_is_shown_at_once(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    before = services.settings.values()
    days = grid(page).days
    days[0].shifts[0].start.setTime(QTime(18, 0))  # Monday 18:00 to 17:00
    click(qtbot, days[2].add)  # Wednesday 09:00-17:00 and 18:00-21:00 ...
    days[2].shifts[1].start.setTime(QTime(16, 0))  # ... now overlapping
    autolock = page.fields["autolock"].input
    assert isinstance(autolock, WholeNumberSetting)
    autolock.spin.lineEdit().setText("0")
    with qtbot.assertNotEmitted(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values() == before
    shown = page.fields["hours"].error.text()
    assert "Monday: 18:00 to 17:00 ends before it starts" in shown
    assert "On Wednesday, 09:00-17:00 overlaps 16:00-21:00." in shown
    assert page.fields["autolock"].error.isVisible()
    assert page.banner.text() == "Nothing was saved. Please check: Working hours, Auto-lock."


def test_no_day_ticked_is_refused(qtbot: QtBot, page: SettingsPage) -> None:
    for day in grid(page).days[:5]:
        click(qtbot, day.works)
    save(qtbot, page)
    assert page.fields["hours"].error.text() == "Tick at least one day you work."


def test_the_region_is_picked_by_name(qtbot: QtBot, page: SettingsPage, services: Services) -> None:
    picker = page.fields["region"].input
    assert isinstance(picker, RegionPicker)
    assert picker.box.currentText() == "Ontario, Canada"
    index = picker.box.findText("England, United Kingdom")
    assert index >= 0
    picker.box.setCurrentIndex(index)
    assert page.fields["region"].text() == "GB-ENG"
    zone = page.fields["timezone"].input
    assert isinstance(zone, ZonePicker)
    assert zone.box.itemText(0) == "Europe/London"  # the region's zones come first
    assert zone.box.currentText() == "America/Toronto"  # what was chosen stays
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["region"] == "GB-ENG"
    # The zone stayed Toronto's: the page says the region and the zone disagree.
    assert "but America/Toronto is a time zone of Canada" in page.saved_line.text()
    zone.box.setCurrentText("Europe/London")
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert page.saved_line.text() == "Saved."


def test_a_name_that_is_no_region_is_refused_in_words(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    picker = page.fields["region"].input
    assert isinstance(picker, RegionPicker)
    picker.box.setCurrentText("Atlantis")
    save(qtbot, page)
    assert '"Atlantis" is not a region the holiday calendar knows' in (
        page.fields["region"].error.text()
    )
    assert services.settings.values()["region"] == "CA-ON"


def test_typing_a_zone_replaces_the_one_shown(qtbot: QtBot, page: SettingsPage) -> None:
    zone = page.fields["timezone"].input
    assert isinstance(zone, ZonePicker)
    zone.box.setCurrentText("Africa/Ceuta")
    assert zone.box.itemText(0) == "America/Toronto"  # Ontario's zone first
    line = zone.box.lineEdit()
    assert line is not None
    click(qtbot, line)  # clicking at the end of the shown zone, as the clinician did
    qtbot.waitUntil(zone.box.hasFocus)
    qtbot.wait(10)  # the selection is made once the focus has arrived
    qtbot.keyClicks(line, "America/Tor")
    assert zone.box.currentText().startswith("America/Tor")
    assert "Ceuta" not in zone.box.currentText()


def test_a_zone_never_chosen_is_guessed_and_never_utc(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(places, "computer_zone", lambda: None)  # a computer set to UTC
    services.settings.set("region", "IL")
    page = open_page(qtbot, services, prompter)
    assert page.fields["timezone"].text() == "Asia/Jerusalem"
    assert "guessed from this computer" in page.saved_line.text()

    monkeypatch.setattr(places, "computer_zone", lambda: "America/Winnipeg")
    page.revert()
    assert page.fields["timezone"].text() == "America/Winnipeg"
    assert page.save_button.isEnabled()  # not kept until saved


def test_vacation_days_are_picked_as_a_range(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    vacation = page.fields["vacation"].input
    assert isinstance(vacation, VacationList)
    vacation.first.setDate(QDate(2026, 12, 24))
    vacation.last.setDate(QDate(2027, 1, 2))
    click(qtbot, vacation.add_button)
    vacation.first.setDate(QDate(2027, 7, 1))
    assert vacation.last.date() == QDate(2027, 7, 1)  # the last day follows the first
    click(qtbot, vacation.add_button)
    assert vacation.list.item(0).text() == "Thu 24 Dec 2026 – Sat 2 Jan 2027 (10 days)"
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["vacation"] == "2026-12-24..2027-01-02; 2027-07-01"
    vacation = page.fields["vacation"].input
    assert isinstance(vacation, VacationList)
    vacation.list.setCurrentRow(1)
    click(qtbot, vacation.remove_button)
    assert page.fields["vacation"].text() == "2026-12-24..2027-01-02"


def test_overlapping_vacation_periods_are_refused(qtbot: QtBot, page: SettingsPage) -> None:
    vacation = page.fields["vacation"].input
    assert isinstance(vacation, VacationList)
    for first, last in (
        (QDate(2026, 12, 20), QDate(2026, 12, 31)),
        (QDate(2026, 12, 24), QDate(2026, 12, 26)),
    ):
        vacation.first.setDate(first)
        vacation.last.setDate(last)
        click(qtbot, vacation.add_button)
    save(qtbot, page)
    assert "Two vacation periods overlap around 2026-12-24" in page.fields["vacation"].error.text()


def test_crisis_resources_are_a_table_and_every_bad_line_is_named(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    table = page.fields["crisis"].input
    assert isinstance(table, CrisisTable)
    assert table.table.rowCount() == 0  # the region's defaults are in use
    for _ in range(3):
        click(qtbot, table.add_button)
    cells = [("Distress Centre", "416-408-4357"), ("Kids Help Phone", ""), ("", "911")]
    for row, (name, number) in enumerate(cells):
        table.table.item(row, 0).setText(name)  # type: ignore[union-attr]
        table.table.item(row, 1).setText(number)  # type: ignore[union-attr]
    with qtbot.assertNotEmitted(page.settings_saved):
        save(qtbot, page)
    assert page.fields["crisis"].error.text() == (
        "Line 2: Kids Help Phone needs a number.\nLine 3: give the number 911 a name."
    )
    assert "crisis" not in services.settings.values()
    table.table.item(1, 1).setText("1-800-668-6868")  # type: ignore[union-attr]
    table.table.item(2, 0).setText("Emergency")  # type: ignore[union-attr]
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["crisis"] == (
        "Distress Centre: 416-408-4357; Kids Help Phone: 1-800-668-6868; Emergency: 911"
    )
    assert "(if left empty)" in page.crisis_defaults.text()


def test_the_backup_folder_can_be_browsed_for(
    qtbot: QtBot, page: SettingsPage, services: Services, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    folder = page.fields["backups"].input
    assert isinstance(folder, FolderPicker)
    prompter.folders.append(tmp_path)
    click(qtbot, folder.browse)
    assert folder.line.text() == str(tmp_path)
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["backups"] == str(tmp_path)
    prompter.folders.append(None)  # cancelled: the folder stays
    click(qtbot, folder.browse)
    assert folder.line.text() == str(tmp_path)


def log_at(services: Services, *moments: datetime) -> None:
    client = services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    for moment in moments:
        event = ContactEvent(
            client_id=client.id or 0,
            kind=EventKind.CONTACT,
            occurred_at=moment,
            channel=ContactChannel.TEXT,
            direction=Direction.IN,
        )
        services.events.add(event, [])


def test_new_hours_say_what_they_re_judge_and_ask_first(
    qtbot: QtBot, page: SettingsPage, services: Services, prompter: ScriptedPrompter
) -> None:
    log_at(
        services,
        datetime(2026, 11, 23, 18, 0, tzinfo=TORONTO),  # Monday 18:00
        datetime(2026, 11, 24, 18, 30, tzinfo=TORONTO),  # Tuesday 18:30
    )
    for day in grid(page).days[:5]:
        day.shifts[0].end.setTime(QTime(19, 0))
    sentence = "2 entries will be re-judged against the new hours: 2 are no longer after hours."
    prompter.confirms.append(False)
    with qtbot.assertNotEmitted(page.settings_saved):
        save(qtbot, page)
    assert prompter.messages("confirm") == [f"{sentence}\n\nSave the change?"]
    assert "hours" not in services.settings.values()
    assert page.fields["hours"].text() == "mon-fri 09:00-19:00"  # the edit is still there
    prompter.confirms.append(True)
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["hours"] == "mon-fri 09:00-19:00"
    assert page.saved_line.text() == f"Saved. {sentence}"


def test_an_unrelated_edit_asks_nothing(
    qtbot: QtBot, page: SettingsPage, services: Services, prompter: ScriptedPrompter
) -> None:
    log_at(services, datetime(2026, 11, 23, 18, 0, tzinfo=TORONTO))
    page.fields["practice"].input.setText("Harbour Counselling")  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert prompter.asked == []
    assert page.saved_line.text() == "Saved."
    assert QApplication.instance() is not None


def test_the_crisis_table_can_start_from_the_regions_defaults(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    table = page.fields["crisis"].input
    assert isinstance(table, CrisisTable)
    click(qtbot, table.defaults_button)
    assert table.rows() == [
        ("Emergency (police, ambulance, fire)", "911"),
        ("9-8-8 Suicide Crisis Helpline (call or text)", "988"),
    ]
    assert not table.defaults_button.isEnabled()
    table.table.item(1, 1).setText("1-833-456-4566")  # type: ignore[union-attr]
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["crisis"] == (
        "Emergency (police, ambulance, fire): 911; "
        "9-8-8 Suicide Crisis Helpline (call or text): 1-833-456-4566"
    )


def test_in_israel_the_week_is_listed_from_sunday(
    qtbot: QtBot, page: SettingsPage, services: Services
) -> None:
    picker = page.fields["region"].input
    assert isinstance(picker, RegionPicker)
    picker.box.setCurrentIndex(picker.box.findText("Israel"))
    hours = grid(page)
    layout = hours.layout()
    assert layout is not None

    def row_of(day: DayRow) -> int:
        return int(layout.getItemPosition(layout.indexOf(day.works))[0])  # type: ignore[attr-defined]

    rows = sorted(hours.days, key=row_of)
    assert [day.works.text() for day in rows][:2] == ["Sunday", "Monday"]
    click(qtbot, hours.days[4].works)  # Friday off
    click(qtbot, hours.days[6].works)  # Sunday on
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert services.settings.values()["hours"] == "sun-thu 09:00-17:00"
    assert services.settings.values()["region"] == "IL"
    assert page.fields["timezone"].input.box.itemText(0) == "Asia/Jerusalem"  # type: ignore[attr-defined]


def test_tab_goes_through_a_day_before_the_next(qtbot: QtBot, page: SettingsPage) -> None:
    monday, tuesday = grid(page).days[:2]
    click(qtbot, monday.add)
    first, second = monday.shifts
    expected = [first.start, first.end, first.remove, second.start, second.end, second.remove]
    expected += [monday.add, tuesday.works]
    monday.works.setFocus()
    qtbot.waitUntil(monday.works.hasFocus)
    reached: list[object] = []
    for _ in range(2 * len(expected)):  # Tab also steps from hours to minutes in a time
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        spin = now.parentWidget()
        widget = spin if isinstance(spin, QTimeEdit) else now
        if not reached or reached[-1] is not widget:
            reached.append(widget)
    assert reached[: len(expected)] == expected


def test_the_computers_zone_is_read_from_tz_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ":Asia/Jerusalem")
    assert places.computer_zone() == "Asia/Jerusalem"
    monkeypatch.setenv("TZ", "Etc/UTC")  # names no place: the desktop's or the link's zone
    assert places.computer_zone() != "Etc/UTC"
