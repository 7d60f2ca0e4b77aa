"""How well a channel fits a message, one sentence per deciding factor, and the ranking."""

from __future__ import annotations

import pytest

from boundary_desk.domain.channel_adjustments import adjusted_profiles, parse_channel_adjustments
from boundary_desk.domain.channel_fit import CRISIS_FIRST, Verdict, fit, ranked
from boundary_desk.domain.events import Category, ContactChannel

C = ContactChannel
EVERY = tuple(ContactChannel)


def test_an_admin_text_is_a_good_fit() -> None:
    found = fit(C.TEXT, Category.ADMIN)
    assert found.verdict is Verdict.GOOD
    assert found.reasons == (
        "A text message is lean, which is enough for short admin.",
        "A text message suits simple messages, and this one is simple.",
    )


def test_a_clinical_text_is_a_poor_fit_with_a_sentence_per_factor() -> None:
    found = fit(C.TEXT, Category.CLINICAL)
    assert found.verdict is Verdict.POOR
    assert found.reasons == (
        "A text message is lean: without tone or expression, clinical content is easily misread.",
        "A text message is not encrypted, so clinical content could be read by others.",
        "A text message is informal, which blurs the professional frame.",
        "A text message suits simple messages; this one is moderate.",
    )  # the worst first, as it decides; then the factors in order


def test_a_voicemail_is_one_way() -> None:
    found = fit(C.VOICEMAIL, Category.PERSONAL)
    assert found.verdict is Verdict.POOR
    assert "A voicemail is one-way: the client can't ask what you meant." in found.reasons


def test_complex_content_asks_for_a_rich_live_channel() -> None:
    assert fit(C.VIDEO, Category.CLINICAL, True).verdict is Verdict.GOOD
    call = fit(C.CALL, Category.CLINICAL, True)
    assert call.verdict is Verdict.CAUTION
    assert "A phone call suits moderate messages; this one is complex." in call.reasons
    assert fit(C.CALL, Category.CLINICAL).verdict is Verdict.GOOD
    # Even admin, when complex, is too much for a text.
    assert fit(C.TEXT, Category.ADMIN, True).verdict is Verdict.POOR


def test_unencrypted_email_asks_for_caution_with_clinical_content_only() -> None:
    assert fit(C.EMAIL, Category.CLINICAL).verdict is Verdict.CAUTION
    assert fit(C.EMAIL, Category.ADMIN).verdict is Verdict.GOOD
    encrypted = adjusted_profiles(parse_channel_adjustments("email: encrypted"))
    found = fit(C.EMAIL, Category.CLINICAL, profiles=encrypted)
    assert found.verdict is Verdict.GOOD
    assert "An email is confidential, as clinical content should be." in found.reasons


def test_the_ranking_puts_the_best_fit_first() -> None:
    order = [f.channel for f in ranked(EVERY, Category.CLINICAL)]
    assert order[:3] == [C.VIDEO, C.IN_PERSON, C.CALL]
    assert set(order[-3:]) == {C.VOICEMAIL, C.TEXT, C.DM}
    assert [f.channel for f in ranked([C.EMAIL, C.TEXT], Category.ADMIN)] == [C.TEXT, C.EMAIL]


def test_the_ranking_covers_only_the_allowed_channels_once() -> None:
    found = ranked([C.TEXT, C.EMAIL, C.TEXT], Category.CLINICAL)
    assert [f.channel for f in found] == [C.EMAIL, C.TEXT]
    assert ranked([], Category.CLINICAL) == ()


@pytest.mark.parametrize("allowed", [EVERY, (C.TEXT,), ()])
def test_crisis_content_points_to_the_crisis_protocol_first(
    allowed: tuple[ContactChannel, ...],
) -> None:
    found = ranked(allowed, Category.CRISIS)
    assert found[0].channel is None and found[0].verdict is Verdict.CRISIS_PROTOCOL
    assert found[0].reasons == (CRISIS_FIRST,)
    assert all(f.channel is not None for f in found[1:])
    assert all(f.channel is not None for f in ranked(allowed, Category.CLINICAL))


def test_a_crisis_never_waits_for_a_message_to_be_read() -> None:
    for channel in (C.EMAIL, C.PORTAL, C.TEXT, C.DM):
        assert fit(channel, Category.CRISIS).verdict is Verdict.POOR
    assert "A portal message may be read hours later, too late for a crisis." in (
        fit(C.PORTAL, Category.CRISIS).reasons
    )
    assert fit(C.CALL, Category.CRISIS).verdict is Verdict.GOOD


def test_an_encrypted_email_service_changes_the_ranking() -> None:
    allowed = [C.EMAIL, C.PORTAL]
    assert [f.channel for f in ranked(allowed, Category.CLINICAL)] == [C.PORTAL, C.EMAIL]
    encrypted = adjusted_profiles(parse_channel_adjustments("email: encrypted"))
    # Now as good as the portal, and first as the agreement lists it.
    assert [
        (f.channel, f.verdict) for f in ranked(allowed, Category.CLINICAL, profiles=encrypted)
    ] == [
        (C.EMAIL, Verdict.GOOD),
        (C.PORTAL, Verdict.GOOD),
    ]
