"""The weekly review page: honest figures, weeks, decisions, reflections, exports."""

from __future__ import annotations

import shutil
import stat
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.domain.boundary_warnings import severity_of
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
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
from boundary_desk.domain.review import REFLECTION_PROMPTS, ReviewRecord
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import NotFound
from boundary_desk.services import Services
from boundary_desk.services.contacts import acknowledge_warning, log_event
from boundary_desk.services.review import compute_review
from boundary_desk.ui.review.banner import ReviewBanner
from boundary_desk.ui.review.figures import minutes_text
from boundary_desk.ui.review.page import ReviewPage, unreviewed_prompt
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 20, 16, 30, tzinfo=TORONTO).astimezone(UTC)  # Friday of 2026-W47
W47 = Week(2026, 47)
LATE_TEXTS = (0, 0, 1, 1, 2, 3, 4, 5)  # Zoë's after-hours texts, 2026-W40 to W47


def at(week: Week, day: int, hour: int, minute: int = 0) -> datetime:
    moment = datetime.combine(week.monday + timedelta(days=day), datetime.min.time())
    return moment.replace(hour=hour, minute=minute, tzinfo=TORONTO)


def text(client: Client, when: datetime, **changes: object) -> ContactEvent:
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        category=Category.ADMIN,
        summary="Can we move Monday?",
    )
    return replace(event, **changes)  # type: ignore[arg-type]


