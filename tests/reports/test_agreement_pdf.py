"""The printed agreement says what was agreed, exactly as typed, on numbered pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.domain.agreement_document import AgreementDocument, build_document
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    ContactSafety,
    CrisisPlan,
    Purpose,
)
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.crisis import emergency_number
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS
from boundary_desk.reports.agreement_pdf import agreement_pdf
from boundary_desk.reports.document import MARGIN
from boundary_desk.storage.stores.clause_defaults import default_clauses

PdfText = Callable[..., str]

TODAY = date(2026, 11, 22)
CANADIAN_PRACTICE = {
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbour Counselling",
    "address": "12 King Street West, Suite 400\nToronto, ON  M5H 1A1",
    "phone": "+1 416-555-0100",
    "email": "alex@harbourcounselling.example",
    "region": "CA-ON",
    "timezone": "America/Toronto",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
}
HOSTILE = (
    "<b>Bold</b>",
    "<img src=x>",
    '&amp; & "quotes"',
    "Σοφία Παπαδοπούλου",
    "Анна Кузнецова",
    "Zoë O'Brien-Łukasiewicz",
)
LONG_WORD = "W" * 300


def agreement_document(
    *,
    practice: Mapping[str, str] = CANADIAN_PRACTICE,
    channels: tuple[Channel, ...] = (Channel.EMAIL, Channel.PHONE),
    client: Client | None = None,
    overrides: Mapping[str, str] | None = None,
    **changes: Any,
) -> AgreementDocument:
    """A document built the way the app builds one, from real domain objects."""
    settings = PracticeSettings.from_values(practice)
    agreement = Agreement(
        client_id=1,
        safety=ContactSafety(phone="+1 416-555-0199", email="sam@example.org"),
        crisis=CrisisPlan(
            resources=settings.crisis,
            emergency_number=emergency_number(settings.region.country),
            nearest_er="Toronto General Hospital, 200 Elizabeth Street",
            emergency_contact="Jordan Taylor (partner), 416-555-0142",
        ),
        review_on=date(2027, 5, 22),
    )
    purposes = frozenset({Purpose.SCHEDULING, Purpose.CHECK_IN})
    for channel in channels:
        agreement = agreement.with_terms(ChannelTerms(channel, allowed=True, purposes=purposes))
    agreement = replace(agreement, **changes)
    client = client or Client(code="C-001", display_name="Sam Taylor")
    clauses = ClauseSet(default_clauses(), overrides or {})
    return build_document(agreement, client, settings, clauses, TODAY)


def one_line(text: str) -> str:
    return " ".join(text.split())


def page_count(text: str) -> int:
    return text.count("\f")


def test_the_agreement_names_who_and_what_was_agreed(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(agreement_pdf(agreement_document())))

    assert "Harbour Counselling" in text
    assert "Dr. Alex Rivera, MSW, RSW" in text
    assert "+1 416-555-0100 · alex@harbourcounselling.example" in text
    assert "Communication agreement" in text
    assert "Prepared for Sam Taylor" in text
    assert "Version 1 · for signature on" in text  # issue 13: paper a client can sign
    assert "Email" in text
    assert "Phone calls" in text
    assert "Ordinary email is not encrypted end to end." in text  # the plain-language risk
    assert "We have agreed not to use these: text messages (SMS), voicemail," in text


def test_the_crisis_box_carries_the_numbers(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(agreement_pdf(agreement_document())))

    assert "In a crisis or emergency" in text
    assert "Emergency (police, ambulance, fire) 911" in text
    assert "9-8-8 Suicide Crisis Helpline (call or text) 988" in text
    assert "Nearest emergency room Toronto General Hospital, 200 Elizabeth Street" in text
    assert "If the technology fails." in text


def test_every_page_has_the_footer_and_its_number(pdf_text: PdfText) -> None:
    text = pdf_text(agreement_pdf(agreement_document()))
    pages = page_count(text)

    assert pages >= 1
    assert "Page 1 of" in text
    assert text.count("Communication agreement · version 1 · printed 22 November 2026") == pages
    assert f"Page {pages} of {pages}" in text


def test_signature_lines_for_client_and_clinician(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(agreement_pdf(agreement_document())))

    assert "Client · Sam Taylor" in text
    assert "Clinician · Dr. Alex Rivera" in text
    assert text.count("Date") >= 2
    assert "Parent or guardian" not in text


def test_a_signed_agreement_prints_the_signing_dates(pdf_text: PdfText) -> None:
    document = agreement_document(
        status=AgreementStatus.SIGNED,
        client_signed_on=date(2026, 11, 20),
        clinician_signed_on=date(2026, 11, 21),
    )

    text = one_line(pdf_text(agreement_pdf(document)))

    assert "Version 1 · signed 20 November 2026 · review by 22 May 2027" in text
    assert "21 November 2026" in text


def test_a_minor_client_has_a_guardian_signature_line(pdf_text: PdfText) -> None:
    client = Client(code="C-002", display_name="Mia Chen", is_minor=True, guardian_name="Li Chen")

    text = one_line(pdf_text(agreement_pdf(agreement_document(client=client))))

    assert "Parent or guardian · Li Chen" in text
    assert "Because Mia Chen is under 18" in text


def test_no_channels_allowed_says_so(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(agreement_pdf(agreement_document(channels=()))))

    assert "We have agreed not to use electronic contact between sessions." in text
    assert "Never for emergencies" not in text  # no channel blocks at all
    assert "Emergency (police, ambulance, fire) 911" in text


def test_an_empty_practice_profile_still_prints(pdf_text: PdfText) -> None:
    document = agreement_document(practice={"region": "GB"})
    assert document.letterhead == ()

    text = one_line(pdf_text(agreement_pdf(document)))

    assert text.startswith("Communication agreement Prepared for Sam Taylor")
    assert "Clinician Date" in text  # an unnamed clinician still gets a line to sign
    assert "Page 1 of" in text


def test_a_practice_with_only_a_clinician_leads_with_the_clinician(pdf_text: PdfText) -> None:
    document = agreement_document(practice={"clinician": "Robin Ng", "region": "US"})

    text = one_line(pdf_text(agreement_pdf(document)))

    assert text.startswith("Robin Ng Communication agreement")


def test_all_seven_channels_fill_about_three_pages(pdf_text: PdfText) -> None:
    document = agreement_document(channels=tuple(Channel))

    text = pdf_text(agreement_pdf(document))
    pages = page_count(text)

    assert 2 <= pages <= 4
    assert f"Page {pages} of {pages}" in text
    flat = one_line(text)
    for channel in Channel:
        assert CHANNEL_LABELS[channel] in flat
    assert "We have agreed not to use these" not in flat


@pytest.mark.parametrize("region", ["CA-ON", "GB"], ids=["Letter", "A4"])
@pytest.mark.parametrize(
    "channels",
    [(Channel.EMAIL,), (Channel.EMAIL, Channel.PHONE), (Channel.EMAIL, Channel.TEXT)],
    ids=["one channel", "two channels", "email and text"],
)
def test_a_first_agreement_of_one_or_two_channels_fits_two_pages(
    channels: tuple[Channel, ...], region: str, pdf_text: PdfText
) -> None:
    """Issue 13: two channels ran to three pages, a quarter of page 1 left for the crisis box."""
    practice = {**CANADIAN_PRACTICE, "region": region}
    text = pdf_text(agreement_pdf(agreement_document(practice=practice, channels=channels)))
    assert page_count(text) == 2
    pages = text.split("\f")
    crisis = [i for i, page in enumerate(pages) if "In a crisis or emergency" in page]
    assert crisis and "If the technology fails" in pages[crisis[0]]  # the box is whole


CHANNEL_COUNTS = {
    "1 channel": ((Channel.EMAIL,), 2),
    "2 channels": ((Channel.EMAIL, Channel.PHONE), 2),
    "3 channels": ((Channel.EMAIL, Channel.TEXT, Channel.PHONE), 2),
    "4 channels": ((Channel.EMAIL, Channel.TEXT, Channel.PHONE, Channel.VIDEO), 2),
    "5 channels": (
        (Channel.EMAIL, Channel.TEXT, Channel.PHONE, Channel.VOICEMAIL, Channel.VIDEO),
        2,
    ),
    "all channels": (tuple(Channel), 3),
}


@pytest.fixture
def page_fill(tmp_path: Path) -> Callable[[bytes], list[float]]:
    """How far down each page the printing reaches, as a share of the space for it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    counter = iter(range(1_000_000))

    def fill(pdf: bytes) -> list[float]:
        path = tmp_path / f"filled-{next(counter)}.pdf"
        path.write_bytes(pdf)
        boxes = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
        shares = []
        for page in boxes.split("<page ")[1:]:
            height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
            body = height - 2 * MARGIN
            bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
            printed = [y for y in bottoms if y <= height - MARGIN]  # not the footer
            shares.append((max(printed) - MARGIN) / body)
        return shares

    return fill


