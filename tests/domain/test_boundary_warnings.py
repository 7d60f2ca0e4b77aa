"""Each warning rule on its own, with the cases that must and must not trigger it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
)
from boundary_desk.domain.boundary_warnings import WarningContext, warnings_for
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.events import (
    Approach,
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.practice_settings import PracticeSettings

TORONTO = ZoneInfo("America/Toronto")
PRACTICE = PracticeSettings.from_values(
    {
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
    }
)
CLIENT = Client(id=1, code="AL1", display_name="Ana Lima")
TUESDAY_11 = datetime(2026, 11, 17, 11, 0, tzinfo=TORONTO)
FRIDAY_2240 = datetime(2026, 11, 20, 22, 40, tzinfo=TORONTO)
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
EMAIL_ONLY = Agreement(
    client_id=1,
    status=AgreementStatus.SIGNED,
    client_signed_on=date(2026, 11, 1),
    review_on=date(2027, 5, 1),
).with_terms(ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING})))


def ctx(**changes: object) -> WarningContext:
    base = WarningContext(PRACTICE, CLIENT, EMAIL_ONLY, (), NOW)
    return replace(base, **changes)  # type: ignore[arg-type]


def contact(**changes: object) -> ContactEvent:
    base = ContactEvent(
        client_id=1,
        kind=EventKind.CONTACT,
        occurred_at=TUESDAY_11,
        channel=ContactChannel.EMAIL,
        direction=Direction.IN,
        category=Category.ADMIN,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(event: ContactEvent, context: WarningContext | None = None) -> list[str]:
    return [w.code for w in warnings_for(event, context or ctx())]


def test_an_ordinary_email_in_hours_raises_nothing() -> None:
    assert codes(contact()) == []


def test_friday_night_text_outside_the_agreement() -> None:
    event = contact(occurred_at=FRIDAY_2240, channel=ContactChannel.TEXT)
    found = warnings_for(event, ctx())
    assert [w.code for w in found] == ["after_hours", "outside_agreement"]
    assert found[0].message == (
        "This text message came at 22:40 on Friday, outside your working hours."
    )
    assert "AL1's agreement doesn't include text messages (SMS)" in found[1].message
    assert "allows only email" in found[1].message


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "email and phone calls"),
        ("fr", "le courriel et les appels téléphoniques"),
    ],
)
@pytest.mark.usefixtures("english_after")
def test_the_channels_an_agreement_allows_are_said_as_a_list(language: str, said: str) -> None:
    """Two allowed channels read "a and b" in the warning, not "a, b"."""
    from boundary_desk.system import i18n

    email_and_phone = EMAIL_ONLY.with_terms(
        ChannelTerms(Channel.PHONE, True, frozenset({Purpose.SCHEDULING}))
    )
    i18n.set_language(language)
    found = warnings_for(contact(channel=ContactChannel.TEXT), ctx(agreement=email_and_phone))
    outside = next(w for w in found if w.code == "outside_agreement")
    assert said in outside.message


def test_saturday_noon_and_christmas_are_after_hours() -> None:
    assert codes(contact(occurred_at=datetime(2026, 11, 21, 12, 0, tzinfo=TORONTO))) == [
        "after_hours"
    ]
    assert codes(contact(occurred_at=datetime(2025, 12, 25, 11, 0, tzinfo=TORONTO))) == [
        "after_hours"
    ]


def test_outgoing_contact_is_not_the_client_being_after_hours() -> None:
    event = contact(direction=Direction.OUT, occurred_at=FRIDAY_2240)
    assert codes(event) == ["replied_after_hours"]


def test_replying_late_to_a_daytime_message() -> None:
    event = contact(replied_at=FRIDAY_2240, reply_channel=ContactChannel.EMAIL)
    found = warnings_for(event, ctx())
    assert [w.code for w in found] == ["replied_after_hours"]
    assert found[0].message == "You replied at 22:40 on Friday, outside your working hours."


def test_reply_by_a_channel_the_agreement_does_not_allow() -> None:
    event = contact(replied_at=TUESDAY_11, reply_channel=ContactChannel.TEXT)
    assert codes(event) == ["outside_agreement"]


def test_in_person_encounters_are_not_an_agreement_channel() -> None:
    assert codes(contact(channel=ContactChannel.IN_PERSON)) == []


def test_no_signed_agreement() -> None:
    found = warnings_for(contact(), ctx(agreement=None))
    assert [w.code for w in found] == ["no_agreement"]
    assert found[0].message == "AL1 has no signed communication agreement yet."


def test_withdrawn_channel_says_when() -> None:
    withdrawn = EMAIL_ONLY.with_terms(
        ChannelTerms(
            Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}), withdrawn_on=date(2026, 11, 10)
        )
    )
    found = warnings_for(contact(), ctx(agreement=withdrawn))
    assert [w.code for w in found] == ["outside_agreement"]
    assert "withdrew consent for it on 10 November 2026" in found[0].message


def test_agreement_past_its_review_date() -> None:
    due = replace(EMAIL_ONLY, review_on=date(2026, 11, 1))
    found = warnings_for(contact(), ctx(agreement=due))
    assert [w.code for w in found] == ["agreement_review_due"]
    assert "1 November 2026" in found[0].message


def test_crisis_by_text_shows_the_protocol() -> None:
    event = contact(channel=ContactChannel.EMAIL, category=Category.CRISIS)
    found = warnings_for(event, ctx())
    assert [w.code for w in found] == ["crisis_channel"]
    assert "988" in found[0].message and "911" in found[0].message
    assert "document your follow-up" in found[0].message


def test_crisis_in_person_is_not_a_channel_problem() -> None:
    event = contact(channel=ContactChannel.IN_PERSON, category=Category.CRISIS)
    assert "crisis_channel" not in codes(event)


# --- a poor-fit reply ---------------------------------------------------------------------

REPLY_AT = TUESDAY_11 + timedelta(minutes=30)


@pytest.mark.parametrize("category", [Category.CLINICAL, Category.PERSONAL, Category.CRISIS])
def test_a_weighty_message_you_send_by_text_is_flagged(category: Category) -> None:
    sent = contact(channel=ContactChannel.TEXT, direction=Direction.OUT, category=category)
    found = [w for w in warnings_for(sent, ctx()) if w.code == "reply_poor_fit"]
    assert len(found) == 1
    assert found[0].message == (
        f"You wrote {category.value} content by text message, a lean channel where it is "
        "easily misread; consider checking in the next session how it landed."
    )


def test_a_reply_by_dm_to_an_email_is_judged_by_the_reply() -> None:
    replied = contact(
        category=Category.CLINICAL, replied_at=REPLY_AT, reply_channel=ContactChannel.DM
    )
    assert "reply_poor_fit" in codes(replied)
    # The same email, answered by email, is fine; and by text without a time, still a reply.
    assert "reply_poor_fit" not in codes(replace(replied, reply_channel=ContactChannel.EMAIL))
    assert "reply_poor_fit" in codes(
        replace(replied, replied_at=None, reply_channel=ContactChannel.TEXT)
    )


def test_a_text_replied_to_by_text_is_flagged() -> None:
    incoming = contact(channel=ContactChannel.TEXT, category=Category.CLINICAL)
    assert "reply_poor_fit" not in codes(incoming)  # not answered: nothing you wrote
    replied = replace(incoming, replied_at=REPLY_AT, reply_channel=ContactChannel.TEXT)
    assert "reply_poor_fit" in codes(replied)


def test_a_reply_with_no_channel_given_is_not_judged_as_text() -> None:
    """Answered, but how is not said (a call, the next session): not taken to be a text."""
    incoming = contact(channel=ContactChannel.TEXT, category=Category.CLINICAL)
    assert "reply_poor_fit" not in codes(replace(incoming, replied_at=REPLY_AT))
    by_call = replace(incoming, replied_at=REPLY_AT, reply_channel=ContactChannel.CALL)
    assert "reply_poor_fit" not in codes(by_call)


@pytest.mark.parametrize(
    "changes",
    [
        {"category": Category.ADMIN},  # an admin text is fine
        {"category": None},
        {"channel": ContactChannel.EMAIL},  # not a lean channel
        {"channel": ContactChannel.CALL},
        {"channel": ContactChannel.VOICEMAIL},
    ],
)
def test_what_is_not_a_poor_fit_reply(changes: dict[str, object]) -> None:
    sent = contact(channel=ContactChannel.TEXT, direction=Direction.OUT, category=Category.CLINICAL)
    assert "reply_poor_fit" not in codes(replace(sent, **changes))  # type: ignore[arg-type]


def test_lean_follows_the_clinicians_own_profiles() -> None:
    sent = contact(
        channel=ContactChannel.EMAIL, direction=Direction.OUT, category=Category.CLINICAL
    )
    plain_emails = PracticeSettings.from_values(
        {"timezone": "America/Toronto", "channels": "email: lean"}
    )
    assert "reply_poor_fit" in codes(sent, ctx(practice=plain_emails))
    rich_texts = PracticeSettings.from_values(
        {"timezone": "America/Toronto", "channels": "text: rich"}
    )
    by_text = replace(sent, channel=ContactChannel.TEXT)
    assert "reply_poor_fit" not in codes(by_text, ctx(practice=rich_texts))


def request(action: RequestAction, when: datetime = TUESDAY_11) -> ContactEvent:
    return ContactEvent(
        client_id=1,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=when,
        channel=ContactChannel.DM,
        direction=Direction.IN,
        request=FriendRequest("Instagram", action),
    )


def test_friend_requests() -> None:
    assert codes(request(RequestAction.ACCEPTED)) == ["friend_request_accepted"]
    assert codes(request(RequestAction.DECLINED)) == []
    assert codes(request(RequestAction.PENDING)) == []  # four days: not yet
    old = request(RequestAction.PENDING, NOW - timedelta(days=8))
    found = warnings_for(old, ctx())
    assert [w.code for w in found] == ["friend_request_unaddressed"]
    assert "waiting 8 days" in found[0].message
    assert codes(request(RequestAction.PENDING, NOW - timedelta(days=7))) == []


def search(
    purpose: SearchPurpose,
    consent: Consent,
    *,
    told: bool = True,
    documented: bool = True,
    event_id: int | None = None,
    when: datetime = TUESDAY_11,
) -> ContactEvent:
    return ContactEvent(
        client_id=1,
        kind=EventKind.SEARCH,
        occurred_at=when,
        direction=Direction.OUT,
        search=Search(purpose, consent, told_client=told, documented=documented),
        id=event_id,
    )


def test_searches() -> None:
    assert codes(search(SearchPurpose.ASSESSMENT, Consent.OBTAINED)) == []
    assert codes(search(SearchPurpose.CURIOSITY, Consent.OBTAINED)) == ["search_curiosity"]
    assert codes(search(SearchPurpose.ASSESSMENT, Consent.NOT_OBTAINED)) == ["search_no_consent"]
    assert codes(search(SearchPurpose.RISK, Consent.IMMINENT_RISK)) == []
    assert codes(search(SearchPurpose.RISK, Consent.IMMINENT_RISK, told=False)) == [
        "search_undocumented"
    ]
    assert codes(search(SearchPurpose.RISK, Consent.IMMINENT_RISK, documented=False)) == [
        "search_undocumented"
    ]


def test_repeated_searches_within_thirty_days_link_each_other() -> None:
    earlier = search(
        SearchPurpose.ASSESSMENT, Consent.OBTAINED, event_id=7, when=TUESDAY_11 - timedelta(days=20)
    )
    long_ago = search(
        SearchPurpose.ASSESSMENT, Consent.OBTAINED, event_id=3, when=TUESDAY_11 - timedelta(days=45)
    )
    found = warnings_for(
        search(SearchPurpose.ASSESSMENT, Consent.OBTAINED), ctx(history=(earlier, long_ago))
    )
    assert [w.code for w in found] == ["search_repeated"]
    assert found[0].related == (7,)
    assert "search number 2" in found[0].message


def test_client_approach() -> None:
    event = ContactEvent(
        client_id=1,
        kind=EventKind.CLIENT_APPROACH,
        occurred_at=TUESDAY_11,
        direction=Direction.IN,
        approach=Approach("a colleague mentioned it"),
    )
    assert codes(event) == ["client_approach"]


def test_contact_after_termination() -> None:
    ended = replace(CLIENT, status=ClientStatus.ENDED, ended_on=date(2026, 10, 31))
    found = warnings_for(contact(), ctx(client=ended))
    assert [w.code for w in found] == ["after_termination"]
    assert "ended on 31 October 2026" in found[0].message
    same_day = replace(ended, ended_on=date(2026, 11, 17))
    assert codes(contact(), ctx(client=same_day)) == []


def test_therapy_ended_at_the_last_session_when_the_file_closed_later() -> None:
    # The file was closed on 20 November; the last session was on 3 November.
    ended = replace(CLIENT, status=ClientStatus.ENDED, ended_on=date(2026, 11, 20))
    assert codes(contact(), ctx(client=ended)) == []  # 17 November, before the typed end
    found = warnings_for(contact(), ctx(client=ended, last_session=date(2026, 11, 3)))
    assert [w.code for w in found] == ["after_termination"]
    assert "last session, on 3 November 2026; therapy with them has ended" in found[0].message
    assert codes(contact(), ctx(client=ended, last_session=date(2026, 11, 17))) == []
    # A session after the typed end changes nothing: the typed day stands.
    early = replace(ended, ended_on=date(2026, 11, 1))
    late_session = warnings_for(contact(), ctx(client=early, last_session=date(2026, 11, 10)))
    assert "ended on 1 November 2026" in late_session[0].message
    active = replace(CLIENT, status=ClientStatus.ACTIVE)
    assert codes(contact(), ctx(client=active, last_session=date(2026, 11, 3))) == []


@pytest.mark.parametrize(
    "code",
    [
        "after_hours",
        "replied_after_hours",
        "no_agreement",
        "outside_agreement",
        "agreement_review_due",
        "crisis_channel",
        "reply_poor_fit",
        "friend_request_accepted",
        "friend_request_unaddressed",
        "search_curiosity",
        "search_no_consent",
        "search_repeated",
        "search_undocumented",
        "client_approach",
        "after_termination",
    ],
)
def test_every_code_in_the_spec_has_a_rule(code: str) -> None:
    import inspect

    from boundary_desk.domain import boundary_warnings

    assert f'"{code}"' in inspect.getsource(boundary_warnings)


def test_a_complex_admin_message_by_text_is_flagged_as_complex() -> None:
    sent = contact(channel=ContactChannel.TEXT, direction=Direction.OUT, category=Category.ADMIN)
    assert "reply_poor_fit" not in codes(sent)  # short admin is fine by text
    found = [
        w for w in warnings_for(replace(sent, is_complex=True), ctx()) if w.code == "reply_poor_fit"
    ]
    assert [w.message for w in found] == [
        "You wrote complex or emotional content by text message, a lean channel where it is "
        "easily misread; consider checking in the next session how it landed."
    ]
    # Complex, but by a rich channel: no poor fit.
    by_video = replace(sent, is_complex=True, channel=ContactChannel.VIDEO)
    assert "reply_poor_fit" not in codes(by_video)
