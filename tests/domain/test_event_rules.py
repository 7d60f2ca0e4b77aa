from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from boundary_desk.domain.event_rules import check_event
from boundary_desk.domain.events import (
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
)
from boundary_desk.errors import InvalidInput

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
EVENT = ContactEvent(
    client_id=1,
    kind=EventKind.CONTACT,
    occurred_at=NOW - timedelta(hours=1),
    channel=ContactChannel.TEXT,
    direction=Direction.IN,
    summary="  Asked to move Monday's session.  ",
)


def test_summary_is_trimmed() -> None:
    assert check_event(EVENT, NOW).summary == "Asked to move Monday's session."


def test_a_slightly_fast_phone_clock_is_fine() -> None:
    check_event(replace(EVENT, occurred_at=NOW + timedelta(minutes=3)), NOW)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"occurred_at": NOW + timedelta(days=365)}, "can't be in the future"),
        ({"occurred_at": NOW - timedelta(days=366 * 21)}, "twenty years"),
        ({"summary": "x" * 1_000_000}, "at most 10,000 characters"),
        ({"minutes": -1}, "0 to 600"),
        ({"minutes": 601}, "0 to 600"),
        ({"replied_at": NOW - timedelta(hours=2)}, "before the contact"),
        ({"replied_at": NOW + timedelta(hours=2)}, "reply time can't be in the future"),
        ({"channel": None}, "channel"),
        ({"kind": EventKind.FRIEND_REQUEST}, "platform"),
        (
            {
                "kind": EventKind.FRIEND_REQUEST,
                "request": FriendRequest("   ", RequestAction.DECLINED),
            },
            "platform can't be empty",
        ),
        ({"kind": EventKind.SEARCH}, "purpose and consent"),
    ],
)
def test_refusals(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_event(replace(EVENT, **changes), NOW)  # type: ignore[arg-type]
