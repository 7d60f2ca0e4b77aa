"""Each channel's five factors, and the clinician's adjustments kept as one setting."""

from __future__ import annotations

import pytest

from boundary_desk.domain.agreements import UNENCRYPTED, Channel
from boundary_desk.domain.channel_adjustments import (
    adjusted_profiles,
    format_channel_adjustments,
    parse_channel_adjustments,
)
from boundary_desk.domain.channel_profiles import (
    DEFAULT_PROFILES,
    Bandwidth,
    Complexity,
    Formality,
    TwoWay,
    unencrypted_channels,
)
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.practice_settings import PracticeSettings, validate_setting
from boundary_desk.errors import InvalidInput


def test_every_channel_has_a_profile_in_plain_words() -> None:
    assert set(DEFAULT_PROFILES) == set(ContactChannel)
    text = DEFAULT_PROFILES[ContactChannel.TEXT]
    assert text.factors() == (
        "lean",
        "asynchronous",
        "not encrypted",
        "informal",
        "simple messages",
    )
    assert text.good_and_not() == (
        "Good for arranging times and short reminders; not for clinical or emotional content."
    )
    for profile in DEFAULT_PROFILES.values():
        assert profile.good_for and profile.not_for


def test_the_defaults_follow_the_research_and_the_agreement() -> None:
    lean = {c for c, p in DEFAULT_PROFILES.items() if p.bandwidth is Bandwidth.LEAN}
    assert lean == {ContactChannel.TEXT, ContactChannel.DM}
    rich = {c for c, p in DEFAULT_PROFILES.items() if p.bandwidth is Bandwidth.RICH}
    assert rich == {ContactChannel.VIDEO, ContactChannel.IN_PERSON}
    assert DEFAULT_PROFILES[ContactChannel.VOICEMAIL].two_way is TwoWay.ONE_WAY
    # Confidentiality is the agreement's own list of unencrypted channels.
    for channel, profile in DEFAULT_PROFILES.items():
        assert profile.encrypted is (channel.agreement_channel not in UNENCRYPTED)
    assert DEFAULT_PROFILES[ContactChannel.IN_PERSON].confidentiality == "confidential"


def test_an_adjustment_changes_only_what_it_names() -> None:
    adjusted = adjusted_profiles(
        parse_channel_adjustments("email: encrypted; portal: rich, informal")
    )
    email = adjusted[ContactChannel.EMAIL]
    assert email.encrypted and email.confidentiality == "confidential"
    assert email.bandwidth is DEFAULT_PROFILES[ContactChannel.EMAIL].bandwidth
    portal = adjusted[ContactChannel.PORTAL]
    assert (portal.bandwidth, portal.formality) == (Bandwidth.RICH, Formality.INFORMAL)
    assert adjusted[ContactChannel.TEXT] == DEFAULT_PROFILES[ContactChannel.TEXT]
    assert adjusted_profiles(()) == DEFAULT_PROFILES


def test_the_setting_is_stored_in_one_canonical_form() -> None:
    typed = "Portal: complex  synchronous ;\nIn person: informal; EMAIL :encrypted,"
    assert validate_setting("channels", typed) == (
        "email: encrypted; portal: synchronous, complex; in-person: informal"
    )
    assert validate_setting("channels", "") == ""
    assert validate_setting("channels", " ; ") == ""
    again = parse_channel_adjustments(validate_setting("channels", typed))
    assert format_channel_adjustments(again) == validate_setting("channels", typed)
    assert parse_channel_adjustments("text: unencrypted, lean, informal, simple")[0].words() == (
        "lean, unencrypted, informal, simple"
    )


def test_practice_settings_carry_the_adjusted_profiles() -> None:
    practice = PracticeSettings.from_values({"channels": "email: encrypted"})
    assert practice.channel_profiles[ContactChannel.EMAIL].encrypted
    assert not PracticeSettings.from_values({}).channel_profiles[ContactChannel.EMAIL].encrypted
    assert practice.channel_profiles[ContactChannel.CALL].complexity is Complexity.MODERATE


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("fax: encrypted", '"fax" is not a channel; the channels are email, text, call, '
         "voicemail, video, portal, dm, in-person."),
        ("email encrypted", 'Write each channel as "email: encrypted", separated by '
         'semicolons; "email encrypted" has no colon.'),
        ("email: secure", '"secure" is not a channel quality; use one of each: lean, medium, '
         "rich / synchronous, asynchronous, one-way / encrypted, unencrypted / formal, "
         "informal / simple, moderate, complex."),
        ("text: lean, rich", '"lean" and "rich" both set the bandwidth of text; choose one.'),
        ("email: encrypted; EMAIL: formal", 'email is listed twice; put its qualities '
         'together, e.g. "email: encrypted, formal".'),
        ("video:", 'Say how video differs, e.g. "video: encrypted".'),
        ("email: encrypted; " * 40, "The channel profiles must be at most 600 characters."),
    ],
)  # fmt: skip
def test_a_bad_adjustment_is_refused_in_one_sentence(text: str, refusal: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_setting("channels", text)
    assert refused.value.message == refusal


def test_a_repeated_word_is_not_a_conflict() -> None:
    assert validate_setting("channels", "email: encrypted, encrypted") == "email: encrypted"


def test_the_unencrypted_channels_are_the_agreements_list_until_the_clinician_adjusts_them() -> (
    None
):
    assert unencrypted_channels(DEFAULT_PROFILES) == UNENCRYPTED
    adjusted = adjusted_profiles(parse_channel_adjustments("email: encrypted; portal: unencrypted"))
    assert unencrypted_channels(adjusted) == (UNENCRYPTED - {Channel.EMAIL}) | {Channel.PORTAL}
