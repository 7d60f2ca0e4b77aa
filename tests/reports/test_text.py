"""User text reaches reportlab's Paragraph as literal text, never as markup."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from io import BytesIO

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from boundary_desk.reports.text import para_text
from boundary_desk.reports.theme import report_styles

PdfText = Callable[[bytes], str]
NARROW = 100.0  # points: about 16 characters of 10-point text


def render_in_frame(markup: str, width: float = NARROW) -> tuple[bytes, Paragraph, list[object]]:
    """Lay one report-style Paragraph into a frame `width` wide; what was left over."""
    para = Paragraph(markup, report_styles().body)
    story: list[object] = [para]
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    frame = Frame(72, 72, width, 650, leftPadding=0, bottomPadding=0, rightPadding=0, topPadding=0)
    frame.addFromList(story, canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), para, story


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("Smith & Jones", "Smith &amp; Jones"),
        ("&amp; stays literal", "&amp;amp; stays literal"),
        ("He said \"stop\" and 'wait'", "He said \"stop\" and 'wait'"),
        ("one\ntwo", "one<br/>two"),
        ("one\r\ntwo\rthree\u2028four", "one<br/>two<br/>three<br/>four"),
        ("a\tb", "a b"),
        ("bell\x07 nul\x00 esc\x1b del\x7f", "bell nul esc del"),
        ("lone \ud800surrogate", "lone surrogate"),
        ("👩\u200d⚕️ Ωμέγα Жюль", "👩\u200d⚕️ Ωμέγα Жюль"),
    ],
)
def test_para_text_escapes_markup_and_cleans_controls(typed: str, expected: str) -> None:
    assert para_text(typed) == expected


@pytest.mark.parametrize(
    ("typed", "visible"),
    [
        ("<b>x</b>", "<b>x</b>"),
        ("<img src=x>", "<img src=x>"),
        ('<font color="red">hi</font>', '<font color="red">hi</font>'),
        ("Smith & Jones &amp; Co", "Smith & Jones &amp; Co"),
        ("\"quoted\" & 'single'", "\"quoted\" & 'single'"),
        ("Ζωή Жизнь Łódź", "Ζωή Жизнь Łódź"),
    ],
)
def test_markup_in_user_text_prints_literally(typed: str, visible: str, pdf_text: PdfText) -> None:
    pdf, _, left_over = render_in_frame(para_text(typed), width=400)

    assert left_over == []
    assert visible in pdf_text(pdf)


def test_newlines_become_separate_lines(pdf_text: PdfText) -> None:
    pdf, _, _ = render_in_frame(para_text("first line\nsecond line"), width=400)

    lines = pdf_text(pdf).splitlines()
    assert "first line" in lines
    assert "second line" in lines


def test_a_300_character_word_wraps_inside_a_narrow_frame(pdf_text: PdfText) -> None:
    word = "x" * 300
    pdf, para, left_over = render_in_frame(para_text(word))

    assert left_over == []  # it fitted in the frame rather than being refused
    widths = para.getActualLineWidths0()
    assert len(widths) > 10
    assert max(widths) <= NARROW
    assert word in "".join(pdf_text(pdf).split())  # nothing lost in the breaking


def test_emoji_render_without_error(pdf_text: PdfText) -> None:
    pdf, _, left_over = render_in_frame(para_text("Call me 😀 later 👩\u200d⚕️"), width=400)

    assert left_over == []
    text = pdf_text(pdf)
    # reportlab's text map garbles characters above U+FFFF on the way back out,
    # so only the words around the emoji are compared.
    assert "Call me" in text
    assert "later" in text


@pytest.mark.parametrize("words", [["שלום", "עולם"], ["مرحبا", "بالعالم"]])
def test_right_to_left_text_renders_without_error(words: list[str], pdf_text: PdfText) -> None:
    pdf, _, left_over = render_in_frame(para_text(" ".join(words)), width=400)

    assert left_over == []
    # Shaped and put in visual order before layout; pdftotext reads RTL back in
    # logical order, and NFKC folds Arabic presentation forms to the typed letters.
    text = unicodedata.normalize("NFKC", pdf_text(pdf))
    logical = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    for word in words:
        assert word in logical


def test_right_to_left_lines_are_put_in_visual_order() -> None:
    assert para_text("Client: שרה כהן") == "Client: ןהכ הרש"
    assert para_text("<b>שלום</b>") == "&lt;b&gt;םולש&lt;/b&gt;"
    arabic = para_text("مريم")
    assert arabic != "مريم" and len(arabic) == 4  # joined presentation forms, reversed