@pytest.fixture
def clients(services: Services) -> dict[str, Client]:
    """Eight weeks to 2026-W47: Zoë's late texts rise; Jordan emails once a week in hours."""
    services.settings.set_many(
        {
            "timezone": "America/Toronto",
            "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
            "region": "CA-ON",
        }
    )
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    jordan = services.clients.add(Client(code="", display_name="Jordan Díaz"))
    for offset, late in enumerate(LATE_TEXTS):
        week = W47.shifted(offset - len(LATE_TEXTS) + 1)
        log_event(services, text(zoe, at(week, 0, 10)), NOW)
        email = text(jordan, at(week, 1, 11), channel=ContactChannel.EMAIL, minutes=12)
        log_event(services, email, NOW)
        for n in range(late):
            log_event(services, text(zoe, at(week, 1 + n % 3, 19 + n // 3, 5 * n)), NOW)
    mine = text(zoe, at(W47, 3, 21, 30), direction=Direction.OUT, minutes=6)
    log_event(services, mine, NOW)
    search = ContactEvent(
        client_id=jordan.id or 0,
        kind=EventKind.SEARCH,
        occurred_at=at(W47, 2, 20, 40),
        search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED),
    )
    log_event(services, search, NOW)
    request = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=at(W47, 2, 22, 15),
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )
    log_event(services, request, NOW)
    return {"zoe": zoe, "jordan": jordan}


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def page(
    qtbot: QtBot, services: Services, clients: dict[str, Client], prompter: ScriptedPrompter
) -> ReviewPage:
    widget = ReviewPage(services, prompter, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_it_opens_on_this_week_on_review_day_with_the_figures_of_compute_review(
    page: ReviewPage, services: Services
) -> None:
    expected = compute_review(services, W47, NOW)
    f = expected.figures
    assert page.review is not None and page.review.week == W47
    assert page.title.text() == "16–22 November 2026 · 2026-W47"
    assert page.status.text() == "This week, so far · Not reviewed yet"
    assert page.figures.figures() == {
        "Contacts": str(f.contacts),
        "After hours": f"{f.after_hours} · {f.after_hours_share:.0%}",
        "Your own after-hours replies": str(f.own_after_hours),
        "Time on contact": minutes_text(f.minutes),
        "Searches, friend requests, approaches": str(f.boundary_events),
    }
    assert (f.contacts, f.after_hours, f.own_after_hours, f.minutes) == (8, 6, 1, 18)
    contacts_avg = sum(h.contacts for h in expected.history) / 12
    shown = f"{contacts_avg:.1f}".removesuffix(".0")
    assert page.figures.cards[0].average.text() == f"Average {shown}"
    assert page.figures.cards[0].direction.text() == "▲ Above average"
    assert page.clients.rows() == [
        ["C-001 · Zoë Martin", "7", "6"],  # no Sessions column: no calendar imported
        ["C-002 · Jordan Díaz", "1", "0"],
    ]
    assert page.channels.rows() == [["Text message", "7"], ["Email", "1"]]
    loose = {heading: body.text() for heading, body in page.loose_ends.lists.items()}
    assert loose == {
        "Agreements due for review": "None this week.",
        "Contact but no signed agreement": "C-001 · Zoë Martin\nC-002 · Jordan Díaz",
        "Searches you made": "Wed 18 Nov, 20:40 · C-002 · Jordan Díaz · purpose: curiosity, "
        "without consent, not documented, client not told",
        "Friend requests": "Wed 18 Nov, 22:15 · C-001 · Zoë Martin · Instagram, pending",
    }


def test_the_charts_show_twelve_weeks_and_the_hours_of_this_one(
    page: ReviewPage, services: Services
) -> None:
    expected = compute_review(services, W47, NOW)
    bars = page.trend.contacts_bars.opts
    late = page.trend.after_hours_bars.opts
    assert len(bars["height"]) == len(late["height"]) == 12
    assert list(bars["height"]) == [h.contacts for h in expected.history]
    assert list(late["height"]) == [h.after_hours for h in expected.history]
    assert [row[1:3] for row in page.trend.numbers.rows()] == [
        [str(h.contacts), str(h.after_hours)] for h in expected.history
    ]
    ticks = page.trend.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [t[1] for t in ticks][-1] == "16\n"
    assert page.trend.plot.getPlotItem().getAxis("left").labelText == "Contacts per week"
    table = page.heatmap.table
    assert table.counts == expected.heatmap
    monday_ten = table.item(0, 10)
    assert monday_ten is not None and monday_ten.text() == "1"
    assert "working hours" in monday_ten.toolTip()
    assert table.verticalHeaderItem(4).text() == "Fri 20"  # type: ignore[union-attr]


def test_in_a_mirrored_screen_time_still_runs_left_to_right(
    qtbot: QtBot, services: Services, clients: dict[str, Client]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # as in Hebrew
    try:
        widget = ReviewPage(services, ScriptedPrompter(), now=lambda: NOW)
        qtbot.addWidget(widget)
        widget.resize(1366, 768)
        widget.show()
        qtbot.waitExposed(widget)
        assert widget.layoutDirection() == Qt.LayoutDirection.RightToLeft  # the page mirrors
        table = widget.heatmap.table
        assert table.columnViewportPosition(0) < table.columnViewportPosition(23)
        header = table.verticalHeader()
        assert header.mapTo(table, header.rect().topLeft()).x() < table.viewport().x()
        trend = widget.trend
        assert trend.plot.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert trend.numbers.layoutDirection() == Qt.LayoutDirection.RightToLeft  # mirrors
        axis = trend.plot.getPlotItem().getAxis("left")
        assert axis.geometry().x() < trend.plot.width() / 4  # the count axis on the left
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_previous_and_next_walk_the_weeks_and_stop_at_this_one(
    qtbot: QtBot, page: ReviewPage
) -> None:
    assert not page.next_button.isEnabled()
    with qtbot.waitSignal(page.week_shown) as shown:
        qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert shown.args == [Week(2026, 46)]
    assert page.title.text() == "9–15 November 2026 · 2026-W46"
    assert page.next_button.isEnabled()
    assert page.figures.figures()["After hours"] == "4 · 67%"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.review is not None and page.review.week == W47
    assert page.show_week(Week(2027, 5))  # the future is this week
    assert page.review.week == W47


def test_a_missed_week_is_listed_as_not_reviewed(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    services.reviews.mark_reviewed(Week(2026, 46))
    page.refresh()
    lines = {s.week: s.describe() for s in page.weeks.statuses}
    assert lines[W47] == "This week"
    assert lines[Week(2026, 46)] == "✓ Reviewed"
    assert lines[Week(2026, 45)] == "Not reviewed"
    assert lines[Week(2026, 39)] == "No entries"
    item = page.weeks.item(2)
    assert item is not None and item.text() == "2–8 Nov 2026\nW45 · Not reviewed"
    assert item.font().bold()
    assert unreviewed_prompt(services, NOW) == (
        "The week of 2–8 November 2026 (2026-W45) and 5 earlier weeks haven't been reviewed yet"
    )
    page.weeks.itemClicked.emit(item)
    assert page.review is not None and page.review.week == Week(2026, 45)


def test_the_banner_names_last_week_and_opens_it(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    for back in range(2, 9):
        services.reviews.mark_reviewed(W47.shifted(-back))
    assert unreviewed_prompt(services, NOW) == "Last week (2026-W46) hasn't been reviewed yet"
    banner = ReviewBanner()
    qtbot.addWidget(banner)
    assert banner.refresh(services, NOW)
    assert banner.text.text() == "Last week (2026-W46) hasn't been reviewed yet ·"
    banner.review_requested.connect(page.show_week)
    qtbot.mouseClick(banner.review_button, Qt.MouseButton.LeftButton)
    assert page.review is not None and page.review.week == Week(2026, 46)
    services.reviews.mark_reviewed(Week(2026, 46))
    assert unreviewed_prompt(services, NOW) is None
    assert not banner.refresh(services, NOW)


def test_reflections_notes_and_the_supervision_list_are_saved_and_reload(
    qtbot: QtBot, page: ReviewPage, services: Services, prompter: ScriptedPrompter
) -> None:
    form = page.reflections
    qtbot.keyClicks(form.answers["availability"], "Late replies met my need to be liked.")
    qtbot.keyClicks(form.notes, "Quiet week otherwise.")
    for item in ("Zoe's late texts", "My curiosity search", "Remove me"):
        qtbot.keyClicks(form.new_item, item)
        qtbot.keyClick(form.new_item, Qt.Key.Key_Return)
    form.supervision.setCurrentRow(2)
    qtbot.mouseClick(form.remove_button, Qt.MouseButton.LeftButton)
    assert page.is_changed()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    form.notes.setFocus()
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.save_status.text() == "Saved."
    assert not page.is_changed()
    stored = services.reviews.get(W47)
    assert stored.reflections == {"availability": "Late replies met my need to be liked."}
    assert stored.notes == "Quiet week otherwise."
    assert stored.supervision == ("Zoe's late texts", "My curiosity search")
    again = ReviewPage(services, prompter, now=lambda: NOW)
    qtbot.addWidget(again)
    assert (
        again.reflections.answers["availability"].toPlainText()
        == stored.reflections["availability"]
    )
    assert again.reflections.notes_text() == "Quiet week otherwise."
    assert again.reflections.items() == ["Zoe's late texts", "My curiosity search"]
    assert again.reflections.answers["supervision"].toPlainText() == ""
    assert len(again.reflections.answers) == len(REFLECTION_PROMPTS)


def test_markup_in_a_reflection_stays_literal(
    qtbot: QtBot, page: ReviewPage, services: Services, prompter: ScriptedPrompter
) -> None:
    words = "<b>bold</b> & <i>not</i> &amp; <script>x</script>"
    page.reflections.answers["misunderstanding"].setPlainText(words)
    page.reflections.new_item.setText("<h1>Big</h1> & small")
    page.reflections.add_item()
    assert page.save()
    assert services.reviews.get(W47).reflections["misunderstanding"] == words
    again = ReviewPage(services, prompter, now=lambda: NOW)
    qtbot.addWidget(again)
    assert again.reflections.answers["misunderstanding"].toPlainText() == words
    assert again.reflections.items() == ["<h1>Big</h1> & small"]


def test_marking_the_week_reviewed_saves_everything_and_updates_the_list(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    page.reflections.notes.setPlainText("Done for the week.")
    with qtbot.waitSignal(page.week_reviewed) as reviewed:
        qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    assert reviewed.args == [W47]
    stored = services.reviews.get(W47)
    assert stored.reviewed_at == NOW and stored.notes == "Done for the week."
    assert "2026-W47" in services.reviews.reviewed_weeks()
    assert page.status.text() == "This week, so far · Reviewed on 20 November 2026 at 16:30"
    assert page.weeks.statuses[0].describe() == "✓ Reviewed"
    assert page.mark_button.text() == "Mark reviewed again"


def test_a_refused_save_shows_why_in_place_and_loses_nothing(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    services.reviews.save(W47, ReviewRecord(notes="Kept from before."))
    page.refresh()
    long_text = "x" * 20_001
    page.reflections.notes.setPlainText(long_text)
    assert not page.save()
    assert page.save_error.isVisible()
    assert page.save_error.text().startswith("Notes and reflections can be at most 20,000")
    assert page.reflections.notes_text() == long_text
    assert services.reviews.get(W47).notes == "Kept from before."
    assert not page.show_week(Week(2026, 46))  # leaving would lose the text: refused
    assert page.review is not None and page.review.week == W47
    assert page.reflections.notes_text() == long_text


def test_unsaved_edits_are_saved_before_another_week_opens(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    page.reflections.notes.setPlainText("Written, then I looked at last week.")
    assert page.show_week(Week(2026, 46))
    assert services.reviews.get(W47).notes == "Written, then I looked at last week."
    assert page.reflections.notes_text() == ""


def test_leaving_the_page_keeps_what_was_typed(page: ReviewPage, services: Services) -> None:
    page.reflections.answers["surveillance"].setPlainText("Typed, then the vault locked.")
    page.hide()  # what locking, or choosing another section, does first
    assert services.reviews.get(W47).reflections == {
        "surveillance": "Typed, then the vault locked."
    }


def group_row(page: ReviewPage, code: str, client: str):  # type: ignore[no-untyped-def]
    return next(r for r in page.warnings.rows if (r.group.code, r.group.client) == (code, client))


def test_a_warning_decision_is_stored_and_the_entries_acknowledged(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    row = group_row(page, "after_hours", "C-001")
    assert len(row.group.warnings) == 5
    qtbot.mouseClick(row.buttons["raise in next session"], Qt.MouseButton.LeftButton)
    actions = services.reviews.get(W47).actions
    keys = [f"{w.event_id}:after_hours" for w in row.group.warnings]
    assert {k: actions[k] for k in keys} == dict.fromkeys(keys, "raise in next session")
    for warning in row.group.warnings:
        stored = services.events.warnings(warning.event_id or 0)
        acknowledged = [w for w in stored if w.code == "after_hours"]
        assert acknowledged[0].acknowledged_at is not None
    assert row.buttons["raise in next session"].isChecked()
    assert row.state.text() == "Decided: raise in next session · acknowledged"


def after_hours_acknowledgements(services: Services, row) -> list[tuple[object, str]]:  # type: ignore[no-untyped-def]
    found = []
    for warning in row.group.warnings:
        stored = services.events.warnings(warning.event_id or 0)
        found += [(w.acknowledged_at, w.note) for w in stored if w.code == "after_hours"]
    return found


def test_a_group_decision_failing_half_way_acknowledges_none_of_its_entries(
    qtbot: QtBot, page: ReviewPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = group_row(page, "after_hours", "C-001")
    assert len(row.group.warnings) == 5
    real = services.events.acknowledge
    calls: list[int] = []

    def failing_third(event_id: int, code: str, note: str = "") -> None:
        calls.append(event_id)
        if len(calls) == 3:
            raise NotFound("That warning no longer exists.")
        real(event_id, code, note)

    monkeypatch.setattr(services.events, "acknowledge", failing_third)
    qtbot.mouseClick(row.buttons["raise in next session"], Qt.MouseButton.LeftButton)
    assert len(calls) == 3  # two were written before the failure, and rolled back
    assert after_hours_acknowledgements(services, row) == [(None, "")] * 5
    assert "None of these was acknowledged" in page.save_error.text()
    assert row.state.text() == "Decided: raise in next session · not acknowledged yet"


def test_a_group_decision_keeps_an_earlier_acknowledgement_as_it_was(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    row = group_row(page, "after_hours", "C-001")
    first = row.group.warnings[0].event_id or 0
    acknowledge_warning(services, first, "after_hours", "Raised it on Tuesday")
    page.refresh()
    row = group_row(page, "after_hours", "C-001")
    assert row.state.text() == "1 of 5 acknowledged"
    qtbot.mouseClick(row.buttons["raise in next session"], Qt.MouseButton.LeftButton)
    notes = [note for _, note in after_hours_acknowledgements(services, row)]
    decided = "Weekly review 2026-W47: raise in next session."
    assert notes == ["Raised it on Tuesday"] + [decided] * 4
    # Deciding again (another action) writes over none of them.
    qtbot.mouseClick(row.buttons["re-contract"], Qt.MouseButton.LeftButton)
    assert [n for _, n in after_hours_acknowledgements(services, row)] == notes
    assert not page.save_error.isVisible()


def test_a_group_acknowledged_elsewhere_since_the_page_was_read_is_refused_whole(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    row = group_row(page, "after_hours", "C-001")
    third = row.group.warnings[2].event_id or 0
    acknowledge_warning(services, third, "after_hours", "From the timeline")  # page not refreshed
    qtbot.mouseClick(row.buttons["raise in next session"], Qt.MouseButton.LeftButton)
    notes = [note for _, note in after_hours_acknowledgements(services, row)]
    assert notes == ["", "", "From the timeline", "", ""]
    assert "acknowledged already" in page.save_error.text()


def test_a_note_on_a_warning_goes_into_the_notes_and_the_acknowledgement(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    row = group_row(page, "search_curiosity", "C-002")
    qtbot.mouseClick(row.buttons["note"], Qt.MouseButton.LeftButton)
    editor = row.note_editor
    assert editor is not None and editor.isVisible()
    assert not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.input, "Ask for consent next time")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    record = services.reviews.get(W47)
    warning = row.group.warnings[0]
    assert record.actions[f"{warning.event_id}:search_curiosity"] == "note"
    assert record.notes == "C-002 · Search out of curiosity: Ask for consent next time"
    stored = services.events.warnings(warning.event_id or 0)
    assert [w.note for w in stored if w.code == "search_curiosity"] == ["Ask for consent next time"]
    assert not editor.isVisible()


def test_trend_warnings_come_first_stand_out_and_show_their_numbers(
    qtbot: QtBot, page: ReviewPage
) -> None:
    first = page.warnings.rows[0]
    assert first.objectName() == "trendWarning"
    trend = group_row(page, "after_hours_trend", "C-001")
    message = trend.messages.text()
    # Her Monday-morning text fell on Thanksgiving in 2026-W42 (2), and in the last week
    # the text you sent her late counts too (5 + 1).
    assert "0, 0, 2, 1, 2, 3, 4, 6 over the last 8 weeks" in message
    assert "Mann–Kendall τ" in message
    assert trend.badge.text() == "Needs attention" and trend.badge.isVisible()
    assert trend.buttons["re-contract"].text() == "Revisit the agreement"
    qtbot.mouseClick(trend.buttons["re-contract"], Qt.MouseButton.LeftButton)
    assert page.review is not None
    record = page.current_record()
    assert record.actions["C-001:after_hours_trend"] == "re-contract"  # as kept since v1
    assert trend.state.text().startswith("Decided: revisit the agreement")


def test_each_warning_group_says_its_severity_in_words(page: ReviewPage) -> None:
    badges = {row.group.code: row.badge for row in page.warnings.rows}
    assert badges
    for code, badge in badges.items():
        assert badge.isVisible()
        assert badge.text() == SEVERITY_LABELS[severity_of(code)].capitalize()
        assert badge.property("severity") == severity_of(code).value


def test_each_warning_group_says_what_to_do_under_the_clients_agreement(
    page: ReviewPage,
) -> None:
    shown = {row.group.code: row for row in page.warnings.rows if row.group.guidance()}
    assert "after_hours" in shown  # the fixture's clients have no signed agreement
    row = shown["after_hours"]
    assert row.guidance.isVisible()
    assert row.guidance.text() == row.group.guidance()
    assert "signed communication agreement would settle" in row.guidance.text()


def wait_for_export(qtbot: QtBot, page: ReviewPage, start) -> list[object]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.export_done, timeout=20_000) as done:
        assert start()
    return list(done.args)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_supervision_export_is_a_private_pdf_without_names(
    qtbot: QtBot, page: ReviewPage, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    out = tmp_path / "for supervision"
    prompter.reviews.append(True)  # what leaves is shown first (issue 13)
    prompter.save_paths.append(out)
    page.reflections.answers["availability"].setPlainText("Shown in the PDF, not saved yet.")
    assert wait_for_export(qtbot, page, page.export_for_supervision) == [True]
    assert prompter.asked[0][0] == "review"
    assert prompter.asked[1][:2] == ("save_file", "Export for supervision")
    assert prompter.asked[1][2].endswith("Boundary review 2026-W47.pdf")
    saved = out.with_name("for supervision.pdf")
    assert saved.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "client codes only: no client's name" in page.export_status.text()
    assert page.export_button.isEnabled()
    if shutil.which("pdftotext"):
        words = pdf_text(saved)
        assert "C-001" in words and "Shown in the PDF" in words
        for name in ("Zoë", "Martin", "Jordan", "Díaz"):
            assert name not in words


def test_my_own_copy_has_the_names(
    qtbot: QtBot, page: ReviewPage, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    prompter.save_paths.append(tmp_path / "mine.pdf")
    assert wait_for_export(qtbot, page, page.export_own_copy) == [True]
    assert prompter.asked[0][2].endswith("Boundary review 2026-W47 (with names).pdf")
    assert "keep it private" in page.export_status.text()
    if shutil.which("pdftotext"):
        assert "Zoë Martin" in pdf_text(tmp_path / "mine.pdf")


def test_exporting_to_a_missing_folder_warns_and_writes_nothing(
    qtbot: QtBot, page: ReviewPage, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    prompter.reviews.append(True)
    prompter.save_paths.append(tmp_path / "gone" / "review.pdf")
    assert wait_for_export(qtbot, page, page.export_for_supervision) == [False]
    assert prompter.messages("warn") == [f"The folder {tmp_path / 'gone'} does not exist."]
    assert not (tmp_path / "gone").exists()
    assert page.export_button.isEnabled() and not page.export_status.isVisible()


def test_cancelling_the_export_does_nothing(page: ReviewPage, prompter: ScriptedPrompter) -> None:
    prompter.reviews.append(True)
    prompter.save_paths.append(None)
    assert not page.export_for_supervision()
    assert not page.export_status.isVisible()


def test_the_heatmap_on_screen_is_the_printed_one() -> None:
    """Blue by count with working hours outlined, on screen and on paper alike."""
    from boundary_desk.reports.review.charts import HEAT as PAPER
    from boundary_desk.ui.review.charts import HEAT as SCREEN

    assert [c.hexval()[2:].upper() for c in PAPER] == [s.lstrip("#").upper() for s in SCREEN]


def test_heatmap_cells_are_shaded_by_count_whether_or_not_in_working_hours(qtbot) -> None:
    from PySide6.QtGui import QColor

    from boundary_desk.domain.vocabulary.hours_grid import heat_level
    from boundary_desk.ui.review.charts import HEAT, WORKING_ROLE, HourHeatmap

    table = HourHeatmap()
    qtbot.addWidget(table)
    counts = [[0] * 24 for _ in range(7)]
    counts[4][22] = 3  # Friday 22:00, after hours
    counts[1][10] = 3  # Tuesday 10:00, working
    working = [[9 <= h < 17 for h in range(24)] for _ in range(7)]
    table.show_week(Week(2026, 47), counts, working)

    late, day = table.item(4, 22), table.item(1, 10)
    assert late.background().color() == day.background().color() == QColor(HEAT[heat_level(3, 3)])
    assert late.data(WORKING_ROLE) is False and day.data(WORKING_ROLE) is True
    assert table.item(0, 3).background().color() == QColor(HEAT[0])
    assert "after hours" in late.toolTip() and "working hours" in day.toolTip()


def test_cancelling_the_check_of_what_leaves_asks_nothing_more_and_writes_nothing(
    page: ReviewPage, prompter: ScriptedPrompter
) -> None:
    prompter.reviews.append(False)
    assert not page.export_for_supervision()
    assert [kind for kind, _, _ in prompter.asked] == ["review"]
    assert not page.export_status.isVisible()


def test_a_name_typed_in_the_notes_is_shown_replaced_then_leaves_as_the_code(
    qtbot: QtBot,
    page: ReviewPage,
    prompter: ScriptedPrompter,
    services: Services,
    clients: dict[str, Client],
    tmp_path: Path,
) -> None:
    services.clients.update(
        replace(clients["zoe"], handles=(ContactHandle(HandleKind.EMAIL, "zoe.m@example.org"),))
    )
    page.reflections.notes.setPlainText("Zoë Martin wrote from zoe.m@example.org again.")
    page.reflections.answers["surveillance"].setPlainText("Jordan's search: my own curiosity.")
    prompter.reviews.append(True)
    prompter.save_paths.append(tmp_path / "supervision.pdf")
    assert wait_for_export(qtbot, page, page.export_for_supervision) == [True]
    (preview,) = prompter.reviewed
    assert preview.summary.text() == (
        "Client codes only: 1 name replaced by a code in the reflections; "
        "1 name replaced by a code in the notes; 1 email address replaced by a code in the notes."
    )
    shown = preview.preview.toPlainText()
    assert "C-001 wrote from C-001 again." in shown
    assert "C-002's search: my own curiosity." in shown
    assert "“Zoë Martin” → C-001" in shown and "“zoe.m@example.org” → C-001" in shown
    html = preview.preview.toHtml()
    assert html.count("font-weight:600") >= 3  # each replacement is highlighted
    status = page.export_status.text()
    assert "It has client codes only: 1 name replaced by a code in the reflections" in status
    assert "no names" not in status
    if shutil.which("pdftotext"):
        words = " ".join(pdf_text(tmp_path / "supervision.pdf").split())
        assert "C-001 wrote from C-001 again." in words
        for secret in ("Zoë", "Martin", "zoe.m@", "Jordan"):
            assert secret not in words
    # The vault keeps what was written; only the copy that leaves is changed.
    assert page.current_record().notes == "Zoë Martin wrote from zoe.m@example.org again."


def test_sessions_from_the_calendar_stand_beside_contact_and_are_not_counted_as_it(
    qtbot: QtBot,
    services: Services,
    clients: dict[str, Client],
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    from boundary_desk.services.sessions import commit_calendar, preview_calendar

    sam = services.clients.add(Client(code="", display_name="Sam Lee"))  # no contact at all
    calendar = tmp_path / "practice.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\n"
        "BEGIN:VEVENT\r\nUID:z@x\r\nDTSTART;TZID=America/Toronto:20261102T180000\r\n"
        "DTEND;TZID=America/Toronto:20261102T185000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
        "SUMMARY:Zoë weekly\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:s@x\r\nDTSTART;TZID=America/Toronto:20261119T100000\r\n"
        "DTEND;TZID=America/Toronto:20261119T105000\r\nSUMMARY:Sam intake\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    ties = {clients["zoe"].code: "Zoë", sam.code: "Sam"}
    commit_calendar(services, preview_calendar(services, calendar, ties))
    widget = ReviewPage(services, prompter, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.clients.rows() == [
        ["C-001 · Zoë Martin", "7", "6", "1"],  # one session in W47 (16 November)
        ["C-002 · Jordan Díaz", "1", "0", "0"],
        ["C-003 · Sam Lee", "0", "0", "1"],
    ]
    assert widget.figures.figures()["Contacts"] == "8"  # sessions are not contact


def test_in_a_week_that_starts_on_sunday_the_heatmap_shows_sunday_first(qtbot) -> None:
    from boundary_desk.ui.review.charts import WORKING_ROLE, HourHeatmap

    table = HourHeatmap()
    qtbot.addWidget(table)
    counts = [[0] * 24 for _ in range(7)]
    counts[6][10] = 2  # Sunday 10:00, a working day in this practice
    counts[5][21] = 1  # Saturday 21:00
    working = [[day in (6, 0, 1, 2, 3) and 9 <= h < 17 for h in range(24)] for day in range(7)]
    table.show_week(Week(2026, 47, 6), counts, working)  # Sunday 15 to Saturday 21 November

    labels = [table.verticalHeaderItem(row).text() for row in range(7)]  # type: ignore[union-attr]
    assert labels == ["Sun 15", "Mon 16", "Tue 17", "Wed 18", "Thu 19", "Fri 20", "Sat 21"]
    sunday, saturday = table.item(0, 10), table.item(6, 21)
    assert sunday is table.cell(6, 10) and saturday is table.cell(5, 21)
    assert sunday.text() == "2" and saturday.text() == "1"  # type: ignore[union-attr]
    assert sunday.data(WORKING_ROLE) is True  # type: ignore[union-attr]
    assert saturday.data(WORKING_ROLE) is False  # type: ignore[union-attr]
    assert "Sun" in sunday.toolTip()  # type: ignore[union-attr]
