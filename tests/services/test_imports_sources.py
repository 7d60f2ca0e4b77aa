"""Importing chats and e-mail: who is the clinician, who is a client, and who is neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportChoices, commit, preview, questions
from tests.importers.whatsapp_files import android, write

CHAT = [
    ("24/11/2026", "22:05", "Robin Bell", "Are we still on for Thursday?"),
    ("24/11/2026", "22:40", "Alex Rivera", "Yes, 10 am as usual"),
    ("24/11/2026", "22:41", "Sam Cousin", "MARKER-COUSIN says hi"),
    ("25/11/2026", "09:00", "Robin Bell", "Thanks"),
]


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "GB")
    services.settings.set("timezone", "Europe/London")
    services.settings.set("clinician", "Dr. Alex Rivera")
    services.settings.set("email", "alex@practice.example")
    services.settings.set("own_handles", "Alex.Rivera@home.example; 07700 900100")
    services.clients.add(
        Client(
            code="RB1",
            display_name="Robin Bell",
            handles=(ContactHandle(HandleKind.EMAIL, "Robin.Bell@mail.example"),),
        )
    )
    return services


def test_a_chat_asks_who_is_who_and_suggests_by_name(ready: Services, tmp_path: Path) -> None:
    path = write(tmp_path, android(CHAT))
    asked = questions(ready, path)
    assert asked.kind is SourceKind.WHATSAPP_TEXT and asked.needs_zone
    assert set(asked.participants) == {"Robin Bell", "Alex Rivera", "Sam Cousin"}
    assert asked.suggested_me == "Alex Rivera"
    assert dict(asked.suggested_ties) == {"Robin Bell": "RB1"}
    assert (asked.date_order, asked.date_order_decided) == ("day-first", True)


def test_a_chat_keeps_the_client_and_the_clinician_and_counts_the_rest(
    ready: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, android(CHAT))
    choices = ImportChoices(me="Alex Rivera", ties={"Robin Bell": "RB1"})
    shown = preview(ready, path, choices)
    [robin] = shown.clients
    assert (robin.new, shown.group_others) == (3, 1)
    assert [e.direction for e in robin.entries] == [Direction.IN, Direction.OUT, Direction.IN]
    assert robin.entries[0].after_hours and robin.entries[0].channel is ContactChannel.TEXT
    # 22:05 in London is 22:05 UTC in November.
    assert robin.first is not None and robin.first.hour == 22
    commit(ready, shown)
    first = ready.events.list()[0]
    assert first.replied_at is not None and first.replied_at.minute == 40  # paired with the reply


def test_a_chat_without_the_clinician_named_is_refused_with_a_sentence(
    ready: Services, tmp_path: Path
) -> None:
    path = write(tmp_path, android(CHAT))
    with pytest.raises(InvalidInput, match="which participant"):
        preview(ready, path, ImportChoices(ties={"Robin Bell": "RB1"}))
    with pytest.raises(InvalidInput, match="not one of this chat's participants") as refused:
        preview(ready, path, ImportChoices(me="Nobody Known"))
    assert "Nobody" not in str(refused.value)


def test_a_zone_is_read_in_the_zone_given(ready: Services, tmp_path: Path) -> None:
    path = write(tmp_path, android(CHAT))
    choices = ImportChoices(me="Alex Rivera", ties={"Robin Bell": "RB1"}, zone="Asia/Jerusalem")
    [robin] = preview(ready, path, choices).clients
    assert robin.first is not None and robin.first.hour == 20  # 22:05 in Jerusalem


MAIL = """From robin@x Tue Nov 24 10:00:00 2026
From: Robin Bell <ROBIN.BELL@mail.example>
To: Alex <alex@practice.example>
Subject: Rescheduling
Date: Tue, 24 Nov 2026 10:00:00 +0000
Message-ID: <one@mail.example>

Could we move Thursday?

From alex@x Tue Nov 24 11:00:00 2026
From: Alex Rivera <alex.rivera@HOME.example>
To: robin.bell@mail.example
Subject: Re: Rescheduling
Date: Tue, 24 Nov 2026 23:00:00 +0000
Message-ID: <two@home.example>

Yes, Friday works.

From x@x Tue Nov 24 12:00:00 2026
From: Newsletter <news@shop.example>
To: alex@practice.example
Subject: MARKER-SHOP sale
Date: Tue, 24 Nov 2026 12:00:00 +0000
Message-ID: <three@shop.example>

Buy now.
"""


def test_e_mail_direction_comes_from_the_clinicians_own_addresses(
    ready: Services, tmp_path: Path
) -> None:
    path = tmp_path / "mail.mbox"
    path.write_text(MAIL, encoding="utf-8")
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert [(e.direction, e.summary) for e in robin.entries] == [
        (Direction.IN, "Rescheduling"),
        (Direction.OUT, "Re: Rescheduling"),
    ]
    # The late reply is warned about once, on the reply, as the quick log would warn.
    assert "replied_after_hours" not in robin.entries[0].warnings
    assert "replied_after_hours" in robin.entries[1].warnings
    assert shown.others == 1 and shown.kind is SourceKind.MBOX
    assert commit(ready, shown).added == 2
    assert [e.channel for e in ready.events.list()] == [ContactChannel.EMAIL] * 2


def test_a_source_named_that_the_file_is_not_is_refused(ready: Services, tmp_path: Path) -> None:
    path = write(tmp_path, android(CHAT))
    with pytest.raises(WrongKind, match="was expected"):
        preview(ready, path, ImportChoices(source=SourceKind.SBR_MESSAGES))
