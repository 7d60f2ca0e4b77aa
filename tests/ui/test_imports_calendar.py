"""Import… with a session calendar: the titles are tied to clients one by one in the app,
the sessions previewed, then imported once, exactly as `boundary-desk import FILE.ics`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.services.sessions import list_sessions
from boundary_desk.ui.imports.calendar_step import NOT_A_SESSION
from boundary_desk.ui.imports.dialog import CHOOSE, DONE, PREVIEW, ImportDialog
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")

CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
    "BEGIN:VEVENT\r\nUID:w@x\r\nDTSTART;TZID=America/Toronto:20261005T180000\r\n"
    "DTEND;TZID=America/Toronto:20261005T185000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n"
    "SUMMARY:Zoë weekly\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:s@x\r\nDTSTART:20261104T150000Z\r\nDTEND:20261104T155000Z\r\n"
    "SUMMARY:Intake\r\nATTENDEE:mailto:sam@example.org\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:d@x\r\nDTSTART:20261106T150000Z\r\nDTEND:20261106T160000Z\r\n"
    "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def workspace(qtbot: QtBot, services: Services) -> Workspace:
    services.settings.set("timezone", "America/Toronto")
    services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    sam = ContactHandle(HandleKind.EMAIL, "sam@example.org")
    services.clients.add(Client(code="SL1", display_name="Sam Lee", handles=(sam,)))
    shown = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(shown)
    shown.resize(1200, 760)
    shown.show()
    return shown


def opened_on(qtbot: QtBot, workspace: Workspace, path: Path) -> ImportDialog:
    """Import… on `path`, once its calendar preview is shown."""
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW and dialog.calendar is not None)
    return dialog


def calendar_of(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> ImportDialog:
    path = tmp_path / "practice.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    return opened_on(qtbot, workspace, path)


def test_titles_are_tied_one_by_one_then_the_sessions_imported_once(
    qtbot: QtBot, workspace: Workspace, services: Services, tmp_path: Path
) -> None:
    dialog = calendar_of(qtbot, workspace, tmp_path)
    step = dialog.calendar_step
    assert step is not None and dialog.calendar is not None
    # Sam's intake is theirs by their address; the titles wait for a choice.
    assert [c.code for c in dialog.calendar.per_client] == ["SL1"]
    assert set(step.boxes) == {"Zoë weekly", "Dentist"}
    assert step.boxes["Dentist"].currentText() == NOT_A_SESSION
    box = step.boxes["Zoë weekly"]
    box.setCurrentIndex(box.findData("ZM1"))
    qtbot.waitUntil(lambda: dialog.calendar is not None and dialog.calendar.new == 7)
    step = dialog.calendar_step
    assert step is not None and step.boxes["Zoë weekly"].currentData() == "ZM1"
    assert "Zoë Martin (ZM1): 6 sessions, 6 new" in step.sessions.text()
    assert list_sessions(services) == []  # nothing before Import
    assert dialog.next_button.isEnabled()
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert dialog.outcome.text() == "7 new sessions, 0 already imported."
    assert [s.code for s in list_sessions(services)].count("ZM1") == 6
    # The same file again: nothing new, and Import is off.
    again = calendar_of(qtbot, workspace, tmp_path)
    box = again.calendar_step.boxes["Zoë weekly"] if again.calendar_step else None
    assert box is not None
    box.setCurrentIndex(box.findData("ZM1"))
    qtbot.waitUntil(lambda: again.calendar is not None and again.calendar.already == 7)
    assert not again.next_button.isEnabled()


def test_a_damaged_calendar_is_refused_in_one_sentence_on_the_first_step(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "cut.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026")
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == CHOOSE and dialog.choose.error.isVisible())
    assert "damaged or cut short" in dialog.choose.error.text()


def test_away_days_join_the_vacation_days_when_the_box_is_ticked(
    qtbot: QtBot, workspace: Workspace, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "away.ics"
    path.write_text(
        CALENDAR.replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20261225"
            "\r\nSUMMARY:Vacation\r\nEND:VEVENT\r\nEND:VCALENDAR",
        ),
        encoding="utf-8",
    )
    dialog = opened_on(qtbot, workspace, path)
    step = dialog.calendar_step
    assert step is not None and step.add_away.isVisibleTo(dialog)
    assert "21 Dec 2026 – 24 Dec 2026" in step.add_away.text()
    step.add_away.setChecked(True)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert "1 away period added to your vacation days." in dialog.outcome.text()
    held = services.settings.load().vacation
    assert date(2026, 12, 21) in held and date(2026, 12, 24) in held
    assert date(2026, 12, 25) not in held


def test_a_title_chosen_in_the_app_ties_only_itself_and_the_rows_stay_put(
    qtbot: QtBot, workspace: Workspace, services: Services, tmp_path: Path
) -> None:
    from boundary_desk.ui.imports.status_steps import WHERE_SESSIONS_ARE

    path = tmp_path / "titles.ics"
    path.write_text(
        CALENDAR.replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nUID:m@x\r\nDTSTART:20261110T150000Z\r\nDTEND:20261110T155000Z\r\n"
            "SUMMARY:Zoë weekly (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR",
        ),
        encoding="utf-8",
    )
    dialog = opened_on(qtbot, workspace, path)
    step = dialog.calendar_step
    assert step is not None
    before = list(step.boxes)
    assert before == ["Zoë weekly", "Dentist", "Zoë weekly (moved)"]  # most events first
    step.boxes["Zoë weekly"].setCurrentIndex(step.boxes["Zoë weekly"].findData("ZM1"))
    qtbot.waitUntil(lambda: dialog.calendar is not None and dialog.calendar.new == 7)
    step = dialog.calendar_step
    assert step is not None and list(step.boxes) == before
    assert step.boxes["Zoë weekly (moved)"].currentData() == ""  # not taken with it
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert dialog.done_step.where.text() == WHERE_SESSIONS_ARE


def test_an_event_with_no_title_can_be_tied_too(
    qtbot: QtBot, workspace: Workspace, services: Services, tmp_path: Path
) -> None:
    from boundary_desk.ui.imports.calendar_step import NO_TITLE

    path = tmp_path / "untitled.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u@x\r\nDTSTART:20261110T150000Z\r\n"
        "DTEND:20261110T155000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    dialog = opened_on(qtbot, workspace, path)
    step = dialog.calendar_step
    assert step is not None and list(step.boxes) == [""]
    assert step.boxes[""].accessibleName() == f"Client for “{NO_TITLE}”"
    step.boxes[""].setCurrentIndex(step.boxes[""].findData("ZM1"))
    qtbot.waitUntil(lambda: dialog.calendar is not None and dialog.calendar.new == 1)


JOINT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
    "BEGIN:VEVENT\r\nUID:j@x\r\nDTSTART:20261104T150000Z\r\nDTEND:20261104T155000Z\r\n"
    "SUMMARY:Couple session\r\nATTENDEE:mailto:sam@example.org\r\n"
    "ATTENDEE:mailto:kim@example.org\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:h@x\r\nDTSTART:20261105T150000Z\r\nDTEND:20261105T155000Z\r\n"
    "SUMMARY:<b>x</b> <img src='file:///etc/passwd'>\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_sessions_tied_by_address_say_so_and_a_joint_one_is_each_clients(
    qtbot: QtBot, workspace: Workspace, services: Services, tmp_path: Path
) -> None:
    kim = ContactHandle(HandleKind.EMAIL, "kim@example.org")
    services.clients.add(Client(code="KL2", display_name="Kim Lee", handles=(kim,)))
    path = tmp_path / "joint.ics"
    path.write_text(JOINT, encoding="utf-8")
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW and dialog.calendar is not None)
    step = dialog.calendar_step
    assert step is not None
    lines = step.sessions.text().splitlines()
    assert lines == [
        "Kim Lee (KL2): 1 session, 1 new · 4 Nov 2026 · 1 by address kim@example.org"
        " · 1 joint session",
        "Sam Lee (SL1): 1 session, 1 new · 4 Nov 2026 · 1 by address sam@example.org"
        " · 1 joint session",
    ]
    assert step.sessions.textFormat() == Qt.TextFormat.PlainText
    # A title that looks like markup is shown as written, in its label and its tooltip.
    title = "<b>x</b> <img src='file:///etc/passwd'>"
    shown = next(w for w in step.findChildren(QLabel) if w.buddy() is step.boxes[title])
    assert shown.textFormat() == Qt.TextFormat.PlainText
    document = QTextDocument()
    document.setHtml(shown.toolTip())
    assert document.toPlainText() == title and "<b>" not in shown.toolTip()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE)
    assert sorted(s.code for s in list_sessions(services)) == ["KL2", "SL1"]
