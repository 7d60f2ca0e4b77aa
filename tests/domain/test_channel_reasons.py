"""Each channel's compact profile and good-for line, and why the agreement uses it for what."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from babel.messages.pofile import read_po

from boundary_desk.domain.agreement_document import build_document
from boundary_desk.domain.agreements import Agreement, Channel, ChannelTerms, Purpose
from boundary_desk.domain.channel_adjustments import adjusted_profiles, parse_channel_adjustments
from boundary_desk.domain.channel_profiles import DEFAULT_PROFILES
from boundary_desk.domain.channel_reasons import (
    channel_reasons,
    good_and_not_line,
    profile_line,
    profile_of,
    reason_sentence,
)
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.system import i18n
from boundary_desk.system.resources import resource_path

TEXT = DEFAULT_PROFILES[ContactChannel.TEXT]
EMAIL = DEFAULT_PROFILES[ContactChannel.EMAIL]
SCHEDULING = frozenset({Purpose.SCHEDULING})


def terms(channel: Channel, *purposes: Purpose) -> ChannelTerms:
    return ChannelTerms(channel, allowed=True, purposes=frozenset(purposes))


def test_a_channel_profile_is_five_factors_in_a_few_plain_words() -> None:
    assert (
        profile_line(TEXT)
        == "Words only · replies later · not encrypted · informal · simple matters"
    )
    video = DEFAULT_PROFILES[ContactChannel.VIDEO]
    assert profile_line(video) == "Voice and face · live · confidential · formal · complex matters"
    assert profile_line(DEFAULT_PROFILES[ContactChannel.VOICEMAIL]).split(" · ")[1] == "one-way"


def test_the_good_for_line_warns_off_private_details_only_where_it_is_not_encrypted() -> None:
    assert good_and_not_line(TEXT) == (
        "Good for arranging times and short reminders; not for clinical or emotional content, "
        "nor for private details."
    )
    portal = DEFAULT_PROFILES[ContactChannel.PORTAL]
    assert good_and_not_line(portal) == (
        "Good for clinical notes, homework and documents; not for anything urgent or a crisis."
    )


def test_the_reason_says_what_it_is_for_and_why_in_one_plain_sentence() -> None:
    assert reason_sentence(terms(Channel.TEXT, Purpose.SCHEDULING), TEXT) == (
        "We use text messages (SMS) only to arrange times and other admin, because short "
        "messages without tone of voice are easy to misread. This channel is not encrypted, "
        "so private details wait for a session."
    )
    video = terms(Channel.VIDEO, *Purpose)
    assert reason_sentence(video, DEFAULT_PROFILES[ContactChannel.VIDEO]) == (
        "We use video calls to arrange times and other admin, for a brief check-in and for "
        "homework between sessions, because we can see and hear each other, much as in a session."
    )
    phone = terms(Channel.PHONE, Purpose.CHECK_IN, Purpose.HOMEWORK)
    assert reason_sentence(phone, profile_of(Channel.PHONE, DEFAULT_PROFILES)) == (
        "We use phone calls only for a brief check-in and for homework between sessions, because "
        "we can talk things through as they happen, though without seeing each other."
    )
    voicemail = reason_sentence(
        terms(Channel.VOICEMAIL, Purpose.SCHEDULING), DEFAULT_PROFILES[ContactChannel.VOICEMAIL]
    )
    assert "a recorded message can't be answered or talked through" in voicemail
    # A channel with no purpose yet has nothing to explain.
    assert reason_sentence(ChannelTerms(Channel.TEXT, allowed=True), TEXT) == ""


def test_the_clinicians_adjusted_profile_changes_the_words() -> None:
    adjusted = adjusted_profiles(
        parse_channel_adjustments("email: encrypted; portal: rich, synchronous")
    )
    email = profile_of(Channel.EMAIL, adjusted)
    assert "not encrypted" not in profile_line(email)
    assert "confidential" in profile_line(email)
    assert "private details" not in good_and_not_line(email)
    sentence = reason_sentence(terms(Channel.EMAIL, Purpose.SCHEDULING), email)
    assert "not encrypted" not in sentence and "private details" not in sentence
    assert "not encrypted" in reason_sentence(terms(Channel.EMAIL, Purpose.SCHEDULING), EMAIL)
    portal = reason_sentence(
        terms(Channel.PORTAL, Purpose.HOMEWORK), profile_of(Channel.PORTAL, adjusted)
    )
    assert "we can see and hear each other" in portal


def test_only_channels_in_use_get_a_reason_in_the_agreements_order() -> None:
    agreement = (
        Agreement(client_id=1)
        .with_terms(terms(Channel.TEXT, Purpose.SCHEDULING))
        .with_terms(terms(Channel.EMAIL, Purpose.HOMEWORK))
        .with_terms(ChannelTerms(Channel.VIDEO, True, SCHEDULING, withdrawn_on=date(2026, 1, 2)))
    )
    reasons = channel_reasons(agreement, DEFAULT_PROFILES)
    assert list(reasons) == [Channel.EMAIL, Channel.TEXT]
    assert reasons[Channel.EMAIL].startswith("We use email only for homework between sessions")


def test_the_sentences_come_in_the_language_of_the_lookup_given() -> None:
    french = i18n.catalog("fr").gettext
    hebrew = i18n.catalog("he").gettext
    text = terms(Channel.TEXT, Purpose.SCHEDULING, Purpose.CHECK_IN)
    assert reason_sentence(text, TEXT, french) == (
        "Nous utilisons les textos (SMS) uniquement pour fixer les rendez-vous et régler "
        "d'autres questions administratives et pour un bref suivi, car les messages courts, "
        "sans ton de voix, sont faciles à mal interpréter. Ce moyen n'est pas chiffré; les "
        "renseignements personnels attendent donc une séance."
    )
    assert profile_line(TEXT, french) == (
        "Mots seulement · réponse différée · non chiffré · informel · questions simples"
    )
    assert reason_sentence(text, TEXT, hebrew).startswith("אנו משתמשים בהודעות טקסט (SMS) רק ")
    assert good_and_not_line(TEXT, hebrew).startswith("מתאים לקביעת מועדים")


@pytest.mark.parametrize("language", ["fr", "he"])
def test_every_phrase_a_sentence_can_use_is_in_the_catalogs(language: str) -> None:
    with resource_path("i18n", f"{language}.po").open("rb") as po:
        known = {m.id for m in read_po(po) if m.id}
    seen: set[str] = set()

    def lookup(message: str) -> str:
        seen.add(message)
        return message

    everything = Agreement(client_id=1)
    for channel in Channel:
        everything = everything.with_terms(terms(channel, *Purpose))
    for purposes in ([Purpose.SCHEDULING], [Purpose.CHECK_IN, Purpose.HOMEWORK]):
        for channel in Channel:
            everything_but = everything.with_terms(terms(channel, *purposes))
            channel_reasons(everything_but, DEFAULT_PROFILES, lookup)
    for adjustments in (
        "",
        "email: encrypted, rich; text: encrypted, medium, synchronous, formal, complex",
    ):
        for profile in adjusted_profiles(parse_channel_adjustments(adjustments)).values():
            profile_line(profile, lookup)
            good_and_not_line(profile, lookup)
    rich_later = adjusted_profiles(parse_channel_adjustments("portal: rich"))
    channel_reasons(everything, rich_later, lookup)
    assert seen and seen <= known, sorted(seen - known)


def test_the_printed_agreement_has_the_reasons_only_when_chosen() -> None:
    client = Client(code="AL1", display_name="Ana Lima", id=1)
    practice = PracticeSettings.from_values({"channels": "email: encrypted"})
    agreement = Agreement(client_id=1).with_terms(terms(Channel.EMAIL, Purpose.SCHEDULING))
    clauses = ClauseSet(default_clauses(), {})

    def reasons(chosen: bool) -> list[str]:
        document = build_document(
            replace(agreement, channel_reasons=chosen),
            client,
            practice,
            clauses,
            date(2026, 3, 3),
        )
        [section] = [s for s in document.sections if s.channels]
        return [c.reason for c in section.channels]

    assert reasons(False) == [""]
    [sentence] = reasons(True)
    assert sentence.startswith("We use email only to arrange times and other admin, because")
    assert "not encrypted" not in sentence  # the clinician's encrypted email service
