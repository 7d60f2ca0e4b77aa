"""The weekly review and the communication record print in the app's language: French
for a Quebec clinician, Hebrew right to left for an Israeli one, and English from the
command line. The entries are logged in that language, so their warnings read in it too;
the supervision copy stays de-identified in every language."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
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
from boundary_desk.services import Services, documents
from boundary_desk.services.contacts import log_event
from boundary_desk.services.review import compute_review, parse_week
from boundary_desk.system import i18n
from tests.conftest import PdfText

NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)
NAME = "Zoé Marchand"
SUMMARY = "SUMMARY-MARKER she talked about her sister"


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _bare(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> str:
    """The words alone, in the order read back: pdftotext moves the punctuation next to
    right-to-left words about, and marks each run's direction."""
    return " ".join(re.findall(r"\w+", text))


def _logged_in(services: Services, language: str, region: str, zone: str) -> Client:
    """A late text and a curious search for Zoé, logged with the app in `language`."""
    services.settings.set_many({"region": region, "timezone": zone,
                                "hours": "mon-thu 09:00-17:00; fri 09:00-13:00"})  # fmt: skip
    i18n.set_language(language)
    zoe = services.clients.add(Client(code="ZM1", display_name=NAME))
    late = ContactEvent(
        zoe.id or 0, EventKind.CONTACT, datetime(2026, 11, 20, 20, 40, tzinfo=UTC),
        channel=ContactChannel.TEXT, direction=Direction.IN, category=Category.CLINICAL,
        minutes=5, summary=SUMMARY,
    )  # fmt: skip
    log_event(services, late, NOW)
    curious = Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED)
    search = ContactEvent(zoe.id or 0, EventKind.SEARCH, datetime(2026, 11, 18, 15, tzinfo=UTC),
                          summary=SUMMARY, search=curious)  # fmt: skip
    log_event(services, search, NOW)
    return zoe


def _week_logged_in(
    services: Services, folder: Path, language: str, region: str, zone: str
) -> Path:
    """The week's supervision copy, saved after `_logged_in`."""
    _logged_in(services, language, region, zone)
    review = compute_review(services, parse_week(services, "2026-W47"), NOW)
    request = documents.review_request(services, review, identified=False)
    path = folder / f"review-{language}.pdf"
    documents.save_review_pdf(services, request, path)
    return path


def test_in_french_the_review_prints_in_french_on_letter_paper(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    path = _week_logged_in(services, tmp_path, "fr", "CA-QC", "America/Toronto")
    text = pdf_text(path.read_bytes())
    flat = _bare(text)
    assert "Bilan hebdomadaire des limites" in text
    assert "16–22 novembre 2026 · semaine ISO 2026-W47" in flat
    assert "Dépersonnalisé : les clients n'apparaissent que par leur code" in flat
    assert "Avertissements de la semaine" in text
    assert "Recherches en ligne et demandes d'amitié" in text
    assert "Page 1 de" in text
    # The warnings were written in French when the entries were logged.
    assert "hors des heures de travail" in flat
    assert "Cette recherche sur ZM1 a été faite par curiosité" in flat
    for english in ("Weekly boundary review", "Warnings this week", "outside your working"):
        assert english not in flat
    assert NAME not in text and "Zoé" not in text and SUMMARY not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts" in info.stdout  # Letter, as in Canada


def test_in_hebrew_the_review_prints_in_hebrew_in_reading_order_on_a4(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    path = _week_logged_in(services, tmp_path, "he", "IL", "Asia/Jerusalem")
    text = pdf_text(path.read_bytes())
    flat = _bare(text)
    assert "סקירת גבולות שבועית" in text
    assert "אזהרות השבוע" in text
    assert "חיפושים ברשת ובקשות חברות" in text
    assert "ZM1" in text
    # Headings come in the order they are printed, and a wrapped paragraph keeps its words
    # in the order written.
    assert text.index("סקירת גבולות שבועית") < text.index("אזהרות השבוע") < text.index("רפלקציות")
    assert _words("ברפלקציות, ברשימה להדרכה ובהערות, השמות, המספרים") in _words(text)
    assert _words("החיפוש אחר ZM1 נעשה מתוך סקרנות, שאינה סיבה קלינית") in _words(text)
    for english in ("Weekly boundary review", "Warnings this week", "outside your working"):
        assert english not in flat
    assert NAME not in text and SUMMARY not in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89 pts" in info.stdout  # A4, as in Israel


def test_from_the_command_line_the_review_stays_in_english(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    path = _week_logged_in(services, tmp_path, "en", "CA-ON", "America/Toronto")
    flat = _bare(pdf_text(path.read_bytes()))
    assert "Weekly boundary review" in flat and "Warnings this week" in flat
    assert "This search for ZM1 was made out of curiosity" in flat


def _record(
    services: Services, pdf_text: PdfText, folder: Path, language: str, region: str, zone: str
) -> str:
    zoe = _logged_in(services, language, region, zone)
    request = documents.record_request(services, zoe, date(2026, 11, 23), include_self_review=True)
    path = folder / f"record-{language}.pdf"
    documents.save_record_pdf(services, request, path)
    return pdf_text(path.read_bytes())


def test_in_french_the_record_prints_in_french(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    text = _record(services, pdf_text, tmp_path, "fr", "CA-QC", "America/Toronto")
    flat = _bare(text)
    assert "Registre des communications" in text
    assert "Zoé Marchand · code client ZM1" in flat
    assert "Texto du client" in text and "Recherche en ligne sur le client" in text
    assert "HORS DES HEURES" in text and "Aucune réponse consignée" in text
    assert "ven. 20 nov. 2026" in flat and "15 h 40" in flat
    assert "Avertissement. Ce contact (texto) est arrivé à 15 h 40 le vendredi" in flat
    assert "Fin du registre : 2 entrées." in flat
    assert SUMMARY in flat  # the record is the clinical record: summaries print whole
    for english in ("Communication record", "No reply recorded", "End of record"):
        assert english not in flat


def test_in_hebrew_the_record_prints_in_hebrew_in_reading_order(
    services: Services, tmp_path: Path, pdf_text: PdfText
) -> None:
    text = _record(services, pdf_text, tmp_path, "he", "IL", "Asia/Jerusalem")
    assert "רישום התקשורת" in text
    words = _words(text)
    assert _words("הודעת טקסט מהמטופל/ת") in words and "לא נרשם מענה" in text
    assert "ZM1" in text and "Zoé Marchand" in text
    assert _words("סוף הרישום: 2 רשומות") in words
    assert _words("פנייה זו (הודעת טקסט) הגיעה") in words
    assert words.index("רישום התקשורת") < words.index(_words("הודעת טקסט מהמטופל/ת"))
    for english in ("Communication record", "No reply recorded", "End of record"):
        assert english not in text
