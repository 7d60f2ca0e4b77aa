"""User text reaches reportlab's Paragraph as literal text, never as markup."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from io import BytesIO

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from boundary_desk.reports.text import Paragraph, para_text, visual_line
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


@pytest.mark.parametrize("width", [60.0, 70.0, 80.0, 90.0, NARROW])
def test_a_french_time_is_never_broken_across_lines(width: float, pdf_text: PdfText) -> None:
    """ "22 h 40" and "5 min" read as one word: wherever the line ends, they stay whole."""
    pdf, _, _ = render_in_frame(para_text("Ce texto est arrivé à 22 h 40, pendant 5 min."), width)

    lines = [" ".join(line.split()) for line in pdf_text(pdf).splitlines()]
    assert any("22 h 40" in line for line in lines), lines
    assert any("5 min" in line for line in lines), lines


def test_only_a_number_before_h_or_min_is_held_together() -> None:
    assert para_text("à 22 h 40") == "à 22\u00a0h\u00a040"
    assert para_text("the h 4, 12 minutes, 22 hours") == "the h 4, 12 minutes, 22 hours"


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
    # Shaped before layout and put in visual order as drawn; pdftotext reads RTL back in
    # logical order, and NFKC folds Arabic presentation forms to the typed letters.
    text = unicodedata.normalize("NFKC", pdf_text(pdf))
    logical = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    for word in words:
        assert word in logical


def test_para_text_keeps_the_typed_order_for_wrapping() -> None:
    assert para_text("Client: שרה כהן") == "Client: שרה כהן"
    assert para_text("<b>שלום</b>") == "&lt;b&gt;שלום&lt;/b&gt;"
    arabic = para_text("مريم")
    assert arabic != "مريم" and len(arabic) == 4  # joined presentation forms, in typed order


def test_a_line_drawn_on_the_canvas_is_put_in_visual_order() -> None:
    assert visual_line("Client: שרה כהן") == "Client: ןהכ הרש"
    assert visual_line("שלום Dana Cohen (שרה) 911") == "911 (הרש) Dana Cohen םולש"
    assert visual_line("plain English") == "plain English"


HEBREW = (
    "אנחנו נשתמש בדואר אלקטרוני רק לתיאום מועדים עם Dana Cohen "
    "ולא לעניינים דחופים או למצבי חירום בשום מקרה"
)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _printed_lines(pdf_text: PdfText, pdf: bytes) -> list[str]:
    # pdftotext gives each RTL line back in logical order, inside embedding marks.
    text = pdf_text(pdf)
    lines = [
        "".join(ch for ch in line if unicodedata.category(ch) != "Cf") for line in text.splitlines()
    ]
    return [" ".join(line.split()) for line in lines if line.strip()]


def test_a_wrapped_hebrew_paragraph_prints_its_lines_in_reading_order(pdf_text: PdfText) -> None:
    pdf, para, left_over = render_in_frame(para_text(HEBREW))

    assert left_over == []
    assert len(para.blPara.lines) >= 4
    lines = _printed_lines(pdf_text, pdf)
    assert len(lines) == len(para.blPara.lines)
    assert lines[0].startswith("אנחנו נשתמש")
    assert lines[-1].endswith("מקרה")
    # Every letter, in order, across the lines (pdftotext may drop the space where
    # the script changes, so spaces are left out of the comparison).
    assert _squeezed(" ".join(lines)) == _squeezed(HEBREW)
    assert "Dana" in " ".join(lines) and "Cohen" in " ".join(lines)


def test_a_hebrew_paragraph_stands_against_the_right_margin(pdf_text: PdfText) -> None:
    pdf, _, _ = render_in_frame(para_text(HEBREW), width=300)
    layout = [line for line in pdf_text(pdf, layout=True).splitlines() if line.strip()]
    english, _, _ = render_in_frame(para_text("Client: שרה כהן, seen weekly"), width=300)
    english_layout = [line for line in pdf_text(english, layout=True).splitlines() if line.strip()]

    indents = [len(line) - len(line.lstrip()) for line in layout]
    assert indents[-1] > indents[0]  # the short last line is pushed to the right
    assert english_layout[0].startswith("Client:")  # a Hebrew name in English stays left


def test_bold_hebrew_inside_a_wrapped_paragraph_keeps_its_words(pdf_text: PdfText) -> None:
    markup = "<b>" + para_text("שימו לב:") + "</b> " + para_text(HEBREW)
    pdf, para, _ = render_in_frame(markup)

    assert para.blPara.kind == 1  # styled fragments, not plain words
    lines = _printed_lines(pdf_text, pdf)
    assert _squeezed(" ".join(lines)) == _squeezed("שימו לב: " + HEBREW)


def test_a_hebrew_paragraph_split_across_frames_keeps_its_order(pdf_text: PdfText) -> None:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    para = Paragraph(para_text(HEBREW), report_styles().body)
    para.wrap(NARROW, 1000)
    parts = para.split(NARROW, 45)  # the first part fits a short frame, the rest follows
    assert len(parts) == 2
    for part in parts:
        story: list[object] = [part]
        frame = Frame(72, 400, NARROW, 200, leftPadding=0, bottomPadding=0, rightPadding=0,
                      topPadding=0)  # fmt: skip
        frame.addFromList(story, canvas)
        assert story == []
        canvas.showPage()
    canvas.save()

    lines = _printed_lines(pdf_text, buffer.getvalue())
    assert len(lines) >= 4
    assert " ".join(lines).startswith("אנחנו נשתמש בדואר")
    assert _squeezed(" ".join(lines)) == _squeezed(HEBREW)
