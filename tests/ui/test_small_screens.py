"""Every window opens within the screen it is on, and nothing in it is squashed.

The offscreen test screen is smaller than a 1366×768 laptop, so a window sized for a
large monitor would run off it here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.page import NAME_LEAST
from boundary_desk.ui.clients.table_model import Column
from boundary_desk.ui.imports.dialog import DONE, PREVIEW, ImportDialog
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.review.figures import Figure, FigureCard
from boundary_desk.ui.review.weeks import WeekList
from boundary_desk.ui.shell import app_window
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.timeline.model import RangeChoice
from boundary_desk.ui.vault.recovery_key_dialog import RecoveryKeyDialog
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets import style
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.reflow import FlowRow, OneLineFirst, Reflow, VerticalScroll
from boundary_desk.ui.widgets.style import WINDOW_FRAME, screen_room
from tests.ui.import_files import STRANGER_TEXTS, ZOE_PHONE, ZOE_TEXTS, sms_backup
from tests.ui.test_timeline_page import contact

FRIDAY_2240 = datetime(2026, 11, 28, 3, 40, tzinfo=UTC)


def fits_the_screen(window: QWidget) -> None:
    room = screen_room(window)
    assert window.width() <= room.width() and window.height() <= room.height(), (
        f"{window.width()}×{window.height()} on a screen with room for "
        f"{room.width()}×{room.height()}"
    )


def not_squashed(window: QWidget) -> None:
    """As tall as its rows need at its width, wrapped help text included."""
    layout = window.layout()
    assert layout is not None
    QApplication.processEvents()
    needed = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else 0
    assert window.height() >= max(needed, layout.totalMinimumSize().height())


def test_the_main_window_opens_within_the_screen(qtbot: QtBot, location: VaultLocation) -> None:
    location.create().vault.close()
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    fits_the_screen(window)


def test_the_agreement_editor_opens_within_the_screen(qtbot: QtBot, services: Services) -> None:
    client = services.clients.add(Client(code="", display_name="Zoë Martin"))
    editor = AgreementEditor(services, ScriptedPrompter(), client)
    qtbot.addWidget(editor)
    fits_the_screen(editor)


def test_the_quick_log_opens_within_the_screen(qtbot: QtBot, services: Services) -> None:
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    fits_the_screen(dialog)


def test_an_ended_clients_editor_has_room_for_the_code_and_its_help(
    qtbot: QtBot, services: Services
) -> None:
    client = services.clients.add(
        Client(code="JD2", display_name="Jordan Díaz", status=ClientStatus.ENDED,
               ended_on=date(2025, 2, 27))
    )  # fmt: skip
    editor = ClientEditor(services, ScriptedPrompter(), client)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    not_squashed(editor)
    assert editor.code.height() >= editor.code.sizeHint().height()


def test_the_entry_editor_has_room_for_the_summary_and_the_rows_below(
    qtbot: QtBot, services: Services
) -> None:
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    event = log_event(services, contact(zoe, FRIDAY_2240, "Can we move Monday?"), FRIDAY_2240)
    editor = EventEditor(services, event.event, lambda: FRIDAY_2240)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    not_squashed(editor)
    summary_bottom = editor.summary.geometry().bottom()
    assert editor.raise_next.geometry().top() > summary_bottom


def test_the_weeks_list_never_shows_a_horizontal_bar(qtbot: QtBot) -> None:
    weeks = WeekList()
    qtbot.addWidget(weeks)
    assert weeks.horizontalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_a_figures_average_wraps_before_the_number_never_inside_it(qtbot: QtBot) -> None:
    card = FigureCard()
    qtbot.addWidget(card)
    card.show_figure(Figure("Time on contact", "1 h", "Average 1 h 6 min", "About average"))
    assert card.average.text() == "Average 1\u00a0h\u00a06\u00a0min"


def test_backup_times_say_which_clock_they_are_on(qtbot: QtBot) -> None:
    from zoneinfo import ZoneInfo

    from boundary_desk.ui.backups.backup_list import BackupList

    table = BackupList()
    qtbot.addWidget(table)
    table.show_backups([], ZoneInfo("America/Toronto"))
    assert table.headerItem().text(0) == "Made (America/Toronto)"
    table.show_backups([], None)  # the restore dialog, with no vault open
    assert table.headerItem().text(0).startswith("Made (")


# -- a scale factor of 2 -------------------------------------------------------------------
#
# QT_SCALE_FACTOR=2 on a 1920×1080 screen leaves 960×540 of the app's own pixels, and
# sizes are measured in those, so the test screen needs no scaling: whatever asks for no
# more than this room fits there.

SCALE_2_SCREEN = QSize(960, 540)
SCALE_2_ROOM = SCALE_2_SCREEN - WINDOW_FRAME  # inside a window's frame


def fits_at_scale_2(window: QWidget) -> None:
    """The window can be made as small as the magnified screen, and asks no more."""
    window.ensurePolished()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert least.width() <= SCALE_2_ROOM.width() and least.height() <= SCALE_2_ROOM.height(), (
        f"{type(window).__name__} needs at least {least.width()}×{least.height()}; a 1920×1080 "
        f"screen at scale 2 has room for {SCALE_2_ROOM.width()}×{SCALE_2_ROOM.height()}"
    )


def no_sideways_scrolling(*areas: QAbstractScrollArea) -> None:
    QApplication.processEvents()
    for area in areas:
        assert not area.horizontalScrollBar().isVisible(), area.accessibleName()


def the_whole_of(child: QWidget, window: QWidget) -> bool:
    """`child` is shown and lies wholly inside `window` (nothing cut off at an edge)."""
    if not child.isVisible():
        return False
    top_left = child.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, child.size()))


@pytest.fixture
def magnified(monkeypatch: pytest.MonkeyPatch) -> QSize:
    """Windows sized for the magnified screen, as they would be opened on it."""
    for module in (style, app_window):
        monkeypatch.setattr(module, "screen_room", lambda _widget: QSize(SCALE_2_ROOM))
    return SCALE_2_ROOM


@pytest.fixture
def workspace_window(qtbot: QtBot, location: VaultLocation, magnified: QSize) -> AppWindow:
    """The app's window, unlocked, with entries to show, at the magnified screen's size."""
    location.create().vault.close()
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    unlock = window.current_screen
    assert isinstance(unlock, UnlockScreen)
    unlock.unlock_button.click()
    services = window.services
    assert services is not None
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    sam = services.clients.add(Client(code="", display_name="Sam Okafor", is_minor=True))
    for hours, who in enumerate((zoe, sam, zoe, sam, zoe)):
        when = FRIDAY_2240 - timedelta(hours=hours * 7)
        log_event(services, contact(who, when, "Can we move Monday's session?"), FRIDAY_2240)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    workspace.refresh_events()  # as after logging from the quick log
    workspace.review_banner.show_due(Week(2026, 48))  # the reminder takes room too
    window.resize(SCALE_2_ROOM)  # the whole of the magnified screen
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def workspace_of(window: AppWindow) -> Workspace:
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    return workspace


def test_the_main_window_with_every_page_fits_at_scale_2(workspace_window: AppWindow) -> None:
    fits_at_scale_2(workspace_window)
    workspace = workspace_of(workspace_window)
    assert workspace_window.size() == SCALE_2_ROOM  # it could be made that small
    for page in range(workspace.pages.count()):  # each page has the room the window leaves
        shown = workspace.pages.widget(page)
        assert shown.minimumSizeHint().width() <= workspace.pages.width(), workspace.nav.item(
            page
        ).text()


def test_the_timeline_page_fits_at_scale_2_with_an_entry_open(
    workspace_window: AppWindow,
) -> None:
    workspace = workspace_of(workspace_window)
    workspace.show_page("Timeline")
    page = workspace.timeline_page
    page.filters.reset_to_everything()
    page.select(page.model.entry_at(0).event_id)
    QApplication.processEvents()
    assert page.details.isVisible() and page.details.entry is not None
    assert page.minimumSizeHint().width() <= page.width()
    assert page.details.width() >= page.details.minimumWidth()
    no_sideways_scrolling(page.view, page.details.pane)
    assert the_whole_of(page.details.edit_button, workspace_window)
    assert the_whole_of(page.filters.span, workspace_window)


def test_custom_dates_go_onto_a_line_of_their_own_when_the_timeline_is_narrow(
    workspace_window: AppWindow,
) -> None:
    workspace = workspace_of(workspace_window)
    workspace.show_page("Timeline")
    filters = workspace.timeline_page.filters
    QApplication.processEvents()
    one_line = filters.height()
    filters.span.setCurrentIndex(filters.span.findData(RangeChoice.CUSTOM))
    QApplication.processEvents()
    assert the_whole_of(filters.last_day, workspace_window)
    assert filters.dates.y() > filters.span.y()  # wrapped, not squeezed
    assert filters.height() > one_line


def test_the_review_page_fits_at_scale_2_without_scrolling_sideways(
    workspace_window: AppWindow,
) -> None:
    workspace = workspace_of(workspace_window)
    workspace.open_review(Week(2026, 48))
    page = workspace.review_page
    QApplication.processEvents()
    assert not page.weeks_beside()  # beside the review, the heatmap's hours wouldn't fit
    no_sideways_scrolling(page.scroll_area)
    content = page.scroll_area.widget()
    assert content is not None
    assert content.width() <= page.scroll_area.viewport().width()
    assert content.isAncestorOf(page.weeks)
    assert the_whole_of(page.export_button, workspace_window)


def test_the_review_puts_the_weeks_back_beside_it_when_there_is_room(
    workspace_window: AppWindow,
) -> None:
    workspace = workspace_of(workspace_window)
    workspace.open_review()
    page = workspace.review_page
    workspace_window.resize(1366 - WINDOW_FRAME.width(), 768 - WINDOW_FRAME.height())
    QApplication.processEvents()
    assert page.weeks_beside()
    assert not page.scroll_area.widget().isAncestorOf(page.weeks)  # type: ignore[union-attr]
    no_sideways_scrolling(page.scroll_area)
    workspace_window.resize(SCALE_2_ROOM)  # and back again
    QApplication.processEvents()
    assert not page.weeks_beside()
    no_sideways_scrolling(page.scroll_area)


def test_the_clients_table_keeps_room_for_the_names_at_scale_2(
    workspace_window: AppWindow,
) -> None:
    workspace = workspace_of(workspace_window)
    workspace.show_page("Clients")
    table = workspace.clients_page.table
    QApplication.processEvents()
    no_sideways_scrolling(table)
    assert table.columnWidth(Column.NAME) >= NAME_LEAST
    assert the_whole_of(workspace.clients_page.archive_button, workspace_window)


def test_the_dialogs_fit_at_scale_2(qtbot: QtBot, services: Services, magnified: QSize) -> None:
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    ended = services.clients.add(
        Client(code="JD2", display_name="Jordan Díaz", status=ClientStatus.ENDED,
               ended_on=date(2025, 2, 27))
    )  # fmt: skip
    event = log_event(services, contact(zoe, FRIDAY_2240, "Can we move Monday?"), FRIDAY_2240)
    prompter = ScriptedPrompter()
    dialogs: list[QWidget] = [
        AgreementEditor(services, prompter, zoe),
        QuickLogDialog(services, prompter, now=lambda: FRIDAY_2240),
        ClientEditor(services, prompter, ended),
        ClientEditor(services, prompter, None),
        EventEditor(services, event.event, lambda: FRIDAY_2240),
        RecoveryKeyDialog(services, prompter, rekey=True, action=lambda _dialog: None),
        RecoveryKeyDialog(services, prompter, rekey=False, action=lambda _dialog: None),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        fits_at_scale_2(dialog)


def test_the_import_fits_at_scale_2_at_every_step(
    qtbot: QtBot, services: Services, magnified: QSize, tmp_path: Path
) -> None:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    phone = ContactHandle(HandleKind.PHONE, ZOE_PHONE)
    services.clients.add(Client(code="", display_name="Zoë Martin", handles=(phone,)))
    dialog = ImportDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= magnified.width() and dialog.height() <= magnified.height()

    def fits() -> None:
        fits_at_scale_2(dialog)
        dialog.resize(magnified)
        QApplication.processEvents()
        for control in (dialog.cancel_button, dialog.next_button, dialog.back_button):
            assert not control.isVisibleTo(dialog) or the_whole_of(control, dialog)

    fits()
    assert the_whole_of(dialog.choose.choose_button, dialog)
    backup = sms_backup(tmp_path / "sms.xml", [*ZOE_TEXTS, *STRANGER_TEXTS])
    dialog.open_file(backup)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    fits()
    step = dialog.preview_step
    assert step is not None
    scroll = step.parentWidget().parentWidget()  # the page scrolls down, never sideways
    assert isinstance(scroll, QAbstractScrollArea)
    no_sideways_scrolling(scroll)
    dialog.go_on()
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    fits()
    dialog.open_file(backup)  # again: nothing new, which the dialog says below the preview
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert dialog.note.isVisible()
    fits()


def test_the_agreement_editor_puts_the_preview_below_the_form_when_narrow(
    qtbot: QtBot, services: Services, magnified: QSize
) -> None:
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    editor = AgreementEditor(services, ScriptedPrompter(), zoe)
    qtbot.addWidget(editor)
    editor.show()
    QApplication.processEvents()
    assert editor.size() == SCALE_2_ROOM
    assert editor.splitter.orientation() is Qt.Orientation.Vertical
    no_sideways_scrolling(editor.form_scroll)
    editor.resize(1360, 720)
    QApplication.processEvents()
    assert editor.splitter.orientation() is Qt.Orientation.Horizontal
    no_sideways_scrolling(editor.form_scroll)


def test_the_entry_editor_with_an_error_fits_at_scale_2(
    qtbot: QtBot, services: Services, magnified: QSize
) -> None:
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    event = log_event(services, contact(zoe, FRIDAY_2240, "Can we move Monday?"), FRIDAY_2240)
    editor = EventEditor(services, event.event, lambda: FRIDAY_2240)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.when.setText("2026-12-24 10:00")  # in the future: refused
    editor.save()
    assert editor.error.isVisible() and "future" in editor.error.text()
    assert editor.saved is None
    fits_at_scale_2(editor)
    QApplication.processEvents()
    assert editor.height() == SCALE_2_ROOM.height()  # grown for it, within the screen
    for control in (editor.error, editor.save_button, editor.cancel_button):
        assert the_whole_of(control, editor)  # the fields scroll; these stay in sight
    no_sideways_scrolling(editor.fields_scroll)


# -- the layouts that give way ------------------------------------------------------------


def test_a_flow_row_wraps_when_narrow_and_hidden_widgets_take_no_room(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowRow(holder, spacing=6)
    buttons = [QPushButton(f"Button number {n}", holder) for n in range(4)]
    for each in buttons:
        row.addWidget(each)
    widest = max(each.sizeHint().width() for each in buttons)
    assert row.minimumSize().width() == widest
    one_line = row.sizeHint().width()
    assert row.heightForWidth(one_line) == max(each.sizeHint().height() for each in buttons)
    assert row.heightForWidth(widest) > 3 * buttons[0].sizeHint().height()  # one a line
    buttons[1].hide()
    assert row.sizeHint().width() == one_line - buttons[1].sizeHint().width() - 6


def test_reflow_stacks_below_its_side_by_side_width_and_asks_for_no_more(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    reflow = Reflow(holder, spacing=10)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(reflow)
    left, right = QWidget(), QWidget()
    left.setMinimumSize(300, 40)
    right.setMinimumSize(200, 60)
    reflow.add(left, 1)
    reflow.add(right)
    assert reflow.side_by_side_width() == 510
    assert reflow.minimumSizeHint().width() == 300
    assert column.totalMinimumSize().width() == 300  # a window holding it can shrink
    holder.show()
    holder.resize(600, 200)
    QApplication.processEvents()
    assert not reflow.is_stacked() and left.y() == right.y()
    holder.resize(509, 200)
    QApplication.processEvents()
    assert reflow.is_stacked() and right.y() >= left.y() + left.height()
    assert reflow.height() >= 40 + 10 + 60
    holder.resize(510, 200)
    QApplication.processEvents()
    assert not reflow.is_stacked()
    left.hide()  # a hidden widget needs no room
    assert reflow.side_by_side_width() == 200


def test_a_vertical_scroll_asks_for_its_contents_and_never_scrolls_sideways(
    qtbot: QtBot,
) -> None:
    content = QWidget()
    content.setMinimumSize(400, 900)
    scroll = VerticalScroll(content)
    qtbot.addWidget(scroll)
    bar = scroll.verticalScrollBar().sizeHint().width()
    assert scroll.horizontalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert scroll.sizeHint() == QSize(400 + bar, 900)
    assert scroll.minimumSizeHint() == QSize(400 + bar, VerticalScroll.SMALLEST_HEIGHT)
    scroll.resize(300, 200)  # too narrow: cut, never a sideways bar
    scroll.show()
    QApplication.processEvents()
    assert scroll.verticalScrollBar().isVisible()
    assert not scroll.horizontalScrollBar().isVisible()


def test_a_line_that_wraps_only_when_squeezed(qtbot: QtBot) -> None:
    words = "The week of 16–22 November 2026 (2026-W47) hasn't been reviewed yet ·"
    line = OneLineFirst(words)
    qtbot.addWidget(line)
    full = line.fontMetrics().horizontalAdvance(words)
    assert line.sizeHint().width() >= full
    assert line.minimumSizeHint().width() < full // 2
    one = line.heightForWidth(line.sizeHint().width())
    assert line.heightForWidth(line.sizeHint().width() // 3) > one
