"""Contacts: logging with warnings, and the warnings that only appear as days pass."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactEvent, EventKind, FriendRequest, RequestAction
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event, refresh_time_warnings
from boundary_desk.storage.vault import VaultLocation

UNADDRESSED = "friend_request_unaddressed"


def pending_request(services: Services, when: datetime) -> int:
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    request = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=when,
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )
    logged = log_event(services, request, when + timedelta(minutes=1))
    assert logged.event.id is not None
    return logged.event.id


def codes(services: Services, event_id: int) -> set[str]:
    return {w.code for w in services.events.warnings(event_id)}


def test_a_request_pending_more_than_a_week_becomes_unaddressed_once(services: Services) -> None:
    sent = datetime(2026, 11, 2, 21, 0, tzinfo=UTC)
    event_id = pending_request(services, sent)
    assert UNADDRESSED not in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=3)) == 0
    assert UNADDRESSED not in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=12)) == 1
    assert UNADDRESSED in codes(services, event_id)
    assert refresh_time_warnings(services, sent + timedelta(days=13)) == 0


def test_a_declined_request_is_left_alone(services: Services) -> None:
    sent = datetime(2026, 11, 2, 21, 0, tzinfo=UTC)
    event_id = pending_request(services, sent)
    event = services.events.get(event_id)
    declined = FriendRequest("Instagram", RequestAction.DECLINED)
    log_event(services, replace(event, request=declined), sent + timedelta(days=1))
    assert refresh_time_warnings(services, sent + timedelta(days=12)) == 0
    assert UNADDRESSED not in codes(services, event_id)


def test_any_cli_command_refreshes_them_at_unlock(
    services: Services, location: VaultLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = pending_request(services, datetime.now(UTC) - timedelta(days=12))
    services.close()
    assert run(["client", "list"], lambda _dir: location) == 0  # not `events`
    capsys.readouterr()
    reopened = Services.open(location.unlock())
    try:
        assert UNADDRESSED in codes(reopened, event_id)
    finally:
        reopened.close()
