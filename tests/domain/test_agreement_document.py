"""The agreement document: what the client reads, built from the structured fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from boundary_desk.domain.agreement_document import AgreementDocument, KeptAtSigning, build_document
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    ContactSafety,
    Purpose,
)
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.storage.stores.clause_defaults import default_clauses

TODAY = date(2026, 11, 22)
CLIENT = Client(id=1, code="C-001", display_name="Ana Lima")
PRACTICE_VALUES = {
    "clinician": "Jo Rivera",
    "practice": "Harbour",
    "region": "CA-ON",
    "timezone": "America/Toronto",
}
PRACTICE = PracticeSettings.from_values(PRACTICE_VALUES)
CLAUSES = ClauseSet(default_clauses(), {})


def build(agreement: Agreement, client: Client = CLIENT) -> AgreementDocument:
    return build_document(agreement, client, PRACTICE, CLAUSES, TODAY)


def all_text(doc: AgreementDocument) -> str:
    parts: list[str] = [*doc.letterhead, doc.version_line, doc.footer, doc.crisis.intro]
    for section in (*doc.sections, *doc.closing_sections):
        parts += [section.heading, *section.paragraphs, *section.bullets]
        for ch in section.channels:
            parts += [ch.title, ch.purposes, ch.response_time, ch.risk, *ch.notes]
    return "\n".join(parts)


def email(**fields: object) -> Agreement:
    terms = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.HOMEWORK, Purpose.SCHEDULING}))
    return replace(Agreement(client_id=1).with_terms(terms), **fields)  # type: ignore[arg-type]


def test_long_date_is_locale_free() -> None:
    assert long_date(date(2026, 3, 1)) == "1 March 2026"


def test_crisis_numbers_fall_back_to_the_practice_region() -> None:
    doc = build(Agreement(client_id=1))
    numbers = [number for _, number in doc.crisis.resources]
    assert "988" in numbers
    assert "call 911" in doc.crisis.intro


def test_purposes_read_in_a_natural_order() -> None:
    [section] = [s for s in build(email()).sections if s.channels]
    assert section.channels[0].purposes == (
        "For scheduling and admin and homework and between-session exercises. "
        "Never for emergencies."
    )


def test_draft_superseded_and_signed_say_so() -> None:
    assert "for signature on" in build(email()).version_line  # issue 13: not "draft"
    signed = email(
        status=AgreementStatus.SIGNED,
        client_signed_on=date(2026, 11, 20),
        review_on=date(2027, 5, 20),
    )
    assert build(signed).version_line == (
        "Version 1 · signed 20 November 2026 · review by 20 May 2027"
    )
    assert "superseded" in build(replace(signed, status=AgreementStatus.SUPERSEDED)).version_line


def test_withdrawn_channel_shows_its_date() -> None:
    a = email().with_terms(
        ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING}), withdrawn_on=TODAY)
    )
    text = all_text(build(a))
    assert "Text messages (SMS): consent withdrawn on 22 November 2026." in text


def test_informed_choice_names_the_channels_in_words() -> None:
    a = email().with_terms(ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING})))
    assert "you have chosen to use email and text messages (SMS)" in all_text(build(a))


def test_an_encrypted_email_service_is_not_among_the_risks_the_client_chose() -> None:
    # The clinician's "channels" setting says their email service is encrypted.
    encrypted = PracticeSettings.from_values({**PRACTICE_VALUES, "channels": "email: encrypted"})
    both = email().with_terms(ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING})))
    text = all_text(build_document(both, CLIENT, encrypted, CLAUSES, TODAY))
    assert "you have chosen to use text messages (SMS)." in text
    only_email = all_text(build_document(email(), CLIENT, encrypted, CLAUSES, TODAY))
    assert "We have not agreed to use any unencrypted channel." in only_email
    assert "you have chosen to use" not in only_email
    # By the defaults, the same email agreement records the client's choice of email.
    assert "you have chosen to use email." in all_text(build(email()))


def test_client_time_zone_is_explained_when_it_differs() -> None:
    text = all_text(build(email(client_timezone="America/Vancouver")))
    assert "You are in Vancouver time; the hours above are Toronto time." in text


def test_minor_gets_a_guardian_clause_and_signature() -> None:
    minor = replace(CLIENT, is_minor=True, guardian_name="Pat Lima")
    doc = build(email(), minor)
    assert "Pat Lima is the parent or guardian." in all_text(doc)
    assert [s.role for s in doc.signatures] == ["Client", "Parent or guardian", "Clinician"]


def test_contact_notes() -> None:
    a = email(safety=ContactSafety(phone="555 0100", email="ana@example.org", shared_device=True))
    a = a.with_terms(ChannelTerms(Channel.PHONE, True, frozenset({Purpose.SCHEDULING})))
    [section] = [s for s in build(a).sections if s.channels]
    notes = {ch.title: ch.notes for ch in section.channels}
    # Bare "Address:" read as the clinician's; the client's details say whose they are.
    assert "Your email address: ana@example.org" in notes["Email"]
    assert "Your number: 555 0100" in notes["Phone calls"]
    assert "If you miss my call, I will not leave a voicemail." in notes["Phone calls"]
    assert "Others share this device, so I will keep messages brief." in notes["Email"]
    assert section.channels[1].response_time.startswith("I will return calls")


def test_no_channels_uses_the_no_contact_clause() -> None:
    section = build(Agreement(client_id=1)).sections[1]
    assert section.channels == ()
    assert "not to use electronic contact" in section.paragraphs[0]


def test_empty_practice_profile_still_reads_well() -> None:
    doc = build_document(email(), CLIENT, PracticeSettings.from_values({}), CLAUSES, TODAY)
    assert doc.letterhead == ()
    assert "your clinician" in all_text(doc)


def test_each_channel_names_how_to_reach_the_clinician_before_the_clients_own_detail() -> None:
    practice = replace(PRACTICE, phone="+1 416-555-0100", email="jo@harbour.example")
    a = email(safety=ContactSafety(phone="555 0100", email="ana@example.org"))
    a = a.with_terms(ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING})))
    a = a.with_terms(ChannelTerms(Channel.VIDEO, True, frozenset({Purpose.CHECK_IN})))
    doc = build_document(a, CLIENT, practice, CLAUSES, TODAY)
    [section] = [s for s in doc.sections if s.channels]
    notes = {ch.title: ch.notes for ch in section.channels}
    assert notes["Email"][:2] == (
        "My email address: jo@harbour.example",
        "Your email address: ana@example.org",
    )
    assert notes["Text messages (SMS)"][:2] == (
        "My number: +1 416-555-0100",
        "Your number: 555 0100",
    )
    assert not any(note.startswith(("My ", "Your ")) for note in notes["Video calls"])


def test_a_draft_is_printed_for_signature_on_the_day_it_is_printed() -> None:
    assert build(email()).version_line == "Version 1 · for signature on 22 November 2026"


def test_refused_channels_are_listed_in_lower_case_inside_the_sentence() -> None:
    text = all_text(build(email()))
    assert (
        "We have agreed not to use these: text messages (SMS), phone calls, voicemail, "
        "video calls, the secure client portal and social-media direct messages." in text
    )


# -- reprints of versions signed before their details were kept -----------------------------

SIGNED = Agreement(
    client_id=1,
    version=2,
    status=AgreementStatus.SIGNED,
    client_signed_on=date(2026, 3, 4),
    clinician_signed_on=date(2026, 3, 5),
)


def test_a_version_signed_with_everything_kept_needs_no_note() -> None:
    kept = KeptAtSigning()
    assert kept.reprint_note(SIGNED, TODAY) == ""
    assert kept.notice(SIGNED) == ""


def test_a_reprint_with_todays_practice_details_says_so() -> None:
    kept = KeptAtSigning(practice=False)

    assert kept.reprint_note(SIGNED, TODAY) == (
        "Reprinted 22 November 2026. The practice details above are today's; "
        "the copy signed on 4 March 2026 may show earlier ones."
    )
    assert kept.notice(SIGNED) == (
        "Version 2 was signed before its practice details were kept with it, so a reprint "
        "shows today's practice details, and says so; the copy signed on 4 March 2026 may "
        "show earlier ones."
    )


def test_a_reprint_says_which_of_its_details_are_todays() -> None:
    superseded = replace(SIGNED, status=AgreementStatus.SUPERSEDED)

    wording = KeptAtSigning(wording=False)
    assert "The wording below is today's;" in wording.reprint_note(superseded, TODAY)
    assert "before its wording was kept" in wording.notice(superseded)
    neither = KeptAtSigning(practice=False, wording=False)
    assert "The practice details above and the wording below are today's;" in (
        neither.reprint_note(superseded, TODAY)
    )
    assert "before its practice details and wording were kept" in neither.notice(superseded)


def test_a_draft_is_never_a_reprint() -> None:
    draft = Agreement(client_id=1)
    kept = KeptAtSigning(practice=False, wording=False)
    assert kept.reprint_note(draft, TODAY) == ""
    assert kept.notice(draft) == ""


def test_a_version_without_signing_dates_names_the_signed_copy() -> None:
    undated = replace(SIGNED, client_signed_on=None, clinician_signed_on=None)
    note = KeptAtSigning(practice=False).reprint_note(undated, TODAY)
    assert note.endswith("are today's; the signed copy may show earlier ones.")


def test_the_document_carries_no_reprint_note_of_its_own() -> None:
    assert build(SIGNED).reprint_note == ""  # only the reprint, knowing what was kept, adds one


def test_an_agreement_without_a_review_date_promises_the_next_review_in_each_language() -> None:
    expected = {
        "en": "we will look at it again together by our next review.",
        "fr": "nous la reverrons ensemble au plus tard le jour de notre prochaine révision.",
        "he": "הפגישה הבאה שבה נעבור על ההסכם",
    }
    for language, words in expected.items():
        agreement = email(language=language, review_on=None)
        clauses = ClauseSet(default_clauses(language), {})
        text = all_text(build_document(agreement, CLIENT, PRACTICE, clauses, TODAY))
        assert words in text, language
