"""The communication agreement as the printed page a clinician and client sign.

Everything in the document is plain text typed by someone (names, clause wording,
crisis labels), so every string goes through `para_text` before it reaches a
`Paragraph`. The layout is calm and prints well in black and white: one muted
accent colour, a tinted and bordered crisis box, and blocks that are kept whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
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
from boundary_desk.domain.agreement_words import AgreementWords, agreement_words
from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.fonts import SANS, SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import ACCENT, INK, MUTED, RULE, TINT, report_styles
from boundary_desk.system.i18n import N_, is_right_to_left

CHANNEL_BAR = colors.HexColor("#A9B8C6")
CRISIS_HEADING = N_("In a crisis or emergency")
TECHNOLOGY_HEADING = N_("If the technology fails")
SIGNATURES_HEADING = N_("Signatures")
_ROW_PADDING = 1.5 * mm
_SMALL_HOLE = 0.08  # of the page: a gap this small at a page foot is no hole
_CHANNEL_NAME = 38 * mm  # the column the channel names stand in


@dataclass(frozen=True)
class _Styles:
    practice: ParagraphStyle
    letterhead: ParagraphStyle
    letterhead_small: ParagraphStyle
    title: ParagraphStyle
    client: ParagraphStyle
    version: ParagraphStyle
    reprint: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    channel_title: ParagraphStyle
    terms: ParagraphStyle
    reason: ParagraphStyle
    risk: ParagraphStyle
    note: ParagraphStyle
    crisis_heading: ParagraphStyle
    crisis_label: ParagraphStyle
    crisis_number: ParagraphStyle
    caption: ParagraphStyle
    words: AgreementWords
    rtl: bool


def _styles(language: str) -> _Styles:
    """The agreement's own styles, built on the shared report styles, in `language`:
    a right-to-left language sets every paragraph right to left, against the right margin."""
    shared = report_styles()
    rtl = is_right_to_left(language)
    body = ParagraphStyle(
        "ag-body",
        shared.body,
        fontSize=10,
        leading=13,
        spaceAfter=4,
        direction="RTL" if rtl else "LTR",
        alignment=TA_RIGHT if rtl else TA_LEFT,
    )
    small = ParagraphStyle("ag-small", body, fontSize=9, leading=12, spaceAfter=0)
    beside = ParagraphStyle("ag-beside", small, fontSize=8.5, leading=11.5)  # under a channel
    return _Styles(
        practice=ParagraphStyle(
            "ag-practice", body, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        letterhead=ParagraphStyle("ag-letterhead", body, leading=13.5, spaceAfter=0),
        letterhead_small=ParagraphStyle("ag-letterhead-small", small, textColor=MUTED),
        title=ParagraphStyle(
            "ag-title", body, fontName=SANS_BOLD, fontSize=19, leading=23, spaceAfter=2
        ),
        client=ParagraphStyle("ag-client", body, fontSize=11.5, leading=16, spaceAfter=1),
        version=ParagraphStyle("ag-version", small, textColor=MUTED),
        reprint=ParagraphStyle("ag-reprint", small, fontName=SANS_OBLIQUE, spaceBefore=1),
        heading=ParagraphStyle(
            "ag-heading",
            body,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=1,
        ),
        body=body,
        channel_title=ParagraphStyle(
            "ag-channel", body, fontName=SANS_BOLD, fontSize=9.5, leading=12.5, spaceAfter=0
        ),
        terms=ParagraphStyle("ag-terms", body, fontSize=9.5, leading=12.5, spaceAfter=0),
        reason=ParagraphStyle("ag-reason", beside, spaceBefore=1.5),
        risk=ParagraphStyle(
            "ag-risk", beside, fontName=SANS_OBLIQUE, textColor=MUTED, spaceBefore=1.5
        ),
        note=ParagraphStyle("ag-note", beside, spaceBefore=1),
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
            alignment=TA_LEFT if rtl else TA_RIGHT,
            spaceAfter=0,
        ),
        caption=ParagraphStyle("ag-caption", small, textColor=INK),
        words=agreement_words(language),
        rtl=rtl,
    )


def agreement_pdf(document: AgreementDocument) -> bytes:
    """The signed-on-paper agreement as PDF bytes (nothing is written to disk).

    The crisis box is kept whole, so where it stands decides how full the pages are. It
    follows the availability clause, unless that leaves a hole at a page foot: then
    closing clauses that fit the hole are set before it (in their own order), as a
    float would be. Of the arrangements tried, the one with the fewest pages wins, then
    the one whose worst hole (on any page but the last) is smallest, then the one with
    the fewest clauses moved.
    """
    styles = _styles(document.language)
    pagesize = page_size_for_country(document.country)
    width, height = content_size(pagesize)
    # The last closing clause stays with the signatures, so it never moves.
    movable = range(max(len(document.closing_sections) - 1, 0))
    tries = [set(chosen) for n in range(len(movable) + 1) for chosen in combinations(movable, n)]
    best: tuple[int, float, bytes] | None = None
    for before in tries:  # the first, fewest moved, wins any tie
        page_ends: list[float] = []
        pdf = build_pdf(
            _story(document, styles, width, before),
            title=document.title,
            footer_left=document.footer,
            pagesize=pagesize,
            page_ends=page_ends,
            page_words=styles.words("Page {number} of {total}"),
            right_to_left=styles.rtl,
        )
        pages = len(page_ends)
        hole = max(page_ends[:-1], default=0.0)
        if best is None or (pages, hole) < best[:2]:
            best = (pages, hole, pdf)
        if pages == 1 or hole < _SMALL_HOLE * height:
            break  # every page but the last is about full: nothing to gain by moving more
    assert best is not None
    return best[2]


def _story(
    document: AgreementDocument, styles: _Styles, width: float, before: set[int]
) -> list[Flowable]:
    """The story, with the closing clauses numbered in `before` set before the crisis box.

    Made afresh for each try: a flowable that has been laid out once keeps its state.
    """
    closing = [_section(section, styles, width) for section in document.closing_sections] or [[]]
    *middle, last = closing
    story: list[Flowable] = [
        *letterhead(document.letterhead, styles, 5 * mm, width=width),
        *_title_block(document, styles),
    ]
    for section in document.sections:
        story += _kept(_section(section, styles, width))
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
    prepared = para_text(styles.words("Prepared for {name}"))
    client = prepared.replace("{name}", "<b>" + para_text(document.client_name) + "</b>")
    block: list[Flowable] = [
        Paragraph(para_text(document.title), styles.title),
        Paragraph(client, styles.client),
        Paragraph(para_text(document.version_line), styles.version),
    ]
    if document.reprint_note:  # a reprint showing today's details says so, under the version
        block.append(Paragraph(para_text(document.reprint_note), styles.reprint))
    return [*block, Spacer(1, 3 * mm)]


Group = list[Flowable]


def _kept(groups: list[Group]) -> list[Flowable]:
    # reportlab cannot nest KeepTogether (an inner one reports an "infinite" height,
    # so the outer one always jumps a page), hence plain lists until this point.
    return [KeepTogether(group) if len(group) > 1 else group[0] for group in groups]


def _section(section: Section, styles: _Styles, width: float) -> list[Group]:
    """The section as groups of flowables, each group to be kept on one page."""
    groups: list[Group] = [[Paragraph(para_text(text), styles.body)] for text in section.paragraphs]
    groups += [_channel_block(channel, styles, width) for channel in section.channels]
    if section.bullets:
        groups.append([_bullets(section.bullets, styles)])
    heading = Paragraph(para_text(section.heading), styles.heading)
    # The heading travels with its first block, so it is never left alone at a page foot;
    # a clause's later paragraphs may start the next page, as in any printed agreement.
    return [[heading, *groups[0]], *groups[1:]]


def _channel_block(channel: ChannelSection, styles: _Styles, width: float) -> Group:
    """The channel's name in a narrow column beside what was agreed for it.

    The name beside rather than above its terms saves a line per channel, which is what
    lets three or four channels share the first page with the crisis box close behind.
    """
    terms = " ".join(para_text(text) for text in (channel.purposes, channel.response_time) if text)
    details: list[Paragraph] = []
    if terms:
        details.append(Paragraph(terms, styles.terms))
    if channel.reason:  # why it is used for what, when the agreement prints reasons
        details.append(Paragraph(para_text(channel.reason), styles.reason))
    if channel.risk:
        details.append(Paragraph(para_text(channel.risk), styles.risk))
    if channel.notes:
        notes = " · ".join(para_text(note) for note in channel.notes)
        details.append(Paragraph(notes, styles.note))
    title = Paragraph(para_text(channel.title), styles.channel_title)
    # One row per paragraph, so even an absurdly long clause can split across pages.
    rows: list[list[Flowable | str]] = [
        [title, details[0] if details else ""],
        *(["", d] for d in details[1:]),
    ]
    widths = [_CHANNEL_NAME, width - _CHANNEL_NAME]
    if styles.rtl:  # mirrored: the name stands at the right, its bar on its right edge
        rows, widths = [row[::-1] for row in rows], widths[::-1]
        name, bar, padding = 1, "LINEAFTER", "RIGHTPADDING"
        other = "LEFTPADDING"
    else:
        name, bar, padding, other = 0, "LINEBEFORE", "LEFTPADDING", "RIGHTPADDING"
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            (bar, (name, 0), (name, -1), 2, CHANNEL_BAR),
            (padding, (name, 0), (name, -1), 3 * mm),
            (padding, (1 - name, 0), (1 - name, -1), 0),
            (other, (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
    )  # fmt: skip
    return [Spacer(1, 1.2 * mm), table, Spacer(1, 1.8 * mm)]


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
        Paragraph(para_text(styles.words(CRISIS_HEADING)), styles.crisis_heading),
        Paragraph(para_text(crisis.intro), ParagraphStyle("ag-crisis-intro", styles.body)),
    ]
    if crisis.resources:
        rows.append(_crisis_numbers(crisis.resources, styles, inner))
    if crisis.extra:
        rows.append(_crisis_extra(crisis.extra, styles, inner))
    if crisis.after:
        lead = f"<b>{para_text(styles.words(TECHNOLOGY_HEADING))}.</b> "
        rows.append(Paragraph(lead + para_text(crisis.after), styles.note))
    box = Table([[row] for row in rows], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
            ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
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
    widths = [width - number_width, number_width]
    label_column = 0
    if styles.rtl:  # mirrored: the label at the right, its number at the left
        rows, widths, label_column = [row[::-1] for row in rows], widths[::-1], 1
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = _rows_style(rule=True)
    # Top-aligned, the label drops by the difference in size so both share a baseline.
    drop = big.fontSize - styles.crisis_label.fontSize
    style.add("TOPPADDING", (label_column, 0), (label_column, -1), _ROW_PADDING + drop)
    table.setStyle(style)
    return table


def _crisis_extra(extra: tuple[tuple[str, str], ...], styles: _Styles, width: float) -> Table:
    label_width = 50 * mm
    rows = [
        [Paragraph(para_text(label), styles.crisis_label),
         Paragraph(para_text(value), styles.crisis_label)]
        for label, value in extra
    ]  # fmt: skip
    widths = [label_width, width - label_width]
    if styles.rtl:
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
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
        Paragraph(para_text(styles.words(SIGNATURES_HEADING)), styles.heading),
        Paragraph(para_text(document.signature_intro), styles.body),
    ]
    for signer in document.signatures:
        story += [Spacer(1, 1 * mm), _signature_line(signer, styles, width)]
    # The signatures share a page with the last clause, so a signed page is never
    # one that could be attached to any other agreement.
    return KeepTogether(story)


def _signature_line(signer: SignatureLine, styles: _Styles, width: float) -> Table:
    date_width, gap = 50 * mm, 10 * mm
    who = "<b>" + para_text(signer.role) + "</b>"
    if signer.name.strip():
        who += " · " + para_text(signer.name)
    words = styles.words
    signed = (
        Paragraph(para_text(words.date(signer.signed_on)), styles.body) if signer.signed_on else ""
    )
    rows: list[list[Flowable | str]] = [
        ["", "", signed],
        [Paragraph(who, styles.caption), "", Paragraph(para_text(words("Date")), styles.caption)],
    ]
    widths = [width - date_width - gap, gap, date_width]
    if styles.rtl:  # mirrored: the signature at the right, its date at the left
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    table = Table(rows, colWidths=widths, rowHeights=[10 * mm, None], hAlign="LEFT")
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
