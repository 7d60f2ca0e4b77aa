"""Every window opens within the screen it is on, and nothing in it is squashed.

The offscreen test screen is smaller than a 1366×768 laptop, so a window sized for a
large monitor would run off it here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.review.figures import Figure, FigureCard
from boundary_desk.ui.review.weeks import WeekList
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.style import screen_room
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