@pytest.mark.parametrize("region", ["CA-ON", "GB"], ids=["Letter", "A4"])
@pytest.mark.parametrize(
    ("channels", "expected"), CHANNEL_COUNTS.values(), ids=CHANNEL_COUNTS.keys()
)
def test_three_or_more_channels_fit_the_fewest_pages_without_holes(
    channels: tuple[Channel, ...],
    expected: int,
    region: str,
    pdf_text: PdfText,
    page_fill: Callable[[bytes], list[float]],
) -> None:
    """Issue 13: three channels ran to three pages, the crisis box leaving a hole before it."""
    practice = {**CANADIAN_PRACTICE, "region": region}
    pdf = agreement_pdf(agreement_document(practice=practice, channels=channels))
    pages = [one_line(page) for page in pdf_text(pdf).split("\f")[:-1]]

    assert len(pages) == expected

    def pages_with(phrase: str) -> list[int]:
        return [number for number, page in enumerate(pages) if phrase in page]

    box = (
        "In a crisis or emergency",
        "Emergency (police, ambulance, fire)",
        "If the technology fails",
    )
    assert len(pages_with(box[0])) == 1
    assert {page for phrase in box for page in pages_with(phrase)} == set(pages_with(box[0]))
    signatures = ("Signatures", "Client · Sam Taylor", "Clinician · Dr. Alex Rivera")
    assert [pages_with(phrase) for phrase in signatures] == [[len(pages) - 1]] * 3
    for channel in channels:  # every channel's block, whole, on one page
        title = CHANNEL_LABELS[channel].replace(" (SMS)", "")
        risk = one_line(default_clauses()[f"risk.{channel.value}"])
        assert len(pages_with(title)) >= 1 and len(pages_with(risk)) == 1
    # Every page but the last is printed at least three quarters of the way down.
    assert min(page_fill(pdf)[:-1]) >= 0.75


