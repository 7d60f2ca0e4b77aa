"""Messages at risk of misunderstanding: sensitive contacts in lean or one-way channels,
and long threads."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest

from boundary_desk.domain.channel_adjustments import adjusted_profiles, parse_channel_adjustments
from boundary_desk.domain.channel_profiles import DEFAULT_PROFILES, ChannelProfile
from boundary_desk.domain.events import (
    Category,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
)
from boundary_desk.domain.misunderstanding import (
    LongExchange,
    LongThread,
    MisunderstandingRisk,
    RiskReason,
    format_long_thread,
    long_exchange,
    misunderstanding_risks,
    parse_long_thread,
    threads,
)
from boundary_desk.domain.practice_settings import PracticeSettings, validate_setting
from boundary_desk.errors import InvalidInput

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
CODES = {1: "C-001", 2: "C-002"}
C = ContactChannel


def contact(
    at: timedelta,
    channel: ContactChannel = C.TEXT,
    category: Category = Category.ADMIN,
    client: int = 1,
    id_: int | None = None,
) -> ContactEvent:
    return ContactEvent(client, EventKind.CONTACT, T0 + at, channel, Direction.IN, category, id=id_)


SHORT = LongThread(3, 24)


def risks(
    events: list[ContactEvent],
    setting: LongThread = SHORT,
    profiles: Mapping[ContactChannel, ChannelProfile] = DEFAULT_PROFILES,
) -> tuple[MisunderstandingRisk, ...]:
    return misunderstanding_risks(events, profiles, CODES, setting)


# --- the setting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 messages within 24 hours", LongThread(6, 24)),
        ("6 messages, each within 24 hours of the one before", LongThread(6, 24)),
        ("  10 MESSAGES within 2 h ", LongThread(10, 2)),
        ("2 messages within 1 hour", LongThread(2, 1)),
        ("100 messages within 168 hours of the last", LongThread(100, 168)),
    ],
)
def test_a_long_thread_is_read_in_plain_words(text: str, expected: LongThread) -> None:
    assert parse_long_thread(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "6", "six messages within 24 hours", "1 message within 24 hours",
     "101 messages within 24 hours", "6 messages within 0 hours", "6 messages within 169 hours",
     "6 messages within 24 days", "6 messages within 24 hours please", "-6 messages within 2 h",
     "99999 messages within 24 hours"],
)  # fmt: skip
def test_anything_else_is_refused_saying_what_is_accepted(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_long_thread(text)
    assert refused.value.message.startswith(
        'Write a long thread as "6 messages, each within 24 hours of the one before"'
    )


def test_the_setting_is_stored_in_its_canonical_words_and_read_back() -> None:
    assert validate_setting("long_thread", "4 messages within 1 hours") == (
        "4 messages, each within 1 hour of the one before"
    )
    assert format_long_thread(LongThread()) == (
        "6 messages, each within 24 hours of the one before"
    )
    practice = PracticeSettings.from_values({"long_thread": "4 messages within 12 hours"})
    assert practice.long_thread == LongThread(4, 12)
    assert PracticeSettings.from_values({}).long_thread == LongThread(6, 24)


# --- lean and one-way channels ------------------------------------------------------------


@pytest.mark.parametrize("category", [Category.CLINICAL, Category.PERSONAL, Category.CRISIS])
@pytest.mark.parametrize("channel", [C.TEXT, C.DM])
def test_sensitive_content_in_a_lean_channel_is_at_risk(
    category: Category, channel: ContactChannel
) -> None:
    (found,) = risks([contact(timedelta(0), channel, category, id_=7)])
    assert (found.client, found.event_id, found.channel) == ("C-001", 7, channel)
    assert found.reason is RiskReason.LEAN
    assert found.occurred_at == T0
    assert f"carried {category.value} content" in found.why
    assert found.key == f"7:{RiskReason.LEAN}"


def test_sensitive_content_in_a_one_way_channel_is_at_risk() -> None:
    (found,) = risks([contact(timedelta(0), C.VOICEMAIL, Category.CLINICAL, id_=3)])
    assert found.reason is RiskReason.ONE_WAY
    assert found.why == (
        "A voicemail is one-way and carried clinical content: nobody could ask what was meant."
    )


@pytest.mark.parametrize("channel", [C.EMAIL, C.CALL, C.VIDEO, C.PORTAL, C.IN_PERSON])
def test_sensitive_content_in_a_fuller_channel_is_not(channel: ContactChannel) -> None:
    assert risks([contact(timedelta(0), channel, Category.CLINICAL)]) == ()


@pytest.mark.parametrize("channel", list(ContactChannel))
def test_admin_is_never_at_risk_alone(channel: ContactChannel) -> None:
    assert risks([contact(timedelta(0), channel, Category.ADMIN)]) == ()


def test_the_clinicians_own_profiles_decide() -> None:
    rich_text = adjusted_profiles(parse_channel_adjustments("text: rich, synchronous"))
    lean_email = adjusted_profiles(parse_channel_adjustments("email: lean"))
    text = contact(timedelta(0), C.TEXT, Category.CLINICAL)
    email = contact(timedelta(0), C.EMAIL, Category.CLINICAL)
    assert risks([text], profiles=rich_text) == ()
    assert [r.reason for r in risks([email], profiles=lean_email)] == [RiskReason.LEAN]


def test_entries_that_are_not_contacts_are_left_out() -> None:
    request = ContactEvent(
        1, EventKind.FRIEND_REQUEST, T0, C.DM, category=Category.PERSONAL,
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )  # fmt: skip
    no_channel = ContactEvent(1, EventKind.CONTACT, T0, None, category=Category.CLINICAL)
    assert risks([request, no_channel]) == ()


def test_an_unknown_client_is_shown_by_a_question_mark() -> None:
    (found,) = risks([contact(timedelta(0), C.TEXT, Category.CRISIS, client=99)])
    assert found.client == "?"


# --- threads ------------------------------------------------------------------------------


def test_a_thread_follows_each_message_within_the_hours_of_the_one_before() -> None:
    events = [contact(timedelta(hours=h), id_=i) for i, h in enumerate((0, 20, 40, 64, 89))]
    # 0→20→40→64 are each within 24 hours of the one before; 89 is 25 after 64.
    found = threads(events, DEFAULT_PROFILES, timedelta(hours=24))
    assert [[e.id for e in t] for t in found] == [[0, 1, 2, 3], [4]]


def test_exactly_the_hours_apart_still_follows() -> None:
    events = [contact(timedelta(hours=h)) for h in (0, 24, 48)]
    assert len(threads(events, DEFAULT_PROFILES, timedelta(hours=24))) == 1
    late = [contact(timedelta(hours=h)) for h in (0, 24, 48, 72, 96 + 1 / 60)]
    assert [len(t) for t in threads(late, DEFAULT_PROFILES, timedelta(hours=24))] == [4, 1]


def test_a_thread_is_one_client_on_one_channel_in_any_order_given() -> None:
    events = [
        contact(timedelta(hours=2), id_=2),
        contact(timedelta(hours=0), id_=0),
        contact(timedelta(hours=1), C.EMAIL, id_=10),
        contact(timedelta(hours=1), client=2, id_=20),
        contact(timedelta(hours=1), id_=1),
    ]
    found = threads(events, DEFAULT_PROFILES, timedelta(hours=24))
    assert [[e.id for e in t] for t in found] == [[0, 1, 2], [10], [20]]


@pytest.mark.parametrize("channel", [C.CALL, C.VIDEO, C.IN_PERSON])
def test_live_channels_make_no_thread(channel: ContactChannel) -> None:
    events = [contact(timedelta(minutes=m), channel) for m in range(10)]
    assert risks(events) == ()


def test_a_thread_at_the_threshold_is_listed_and_one_short_is_not() -> None:
    events = [contact(timedelta(hours=h), id_=h) for h in range(3)]
    (found,) = risks(events, LongThread(3, 24))
    assert found.reason is RiskReason.LONG_THREAD
    assert (found.event_id, found.event_ids, found.occurred_at) == (0, (0, 1, 2), T0)
    assert found.why.startswith("3 text messages over 2 hours: ")
    assert risks(events, LongThread(4, 24)) == ()


def test_a_thread_shorter_than_an_hour_says_one_hour() -> None:
    events = [contact(timedelta(minutes=m), C.EMAIL) for m in range(3)]
    (found,) = risks(events, LongThread(3, 1))
    assert found.why.startswith("3 emails over 1 hour: ")


def test_a_long_thread_of_clinical_texts_lists_the_thread_first_then_each_text() -> None:
    events = [contact(timedelta(hours=h), C.TEXT, Category.CLINICAL, id_=h) for h in range(3)]
    found = risks(events, LongThread(3, 24))
    assert [(r.reason, r.event_id) for r in found] == [
        (RiskReason.LONG_THREAD, 0), (RiskReason.LEAN, 0), (RiskReason.LEAN, 1),
        (RiskReason.LEAN, 2),
    ]  # fmt: skip


def test_no_contacts_no_risk() -> None:
    assert risks([]) == ()
    assert threads([], DEFAULT_PROFILES, timedelta(hours=1)) == []


def test_a_complex_admin_text_is_at_risk_and_a_plain_one_is_not() -> None:
    plain = contact(timedelta(0), id_=1)
    marked = ContactEvent(
        1, EventKind.CONTACT, T0, C.TEXT, Direction.IN, Category.ADMIN, id=2, is_complex=True
    )
    [risk] = risks([plain, marked], setting=LongThread(6, 24))
    assert (risk.event_id, risk.reason) == (2, RiskReason.LEAN)
    assert risk.why == (
        "A text message is lean and carried complex or emotional content: without tone or "
        "expression it is easily misread."
    )


# --- a long exchange, as it is logged --------------------------------------------------------


def test_the_message_that_makes_a_thread_long_is_told_so_with_its_count_and_span() -> None:
    earlier = [contact(timedelta(hours=h), id_=h) for h in (0, 1)]
    new = contact(timedelta(hours=2, minutes=40), id_=9)
    found = long_exchange(new, earlier, DEFAULT_PROFILES, SHORT)
    assert found == LongExchange(3, C.TEXT, 3)
    assert found.sentence().startswith("This is one of 3 text messages with this client over 3")
    # One short of the setting: nothing to say yet.
    assert long_exchange(new, earlier[:1], DEFAULT_PROFILES, SHORT) is None


def test_an_entry_is_counted_once_whether_or_not_the_history_holds_it() -> None:
    history = [contact(timedelta(hours=h), id_=h) for h in (0, 1, 2)]
    edited = history[2]
    assert long_exchange(edited, history, DEFAULT_PROFILES, SHORT) == LongExchange(3, C.TEXT, 2)


def test_an_earlier_message_in_a_long_thread_is_part_of_it_too() -> None:
    history = [contact(timedelta(hours=h), id_=h) for h in (0, 1, 2, 3)]
    assert long_exchange(history[0], history, DEFAULT_PROFILES, SHORT) == LongExchange(4, C.TEXT, 3)


def test_other_clients_other_channels_and_a_gap_break_the_exchange() -> None:
    others = [
        contact(timedelta(hours=0), client=2, id_=1),
        contact(timedelta(hours=1), C.EMAIL, id_=2),
        contact(timedelta(hours=-30), id_=3),  # more than a day before
        contact(timedelta(hours=-29), id_=4),
    ]
    assert (
        long_exchange(contact(timedelta(hours=2), id_=9), others, DEFAULT_PROFILES, SHORT) is None
    )


@pytest.mark.parametrize("channel", [C.CALL, C.VIDEO, C.IN_PERSON])
def test_a_live_channel_is_never_a_long_exchange(channel: ContactChannel) -> None:
    calls = [contact(timedelta(minutes=m), channel, id_=m) for m in range(5)]
    assert long_exchange(calls[-1], calls, DEFAULT_PROFILES, SHORT) is None


def test_an_entry_that_is_not_a_contact_is_never_a_long_exchange() -> None:
    request = ContactEvent(
        1, EventKind.FRIEND_REQUEST, T0, request=FriendRequest("Facebook", RequestAction.PENDING)
    )
    texts = [contact(timedelta(minutes=m), id_=m) for m in range(5)]
    assert long_exchange(request, texts, DEFAULT_PROFILES, SHORT) is None
