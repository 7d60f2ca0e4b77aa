"""The weekly review in the app: its place in the navigation, the unreviewed-week
banner on unlock, and the reminder at the review day and time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def unlocked(qtbot, location: VaultLocation) -> Workspace:  # type: ignore[no-untyped-def]
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    window.current_screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    return workspace


def test_the_review_is_one_click_away(qtbot, location: VaultLocation) -> None:  # type: ignore[no-untyped-def]
    location.create().vault.close()
    workspace = unlocked(qtbot, location)
    workspace.show_page("Weekly review")
    assert isinstance(workspace.pages.currentWidget(), ReviewPage)


def test_an_unreviewed_last_week_shows_a_quiet_banner(qtbot, location: VaultLocation) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(location.create().vault)
    client = services.clients.add(Client(code="", display_name="Banner Client"))
    services.events.add(
        ContactEvent(
            client_id=client.id or 0,
            kind=EventKind.CONTACT,
            occurred_at=datetime.now(UTC) - timedelta(days=8),
            channel=ContactChannel.TEXT,
            direction=Direction.IN,
        ),
        [],
    )
    services.close()
    workspace = unlocked(qtbot, location)
    assert workspace.review_banner.isVisible()
    assert "hasn't been reviewed yet" in workspace.review_banner.text.text()
    workspace.review_banner.review_button.click()
    assert isinstance(workspace.pages.currentWidget(), ReviewPage)


def test_the_reminder_fires_at_the_review_time(qtbot, location: VaultLocation) -> None:  # type: ignore[no-untyped-def]
    location.create().vault.close()
    workspace = unlocked(qtbot, location)
    assert not workspace.review_banner.isVisible()
    due = workspace._next_review
    assert due is not None
    with qtbot.assertNotEmitted(workspace.review_due):
        workspace._check_review_time(due - timedelta(minutes=1))
    with qtbot.waitSignal(workspace.review_due):
        workspace._check_review_time(due)
    assert workspace.review_banner.isVisible()
    assert "time for your weekly review" in workspace.review_banner.text.text()
    assert workspace._next_review is not None and workspace._next_review > due
