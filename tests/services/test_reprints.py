"""Reprinting a signed agreement: exactly as signed, or saying plainly what is today's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from boundary_desk.domain.agreement_document import KeptAtSigning
from boundary_desk.domain.agreements import Agreement, Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.agreements import kept_at_signing, sign, starting_point
from boundary_desk.services.documents import agreement_pdf_builder
from boundary_desk.storage.db import migrations
from boundary_desk.storage.vault.location import VaultLocation
from tests.conftest import PdfText
from tests.old_vaults import signed_before_the_practice_was_kept

TODAY = date(2026, 11, 22)
MADE = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)
PRACTICE = {
    "practice": "Harbour Counselling",
    "clinician": "Dr. Jo Rivera",
    "phone": "+1 416-555-0100",
    "email": "jo@harbour.example",
    "region": "CA-ON",
    "timezone": "America/Toronto",
}
TODAYS = {"phone": "+1 416-555-0199", "practice": "Harbour Counselling Group", "region": "US-NY"}
ANA = Client(code="AL1", display_name="Ana Lima")
OLD_LINE = (
    "Reprinted 22 November 2026. The practice details above are today's; "
    "the copy signed on 1 November 2026 may show earlier ones."
)


def one_line(text: str) -> str:
    return " ".join(text.split())


def printed(services: Services, client: Client, agreement: Agreement) -> bytes:
    """The PDF as Print… and Save PDF… make it, with today's settings as the app holds them."""
    return agreement_pdf_builder(services, client, agreement, services.settings.load(), TODAY)()


def test_a_version_signed_before_the_practice_was_kept_says_so_when_reprinted(
    location: VaultLocation, pdf_text: PdfText
) -> None:
    client, _ = signed_before_the_practice_was_kept(location, PRACTICE, ANA)
    services = Services.open(location.unlock())  # opening brings it up to date
    try:
        assert migrations.schema_version(services.vault.conn) == migrations.LATEST_VERSION
        services.settings.set_many(TODAYS)
        [old] = services.agreements.history(client.id or 0)
        assert services.agreements.practice(old.id or 0) == {}

        text = one_line(pdf_text(printed(services, client, old)))

        assert OLD_LINE in text
        assert "+1 416-555-0199" in text  # today's letterhead: all there is, and it says so
        assert text.index("Version 1 · signed 1 November 2026") < text.index(OLD_LINE)
        kept = kept_at_signing(services, old)
        assert kept == KeptAtSigning(practice=False, wording=True)
        assert kept.notice(old).startswith("Version 1 was signed before its practice details")
    finally:
        services.close()


def test_a_version_signed_before_anything_was_kept_names_both(
    services: Services, pdf_text: PdfText
) -> None:
    services.settings.set_many(PRACTICE)
    client = services.clients.add(ANA)
    signed = _sign(services, client)
    for table in ("agreement_practice", "agreement_wording"):
        services.vault.conn.execute(
            f"DELETE FROM {table} WHERE agreement_id = ?",  # noqa: S608
            (signed.id,),
        )

    text = one_line(pdf_text(printed(services, client, signed)))

    assert "The practice details above and the wording below are today's;" in text


def test_a_version_signed_with_its_details_kept_reprints_exactly_as_signed(
    services: Services, monkeypatch: pytest.MonkeyPatch, pdf_text: PdfText
) -> None:
    monkeypatch.setattr("boundary_desk.reports.document.made_now", lambda: MADE)
    services.settings.set_many(PRACTICE)
    client = services.clients.add(ANA)
    signed = _sign(services, client)
    as_signed = printed(services, client, signed)  # the copy handed over at signing

    services.settings.set_many(TODAYS)
    services.clauses.set("records", "Other wording for {client_name}.")
    reprint = printed(services, client, signed)

    assert kept_at_signing(services, signed) == KeptAtSigning()
    assert pdf_text(reprint) == pdf_text(as_signed)
    assert "Reprinted" not in pdf_text(reprint)
    assert reprint == as_signed  # made at the same moment: the same bytes, paper size and all


def test_a_draft_is_never_marked_as_a_reprint(services: Services, pdf_text: PdfText) -> None:
    services.settings.set_many(PRACTICE)
    client = services.clients.add(ANA)
    draft, _ = starting_point(services, client)
    saved = services.agreements.save_draft(draft)

    assert kept_at_signing(services, saved) == KeptAtSigning()
    assert "Reprinted" not in pdf_text(printed(services, client, saved))


def _sign(services: Services, client: Client) -> Agreement:
    draft, _ = starting_point(services, client)
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = replace(
        draft.with_terms(email),
        client_signed_on=date(2026, 11, 1),
        clinician_signed_on=date(2026, 11, 1),
        review_on=date(2027, 5, 1),
    )
    return sign(services, draft, date(2026, 11, 2))
