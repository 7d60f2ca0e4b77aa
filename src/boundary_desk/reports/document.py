"""The page every report shares: paper size, margins, footer, in-memory build.

PDFs are built into memory and handed back as bytes; only `save_pdf` touches the
disk, so a half-built report never exists as a file.

Every PDF carries the real moment it was made as its CreationDate (in the computer's
own offset from UTC), so a printout found later says when it was made. Everything else
stays reproducible: reportlab's `invariant` mode keeps the document id a digest of the
content, so the same input made at the same moment gives the same bytes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from boundary_desk.reports.fonts import SANS, register_fonts
from boundary_desk.reports.text import BIDI_MARKS, visual_line
from boundary_desk.reports.theme import MUTED, RULE

PageSize = tuple[float, float]

APP_NAME = "Boundary Desk"
MARGIN = 20 * mm
FOOTER_BASELINE = 11 * mm
FOOTER_SIZE = 8

# Territories whose everyday paper is US Letter (CLDR supplemental paperSize data);
# everywhere else prints on A4.
LETTER_COUNTRIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)


def page_size_for_country(country: str) -> PageSize:
    """US Letter for countries that use it (US, Canada, ...), A4 for the rest."""
    size: PageSize = LETTER if country.strip().upper() in LETTER_COUNTRIES else A4
    return size


def content_size(pagesize: PageSize) -> PageSize:
    """Width and height left for the story inside the margins."""
    width, height = pagesize
    return width - 2 * MARGIN, height - 2 * MARGIN


def made_now() -> datetime:
    """The moment a PDF is made, on the computer's clock, timezone-aware."""
    return datetime.now(UTC).astimezone()


class _CreationStamp:
    """What reportlab reads for CreationDate and ModDate: our moment, not 2000-01-01."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a PDF's creation time must be timezone-aware")
        offset = moment.utcoffset()
        minutes = round(offset.total_seconds() / 60) if offset is not None else 0
        sign = -1 if minutes < 0 else 1
        self.YMDhms = moment.timetuple()[:6]
        self.dhh = sign * (abs(minutes) // 60)  # "-03'30'" for Newfoundland, as PDF wants
        self.dmm = abs(minutes) % 60
        self.t = moment.timestamp()


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    footer_left: str,
    pagesize: PageSize = A4,
    created: datetime | None = None,
    page_ends: list[float] | None = None,
    page_words: str = "Page {number} of {total}",
    right_to_left: bool = False,
) -> bytes:
    """Render `story` into PDF bytes, with "Page X of Y" and `footer_left` on every page.

    `created` is the PDF's CreationDate: the moment it is made unless given. Given a
    `page_ends` list, the height left empty at the foot of each page (in points) is
    appended to it, page by page, for a layout that weighs one arrangement against another.
    `page_words` is "Page {number} of {total}" in the document's language; a
    `right_to_left` document has its footer mirrored (page number on the left).
    """
    stamp = _CreationStamp(created if created is not None else made_now())
    register_fonts()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=APP_NAME,
        creator=APP_NAME,
        producer=APP_NAME,
        invariant=1,  # no random document id; the creation time is set below
    )
    width, height = content_size(pagesize)
    frame = Frame(
        MARGIN,
        MARGIN,
        width,
        height,
        leftPadding=0,
        bottomPadding=0,
        rightPadding=0,
        topPadding=0,
        id="body",
    )

    def page_end(_canvas: Canvas, template: BaseDocTemplate) -> None:
        if page_ends is not None:
            ended = template.frame
            page_ends.append(max(ended._y - ended._y1, 0.0))

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_end)])

    def canvasmaker(*args: Any, **kwargs: Any) -> _FooterCanvas:
        canvas = _FooterCanvas(
            *args,
            footer_left=footer_left,
            page_words=page_words,
            right_to_left=right_to_left,
            **kwargs,
        )
        canvas._doc._timeStamp = stamp  # read when the Info dictionary is written
        return canvas

    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


class _FooterCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end, so each footer can say "of Y"."""

    def __init__(
        self, *args: Any, footer_left: str, page_words: str, right_to_left: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._page_words = page_words
        self._right_to_left = right_to_left
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, page_state in enumerate(self._held_pages, start=1):
            self.__dict__.update(page_state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        page_width = self._pagesize[0]
        right_text = visual_line(self._page_words.format(number=number, total=total))
        right_width = stringWidth(right_text, SANS, FOOTER_SIZE)
        left_room = page_width - 2 * MARGIN - right_width - 12 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, FOOTER_BASELINE + 4 * mm, page_width - MARGIN, FOOTER_BASELINE + 4 * mm)
        self.setFont(SANS, FOOTER_SIZE)
        self.setFillColor(MUTED)
        footer = _fit(self._footer_left, left_room)
        if self._right_to_left:  # mirrored: the footer text at the right, the page number left
            footer, right_text = right_text, footer
        self.drawString(MARGIN, FOOTER_BASELINE, footer)
        self.drawRightString(page_width - MARGIN, FOOTER_BASELINE, right_text)
        self.restoreState()


def _fit(text: str, width: float) -> str:
    """`text` on one line, cut with an ellipsis if it is wider than `width`, as seen."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in BIDI_MARKS)
    text = " ".join(kept.split())
    if stringWidth(text, SANS, FOOTER_SIZE) <= width:
        return visual_line(text)
    while text and stringWidth(text + "…", SANS, FOOTER_SIZE) > width:
        text = text[:-1]
    return visual_line(text.rstrip() + "…")
