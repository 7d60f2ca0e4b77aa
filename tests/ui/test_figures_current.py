"""The app's figures are the vault's figures now: the review page, its week list and its
export agree with `review --json`, and date-dependent warnings appear with no CLI run."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.cli import run
from boundary_desk.cli.review_commands import review_json
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
)
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.services.documents import ReviewRequest
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

TORONTO = ZoneInfo("America/Toronto")
W47 = Week(2026, 47)
FRIDAY_TEXT = datetime(2026, 11, 20, 15, 10, tzinfo=TORONTO)
LATE_REPLY = datetime(2026, 11, 20, 23, 25, tzinfo=TORONTO)
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TORONTO).astimezone(UTC)  # opens on W47
UNADDRESSED = "friend_request_unaddressed"


def contact(client: Client, when: datetime, direction: Direction) -> ContactEvent:
    return ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=ContactChannel.TEXT,
        direction=direction,
        category=Category.ADMIN,
        summary="Can we move Monday?",
    )


@pytest.fixture
def zoe(services: Services) -> Client:
    services.settings.set_many({"timezone": "America/Toronto", "hours": "mon-fri 09:00-17:00"})
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


def status_of(page: ReviewPage, week: Week) -> str:
    return next(s.describe() for s in page.weeks.statuses if s.week == week)


def test_entries_logged_after_unlock_reach_the_page_and_its_export_as_the_cli_counts_them(
    qtbot: QtBot,
    services: Services,
    zoe: Client,
    location: VaultLocation,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prompter = ScriptedPrompter()
    page = ReviewPage(services, prompter, now=lambda: MONDAY)  # built at unlock, not yet shown
    qtbot.addWidget(page)
    assert page.review is not None and page.review.week == W47
    assert status_of(page, W47) == "No entries"
    log_event(services, contact(zoe, FRIDAY_TEXT, Direction.IN), MONDAY)
    page.show()
    qtbot.waitExposed(page)
    assert page.review.figures.contacts == 1
    assert status_of(page, W47) == "Not reviewed"
    log_event(services, contact(zoe, LATE_REPLY, Direction.OUT), MONDAY)  # no signal: export

    requests: list[ReviewRequest] = []
    export = page.exporter.export
    page.exporter.export = lambda request: requests.append(request) or export(request)  # type: ignore[method-assign]
    out = tmp_path / "supervision.pdf"
    prompter.reviews.append(True)
    prompter.save_paths.append(out)
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        assert page.export_for_supervision()
    app = review_json(requests[0].review)
    assert (app["contacts_total"], app["own_after_hours"]) == (2, 1)
    assert page.review.figures.contacts == 2  # the screen shows what was exported

    services.close()  # as when the app locks; then the command line opens the same vault
    capsys.readouterr()
    assert run(["review", "--week", str(W47), "--json"], lambda _dir: location) == 0
    cli = json.loads(capsys.readouterr().out)
    assert app == cli
    if shutil.which("pdftotext"):
        words = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "2 contacts" in words, words


def test_an_entry_logged_while_the_review_is_open_shows_at_once(
    qtbot: QtBot, services: Services, zoe: Client
) -> None:
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.open_review()
    qtbot.waitExposed(workspace.review_page)
    page = workspace.review_page
    assert page.review is not None
    week, before = page.review.week, page.review.figures.contacts
    zone = services.settings.load().timezone
    moment = min(week.start(zone) + timedelta(hours=10), datetime.now(UTC) - timedelta(minutes=5))
    log_event(services, contact(zoe, moment, Direction.IN), datetime.now(UTC))
    workspace.refresh_events()  # what the quick log's `logged` signal calls
    assert page.review.figures.contacts == before + 1


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def unaddressed_shown(workspace: Workspace) -> bool:
    page = workspace.timeline_page
    page.refresh()
    entries = [page.model.entry_at(row) for row in range(page.model.rowCount())]
    return any(UNADDRESSED in {w.code for w in e.warnings} for e in entries if e is not None)


def log_pending_request(services: Services, zoe: Client, sent: datetime) -> None:
    request = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=sent,
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )
    log_event(services, request, sent + timedelta(minutes=1))


def test_a_request_left_pending_for_a_week_is_unaddressed_at_the_next_unlock(
    qtbot: QtBot, services: Services, zoe: Client, location: VaultLocation
) -> None:
    log_pending_request(services, zoe, datetime.now(UTC) - timedelta(days=12))
    services.close()  # twelve days later, the app is unlocked again: no CLI in between
    reopened = Services.open(location.unlock())
    try:
        workspace = Workspace(reopened, ScriptedPrompter())
        qtbot.addWidget(workspace)
        # Re-checked just after the first paint, so the unlock doesn't wait for it.
        qtbot.waitUntil(lambda: unaddressed_shown(workspace), timeout=3000)
    finally:
        workspace.close()
        reopened.close()


def test_it_becomes_unaddressed_when_the_day_changes_while_the_app_is_open(
    qtbot: QtBot, services: Services, zoe: Client, location: VaultLocation
) -> None:
    sent = datetime.now(UTC) - timedelta(days=12)
    log_pending_request(services, zoe, sent)
    services.close()
    clock = Clock(sent + timedelta(days=3))
    opened = Services.open(location.unlock(), clock=clock)
    try:
        workspace = Workspace(opened, ScriptedPrompter())
        qtbot.addWidget(workspace)
        assert workspace.day_watch is not None
        assert not unaddressed_shown(workspace)
        clock.now = datetime.now(UTC)  # days pass with the app open
        workspace.day_watch.timer.timeout.emit()  # the midnight timer fires
        assert unaddressed_shown(workspace)
    finally:
        workspace.close()
        opened.close()
