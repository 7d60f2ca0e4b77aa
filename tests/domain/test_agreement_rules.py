"""Agreement rules: drafts, signing, review dates, and what changed between versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.agreement_rules import (
    add_months,
    changes,
    check_draft,
    check_signing,
    first_draft,
    notices,
)
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
    next_version,
)
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.errors import InvalidInput

TODAY = date(2026, 11, 22)
EMAIL = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))
VIDEO = ChannelTerms(Channel.VIDEO, True, frozenset({Purpose.CHECK_IN}))


def agreement(*terms: ChannelTerms, **fields: object) -> Agreement:
    result = Agreement(client_id=1)
    for t in terms:
        result = result.with_terms(t)
    return replace(result, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 11, 22), 12, date(2027, 11, 22)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_every_channel_has_terms_in_a_fixed_order() -> None:
    assert [t.channel for t in Agreement(client_id=1).channels] == list(Channel)
    assert Agreement(client_id=1).allowed_channels == ()


def test_allowed_channel_needs_a_purpose() -> None:
    with pytest.raises(InvalidInput, match="Email: choose at least one purpose"):
        check_draft(agreement(ChannelTerms(Channel.EMAIL, True, frozenset())))


def test_allowed_channel_needs_a_response_time() -> None:
    with pytest.raises(InvalidInput, match="response time can't be empty"):
        check_draft(agreement(replace(EMAIL, response_time="  ")))


def test_refused_channels_need_nothing() -> None:
    draft = check_draft(agreement(ChannelTerms(Channel.DM, False, frozenset(), "")))
    assert not draft.allows(Channel.DM)


def test_signing_fills_defaults_and_records_the_informed_choice() -> None:
    signed = check_signing(agreement(EMAIL, client_signed_on=date(2026, 11, 20)), TODAY)
    assert signed.status is AgreementStatus.SIGNED
    assert signed.clinician_signed_on == date(2026, 11, 20)
    assert signed.copy_given_on == date(2026, 11, 20)
    assert signed.review_on == date(2027, 5, 20)
    assert signed.unencrypted_choice is True


def test_signing_with_only_encrypted_channels_records_no_unencrypted_choice() -> None:
    signed = check_signing(agreement(VIDEO, client_signed_on=TODAY), TODAY)
    assert signed.unencrypted_choice is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "date the client signed"),
        ({"client_signed_on": date(2026, 11, 23)}, "can't be in the future"),
        (
            {"client_signed_on": TODAY, "clinician_signed_on": date(2026, 12, 1)},
            "Your signature date",
        ),
        ({"client_signed_on": TODAY, "review_on": TODAY}, "review date must come after"),
    ],
)
def test_signing_refusals(fields: dict[str, date], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_signing(agreement(EMAIL, **fields), TODAY)


def test_an_agreement_with_no_channels_is_allowed_but_explained() -> None:
    signed = check_signing(agreement(client_signed_on=TODAY), TODAY)
    assert signed.allowed_channels == ()
    assert any("No channel is allowed" in line for line in notices(signed))


def test_withdrawn_channel_is_no_longer_in_use() -> None:
    withdrawn = agreement(replace(EMAIL, withdrawn_on=TODAY))
    assert not withdrawn.allows(Channel.EMAIL)
    assert withdrawn.terms(Channel.EMAIL).allowed


def test_review_due_on_and_after_the_date() -> None:
    a = agreement(review_on=TODAY)
    assert a.review_due(TODAY)
    assert not a.review_due(date(2026, 11, 21))
    assert not agreement().review_due(TODAY)


def test_next_version_starts_from_the_last_one_unsigned() -> None:
    signed = check_signing(agreement(EMAIL, client_signed_on=TODAY, id=7, version=3), TODAY)
    draft = next_version(signed)
    assert (draft.id, draft.version, draft.status) == (None, 4, AgreementStatus.DRAFT)
    assert draft.client_signed_on is None and draft.clinician_signed_on is None
    assert draft.allows(Channel.EMAIL)
    assert draft.review_on is None


def test_changes_are_listed_in_plain_language() -> None:
    old = agreement(EMAIL)
    new = agreement(
        replace(
            EMAIL,
            purposes=frozenset({Purpose.SCHEDULING, Purpose.HOMEWORK}),
            response_time="the same day",
        ),
        VIDEO,
        review_on=date(2027, 6, 1),
    )
    lines = changes(old, new)
    assert "Video calls: now allowed" in lines
    assert any(line.startswith("Email: purposes now") and "homework" in line for line in lines)
    assert "Email: response time from “within one business day” to “the same day”" in lines
    assert "Review date: not set → 1 June 2027" in lines
    assert changes(old, old) == []


def test_withdrawal_reads_as_a_withdrawal() -> None:
    lines = changes(agreement(EMAIL), agreement(replace(EMAIL, withdrawn_on=TODAY)))
    assert lines == ["Email: consent withdrawn on 22 November 2026"]


def test_first_draft_is_prefilled_from_client_and_practice() -> None:
    client = Client(
        id=4,
        code="C-004",
        display_name="Teen",
        is_minor=True,
        guardian_name="Pat Parent",
        handles=(
            ContactHandle(HandleKind.EMAIL, "teen@example.org"),
            ContactHandle(HandleKind.PHONE, "+1 416 555 0100"),
        ),
    )
    practice = PracticeSettings.from_values({"region": "CA-ON"})
    draft = first_draft(client, practice)
    assert draft.safety.email == "teen@example.org"
    assert draft.safety.phone == "+1 416 555 0100"
    assert draft.crisis.emergency_number == "911"
    assert "988" in {r.number for r in draft.crisis.resources}
    assert "Pat Parent" in draft.guardian_role
    assert draft.allowed_channels == ()


def test_long_or_multiline_typed_fields_are_refused() -> None:
    from boundary_desk.domain.agreements import CrisisPlan

    with pytest.raises(InvalidInput, match="nearest emergency room"):
        check_draft(agreement(crisis=CrisisPlan(nearest_er="x" * 161)))
    with pytest.raises(InvalidInput, match="single line"):
        check_draft(agreement(crisis=CrisisPlan(emergency_contact="a\nb")))