KEEP_CASES = {
    "two channels": {},
    "all channels": {"channels": tuple(Channel)},
    "no channels": {"channels": ()},
    "A4, empty profile": {"practice": {"region": "GB"}},
    "long clauses": {
        "overrides": {
            name: " ".join(["A clause the clinician wrote out in full."] * 30)
            for name in ("intro", "crisis", "availability", "records")
        },
    },
}


@pytest.mark.parametrize("changes", KEEP_CASES.values(), ids=KEEP_CASES.keys())
def test_the_crisis_box_and_the_signatures_are_never_split(
    changes: dict[str, Any], pdf_text: PdfText
) -> None:
    pages = pdf_text(agreement_pdf(agreement_document(**changes))).split("\f")

    def page_of(phrase: str) -> int:
        return next(i for i, page in enumerate(pages) if phrase in one_line(page))

    assert page_of("In a crisis or emergency") == page_of("If the technology fails")
    signers = ("Client · Sam Taylor", "Clinician")
    assert {page_of("Signatures")} == {page_of(signer) for signer in signers}
    assert page_of("Online searches") == page_of("Signatures")  # never a page on its own


@pytest.mark.parametrize("changes", KEEP_CASES.values(), ids=KEEP_CASES.keys())
def test_no_heading_is_left_at_the_foot_of_a_page(
    changes: dict[str, Any], pdf_text: PdfText
) -> None:
    document = agreement_document(**changes)
    headings = {s.heading for s in (*document.sections, *document.closing_sections)}

    pages = pdf_text(agreement_pdf(document), layout=True).split("\f")

    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[:-1]  # the footer is the last line
        assert body and body[-1] not in headings


@pytest.mark.parametrize("name", HOSTILE)
def test_names_print_literally_whatever_they_hold(name: str, pdf_text: PdfText) -> None:
    practice = {**CANADIAN_PRACTICE, "clinician": name, "practice": f"{name} Practice"}
    client = Client(code="C-003", display_name=name)

    text = one_line(pdf_text(agreement_pdf(agreement_document(practice=practice, client=client))))

    assert f"{name} Practice" in text
    assert f"Prepared for {name}" in text
    assert f"Client · {name}" in text
    assert f"Clinician · {name}" in text


