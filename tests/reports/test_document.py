"""The shared page: paper size, fonts, footer numbering and metadata."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import PageBreak, Paragraph, Spacer

from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.fonts import MONO, SANS, SANS_BOLD, SANS_OBLIQUE, register_fonts
from boundary_desk.reports.theme import report_styles
from boundary_desk.system.resources import resource_path

PdfText = Callable[[bytes], str]


@pytest.mark.parametrize(("country", "size"), [("US", LETTER), ("ca", LETTER), (" MX ", LETTER)])
def test_letter_countries(country: str, size: tuple[float, float]) -> None:
    assert page_size_for_country(country) == size


@pytest.mark.parametrize("country", ["GB", "DE", "AU", "IN", ""])
def test_everywhere_else_prints_on_a4(country: str) -> None:
    assert page_size_for_country(country) == A4


def test_resources_are_found_from_the_package() -> None:
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert "Bitstream Vera" in resource_path("fonts", "LICENSE-DejaVu.txt").read_text()


def test_registering_fonts_twice_is_harmless() -> None:
    register_fonts()
    register_fonts()

    assert {SANS, SANS_BOLD, SANS_OBLIQUE, MONO} <= set(pdfmetrics.getRegisteredFontNames())
    assert tt2ps(SANS, 1, 0) == SANS_BOLD
    assert tt2ps(SANS, 0, 1) == SANS_OBLIQUE
    assert tt2ps(MONO, 1, 1) == MONO


@pytest.mark.parametrize("font", [SANS, SANS_BOLD, SANS_OBLIQUE, MONO])
def test_fonts_cover_latin_extended_greek_and_cyrillic(font: str) -> None:
    register_fonts()
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    sample = "ĄąČčĘęŁłŐőŘřŞşŻż ΑαΒβΓγΔδΩωάέ АаБбЖжЩщЯяЁёЇїҐґ"

    assert [ch for ch in sample if ch != " " and ord(ch) not in glyphs] == []


def test_every_page_says_which_of_how_many(pdf_text: PdfText) -> None:
    body = report_styles().body
    story = [Paragraph("first", body), PageBreak(), Paragraph("second", body), PageBreak(),
             Paragraph("third", body)]  # fmt: skip

    text = pdf_text(build_pdf(story, title="Test", footer_left="Weekly review"))

    assert text.count("\f") == 3
    for number in (1, 2, 3):
        assert f"Page {number} of 3" in text
    assert text.count("Weekly review") == 3


def test_the_space_left_at_each_page_foot_is_reported() -> None:
    """What a layout weighs one arrangement against another with."""
    _, height = content_size(A4)
    story = [Spacer(1, 100), PageBreak(), Spacer(1, height - 30), Spacer(1, 50)]
    page_ends: list[float] = []

    build_pdf(story, title="Test", footer_left="", pagesize=A4, page_ends=page_ends)

    # Page 2 could not take the last spacer whole, so it starts page 3 with 30 pt left.
    assert page_ends == pytest.approx([height - 100, 30, height - 50])


def test_a_long_footer_is_cut_rather_than_run_into_the_page_number(pdf_text: PdfText) -> None:
    story = [Paragraph("body", report_styles().body)]

    text = pdf_text(build_pdf(story, title="Test", footer_left="Practice " * 40))

    assert "…" in text
    assert "Page 1 of 1" in text


def test_the_page_size_is_the_one_asked_for(tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "letter.pdf"
    story = [Paragraph("body", report_styles().body)]
    path.write_bytes(build_pdf(story, title="Weekly review", footer_left="", pagesize=LETTER))

    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)

    assert "612 x 792 pts (letter)" in info.stdout
    assert "Title:           Weekly review" in info.stdout
    assert "Author:          Boundary Desk" in info.stdout
    assert "Creator:         Boundary Desk" in info.stdout


def _info_dates(pdf: bytes) -> list[bytes]:
    return re.findall(rb"/(?:CreationDate|ModDate) \(D:([^)]*)\)", pdf)


def test_a_pdf_says_when_it_was_made_not_2000() -> None:
    story = [Paragraph("Hello", report_styles().body)]
    before = datetime.now(UTC).replace(microsecond=0)
    pdf = build_pdf(story, title="t", footer_left="")
    after = datetime.now(UTC)

    dates = _info_dates(pdf)
    assert len(dates) == 2 and dates[0] == dates[1]
    stamp = dates[0].decode()
    # D:YYYYMMDDHHmmSS+HH'mm' as the PDF spec writes it, read back as an aware time.
    made = datetime.strptime(f"{stamp[:17]}{stamp[18:20]}", "%Y%m%d%H%M%S%z")
    made_utc = made.astimezone(UTC)
    assert before <= made_utc <= after
    assert not stamp.startswith("2000")


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Toronto", "20261127224005-05'00'"),
        ("America/St_Johns", "20261127224005-03'30'"),
        ("Asia/Kolkata", "20261127224005+05'30'"),
        ("UTC", "20261127224005+00'00'"),
    ],
)
def test_the_creation_time_keeps_its_offset(zone: str, expected: str) -> None:
    moment = datetime(2026, 11, 27, 22, 40, 5, tzinfo=ZoneInfo(zone))
    pdf = build_pdf(
        [Paragraph("x", report_styles().body)], title="t", footer_left="", created=moment
    )
    assert _info_dates(pdf) == [expected.encode()] * 2


def test_a_naive_creation_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build_pdf([], title="t", footer_left="", created=datetime(2026, 11, 27))  # noqa: DTZ001


def test_made_at_the_same_moment_the_bytes_are_the_same() -> None:
    moment = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)
    story = lambda: [Paragraph("Same", report_styles().body)]  # noqa: E731
    one = build_pdf(story(), title="t", footer_left="", created=moment)
    assert one == build_pdf(story(), title="t", footer_left="", created=moment)
