"""Printing why each allowed channel is used for what: kept with the agreement, its
versions and its signature, and printed from the clinician's own channel profiles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
)
from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.agreements import (
    history,
    save_draft,
    sign,
    starting_point,
    with_channel_reasons,
)
from boundary_desk.services.documents import agreement_pdf_builder
from tests.conftest import PdfText
from tests.services.test_reprints import one_line

TODAY = date(2026, 11, 22)
TEXT_REASON = (
    "We use text messages (SMS) only to arrange times and other admin, because short messages "
    "without tone of voice are easy to misread. This channel is not encrypted, so private "
    "details wait for a session."
)
EMAIL_START = "We use email only to arrange times and other admin, because written messages"
EMAIL_REASON = EMAIL_START + " leave time for a considered reply but carry no tone of voice."
NOT_ENCRYPTED = " This channel is not encrypted, so private details wait for a session."


@pytest.fixture
def client(services: Services) -> Client:
    return services.clients.add(Client(code="AL1", display_name="Ana Lima"))


def drafted(services: Services, client: Client, *, reasons: bool) -> Agreement:
    draft, _ = starting_point(services, client)
    for channel in (Channel.EMAIL, Channel.TEXT):
        draft = draft.with_terms(ChannelTerms(channel, True, frozenset({Purpose.SCHEDULING})))
    return save_draft(services, replace(draft, channel_reasons=reasons))


def printed(services: Services, client: Client, agreement: Agreement, pdf_text: PdfText) -> str:
    pdf = agreement_pdf_builder(services, client, agreement, services.settings.load(), TODAY)()
    return one_line(pdf_text(pdf))


def test_the_choice_is_kept_with_the_draft_its_signature_and_the_next_version(
    services: Services, client: Client
) -> None:
    draft = drafted(services, client, reasons=True)
    assert history(services, client.id or 0)[-1].channel_reasons
    signed = sign(
        services, replace(draft, client_signed_on=TODAY, clinician_signed_on=TODAY), TODAY
    )
    assert signed.channel_reasons and signed.status is AgreementStatus.SIGNED
    # The choice is no practice detail: what a signature kept of the practice is unchanged.
    assert not any(key.startswith("option") for key in services.agreements.practice(signed.id or 0))
    assert "channels" in services.agreements.practice(signed.id or 0)
    following, _ = starting_point(services, client)
    assert following.version == 2 and following.channel_reasons
    turned_off = save_draft(services, replace(following, channel_reasons=False))
    assert not history(services, client.id or 0)[-1].channel_reasons
    assert turned_off.version == 2


def test_the_pdf_prints_each_allowed_channels_reason_only_when_chosen(
    services: Services, client: Client, pdf_text: PdfText
) -> None:
    without = printed(services, client, drafted(services, client, reasons=False), pdf_text)
    assert "We use text messages" not in without and "We use email" not in without
    draft = with_channel_reasons(services, history(services, client.id or 0)[-1], True)
    assert history(services, client.id or 0)[-1].channel_reasons  # a saved draft keeps it
    text = printed(services, client, draft, pdf_text)
    assert TEXT_REASON in text
    assert EMAIL_REASON + NOT_ENCRYPTED in text  # email, by default, is not encrypted
    # Refused channels have no reason.
    assert "We use phone calls" not in text and "We use video calls" not in text


def test_an_encrypted_email_service_no_longer_prints_not_encrypted(
    services: Services, client: Client, pdf_text: PdfText
) -> None:
    services.settings.set("channels", "email: encrypted")
    text = printed(services, client, drafted(services, client, reasons=True), pdf_text)
    assert EMAIL_REASON in text
    assert EMAIL_REASON + NOT_ENCRYPTED not in text
    assert TEXT_REASON in text  # text messages are still not encrypted


def test_a_signed_version_reprints_its_reasons_as_signed(
    services: Services, client: Client, pdf_text: PdfText
) -> None:
    services.settings.set("channels", "email: encrypted")
    draft = drafted(services, client, reasons=True)
    signed = sign(
        services, replace(draft, client_signed_on=TODAY, clinician_signed_on=TODAY), TODAY
    )
    services.settings.set("channels", "")  # the clinician's email service changes later
    text = printed(services, client, signed, pdf_text)
    assert EMAIL_REASON in text
    assert EMAIL_REASON + NOT_ENCRYPTED not in text
    # A new draft speaks of the email service as it is now.
    following, _ = starting_point(services, client)
    assert EMAIL_REASON + NOT_ENCRYPTED in printed(services, client, following, pdf_text)


def test_changing_the_choice_on_a_signed_version_is_refused_and_a_first_draft_is_not_saved(
    services: Services, client: Client
) -> None:
    unsaved, _ = starting_point(services, client)
    shown = with_channel_reasons(services, unsaved, True)
    assert shown.channel_reasons and shown.id is None
    assert history(services, client.id or 0) == []
    draft = drafted(services, client, reasons=False)
    signed = sign(
        services, replace(draft, client_signed_on=TODAY, clinician_signed_on=TODAY), TODAY
    )
    assert with_channel_reasons(services, signed, False) is signed  # as it is: nothing to do
    with pytest.raises(InvalidInput, match="Version 1 was signed without the reason"):
        with_channel_reasons(services, signed, True)
    assert not history(services, client.id or 0)[-1].channel_reasons
