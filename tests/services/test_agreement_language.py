"""The agreement in the client's language, whatever the app's: recorded with each version,
printed in it (words, dates, direction), with the clinician's own wording per language."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clauses import MISSING_MARK
from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.agreements import save_draft, sign, starting_point
from boundary_desk.services.clauses import clause_set, set_clause
from boundary_desk.services.documents import agreement_pdf_builder, save_agreement_pdf
from boundary_desk.system import i18n
from tests.conftest import PdfText

TODAY = date(2026, 11, 22)
EMAIL = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _client(services: Services, name: str = "Dana Cohen") -> Client:
    return services.clients.add(Client(code="", display_name=name))


def _flat(text: str) -> str:
    """The text on one line, without the invisible direction marks pdftotext writes."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())


def _bare(text: str) -> str:
    return "".join(text.replace("-", "").split())


def _pdf(services: Services, client: Client, language: str) -> bytes:
    draft, _ = starting_point(services, client)
    saved = save_draft(services, replace(draft.with_terms(EMAIL), language=language))
    return agreement_pdf_builder(services, client, saved, services.settings.load(), TODAY)()


def test_a_first_draft_is_in_the_apps_language_and_each_version_keeps_its_own(
    services: Services,
) -> None:
    services.settings.set("language", "fr")
    client = _client(services)
    draft, _ = starting_point(services, client)
    assert draft.language == "fr"
    saved = save_draft(services, replace(draft, language="he"))
    assert services.agreements.get(saved.id or 0).language == "he"
    services.settings.set("language", "en")  # the app's language changes; the agreement's not
    again, _ = starting_point(services, client)
    assert again.language == "he"


def test_an_unknown_language_is_refused_and_nothing_is_saved(services: Services) -> None:
    client = _client(services)
    draft, _ = starting_point(services, client)
    with pytest.raises(InvalidInput, match="en, fr, he"):
        save_draft(services, replace(draft, language="de"))
    assert services.agreements.history(client.id or 0) == []


