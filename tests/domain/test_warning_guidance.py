"""Every warning has a severity and guidance; a signed agreement's own terms show in it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
)
from boundary_desk.domain.boundary_warnings import SEVERITIES, Severity, StoredWarning, severity_of
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS
from boundary_desk.domain.warning_guidance import GUIDES, guidance
from tests.domain.test_vocabulary import _warning_codes

TORONTO = ZoneInfo("America/Toronto")
FRIDAY_2240 = datetime(2026, 11, 20, 22, 40, tzinfo=TORONTO)
SIGNED = Agreement(
    client_id=1,
    status=AgreementStatus.SIGNED,
    client_signed_on=date(2026, 11, 1),
).with_terms(ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING})))
TEXT_IN = ContactEvent(
    client_id=1,
    kind=EventKind.CONTACT,
    occurred_at=FRIDAY_2240,
    channel=ContactChannel.TEXT,
    direction=Direction.IN,
    category=Category.ADMIN,
)


def test_every_warning_code_has_a_severity_and_guidance() -> None:
    codes = _warning_codes()
    assert len(codes) >= 15  # the scan found the rules and the trend tests
    assert set(SEVERITIES) == codes
    assert set(GUIDES) == codes
    for code in codes:
        for agreement in (None, SIGNED):
            words = guidance(code, TEXT_IN, agreement)
            assert words.endswith("."), (code, words)
            assert len(words) < 260, code  # a sentence or two, not a lecture
        assert guidance(code) != ""  # a trend has no entry behind it


def test_each_severity_reads_in_words() -> None:
    assert set(SEVERITY_LABELS) == set(Severity)
    assert SEVERITY_LABELS[Severity.SERIOUS] == "serious"
    assert severity_of("search_no_consent") is Severity.SERIOUS
    assert severity_of("agreement_review_due") is Severity.INFORMATION
    assert severity_of("after_hours") is Severity.ATTENTION
    assert severity_of("a_code_from_a_newer_version") is Severity.ATTENTION
    # Worked out from the code, so a warning kept in the vault reads the same.
    assert StoredWarning("crisis_channel", "…").severity is Severity.SERIOUS


def test_after_hours_guidance_quotes_the_signed_reply_time() -> None:
    words = guidance("after_hours", TEXT_IN, SIGNED)
    assert words.startswith(
        "Your agreement says you reply within one business day, in working hours."
    )
    slower = SIGNED.with_terms(
        ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING}), "within two days")
    )
    assert "you reply within two days, in working hours" in guidance("after_hours", TEXT_IN, slower)
    call = replace(TEXT_IN, channel=ContactChannel.CALL)
    phone = SIGNED.with_terms(ChannelTerms(Channel.PHONE, True))
    assert "you return calls within one business day" in guidance("after_hours", call, phone)


def test_replying_is_judged_by_the_channel_replied_by() -> None:
    replied = replace(
        TEXT_IN, replied_at=FRIDAY_2240, reply_channel=ContactChannel.EMAIL
    )  # email isn't in this agreement, so the general promise is quoted
    words = guidance("replied_after_hours", replied, SIGNED)
    assert words.startswith("Your agreement says messages outside working hours are answered")


def test_without_a_signed_agreement_the_guidance_claims_none() -> None:
    for code in SEVERITIES:
        words = guidance(code, TEXT_IN, None)
        assert "your agreement says" not in words.lower(), code


@pytest.mark.parametrize("code", ["search_no_consent", "search_curiosity", "search_repeated"])
def test_search_guidance_recalls_the_promise_not_to_search(code: str) -> None:
    search = ContactEvent(
        client_id=1,
        kind=EventKind.SEARCH,
        occurred_at=FRIDAY_2240,
        search=Search(purpose=SearchPurpose.CURIOSITY, consent=Consent.NOT_OBTAINED),
    )
    assert "your agreement says you won't search for the client online without their consent" in (
        guidance(code, search, SIGNED).lower()
    )


def test_outside_the_agreement_lists_what_it_allows() -> None:
    email = replace(TEXT_IN, channel=ContactChannel.EMAIL)
    both = SIGNED.with_terms(ChannelTerms(Channel.PHONE, True))
    assert "keep in touch by text messages (SMS)." in guidance("outside_agreement", email, SIGNED)
    assert "by text messages (SMS) or phone calls." in guidance("outside_agreement", email, both)
    nothing = Agreement(client_id=1, status=AgreementStatus.SIGNED)
    assert "includes no channel" in guidance("outside_agreement", email, nothing)


def test_an_unknown_code_has_no_guidance() -> None:
    assert guidance("a_code_from_a_newer_version", TEXT_IN, SIGNED) == ""


def test_crisis_content_after_hours_is_never_told_to_wait() -> None:
    crisis = replace(TEXT_IN, category=Category.CRISIS)
    for agreement in (None, SIGNED):
        words = guidance("after_hours", crisis, agreement)
        assert "wait until" not in words and "follow the crisis protocol" in words
