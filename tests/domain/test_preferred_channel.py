"""The client's preferred channel: how it is read, checked, counted for the week, and put
in a line; and the lean-channel warnings judged again under new channel profiles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from boundary_desk.domain.boundary_warnings import StoredWarning
from boundary_desk.domain.clients import (
    ChannelComfort,
    Client,
    parse_channel,
    parse_comfort,
    validate_client,
)
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.preferred_channel import (
    Preference,
    PreferenceFollowed,
    preferences_followed,
)
from boundary_desk.domain.settings_change import Rejudged, rejudge_fits
from boundary_desk.errors import InvalidInput

WHEN = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
CODES = {1: "AR1", 2: "BS2", 3: "CO3"}


def contact(client: int, channel: ContactChannel | None, **changes: object) -> ContactEvent:
    event = ContactEvent(
        client_id=client,
        kind=EventKind.CONTACT,
        occurred_at=WHEN,
        channel=channel,
        direction=Direction.IN,
    )
    return replace(event, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "channel"),
    [("email", ContactChannel.EMAIL), (" In-Person ", ContactChannel.IN_PERSON),
     ("none", None), ("", None)],
)  # fmt: skip
def test_a_channel_is_read_by_its_name(text: str, channel: ContactChannel | None) -> None:
    assert parse_channel(text) is channel


@pytest.mark.parametrize(
    ("text", "comfort"),
    [("comfortable", ChannelComfort.COMFORTABLE), ("Somewhat", ChannelComfort.SOMEWHAT),
     ("somewhat comfortable", ChannelComfort.SOMEWHAT),
     ("not comfortable", ChannelComfort.NOT_COMFORTABLE),
     ("not-comfortable", ChannelComfort.NOT_COMFORTABLE)],
)  # fmt: skip
def test_a_comfort_is_read_in_plain_words(text: str, comfort: ChannelComfort) -> None:
    assert parse_comfort(text) is comfort


@pytest.mark.parametrize("text", ["pigeon", "phone", "e-mail"])
def test_an_unknown_channel_is_refused_naming_the_ones_there_are(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a channel: use one of email, text"):
        parse_channel(text)


@pytest.mark.parametrize("text", ["meh", "", "very"])
def test_an_unknown_comfort_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="comfortable, somewhat or not-comfortable"):
        parse_comfort(text)


def test_comfort_goes_with_a_channel() -> None:
    alone = Client(code="AR1", display_name="Ana", channel_comfort=ChannelComfort.SOMEWHAT)
    with pytest.raises(InvalidInput, match="choose the channel first"):
        validate_client(alone)
    both = replace(alone, preferred_channel=ContactChannel.VIDEO)
    checked = validate_client(both)
    assert (checked.preferred_channel, checked.channel_comfort) == (
        ContactChannel.VIDEO,
        ChannelComfort.SOMEWHAT,
    )


def test_the_week_counts_contacts_with_a_channel_in_the_preferred_one() -> None:
    week = [
        contact(1, ContactChannel.EMAIL),
        contact(1, ContactChannel.EMAIL, direction=Direction.OUT),  # either direction
        contact(1, ContactChannel.TEXT, reply_channel=ContactChannel.EMAIL),  # its own channel
        contact(1, None),  # no channel given: not counted
        replace(contact(1, ContactChannel.EMAIL), kind=EventKind.SEARCH),  # not contact
        contact(2, ContactChannel.CALL),
        contact(3, None),
    ]
    prefs = {1: Preference(ContactChannel.EMAIL), 3: Preference(ContactChannel.TEXT)}
    ana, ben, cy = preferences_followed(week, CODES, prefs)
    assert (ana.client, ana.with_channel, ana.in_preferred, ana.share) == ("AR1", 3, 2, 2 / 3)
    assert (ben.client, ben.preference, ben.in_preferred, ben.share) == ("BS2", None, 0, None)
    assert (cy.client, cy.with_channel, cy.share) == ("CO3", 0, None)  # none with a channel


def test_a_week_without_contact_has_no_rows() -> None:
    assert preferences_followed([], CODES, {1: Preference(ContactChannel.EMAIL)}) == ()


@pytest.mark.parametrize(
    ("followed", "line"),
    [
        (PreferenceFollowed("AR1", Preference(ContactChannel.EMAIL), 4, 3),
         "AR1 prefers email: 3 of 4 contacts this week were by email."),
        (PreferenceFollowed("AR1", Preference(ContactChannel.EMAIL), 4, 1),
         "AR1 prefers email: 1 of 4 contacts this week was by email."),
        (PreferenceFollowed("AR1", Preference(ContactChannel.EMAIL), 2, 0),
         "AR1 prefers email: 0 of 2 contacts this week were by email."),
        (PreferenceFollowed("AR1", Preference(ContactChannel.TEXT, ChannelComfort.SOMEWHAT), 1, 1),
         "AR1 prefers text message (somewhat comfortable): the one contact this week was by "
         "text message."),
        (PreferenceFollowed("AR1", Preference(ContactChannel.VIDEO), 3, 3),
         "AR1 prefers video call: every contact this week was by video call."),
        (PreferenceFollowed("AR1", Preference(ContactChannel.EMAIL,
                                              ChannelComfort.NOT_COMFORTABLE), 0, 0),
         "AR1 prefers email (not comfortable): no contact this week had its channel given."),
        (PreferenceFollowed("AR1", None, 2, 0), "AR1: no preferred channel recorded."),
    ],
)  # fmt: skip
def test_the_line_says_it_plainly(followed: PreferenceFollowed, line: str) -> None:
    assert followed.line() == line


def test_the_line_names_the_client_as_asked() -> None:
    followed = PreferenceFollowed("AR1", Preference(ContactChannel.EMAIL), 1, 1)
    assert followed.line("AR1 · Ana Rising").startswith("AR1 · Ana Rising prefers email:")


# -- the lean-channel warning judged again ----------------------------------------------

RICH_TEXT = PracticeSettings.from_values({"channels": "text: rich"}).channel_profiles
LEAN_EMAIL = PracticeSettings.from_values({"channels": "email: lean"}).channel_profiles
LEAN_WORDS = "You wrote clinical content by text message, a lean channel"


def sent(event_id: int, channel: ContactChannel) -> ContactEvent:
    return contact(1, channel, id=event_id, direction=Direction.OUT, category=Category.CLINICAL)


def lean(acknowledged: bool = False) -> StoredWarning:
    return StoredWarning(
        "reply_poor_fit", LEAN_WORDS, (), WHEN + timedelta(days=1) if acknowledged else None
    )


AFTER_HOURS = StoredWarning("replied_after_hours", "You replied at night.")


def test_an_open_warning_goes_when_the_channel_is_no_longer_lean() -> None:
    found = rejudge_fits([(sent(1, ContactChannel.TEXT), [AFTER_HOURS, lean()])], RICH_TEXT)
    assert list(found.gained) == []
    assert [w.code for w in found.lost[1]] == ["replied_after_hours"]  # the others stay


def test_an_acknowledged_warning_is_the_record_and_stays() -> None:
    found = rejudge_fits([(sent(1, ContactChannel.TEXT), [lean(acknowledged=True)])], RICH_TEXT)
    assert found.count == 0


def test_an_entry_gains_the_warning_when_its_channel_becomes_lean() -> None:
    found = rejudge_fits([(sent(2, ContactChannel.EMAIL), [AFTER_HOURS])], LEAN_EMAIL)
    assert [w.code for w in found.gained[2]] == ["replied_after_hours", "reply_poor_fit"]
    assert "by email, a lean channel" in found.gained[2][1].message


def test_entries_the_profiles_do_not_touch_are_left_alone() -> None:
    incoming = contact(1, ContactChannel.EMAIL, id=3, category=Category.CLINICAL)  # not answered
    admin = replace(sent(4, ContactChannel.EMAIL), category=Category.ADMIN)
    unreplied = contact(1, ContactChannel.EMAIL, id=5, category=Category.CLINICAL,
                        replied_at=WHEN)  # answered, how not said  # fmt: skip
    still = (sent(6, ContactChannel.TEXT), [lean()])
    entries = [(incoming, []), (admin, []), (unreplied, []), still]
    assert rejudge_fits(entries, LEAN_EMAIL).count == 0


def test_the_sentence_says_how_many_gain_and_lose_it() -> None:
    both = rejudge_fits(
        [(sent(1, ContactChannel.TEXT), [lean()]), (sent(2, ContactChannel.EMAIL), []),
         (sent(3, ContactChannel.EMAIL), [])],
        PracticeSettings.from_values({"channels": "text: rich; email: lean"}).channel_profiles,
    )  # fmt: skip
    assert both.sentence() == (
        "Under the new channel profiles, 2 entries gain the lean-channel warning and 1 entry "
        "loses it."
    )
    lost = rejudge_fits([(sent(1, ContactChannel.TEXT), [lean()])], RICH_TEXT)
    assert lost.sentence() == (
        "Under the new channel profiles, 1 entry loses its lean-channel warning."
    )
    none = rejudge_fits([], RICH_TEXT)
    assert none.sentence() == "No lean-channel warning changes under the new channel profiles."
    impact = Rejudged((), 0, 0, 0, 0, fits=lost)
    assert impact.asks_first and impact.question() == "Re-judge logged entries?"
    assert impact.sentence() == lost.sentence()
    assert not Rejudged((), 0, 0, 0, 0, fits=none).asks_first