@pytest.mark.parametrize("name", ["שרה כהן", "سارة الأحمد"], ids=["Hebrew", "Arabic"])
def test_right_to_left_names_print_every_word(name: str, pdf_text: PdfText) -> None:
    client = Client(code="C-004", display_name=name)

    text = one_line(pdf_text(agreement_pdf(agreement_document(client=client))))

    # Printed in visual order with joined Arabic letters; poppler reads RTL back in
    # logical order, and NFKC folds Arabic presentation forms to the letters typed.
    import unicodedata

    logical = "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf"
    )
    assert name in logical
    assert "Prepared for" in text


def test_emoji_in_a_name_do_not_stop_the_document(pdf_text: PdfText) -> None:
    client = Client(code="C-005", display_name="Zoë 😀🌿 Adams")

    text = one_line(pdf_text(agreement_pdf(agreement_document(client=client))))

    assert "Prepared for Zoë" in text
    assert "Adams" in text


@pytest.mark.xfail(
    strict=True,
    reason="reportlab writes characters beyond U+FFFF into the ToUnicode map as five hex "
    "digits (read back as U+1F60) and DejaVu Sans has no glyph for most emoji",
)
def test_emoji_in_a_name_read_back_exactly(pdf_text: PdfText) -> None:
    client = Client(code="C-005", display_name="Zoë 😀🌿 Adams")

    text = one_line(pdf_text(agreement_pdf(agreement_document(client=client))))

    assert "Prepared for Zoë 😀🌿 Adams" in text


def test_a_300_character_word_wraps_and_is_never_cut(pdf_text: PdfText) -> None:
    client = Client(code="C-006", display_name=LONG_WORD)
    document = agreement_document(
        client=client,
        practice={**CANADIAN_PRACTICE, "address": LONG_WORD},
        overrides={"risk.email": f"See {LONG_WORD} for details."},
    )

    text = pdf_text(agreement_pdf(document))

    # Each occurrence breaks across lines; joined up, all of it is there.
    joined = "".join(text.split())
    assert joined.count(LONG_WORD) >= 5  # letterhead, title, intro, risk note, signature
    assert "Page 1 of" in text


def test_markup_in_clause_overrides_and_crisis_labels_prints_literally(pdf_text: PdfText) -> None:
    document = agreement_document(
        overrides={"intro": "Between <b>{client_name}</b> & <i>me</i>."},
        crisis=CrisisPlan(nearest_er='<font size="40">St. Mary\'s</font>'),
    )
    crisis = replace(document.crisis, resources=(("<u>Line</u> & co", "1-800 <br/>"),))

    text = one_line(pdf_text(agreement_pdf(replace(document, crisis=crisis))))

    assert "Between <b>Sam Taylor</b> & <i>me</i>." in text
    assert "<u>Line</u> & co" in text
    assert "1-800 <br/>" in text
    assert '<font size="40">St. Mary\'s</font>' in text


def test_long_clauses_split_across_pages_without_error(pdf_text: PdfText) -> None:
    long_text = " ".join(["A long clause the clinician wrote in full."] * 45)
    overrides = {name: long_text for name in ("crisis", "risk.email", "risks", "signatures")}

    text = pdf_text(agreement_pdf(agreement_document(overrides=overrides)))

    assert page_count(text) >= 3
    assert "Client · Sam Taylor" in text


def test_us_practices_print_on_letter_and_others_on_a4(tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed, so the page size cannot be read")
    sizes = {}
    for country in ("US", "GB"):
        path = tmp_path / f"{country}.pdf"
        path.write_bytes(agreement_pdf(agreement_document(practice={"region": country})))
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
        sizes[country] = re.search(r"Page size:\s+(.*)", info.stdout).group(1)  # type: ignore[union-attr]

    assert "612 x 792" in sizes["US"]
    assert "595.276 x 841.89" in sizes["GB"]


def test_metadata_names_the_document_but_not_the_client(tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed, so metadata cannot be read")
    path = tmp_path / "agreement.pdf"
    path.write_bytes(agreement_pdf(agreement_document()))

    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)

    assert "Title:           Communication agreement" in info.stdout
    assert "Sam Taylor" not in info.stdout


def test_same_document_gives_identical_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Made at the same moment: the creation time is the one thing that changes with the clock.
    moment = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)
    monkeypatch.setattr("boundary_desk.reports.document.made_now", lambda: moment)
    assert agreement_pdf(agreement_document()) == agreement_pdf(agreement_document())