def test_a_french_agreement_prints_in_french_from_an_english_app(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    services.settings.set("clinician", "Dr. Jo Rivera")
    client = _client(services, "Marie Tremblay")
    text = _flat(pdf_text(_pdf(services, client, "fr")))
    assert "Entente de communication" in text
    assert "Préparée pour Marie Tremblay" in text
    assert "à signer le 22 novembre 2026" in text  # the date as Quebec writes it
    assert "En cas de crise ou d'urgence" in text
    assert "Signatures" in text and "Page 1 de" in text
    assert "Cette entente décrit comment Marie Tremblay et Dr. Jo Rivera" in text
    assert "du lundi au vendredi, de 9 h à 17 h" in text
    assert "Communication agreement" not in text and "Prepared for" not in text


def test_an_english_agreement_prints_its_dates_in_english_from_a_french_app(
    services: Services, pdf_text: PdfText
) -> None:
    client = _client(services, "Ana Lima")
    i18n.set_language("fr")
    text = _flat(pdf_text(_pdf(services, client, "en")))
    assert "Communication agreement" in text and "Prepared for Ana Lima" in text
    assert "22 November 2026" in text
    assert "novembre" not in text and "Entente" not in text


def test_a_hebrew_agreement_prints_in_hebrew_in_reading_order(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    services.settings.set("clinician", "Dr. Noa Levi")
    client = _client(services)
    text = _flat(pdf_text(_pdf(services, client, "he")))
    assert "הסכם תקשורת" in text
    assert "בנובמבר 2026" in text and "22" in text  # pdftotext moves the "ב-" about
    assert "במשבר או במצב חירום" in text
    assert "Dana Cohen" in text and "Dr. Noa Levi" in text
    # The intro wraps over several lines; read back, its words come in the order written
    # (pdftotext moves a hyphen between Hebrew and Latin about, so hyphens are left out).
    intro = "הסכם זה מתאר איך Dana Cohen ו־Dr. Noa Levi שומרים על קשר בין הפגישות"
    assert _bare(intro) in _bare(text)
    assert text.index("על ההסכם הזה") < text.index("איך אנחנו שומרים על קשר") < text.index("חתימות")


def test_wording_edited_in_english_only_is_missing_in_french_never_the_default(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    client = _client(services)
    set_clause(services, "records", "My own records wording, {client_name}.")
    french = clause_set(services, "fr")
    assert french.missing == frozenset({"records"})
    assert french.text("records") == MISSING_MARK  # shown as missing, not the default
    assert clause_set(services, "en").missing == frozenset()
    draft, _ = starting_point(services, client)
    saved = save_draft(services, replace(draft.with_terms(EMAIL), language="fr"))
    with pytest.raises(InvalidInput, match="records has no French version"):
        agreement_pdf_builder(services, client, saved, services.settings.load(), TODAY)
    with pytest.raises(InvalidInput, match="records has no French version"):
        save_agreement_pdf(services, client, saved, tmp_path / "refused.pdf", TODAY)
    assert not (tmp_path / "refused.pdf").exists()
    signing = replace(saved, client_signed_on=TODAY, clinician_signed_on=TODAY)
    with pytest.raises(InvalidInput, match="records has no French version"):
        sign(services, signing, TODAY)
    assert services.agreements.get(saved.id or 0).status.value == "draft"

    set_clause(services, "records", "Mon propre libellé pour le dossier, {client_name}.", "fr")
    assert clause_set(services, "fr").missing == frozenset()
    text = _flat(
        pdf_text(agreement_pdf_builder(services, client, saved, services.settings.load(), TODAY)())
    )
    assert "Mon propre libellé pour le dossier, Dana Cohen." in text
    signed = sign(services, signing, TODAY)
    kept = services.agreements.wording(signed.id or 0)
    assert kept["records"] == "Mon propre libellé pour le dossier, {client_name}."
    assert kept["intro"].startswith("Cette entente")  # signed with the French wording


def test_an_edit_in_one_language_leaves_the_others_alone(services: Services) -> None:
    set_clause(services, "records", "Mon libellé, {client_name}.", "fr")
    assert services.clauses.overrides("fr") == {"records": "Mon libellé, {client_name}."}
    assert services.clauses.overrides("en") == {}
    assert services.clauses.overrides("he") == {}
    assert clause_set(services, "en").missing == frozenset({"records"})
    with pytest.raises(InvalidInput, match="en, fr, he"):
        set_clause(services, "records", "Anything.", "de")
    set_clause(services, "records", "", "fr")  # back to the default French wording
    assert clause_set(services, "en").missing == frozenset()


def test_quebec_crisis_lines_print_in_the_agreements_language(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    services.settings.set("region", "CA-QC")
    client = _client(services, "Marie Tremblay")
    french = _flat(pdf_text(_pdf(services, client, "fr")))
    assert "9-8-8, ligne d'aide en cas de crise suicidaire (appel ou texto)" in french
    assert "Info-Social 811 (option 2" in french and "811" in french
    assert "Urgence (police, ambulance, pompiers)" in french
    english = _flat(pdf_text(_pdf(services, _client(services, "Ana Lima"), "en")))
    assert "Info-Social 811 (option 2, psychosocial help, 24 hours)" in english


def test_israeli_crisis_lines_print_in_hebrew_and_the_clinicians_own_as_written(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    services.settings.set("region", "IL")
    text = _flat(pdf_text(_pdf(services, _client(services), "he")))
    for label, number in [("ער״ן", "1201"), ("משטרה", "100"), ("מגן דוד אדום", "101")]:
        assert label in text and number in text
    services.settings.set("crisis", "ERAN: 1201; Natal trauma line: 1-800-363-363")
    own = _flat(pdf_text(_pdf(services, _client(services, "Avi Ben"), "he")))
    assert "Natal trauma line" in own and "1-800-363-363" in own  # edited: as written
    assert "ער״ן" not in own
