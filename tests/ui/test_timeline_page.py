"""Timelines: newest first in local time, filters, edits with history, undoable delete, the PDF.

Practice: Toronto, Ontario holidays, Mon–Thu 09:00–17:00 and Fri 09:00–13:00.
"Now" is Tuesday 24 November 2026, 13:00 in Toronto.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.clients.client_timeline import ClientTimeline
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.timeline.details import NOT_EDITED
from boundary_desk.ui.timeline.model import KindChoice, RangeChoice
from boundary_desk.ui.timeline.page import (
    NO_MATCHES,
    NOTHING_FOR_CLIENT,
    NOTHING_LOGGED,
    TimelinePage,
)
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text
from tests.ui.test_lock import MARKER, add_marker_client, unlocked_window, visible_texts
from tests.ui.test_lock import _widget_texts as widget_texts

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
# 03:40 UTC on Saturday is 22:40 on Friday evening in Toronto (EST, UTC-5).
LATE_FRIDAY = datetime(2026, 11, 21, 3, 40, tzinfo=UTC)
TUESDAY_NOON = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
TWO_WEEKS_AGO = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)  # a Tuesday, 10:00 local
SEPTEMBER = datetime(2026, 9, 1, 18, 0, tzinfo=UTC)  # a Tuesday, 14:00 local
MARKUP = "Can we move <b>Monday</b>? & thanks <i>x</i>"


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set_many({
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
    })  # fmt: skip
    return services


@pytest.fixture
def zoe(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Zoë Martin"))


@pytest.fixture
def sam(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Sam Okafor"))


def contact(client: Client, when: datetime, summary: str = "", **changes: object) -> ContactEvent:
    fields: dict[str, object] = {
        "client_id": client.id,
        "kind": EventKind.CONTACT,
        "occurred_at": when,
        "channel": ContactChannel.TEXT,
        "direction": Direction.IN,
        "category": Category.ADMIN,
        "summary": summary,
    }
    fields.update(changes)
    return ContactEvent(**fields)  # type: ignore[arg-type]


def log(services: Services, event: ContactEvent) -> int:
    saved = log_event(services, event, NOW).event
    assert saved.id is not None
    return saved.id


@pytest.fixture
def logged(practice: Services, zoe: Client, sam: Client) -> dict[str, int]:
    """Four entries: a late Friday text, a Tuesday email, a search, an old friend request."""
    return {
        "late": log(practice, contact(zoe, LATE_FRIDAY, MARKUP)),
        "email": log(
            practice,
            contact(sam, TUESDAY_NOON, "Asked for a receipt.", channel=ContactChannel.EMAIL),
        ),
        "search": log(
            practice,
            ContactEvent(
                client_id=sam.id or 0,
                kind=EventKind.SEARCH,
                occurred_at=TWO_WEEKS_AGO,
                direction=Direction.OUT,
                search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED),
            ),
        ),
        "request": log(
            practice,
            ContactEvent(
                client_id=zoe.id or 0,
                kind=EventKind.FRIEND_REQUEST,
                occurred_at=SEPTEMBER,
                channel=ContactChannel.DM,
                direction=Direction.IN,
                request=FriendRequest("Instagram", RequestAction.DECLINED),
            ),
        ),
    }


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


def make_page(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client_id: int | None = None
) -> TimelinePage:
    page = TimelinePage(services, prompter, client_id=client_id, now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Shortcuts only reach the active window."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def shown_ids(page: TimelinePage) -> list[int]:
    return [entry.event_id for entry in page.model.entries()]


def select(page: TimelinePage, event_id: int) -> None:
    page.select(event_id)
    selected = page.selected_entry()
    assert selected is not None and selected.event_id == event_id


# -- the list --------------------------------------------------------------------------


def test_entries_are_newest_first_in_the_practice_time_zone(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    choose(page.filters.span, RangeChoice.ALL)

    assert shown_ids(page) == [logged[k] for k in ("email", "late", "search", "request")]
    late = page.model.entry_at(1)
    assert late is not None
    row = page.model.row_text(late)
    assert row.startswith("Sat 21 Nov 2026") is False
    assert "Fri 20 Nov 2026, 22:40" in row
    assert "C-001 · Zoë Martin" in row
    assert "After hours" in row and "2 warnings" in row
    assert page.count.text() == "4 entries"


def test_the_global_timeline_starts_with_the_last_30_days(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)

    assert page.filters.span.currentData() is RangeChoice.LAST_30_DAYS
    assert logged["request"] not in shown_ids(page)
    assert len(shown_ids(page)) == 3


def test_filters_narrow_the_list(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int],
    sam: Client,
) -> None:  # fmt: skip
    page = make_page(qtbot, practice, prompter)
    filters = page.filters
    choose(filters.span, RangeChoice.ALL)

    choose(filters.kind, KindChoice.SEARCHES)
    assert shown_ids(page) == [logged["search"]]
    choose(filters.kind, KindChoice.REQUESTS)
    assert shown_ids(page) == [logged["request"]]
    choose(filters.kind, KindChoice.ALL)

    filters.after_hours.setChecked(True)
    assert shown_ids(page) == [logged["late"]]
    filters.after_hours.setChecked(False)

    choose(filters.client, sam.id)
    assert shown_ids(page) == [logged["email"], logged["search"]]
    choose(filters.client, None)

    choose(filters.span, RangeChoice.LAST_7_DAYS)
    assert shown_ids(page) == [logged["email"], logged["late"]]

    choose(filters.span, RangeChoice.CUSTOM)
    assert filters.first_day.isVisible()
    filters.first_day.setDate(QDate(2026, 11, 1))
    filters.last_day.setDate(QDate(2026, 11, 20))  # the late text is the 20th, local time
    assert shown_ids(page) == [logged["late"], logged["search"]]


def test_with_warnings_only_hides_entries_without_any(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    choose(page.filters.span, RangeChoice.ALL)

    page.filters.with_warnings.setChecked(True)

    assert logged["request"] not in shown_ids(page)  # a declined request raises nothing
    assert logged["late"] in shown_ids(page)


def test_no_match_says_so_and_offers_everything(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    choose(page.filters.kind, KindChoice.APPROACHES)

    assert page.empty.isVisible() and page.empty.text() == NO_MATCHES
    qtbot.mouseClick(page.show_all, Qt.MouseButton.LeftButton)

    assert len(shown_ids(page)) == 4
    assert page.filters.kind.currentData() is KindChoice.ALL


def test_a_quiet_period_says_so_in_plain_words(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    log(practice, contact(zoe, SEPTEMBER))
    page = make_page(qtbot, practice, prompter)

    assert page.empty.text() == "Nothing logged in the last 30 days."
    assert page.show_all.isVisible()


def test_empty_timelines_say_nothing_is_logged_yet(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    page = make_page(qtbot, practice, prompter)
    assert page.empty.text() == NOTHING_LOGGED  # whatever the period
    assert not page.show_all.isVisible()
    assert not page.filters.isVisible()  # nothing to filter yet
    assert not page.details.isVisible()

    client_page = make_page(qtbot, practice, prompter, zoe.id)
    assert client_page.empty.text() == NOTHING_FOR_CLIENT


def test_markup_in_a_summary_is_shown_as_typed(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["late"])

    summary = page.details.summary
    assert summary.text() == MARKUP
    assert summary.textFormat() is Qt.TextFormat.PlainText
    assert MARKUP.split("?")[0] in page.model.row_text(page.model.entries()[1])
    assert all(
        w.textFormat() is Qt.TextFormat.PlainText for w in page.details.findChildren(type(summary))
    )


def test_details_show_the_answers_warnings_and_history(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["search"])

    texts = visible_texts(page.details)
    assert "Online search for the client" in texts
    assert "Curiosity" in texts and "Not obtained" in texts
    assert [row.code for row in page.details.warning_rows]
    assert page.details.history.text() == NOT_EDITED


# -- editing ------------------------------------------------------------------------------


def test_an_edit_keeps_the_earlier_version_and_recomputes_the_warnings(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    before = practice.events.get(event_id)
    assert "after_hours" in [w.code for w in practice.events.warnings(event_id)]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)

    editor = page.edit_selected()
    assert editor is not None
    editor.when.setText("2026-11-24 11:00")  # Tuesday morning: working time
    choose(editor.channel, ContactChannel.EMAIL)
    with qtbot.waitSignal(editor.accepted):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    after = practice.events.get(event_id)
    assert after.occurred_at == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    assert after.channel is ContactChannel.EMAIL
    assert "after_hours" not in [w.code for w in practice.events.warnings(event_id)]
    (revision,) = practice.events.revisions(event_id)
    assert revision.before["occurred_at"] == before.occurred_at.isoformat(timespec="seconds")
    selected = page.selected_entry()
    assert selected is not None and selected.event_id == event_id
    history = page.details.history.text()
    assert history.startswith("Edited ")
    assert "when: 20 Nov 2026 22:40" in history
    assert "channel: text message" in history
    assert "summary" not in history  # unchanged fields are not listed
    assert "earlier version" in page.status.text()


def test_marking_an_entry_complex_in_the_editor_judges_its_reply_again(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, sam: Client
) -> None:
    # An admin email Sam sent, answered by text: a fit, until it is marked complex.
    event_id = log(
        practice,
        contact(
            sam, TUESDAY_NOON, channel=ContactChannel.EMAIL,
            replied_at=TUESDAY_NOON, reply_channel=ContactChannel.TEXT,
        ),
    )  # fmt: skip
    assert "reply_poor_fit" not in [w.code for w in practice.events.warnings(event_id)]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    editor = page.edit_selected()
    assert editor is not None
    assert editor.complex.isVisible() and not editor.complex.isChecked()
    labels = [w for w in editor.findChildren(QLabel) if w.text() == "Category"]
    assert [w.buddy() for w in labels] == [editor.category]  # the label names the box
    qtbot.mouseClick(editor.complex, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.accepted):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert practice.events.get(event_id).is_complex is True
    assert "reply_poor_fit" in [w.code for w in practice.events.warnings(event_id)]
    assert len(practice.events.revisions(event_id)) == 1  # the earlier version is kept
    assert "complex or emotional" in page.details.history.text().lower()


def test_an_edit_into_the_future_is_refused_and_nothing_changes(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    before = practice.events.get(event_id)
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    editor = page.edit_selected()
    assert editor is not None
    editor.when.setText("2027-01-05 10:00")
    editor.summary.setPlainText("changed")

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert editor.error.isVisible()
    assert "can't be in the future" in editor.error.text()
    assert editor.error.textFormat() is Qt.TextFormat.PlainText
    assert practice.events.get(event_id) == before
    assert practice.events.revisions(event_id) == []
    editor.reject()


def test_an_unreadable_time_is_refused_with_what_is_accepted(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["email"])
    editor = page.edit_selected()
    assert editor is not None
    editor.when.setText("last tuesday-ish")

    editor.save()

    assert '"20 min ago"' in editor.error.text()
    assert practice.events.revisions(logged["email"]) == []
    editor.reject()


def test_saving_an_unchanged_entry_adds_no_history(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["late"])
    editor = page.edit_selected()
    assert editor is not None

    with qtbot.waitSignal(editor.accepted):
        editor.save()

    assert editor.saved is None
    assert practice.events.revisions(logged["late"]) == []


# -- deleting and acknowledging -------------------------------------------------------------


def test_delete_is_immediate_and_the_undo_bar_brings_it_back(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["late"])

    qtbot.mouseClick(page.details.delete_button, Qt.MouseButton.LeftButton)

    assert logged["late"] not in shown_ids(page)
    assert logged["late"] not in [e.id for e in practice.events.list()]
    assert page.undo_bar.isVisible()
    assert page.undo_text.text().startswith("Entry deleted")
    assert prompter.asked == []  # no "are you sure?": undo is the safety net

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)

    assert logged["late"] in shown_ids(page)
    assert not page.undo_bar.isVisible()
    selected = page.selected_entry()
    assert selected is not None and selected.event_id == logged["late"]


def test_delete_key_and_ctrl_z(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    activate(qtbot, page)
    select(page, logged["email"])
    page.view.setFocus()

    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert logged["email"] not in shown_ids(page)
    selected = page.selected_entry()
    assert selected is not None and selected.event_id == logged["late"]  # the next one

    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert logged["email"] in [e.id for e in practice.events.list()]
    assert not page.undo_bar.isVisible()


def test_acknowledging_a_warning_stores_the_note(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    qtbot.mouseClick(page.details.acknowledge_button("after_hours"), Qt.MouseButton.LeftButton)
    (row,) = [r for r in page.details.warning_rows if r.code == "after_hours"]
    assert row.note.isVisible()

    type_text(qtbot, row.note, "Raised in session; agreed texts wait until Monday 🙂")
    qtbot.keyClick(row.note, Qt.Key.Key_Return)

    stored = {w.code: w for w in practice.events.warnings(event_id)}
    assert stored["after_hours"].acknowledged_at is not None
    assert stored["after_hours"].note == "Raised in session; agreed texts wait until Monday 🙂"
    assert stored["no_agreement"].acknowledged_at is None
    (row,) = [r for r in page.details.warning_rows if r.code == "after_hours"]
    assert "Monday 🙂" in row.status.text()
    entry = page.selected_entry()
    assert entry is not None and entry.open_warnings == 1


def test_an_overlong_note_is_refused_in_place(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    page.details.acknowledge_button("after_hours").click()
    (row,) = [r for r in page.details.warning_rows if r.code == "after_hours"]
    row.note.setText("x" * 520)

    row.save_button.click()

    assert "at most 500 characters" in row.error.text()
    assert all(w.acknowledged_at is None for w in practice.events.warnings(event_id))


def test_each_warning_shows_its_severity_and_what_to_do(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["search"])

    rows = {row.code: row for row in page.details.warning_rows}
    curiosity = rows["search_curiosity"]
    assert curiosity.badge.text() == "Serious" and curiosity.badge.isVisible()
    assert curiosity.title.text() == "Search out of curiosity"
    assert curiosity.guidance.isVisible() and curiosity.guidance.text().endswith(".")
    # No signed agreement: the guidance claims none.
    assert all("your agreement says" not in r.guidance.text().lower() for r in rows.values())


def test_acknowledge_all_stores_every_warning_with_one_note(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    everything = page.details.acknowledge_all
    assert everything is not None and everything.isVisible()

    qtbot.mouseClick(everything.start_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, everything.note, "Raised in supervision")
    qtbot.keyClick(everything.note, Qt.Key.Key_Return)

    stored = practice.events.warnings(event_id)
    assert len(stored) >= 2
    assert all(w.acknowledged_at is not None for w in stored)
    assert {w.note for w in stored} == {"Raised in supervision"}
    entry = page.selected_entry()
    assert entry is not None and entry.open_warnings == 0
    assert all("Raised in supervision" in r.status.text() for r in page.details.warning_rows)
    assert page.details.acknowledge_all is not None
    assert not page.details.acknowledge_all.isVisible()


def test_acknowledge_all_refuses_an_overlong_note_and_stores_nothing(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["late"]
    page = make_page(qtbot, practice, prompter)
    select(page, event_id)
    everything = page.details.acknowledge_all
    assert everything is not None
    everything.open_note()
    everything.note.setText("x" * 520)

    everything.save_button.click()

    assert "at most 500 characters" in everything.error.text()
    assert everything.note.text() == "x" * 520
    assert all(w.acknowledged_at is None for w in practice.events.warnings(event_id))


# -- the communication record ----------------------------------------------------------------


def test_the_record_pdf_is_saved_privately_and_named_by_code(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int],
    zoe: Client, tmp_path: Path,
) -> None:  # fmt: skip
    page = make_page(qtbot, practice, prompter, zoe.id)
    choose(page.filters.kind, KindChoice.CONTACTS)  # the record ignores the filters
    target = tmp_path / "record.pdf"
    prompter.save_paths.append(target)

    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert page.busy.isVisible() and not page.record_button.isEnabled()
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=10_000)

    (_, _, suggested) = prompter.asked[0]
    assert Path(suggested).name == "Communication record C-001 2026-11-24.pdf"
    assert "Zoë" not in suggested
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not page.busy.isVisible() and page.record_button.isEnabled()
    assert "record.pdf" in page.status.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(target), "-"],
            check=True, capture_output=True, text=True, encoding="utf-8",
        ).stdout  # fmt: skip
        assert "Zoë Martin" in text
        assert "Instagram" in text  # the friend request, though the list shows contacts only


def record_text(path: Path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True, capture_output=True, text=True, encoding="utf-8",
        ).stdout.split()
    )  # fmt: skip


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")
def test_the_record_leaves_the_self_review_out_unless_the_box_is_ticked(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int],
    zoe: Client, tmp_path: Path,
) -> None:  # fmt: skip
    page = make_page(qtbot, practice, prompter, zoe.id)
    assert page.self_review_box.isVisible() and not page.self_review_box.isChecked()
    assert practice.events.warnings(logged["late"])  # the late text has warnings in the vault
    chart = tmp_path / "chart.pdf"
    prompter.save_paths.append(chart)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=10_000)
    text = record_text(chart)
    assert "Zoë Martin" in text and "AFTER HOURS" in text
    assert "Warning." not in text and "Not acknowledged" not in text
    assert "clinical record only" in page.status.text()

    page.self_review_box.setChecked(True)
    mine = tmp_path / "with self-review.pdf"
    prompter.save_paths.append(mine)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=10_000)
    text = record_text(mine)
    assert "Warning." in text and "Not acknowledged" in text
    assert "Includes the clinician's self-review" in text
    assert "It includes your self-review" in page.status.text()


def test_a_record_for_a_missing_folder_warns_and_writes_nothing(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int],
    zoe: Client, tmp_path: Path,
) -> None:  # fmt: skip
    page = make_page(qtbot, practice, prompter, zoe.id)
    target = tmp_path / "missing" / "record.pdf"
    prompter.save_paths.append(target)

    page.save_record()
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=10_000)

    (message,) = prompter.messages("warn")
    assert "does not exist" in message
    assert not target.parent.exists()
    assert list(tmp_path.glob("**/*.pdf")) == []
    assert page.record_button.isEnabled()


def test_cancelling_the_file_dialog_makes_nothing(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    page = make_page(qtbot, practice, prompter, zoe.id)
    prompter.save_paths.append(None)

    page.save_record()

    assert not page.is_saving()
    assert not page.busy.isVisible()


def test_the_global_timeline_offers_the_record_once_a_client_is_chosen(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    page = make_page(qtbot, practice, prompter)
    assert not page.record_button.isVisible()

    choose(page.filters.client, zoe.id)

    assert page.record_button.isVisible()


# -- in the app ------------------------------------------------------------------------------


def test_ctrl_t_opens_the_client_timeline_titled_by_code(
    qtbot: QtBot, location: VaultLocation, practice: Services, zoe: Client
) -> None:
    log(practice, contact(zoe, LATE_FRIDAY, "Running late"))
    clients = ClientsPage(practice, ScriptedPrompter(), today=lambda: date(2026, 11, 24))
    qtbot.addWidget(clients)
    clients.show()
    qtbot.waitExposed(clients)
    activate(qtbot, clients)
    clients.table.selectRow(0)
    clients.table.setFocus()

    qtbot.keyClick(clients.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)

    (window,) = clients.findChildren(ClientTimeline)
    assert window.isVisible()
    assert window.windowTitle() == "Timeline · C-001"
    assert "Zoë" not in window.windowTitle()
    assert window.page.subtitle.text() == "C-001 · Zoë Martin"
    assert len(window.page.model.entries()) == 1
    assert clients.open_timeline(zoe) is window  # one window per client
    window.close()


def test_after_a_lock_no_timeline_text_remains(qtbot: QtBot, location: VaultLocation) -> None:
    location.create().vault.close()
    window = unlocked_window(qtbot, location)
    services = add_marker_client(window)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    client = services.clients.list()[0]
    secret = "Periwinkle zeppelin at the harbour"
    log_event(services, contact(client, datetime.now(UTC), secret), datetime.now(UTC))
    workspace.show_page("Timeline")
    assert workspace.pages.currentWidget() is workspace.timeline_page
    client_window = workspace.clients_page.open_timeline(client)
    select(workspace.timeline_page, workspace.timeline_page.model.entries()[0].event_id)
    everything = [t for w in QApplication.allWidgets() for t in widget_texts(w)]
    assert sum(secret in text for text in everything) >= 3  # list, details, client window

    window.lock_action.trigger()

    assert window.is_locked
    qtbot.waitUntil(lambda: not shiboken6.isValid(client_window))
    remaining = [t for w in QApplication.allWidgets() for t in widget_texts(w)]
    assert not any(secret in text or MARKER in text for text in remaining)


def test_coming_back_to_the_window_shows_what_was_logged_meanwhile(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    page = make_page(qtbot, practice, prompter)
    activate(qtbot, page)
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    activate(qtbot, elsewhere)
    log(practice, contact(zoe, TUESDAY_NOON, "Logged in the quick log"))
    assert shown_ids(page) == []

    activate(qtbot, page)

    qtbot.waitUntil(lambda: len(shown_ids(page)) == 1)


def test_a_refresh_keeps_a_note_being_typed(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["late"])
    page.details.acknowledge_button("after_hours").click()
    (row,) = [r for r in page.details.warning_rows if r.code == "after_hours"]
    row.note.setText("half a thought")

    page.refresh()

    assert row.note.text() == "half a thought" and row.note.isVisible()


def test_changing_what_was_done_with_a_request_recomputes_its_warnings(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    event_id = logged["request"]
    page = make_page(qtbot, practice, prompter)
    choose(page.filters.span, RangeChoice.ALL)
    select(page, event_id)
    editor = page.edit_selected()
    assert editor is not None
    assert not editor.channel.isVisibleTo(editor)  # contact-only fields are not offered

    choose(editor.action, RequestAction.ACCEPTED)
    with qtbot.waitSignal(editor.accepted):
        editor.save()

    request = practice.events.get(event_id).request
    assert request is not None and request.action is RequestAction.ACCEPTED
    assert "friend_request_accepted" in [w.code for w in practice.events.warnings(event_id)]
    assert "what you did: declined" in page.details.history.text()


def test_a_duration_past_the_limit_is_refused(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, logged: dict[str, int]
) -> None:
    page = make_page(qtbot, practice, prompter)
    select(page, logged["email"])
    editor = page.edit_selected()
    assert editor is not None
    editor.minutes.setText("700")

    editor.save()

    assert "0 to 600 minutes" in editor.error.text()
    assert practice.events.get(logged["email"]).minutes is None
    editor.reject()


def test_an_entry_to_raise_in_session_shows_the_next_sessions_day(
    qtbot: QtBot, practice: Services, prompter: ScriptedPrompter, zoe: Client, tmp_path: Path
) -> None:
    from boundary_desk.services.sessions import commit_calendar, preview_calendar

    calendar = tmp_path / "sessions.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:zoe@example.org\r\n"
        "DTSTART;TZID=America/Toronto:20261123T180000\r\n"
        "DTEND;TZID=America/Toronto:20261123T185000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
        "SUMMARY:Zoë\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    shown = preview_calendar(practice, calendar, {zoe.code: "zoe"})  # accents set aside
    assert commit_calendar(practice, shown).added == 3
    raised = log(practice, contact(zoe, LATE_FRIDAY, "Raise this", raise_next_session=True))
    page = make_page(qtbot, practice, prompter)
    entry = next(e for e in page.model.entries() if e.event_id == raised)
    # Friday 20 November, late: the next session is Monday 23 November at 18:00.
    assert "to raise on Mon 23 Nov" in page.model.row_text(entry)
