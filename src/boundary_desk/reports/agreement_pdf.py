"""The communication agreement as the printed page a clinician and client sign.

Everything in the document is plain text typed by someone (names, clause wording,
crisis labels), so every string goes through `para_text` before it reaches a
`Paragraph`. The layout is calm and prints well in black and white: one muted
accent colour, a tinted and bordered crisis box, and blocks that are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.domain.agreement_document import (
    AgreementDocument,
    ChannelSection,
    CrisisBox,
    Section,
    SignatureLine,
)
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.fonts import SANS, SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.text import para_text
from boundary_desk.reports.theme import ACCENT, INK, MUTED, RULE, TINT, report_styles

CHANNEL_BAR = colors.HexColor("#A9B8C6")
CRISIS_HEADING = "In a crisis or emergency"
TECHNOLOGY_HEADING = "If the technology fails"
SIGNATURES_HEADING = "Signatures"
_ROW_PADDING = 1.5 * mm


@dataclass(frozen=True)
class _Styles:
    practice: ParagraphStyle
    letterhead: ParagraphStyle
    letterhead_small: ParagraphStyle
    title: ParagraphStyle
    client: ParagraphStyle
    version: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    channel_title: ParagraphStyle
    risk: ParagraphStyle
    note: ParagraphStyle
    crisis_heading: ParagraphStyle
    crisis_label: ParagraphStyle
    crisis_number: ParagraphStyle
    caption: ParagraphStyle


def _styles() -> _Styles:
    """The agreement's own styles, built on the shared report styles."""
    shared = report_styles()
    body = ParagraphStyle("ag-body", shared.body, fontSize=10, leading=14, spaceAfter=5)
    small = ParagraphStyle("ag-small", body, fontSize=9, leading=12.5, spaceAfter=0)
    return _Styles(
        practice=ParagraphStyle(
            "ag-practice", body, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        letterhead=ParagraphStyle("ag-letterhead", body, leading=13.5, spaceAfter=0),
        letterhead_small=ParagraphStyle("ag-letterhead-small", small, textColor=MUTED),
        title=ParagraphStyle(
            "ag-title", body, fontName=SANS_BOLD, fontSize=19, leading=24, spaceAfter=3
        ),
        client=ParagraphStyle("ag-client", body, fontSize=11.5, leading=16, spaceAfter=1),
        version=ParagraphStyle("ag-version", small, textColor=MUTED),
        heading=ParagraphStyle(
            "ag-heading",
            body,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=7,
            spaceAfter=2,
        ),
        body=body,
        channel_title=ParagraphStyle(
            "ag-channel", body, fontName=SANS_BOLD, fontSize=10.5, leading=14, spaceAfter=1
        ),
        risk=ParagraphStyle(
            "ag-risk", small, fontName=SANS_OBLIQUE, textColor=MUTED, spaceBefore=2
        ),
        note=ParagraphStyle("ag-note", small, spaceBefore=1),
        crisis_heading=ParagraphStyle(
            "ag-crisis-heading", body, fontName=SANS_BOLD, fontSize=12, leading=16, spaceAfter=0
        ),
        crisis_label=ParagraphStyle("ag-crisis-label", body, spaceAfter=0),
        crisis_number=ParagraphStyle(
            "ag-crisis-number",
            body,
            fontName=SANS_BOLD,
            fontSize=12,
            leading=15,
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
        caption=ParagraphStyle("ag-caption", small, textColor=INK),
    )


def agreement_pdf(document: AgreementDocument) -> bytes:
    """The signed-on-paper agreement as PDF bytes (nothing is written to disk).

    The crisis box is kept whole, so where it stands decides how full the pages are. It
    follows the availability clause, unless that leaves a page part-empty and costs a
    page: then closing clauses that fit the gap are set before it (in their own order),
    so the box starts the next page, as a float would.
    """
    styles = _styles()
    pagesize = page_size_for_country(document.country)
    width = content_size(pagesize)[0]
    # The last closing clause stays with the signatures, so it never moves.
    movable = range(max(len(document.closing_sections) - 1, 0))
    tries = [set(chosen) for n in range(len(movable) + 1) for chosen in combinations(movable, n)]
    best: tuple[int, bytes] | None = None
    for before in tries:  # the first, fewest moved, wins any tie
        pdf = build_pdf(
            _story(document, styles, width, before),
            title=document.title,
            footer_left=document.footer,
            pagesize=pagesize,
        )
        pages = len(_PAGE.findall(pdf))
        if best is None or pages < best[0]:
            best = (pages, pdf)
        if pages == 1:
            break
    assert best is not None
    return best[1]


_PAGE = re.compile(rb"/Type /Page\b(?!s)")


def _story(
    document: AgreementDocument, styles: _Styles, width: float, before: set[int]
) -> list[Flowable]:
    """The story, with the closing clauses numbered in `before` set before the crisis box.

    Made afresh for each try: a flowable that has been laid out once keeps its state.
    """
    closing = [_section(section, styles) for section in document.closing_sections] or [[]]
    *middle, last = closing
    story: list[Flowable] = [
        *letterhead(document.letterhead, styles),
        *_title_block(document, styles),
    ]
    for section in document.sections:
        story += _kept(_section(section, styles))
    for index, groups in enumerate(middle):
        if index in before:
            story += _kept(groups)
    story += [Spacer(1, 4 * mm), _crisis_box(document.crisis, styles, width), Spacer(1, 2 * mm)]
    for index, groups in enumerate(middle):
        if index not in before:
            story += _kept(groups)
    lead = [flowable for group in last for flowable in group]
    story.append(_signature_block(document, styles, width, lead=lead))
    return story


def _title_block(document: AgreementDocument, styles: _Styles) -> list[Flowable]:
    client = "Prepared for <b>" + para_text(document.client_name) + "</b>"
    return [
        Paragraph(para_text(document.title), styles.title),
        Paragraph(client, styles.client),
        Paragraph(para_text(document.version_line), styles.version),
        Spacer(1, 3 * mm),
    ]


Group = list[Flowable]


def _kept(groups: list[Group]) -> list[Flowable]:
    # reportlab cannot nest KeepTogether (an inner one reports an "infinite" height,
    # so the outer one always jumps a page), hence plain lists until this point.
    return [KeepTogether(group) if len(group) > 1 else group[0] for group in groups]


def _section(section: Section, styles: _Styles) -> list[Group]:
    """The section as groups of flowables, each group to be kept on one page."""
    groups: list[Group] = [[Paragraph(para_text(text), styles.body)] for text in section.paragraphs]
    groups += [_channel_block(channel, styles) for channel in section.channels]
    if section.bullets:
        groups.append([_bullets(section.bullets, styles)])
    heading = Paragraph(para_text(section.heading), styles.heading)
    if not section.channels:  # a short clause reads best whole, on one page
        return [[heading, *(flowable for group in groups for flowable in group)]]
    # The heading travels with its first block, so it is never left alone at a page foot.
    return [[heading, *groups[0]], *groups[1:]]


def _channel_block(channel: ChannelSection, styles: _Styles) -> Group:
    terms = " ".join(para_text(text) for text in (channel.purposes, channel.response_time) if text)
    rows: list[Paragraph] = [Paragraph(para_text(channel.title), styles.channel_title)]
    if terms:
        rows.append(Paragraph(terms, ParagraphStyle("ag-terms", styles.body, spaceAfter=0)))
    if channel.risk:
        rows.append(Paragraph(para_text(channel.risk), styles.risk))
    if channel.notes:
        notes = " · ".join(para_text(note) for note in channel.notes)
        rows.append(Paragraph(notes, styles.note))
    # One row per paragraph, so even an absurdly long clause can split across pages.
    table = Table([[row] for row in rows], hAlign="LEFT")
    table.setStyle(
        TableStyle([
            ("LINEBEFORE", (0, 0), (0, -1), 2, CHANNEL_BAR),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
    )  # fmt: skip
    return [Spacer(1, 1.5 * mm), table, Spacer(1, 2.5 * mm)]


def _bullets(items: tuple[str, ...], styles: _Styles) -> Flowable:
    after_blocks = ParagraphStyle("ag-after-blocks", styles.body, spaceBefore=1.5 * mm)
    if len(items) == 1:  # a lone bullet looks like a stray mark; one line reads better
        return Paragraph(para_text(items[0]), after_blocks)
    return ListFlowable(
        [Paragraph(para_text(item), styles.body) for item in items],
        bulletType="bullet",
        start="•",
        bulletFontName=SANS,
        bulletFontSize=9,
        bulletColor=MUTED,
        leftIndent=5 * mm,
        spaceBefore=2 * mm,
    )


def _crisis_box(crisis: CrisisBox, styles: _Styles, width: float) -> Flowable:
    padding = 5 * mm
    inner = width - 2 * padding
    rows: list[Flowable] = [
        Paragraph(CRISIS_HEADING, styles.crisis_heading),
        Paragraph(para_text(crisis.intro), ParagraphStyle("ag-crisis-intro", styles.body)),
    ]
    if crisis.resources:
        rows.append(_crisis_numbers(crisis.resources, styles, inner))
    if crisis.extra:
        rows.append(_crisis_extra(crisis.extra, styles, inner))
    if crisis.after:
        lead = f"<b>{TECHNOLOGY_HEADING}.</b> "
        rows.append(Paragraph(lead + para_text(crisis.after), styles.note))
    box = Table([[row] for row in rows], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 3.5 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3.5 * mm),
        ])
    )  # fmt: skip
    return KeepTogether([box])


def _crisis_numbers(resources: tuple[tuple[str, str], ...], styles: _Styles, width: float) -> Table:
    big = styles.crisis_number
    widest = max(stringWidth(number, big.fontName, big.fontSize) for _, number in resources)
    number_width = min(max(widest + 8 * mm, 25 * mm), width / 2)
    rows = [
        [Paragraph(para_text(label), styles.crisis_label), Paragraph(para_text(number), big)]
        for label, number in resources
    ]
    table = Table(rows, colWidths=[width - number_width, number_width], hAlign="LEFT")
    style = _rows_style(rule=True)
    # Top-aligned, the label drops by the difference in size so both share a baseline.
    drop = big.fontSize - styles.crisis_label.fontSize
    style.add("TOPPADDING", (0, 0), (0, -1), _ROW_PADDING + drop)
    table.setStyle(style)
    return table


def _crisis_extra(extra: tuple[tuple[str, str], ...], styles: _Styles, width: float) -> Table:
    label_width = 50 * mm
    rows = [
        [Paragraph(para_text(label), styles.crisis_label),
         Paragraph(para_text(value), styles.crisis_label)]
        for label, value in extra
    ]  # fmt: skip
    table = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(_rows_style(rule=False))
    return table


def _rows_style(*, rule: bool) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), _ROW_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _ROW_PADDING),
    ]
    if rule:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE))
    return TableStyle(commands)


