"""New channel profiles in Settings judge the open lean-channel warnings again, after
asking, as `settings set channels` does."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_settings_page import OFFSCREEN_POPUP, enter, save

pytestmark = OFFSCREEN_POPUP

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SENTENCE = "Under the new channel profiles, 1 entry loses its lean-channel warning."


def lean_entries(services: Services) -> list[int]:
    found = services.events.warnings_by_event([e.id or 0 for e in services.events.list()])
    return sorted(i for i, kept in found.items() if any(w.code == "reply_poor_fit" for w in kept))


def sent_text(services: Services) -> int:
    client = services.clients.add(Client(code="", display_name="Ana Lima"))
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=datetime(2026, 11, 17, 15, 0, tzinfo=UTC),
        channel=ContactChannel.TEXT,
        direction=Direction.OUT,
        category=Category.CLINICAL,
    )
    logged = log_event(services, event, NOW)
    assert logged.event.id is not None
    return logged.event.id


def test_declining_keeps_the_warning_and_confirming_clears_it(
    qtbot: QtBot, services: Services
) -> None:
    services.settings.set("timezone", "America/Toronto")  # as setup stores it
    entry = sent_text(services)
    assert lean_entries(services) == [entry]
    prompter = ScriptedPrompter()
    page = SettingsPage(services, prompter)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    enter(qtbot, page, "channels", "text: rich")
    prompter.confirms.append(False)
    save(qtbot, page)
    assert prompter.asked[-1] == (
        "confirm",
        "Re-judge logged entries?",
        f"{SENTENCE}\n\nSave the change?",
    )
    assert lean_entries(services) == [entry] and services.settings.values().get("channels") is None

    prompter.confirms.append(True)
    with qtbot.waitSignal(page.settings_saved):
        save(qtbot, page)
    assert page.saved_line.text() == f"Saved. {SENTENCE}"
    assert lean_entries(services) == []