def _signature_block(
    document: AgreementDocument, styles: _Styles, width: float, lead: list[Flowable]
) -> Flowable:
    story: list[Flowable] = [
        *lead,
        Paragraph(SIGNATURES_HEADING, styles.heading),
        Paragraph(para_text(document.signature_intro), styles.body),
    ]
    for signer in document.signatures:
        story += [Spacer(1, 3 * mm), _signature_line(signer, styles, width)]
    # The signatures share a page with the last clause, so a signed page is never
    # one that could be attached to any other agreement.
    return KeepTogether(story)


def _signature_line(signer: SignatureLine, styles: _Styles, width: float) -> Table:
    date_width, gap = 50 * mm, 10 * mm
    who = "<b>" + para_text(signer.role) + "</b>"
    if signer.name.strip():
        who += " · " + para_text(signer.name)
    signed = Paragraph(long_date(signer.signed_on), styles.body) if signer.signed_on else ""
    rows = [
        ["", "", signed],
        [Paragraph(who, styles.caption), "", Paragraph("Date", styles.caption)],
    ]
    table = Table(
        rows, colWidths=[width - date_width - gap, gap, date_width], rowHeights=[11 * mm, None],
        hAlign="LEFT",
    )  # fmt: skip
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, 1), "TOP"),
            ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
            ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ])
    )  # fmt: skip
    return table
