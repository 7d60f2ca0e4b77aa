"""The weekly boundary review as pages to take to clinical supervision.

De-identified by default: clients appear by code only, and no message summary or
search finding is printed. With `names` it becomes the clinician's own identified
copy. The reflections, supervision list and notes are the clinician's own words and
are printed as written. Charts use the Okabe–Ito blue and orange, with a hatch and
the numbers printed beside them, so they still read on a black-and-white printer.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.domain.agreement_document import letterhead_lines, zone_name
from boundary_desk.domain.events import ContactChannel, EventKind
from boundary_desk.domain.hours import END_OF_DAY
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import (
    REFLECTION_PROMPTS,
    ReviewWarning,
    WeeklyReview,
    action_key,
)
from boundary_desk.domain.vocabulary.calendar_names import (
    day_month,
    day_name,
    long_date,
    short_day_name,
    weekday_day_month,
)
from boundary_desk.domain.vocabulary.hours_grid import closed_days, working_spans
from boundary_desk.domain.vocabulary.labels import (
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
)
from boundary_desk.domain.weekly import Classified, WeekFigures
from boundary_desk.reports.agreement_pdf import ACCENT
from boundary_desk.reports.document import (
    INK,
    MUTED,
    RULE,
    TINT,
    build_pdf,
    content_size,
    page_size_for_country,
    report_styles,
)
from boundary_desk.reports.fonts import SANS, SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.text import para_text

TITLE = "Weekly boundary review"
DEIDENTIFIED = "De-identified: clients appear by code only"
IDENTIFIED = "Identified copy — contains client names"
UNKNOWN_CODE = "code not known"
# Okabe–Ito: told apart with every common colour-vision deficiency.
BLUE = colors.HexColor("#0072B2")
ORANGE = colors.HexColor("#E69F00")
GRID = colors.HexColor("#D3D9DF")
# None, then light to dark blue; the two darkest carry white numbers.
HEAT = tuple(
    colors.HexColor(c) for c in ("#FFFFFF", "#DCEAF5", "#A9CCE8", "#5B9FD3", "#0072B2", "#00476F")
)
# Room a section needs at a page foot, so a heading never ends a page alone.
_ROOM_FOR_SECTION = 32 * mm


@dataclass(frozen=True)
class _Styles:
    practice: ParagraphStyle
    letterhead: ParagraphStyle
    letterhead_small: ParagraphStyle
    title: ParagraphStyle
    week: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    quiet: ParagraphStyle
    cell: ParagraphStyle
    count: ParagraphStyle
    question: ParagraphStyle
    badge: ParagraphStyle


def _styles() -> _Styles:
    """The review's styles; the letterhead matches the agreement's."""
    body = ParagraphStyle("rv-body", report_styles().body, fontSize=10, leading=14)
    small = ParagraphStyle("rv-small", body, fontSize=9, leading=12.5)
    heading = ParagraphStyle("rv-heading", body, fontName=SANS_BOLD, fontSize=11.5, leading=15,
                             textColor=ACCENT, spaceBefore=7 * mm, spaceAfter=2 * mm)  # fmt: skip
    return _Styles(
        practice=ParagraphStyle(
            "rv-practice", body, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        letterhead=ParagraphStyle("rv-letterhead", body, leading=13.5),
        letterhead_small=ParagraphStyle("rv-letterhead-small", small, textColor=MUTED),
        title=ParagraphStyle("rv-title", body, fontName=SANS_BOLD, fontSize=19, leading=24),
        week=ParagraphStyle("rv-week", body, fontSize=11.5, leading=16, spaceBefore=2),
        heading=heading,
        small=small,
        muted=ParagraphStyle("rv-muted", small, textColor=MUTED),
        quiet=ParagraphStyle("rv-quiet", small, fontName=SANS_OBLIQUE, textColor=MUTED),
        cell=ParagraphStyle("rv-cell", small, fontSize=8.5, leading=11.5),
        count=ParagraphStyle("rv-count", small, fontSize=8.5, leading=11, textColor=MUTED),
        question=ParagraphStyle(
            "rv-question", small, fontName=SANS_BOLD, spaceBefore=3 * mm, spaceAfter=1
        ),
        badge=ParagraphStyle("rv-badge", small, fontName=SANS_BOLD, fontSize=8, leading=10),
    )


def review_pdf(
    review: WeeklyReview,
    *,
    practice: PracticeSettings,
    names: Mapping[str, str] | None = None,
    client_codes: Mapping[int, str] | None = None,
) -> bytes:
    """The week's review as PDF bytes: de-identified unless `names` ({code: name}) is given.

    `client_codes` ({client id: code}) says whose each search and friend request was.
    """
    styles = _styles()
    pagesize = page_size_for_country(practice.region.country)
    codes = _client_codes(review, client_codes or {})
    page = _Page(review, practice, names, codes, styles, content_size(pagesize)[0])
    story: list[Flowable] = [
        *letterhead(letterhead_lines(practice), styles, space_after=6 * mm),
        *page.title_block(),
        *page.figures(),
        *page.trend(),
        *page.heatmap(),
        *page.breakdown(),
        *page.warnings(),
        *page.agreements(),
        *page.searches_and_requests(),
        *page.reflections(),
        *page.supervision_and_notes(),
    ]
    kind = "identified copy" if names is not None else "de-identified"
    return build_pdf(
        story,
        title=f"{TITLE} · {review.week}",
        footer_left=f"{TITLE} · {review.week} ({review.week.label()}) · {kind}",
        pagesize=pagesize,
    )


def _client_codes(review: WeeklyReview, given: Mapping[int, str]) -> dict[int, str]:
    """Client id to code for the week's searches and friend requests.

    WeeklyReview keeps codes only with contacts and warnings, so without `given` a
    client's code comes from a warning stored with one of their searches or requests.
    """
    clients = {
        item.event.id: item.event.client_id
        for item in (*review.searches, *review.friend_requests)
        if item.event.id is not None
    }
    found: dict[int, str] = {}
    for warning in review.warnings:
        if warning.event_id in clients and warning.client:
            found.setdefault(clients[warning.event_id], warning.client)
    return {**found, **given}


class _Page:
    """The review's sections, each a list of flowables, sharing what they all need."""

    def __init__(
        self,
        review: WeeklyReview,
        practice: PracticeSettings,
        names: Mapping[str, str] | None,
        codes: Mapping[int, str],
        styles: _Styles,
        width: float,
    ) -> None:
        self.review, self.practice, self.names = review, practice, names
        self.codes, self.s, self.width = codes, styles, width

    def who(self, code: str) -> str:
        """A client as printed (markup-safe): the code, and in the identified copy the name."""
        if not code:
            return "Practice"
        name = (self.names or {}).get(code, "").strip()
        return para_text(f"{code} · {name}" if name else code)

    def heading(self, text: str) -> list[Flowable]:
        return [CondPageBreak(_ROOM_FOR_SECTION), Paragraph(text, self.s.heading)]

    def title_block(self) -> list[Flowable]:
        s, week, identified = self.s, self.review.week, self.names is not None
        badge, badge_width = _badge("IDENTIFIED COPY" if identified else "DE-IDENTIFIED", s.badge)
        privacy = Paragraph(IDENTIFIED if identified else DEIDENTIFIED, s.small)
        line = Table([[badge, privacy]], colWidths=[badge_width + 3 * mm, None], hAlign="LEFT")
        line.setStyle(_plain(valign="MIDDLE"))
        return [
            Paragraph(TITLE, s.title),
            Paragraph(para_text(f"{week.label()} · ISO week {week}"), s.week),
            Spacer(1, 2 * mm),
            line,
            Spacer(1, 1.5 * mm),
            Paragraph(para_text(self.reviewed_line()), s.muted),
            Spacer(1, 5 * mm),
        ]

    def reviewed_line(self) -> str:
        at = self.review.record.reviewed_at
        if at is None:
            return "This week has not been marked reviewed yet."
        local = at.astimezone(self.practice.timezone)
        day = f"{day_name(local.weekday())} {long_date(local.date())}"
        return f"Marked reviewed on {day} at {local:%H:%M}."

    def figures(self) -> list[Flowable]:
        f = self.review.figures
        share = f"{_percent(f.after_hours_share)} of contacts" if f.contacts else "no contacts"
        counts = [
            (f.contacts, "contact" if f.contacts == 1 else "contacts"),
            (f.after_hours, f"after hours<br/>({share})"),
            (f.own_after_hours, "you replied or<br/>reached out<br/>after hours"),
            (f.minutes, "minutes of contact"),
            (f.boundary_events, "friend requests,<br/>searches, approaches"),
        ]
        big = f'<font name="{SANS_BOLD}" size="16" color="#{INK.hexval()[2:]}">'
        cells = [Paragraph(f"{big}{n}</font><br/>{label}", self.s.count) for n, label in counts]
        band = Table([cells], colWidths=[self.width / len(cells)] * len(cells), hAlign="LEFT")
        band.setStyle(
            TableStyle([
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ])
        )  # fmt: skip
        return [KeepTogether([band])]

    def trend(self) -> list[Flowable]:
        s, history = self.s, self.review.history
        heading = self.heading(f"The last {len(history)} weeks")
        if not any(h.contacts for h in history):
            quiet = (
                f"No contacts were logged in the last {len(history)} weeks, so there is no trend."
            )
            return [*heading, Paragraph(quiet, s.quiet)]
        label_width = 24 * mm
        column = (self.width - label_width) / len(history)
        total, late = sum(h.contacts for h in history), sum(h.after_hours for h in history)
        summary = (
            f"Across these weeks: {total} contacts, {late} after hours ({_percent(late / total)}). "
            "The hatched orange bars are after-hours contacts; the shaded column is this week."
        )
        block = [
            heading[1],
            _trend_chart(history, label_width, column),
            _trend_numbers(history, label_width, column),
            Spacer(1, 2 * mm),
            Paragraph(summary, s.muted),
        ]
        return [KeepTogether(block)]

    def heatmap(self) -> list[Flowable]:
        if not self.review.figures.contacts:
            return []  # "no contacts" is said once, under contacts by channel and client
        skipped, drawing = _heatmap_drawing(self.review, self.practice, self.width)
        zone = self.practice.timezone.key
        note = (
            f"Times are {zone_name(zone)} time ({zone}). Outlined: your working hours, "
            f"{self.practice.hours.describe() or 'none set'}."
        )
        if skipped:
            note += " Public holidays and vacation days this week are not outlined."
        heading = Paragraph("When contact came: day and hour", self.s.heading)
        return [KeepTogether([heading, drawing, Spacer(1, 1.5 * mm),
                              Paragraph(para_text(note), self.s.muted)])]  # fmt: skip

    def breakdown(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading("Contacts by channel and client")
        if not review.by_channel:
            return [*heading, Paragraph("No contacts were logged this week.", s.quiet)]
        by_count = sorted(review.by_channel.items(), key=lambda kv: (-kv[1], _channel_label(kv[0])))
        channels = [[Paragraph(para_text(_channel_label(k)), s.cell), str(v)] for k, v in by_count]
        by_client = sorted(review.by_client.items(), key=lambda kv: (-kv[1]["contacts"], kv[0]))
        clients = [
            [Paragraph(self.who(code), s.cell), str(v["contacts"]), str(v["after_hours"])]
            for code, v in by_client
        ]
        gap = 8 * mm
        half = (self.width - gap) / 2
        left = _grid(["Channel", "Contacts"], channels, [half - 20 * mm, 20 * mm], numeric=1)
        right = _grid(["Client", "Contacts", "After hours"], clients,
                      [half - 44 * mm, 20 * mm, 24 * mm], numeric=2)  # fmt: skip
        if max(len(channels), len(clients)) > 14:  # long lists must be free to split
            return [*heading, left, Spacer(1, 5 * mm), right]
        pair = Table([[left, "", right]], colWidths=[half, gap, half], hAlign="LEFT")
        pair.setStyle(_plain())
        return [KeepTogether([heading[1], pair])]

    def warnings(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading("Warnings this week")
        if not review.warnings:
            return [*heading, Paragraph("No warnings this week.", s.quiet)]
        rows = [
            [Paragraph(self.who(w.client), s.cell), Paragraph(para_text(w.message), s.cell),
             Paragraph(self.action(w), s.cell)]
            for w in review.warnings
        ]  # fmt: skip
        who = 36 * mm if self.names is not None else 26 * mm
        widths = [who, self.width - who - 40 * mm, 40 * mm]
        return [*heading, _grid(["Client", "Warning", "Your action"], rows, widths)]

    def action(self, warning: ReviewWarning) -> str:
        chosen = self.review.record.actions.get(action_key(warning), "").strip()
        lines = [f"<b>{para_text(chosen[:1].upper() + chosen[1:])}</b>"] if chosen else []
        if warning.acknowledged:
            lines.append("Acknowledged")
        quiet = f'<font name="{SANS_OBLIQUE}" color="#{MUTED.hexval()[2:]}">None chosen</font>'
        return "<br/>".join(lines) or quiet

    def agreements(self) -> list[Flowable]:
        review = self.review
        story = self.heading("Agreements")
        for label, codes, none in (
            ("Due for review", review.agreements_due, "none"),
            ("Contact this week but no signed agreement", review.unsigned_with_contacts, "none"),
        ):
            listed = ", ".join(self.who(code) for code in codes) if codes else none
            story.append(Paragraph(f"<b>{label}:</b> {listed}", self.s.small))
        return story

    def searches_and_requests(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading("Online searches and friend requests")
        items = sorted((*review.searches, *review.friend_requests), key=lambda c: c.local)
        if not items:
            return [*heading, Paragraph("None this week.", s.quiet)]
        rows = [
            [Paragraph(_when(item.local) + ("<br/>after hours" if item.after_hours else ""),
                       s.cell),
             Paragraph(self.who(self.codes.get(item.event.client_id, UNKNOWN_CODE)), s.cell),
             Paragraph(_boundary_details(item), s.cell)]
            for item in items
        ]  # fmt: skip
        widths = [32 * mm, 30 * mm, self.width - 62 * mm]
        return [*heading, _grid(["When", "Client", "What"], rows, widths)]

    def reflections(self) -> list[Flowable]:
        s, answers = self.s, self.review.record.reflections
        lead: list[Flowable] = [Paragraph("Reflections", s.heading)]
        if self.names is None:
            lead.append(Paragraph(
                "Your reflections, supervision list and notes are printed as you wrote them. "
                "Check that they name no one before you share these pages.", s.muted))  # fmt: skip
        prompts = dict(REFLECTION_PROMPTS)
        prompts |= {k: k.replace("_", " ").capitalize() for k in answers if k not in prompts}
        blocks = []
        for key, question in prompts.items():
            answer = answers.get(key, "").strip()
            shown: list[Flowable] = (
                [Paragraph(para_text(answer), s.small)]
                if answer
                else [Paragraph("Not answered.", s.quiet), _writing_lines(self.width)]
            )
            blocks.append([Paragraph(para_text(question), s.question), *shown])
        # The heading travels with the first question (KeepTogether cannot nest).
        return [KeepTogether([*lead, *blocks[0]]), *(KeepTogether(b) for b in blocks[1:])]

    def supervision_and_notes(self) -> list[Flowable]:
        s, record = self.s, self.review.record
        story = self.heading("To take to supervision")
        if record.supervision:
            story.append(ListFlowable(
                [Paragraph(para_text(item), s.small) for item in record.supervision],
                bulletType="bullet", start="•", bulletFontName=SANS, bulletFontSize=9,
                bulletColor=MUTED, leftIndent=5 * mm,
            ))  # fmt: skip
        else:
            story.append(Paragraph("Nothing listed.", s.quiet))
        notes = record.notes.strip()
        story += self.heading("Notes")
        story.append(Paragraph(para_text(notes or "No notes."), s.small if notes else s.quiet))
        story += [Spacer(1, 6 * mm), Paragraph(para_text(self.reviewed_line()), s.muted)]
        return story


class _HatchedBars(VerticalBarChart):
    """Bars whose second series (after hours) is hatched, so it survives greyscale."""

    def makeBars(self) -> Group:
        group = super().makeBars()
        for x, y, width, height in self._barPositions[1]:
            _add_hatch(group, x, y, width, height)
        return group


def _add_hatch(group: Group | Drawing, x: float, y: float, width: float, height: float) -> None:
    """45° lines clipped to the rectangle; each runs y' - y = (x' - x) + offset."""
    step = 2.6
    offset = -width + step / 2
    while height > 0 and offset < height:
        low, high = max(0.0, -offset), min(width, height - offset)
        if high > low:
            group.add(Line(x + low, y + low + offset, x + high, y + high + offset,
                           strokeColor=INK, strokeWidth=0.45))  # fmt: skip
        offset += step


def _text(drawing: Drawing, x: float, y: float, text: str, size: float, **style: object) -> None:
    style = {"fontName": SANS, "fillColor": INK, **style}
    drawing.add(String(x, y, text, fontSize=size, **style))


def _trend_chart(history: Sequence[WeekFigures], label_width: float, column: float) -> Drawing:
    """Contacts and after-hours contacts per week as paired bars, this week shaded."""
    plot_height, below, above, count = 44 * mm, 9 * mm, 8 * mm, len(history)
    drawing = Drawing(label_width + column * count, below + plot_height + above)
    drawing.add(Rect(label_width + column * (count - 1), below, column, plot_height,
                     fillColor=TINT, strokeColor=None))  # fmt: skip
    chart = _HatchedBars()
    chart.x, chart.y, chart.width, chart.height = label_width, below, column * count, plot_height
    chart.data = [[h.contacts for h in history], [h.after_hours for h in history]]
    chart.barWidth, chart.barSpacing, chart.groupSpacing = 10, 1.5, 9
    chart.bars.strokeColor, chart.bars.strokeWidth = INK, 0.4
    chart.bars[0].fillColor, chart.bars[1].fillColor = BLUE, ORANGE
    axis = chart.valueAxis
    axis.valueMin, axis.labelTextFormat = 0, "%d"
    axis.valueMax, axis.valueStep = _scale(max(h.contacts for h in history))
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = 1, GRID, 0.4
    axis.strokeColor, axis.visibleTicks = RULE, 0
    weeks = chart.categoryAxis
    weeks.categoryNames = [f"W{h.week.number:02d}\n{day_month(h.week.monday)}" for h in history]
    weeks.strokeColor, weeks.visibleTicks = RULE, 0
    weeks.labels.boxAnchor, weeks.labels.dy = "n", -2
    for labels, size in ((axis.labels, 7), (weeks.labels, 6.5)):
        labels.fontName, labels.fontSize, labels.fillColor = SANS, size, MUTED
    drawing.add(chart)
    turned = Group(String(0, 0, "Contacts per week", fontName=SANS, fontSize=7.5,
                          fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    turned.rotate(90)
    turned.translate(below + plot_height / 2, -(label_width - 12 * mm))
    drawing.add(turned)
    y = below + plot_height + 3 * mm
    for x, fill, text in ((label_width, BLUE, "Contacts"),
                          (label_width + 26 * mm, ORANGE, "After-hours contacts")):  # fmt: skip
        drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=fill, strokeColor=INK, strokeWidth=0.4))
        if fill is ORANGE:
            _add_hatch(drawing, x, y, 5 * mm, 3 * mm)
        _text(drawing, x + 6.5 * mm, y + 0.6 * mm, text, 7.5)
    return drawing


def _scale(peak: int) -> tuple[int, int]:
    """A value axis from 0 in at most five whole-number steps of 1, 2, 5, 10, 20...: (top, step)."""
    for magnitude in itertools.count():
        for base in (1, 2, 5):
            step = base * 10**magnitude
            if -(-peak // step) <= 5:
                return max(step * -(-peak // step), 4 if step == 1 else step), step
    raise AssertionError("unreachable")


def _trend_numbers(history: Sequence[WeekFigures], label_width: float, column: float) -> Table:
    """The chart's numbers, one column under each week's bars."""
    rows = [
        ["Contacts", *(str(h.contacts) for h in history)],
        ["After hours", *(str(h.after_hours) for h in history)],
        ["After-hours share", *(_percent(h.after_hours_share) if h.contacts else "–"
                                for h in history)],
        ["Minutes", *(str(h.minutes) for h in history)],
    ]  # fmt: skip
    table = Table(rows, colWidths=[label_width] + [column] * len(history), hAlign="LEFT")
    table.setStyle(
        TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS, 7.5, 9.5),
            ("FONT", (-1, 0), (-1, -1), SANS_BOLD, 7.5, 9.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("BACKGROUND", (-1, 0), (-1, -1), TINT),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])
    )  # fmt: skip
    return table


@dataclass(frozen=True)
class _HeatGrid:
    label_width: float
    cell_w: float
    cell_h: float
    top: float  # the y of the grid's upper edge

    def row_y(self, day: int) -> float:
        return self.top - (day + 1) * self.cell_h

    def x(self, hour: float) -> float:
        return self.label_width + hour * self.cell_w


def _heatmap_drawing(
    review: WeeklyReview, practice: PracticeSettings, width: float
) -> tuple[bool, Drawing]:
    """Contacts by weekday and hour, working hours outlined; True if a closed day was left out."""
    legend, hours_row = 9 * mm, 5 * mm
    grid = _HeatGrid(16 * mm, (width - 16 * mm) / 24, 6.2 * mm, legend + 7 * 6.2 * mm)
    drawing = Drawing(width, grid.top + hours_row)
    peak = max(max(row) for row in review.heatmap)
    for hour in range(24):
        _text(drawing, grid.x(hour + 0.5), grid.top + 1.6 * mm, f"{hour:02d}", 6,
              fillColor=MUTED, textAnchor="middle")  # fmt: skip
    for day, row in enumerate(review.heatmap):
        y = grid.row_y(day)
        date = review.week.monday + timedelta(days=day)
        _text(drawing, 0, y + grid.cell_h / 2 - 2.5, f"{short_day_name(day)} {date.day}", 7.5)
        for hour, count in enumerate(row):
            drawing.add(Rect(grid.x(hour), y, grid.cell_w, grid.cell_h,
                             fillColor=HEAT[_level(count, peak)], strokeColor=GRID,
                             strokeWidth=0.3))  # fmt: skip
    skipped = _working_hours(drawing, review, practice, grid)
    for day, row in enumerate(review.heatmap):  # counts last, over any outline
        for hour, count in enumerate(row):
            if count:
                _heat_count(drawing, grid, day, hour, count, _level(count, peak))
    _heat_legend(drawing, grid.label_width, 1.5 * mm, peak)
    return skipped, drawing


def _heat_count(drawing: Drawing, grid: _HeatGrid, day: int, hour: int, n: int, level: int) -> None:
    # A patch of the cell's own colour keeps a half-hour outline from crossing the number.
    x, y, text = grid.x(hour + 0.5), grid.row_y(day) + grid.cell_h / 2, str(n)
    half = stringWidth(text, SANS_BOLD, 7) / 2 + 0.6
    drawing.add(Rect(x - half, y - 3, 2 * half, 6.5, fillColor=HEAT[level], strokeColor=None))
    _text(drawing, x, y - 2.5, text, 7, fontName=SANS_BOLD, textAnchor="middle",
          fillColor=colors.white if level >= 4 else INK)  # fmt: skip


def _level(n: int, peak: int) -> int:
    """0 for none; 1–5 for the count, scaled when the busiest hour held more than five."""
    if n <= 0:
        return 0
    return n if peak <= 5 else max(1, -(-n * 5 // peak))


def _working_hours(
    drawing: Drawing, review: WeeklyReview, practice: PracticeSettings, grid: _HeatGrid
) -> bool:
    """Outline each day's working hours; True if a holiday or vacation day was left out."""
    for day, ranges in enumerate(working_spans(review.week, practice)):
        for span in ranges:
            first = span.start.hour + span.start.minute / 60
            last = 24.0 if span.end == END_OF_DAY else span.end.hour + span.end.minute / 60
            drawing.add(Rect(grid.x(first), grid.row_y(day), (last - first) * grid.cell_w,
                             grid.cell_h, fillColor=None, strokeColor=INK,
                             strokeWidth=1.3))  # fmt: skip
    return bool(closed_days(review.week, practice))


def _heat_legend(drawing: Drawing, x: float, y: float, peak: int) -> None:
    ranges: dict[int, list[int]] = {0: [0]}
    for n in range(1, peak + 1):
        ranges.setdefault(_level(n, peak), []).append(n)
    _text(drawing, x, y + 0.6 * mm, "Contacts in the hour:", 7, fillColor=MUTED)
    x += 28 * mm
    for level, counts in ranges.items():
        text = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
        drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=HEAT[level], strokeColor=RULE,
                         strokeWidth=0.4))  # fmt: skip
        _text(drawing, x + 6 * mm, y + 0.6 * mm, text, 7)
        x += 9 * mm + stringWidth(text, SANS, 7)
    x += 4 * mm
    drawing.add(Rect(x, y, 5 * mm, 3 * mm, fillColor=None, strokeColor=INK, strokeWidth=1.3))
    _text(drawing, x + 6.5 * mm, y + 0.6 * mm, "your working hours", 7)


def _grid(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
    numeric: int = 0,
) -> Table:  # fmt: skip
    """A quiet table: bold muted header, hairlines between rows, the last `numeric` right."""
    table = Table([list(header), *rows], colWidths=list(widths), hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle([
            ("FONT", (0, 0), (-1, -1), SANS, 8.5, 11.5),
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5, 11.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (len(header) - numeric, 0), (-1, -1), "RIGHT" if numeric else "LEFT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ])
    )  # fmt: skip
    return table


def _writing_lines(width: float, count: int = 2) -> Drawing:
    """Ruled lines under an unanswered question, to answer by hand before supervision."""
    gap = 7 * mm
    drawing = Drawing(width, count * gap)
    for n in range(count):
        drawing.add(Line(0, n * gap, width, n * gap, strokeColor=GRID, strokeWidth=0.5))
    return drawing


def _channel_label(value: str) -> str:
    try:
        return CONTACT_CHANNEL_LABELS[ContactChannel(value)].capitalize()
    except ValueError:
        return value


def _boundary_details(item: Classified) -> str:
    """Markup for a search (the Clinton et al. answers) or a request; never what was found."""
    event = item.event
    if event.kind is EventKind.SEARCH and event.search is not None:
        search = event.search
        return (
            f"<b>Online search.</b> Purpose: {SEARCH_PURPOSE_LABELS[search.purpose]}; "
            f"consent: {CONSENT_LABELS[search.consent]}; client told: "
            f"{'yes' if search.told_client else 'no'}; documented: "
            f"{'yes' if search.documented else 'no'}."
        )
    if event.request is not None:
        request = event.request
        action = REQUEST_ACTION_LABELS[request.action]
        if request.discussed_on is not None:
            action = f"discussed in session on {long_date(request.discussed_on)}"
        return f"<b>Friend request</b> on {para_text(request.platform)}: {action}."
    return para_text(event.title())


def _badge(text: str, style: ParagraphStyle) -> tuple[Table, float]:
    """A boxed label (a box, not a colour, so any printer shows it) and its width."""
    width = stringWidth(text, style.fontName, style.fontSize) + 1 + 3 * mm
    badge = Table([[Paragraph(text, style)]], colWidths=[width], hAlign="LEFT")
    badge.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.9, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ])
    )  # fmt: skip
    return badge, width


def _plain(valign: str = "TOP") -> TableStyle:
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ])  # fmt: skip


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _when(local: datetime) -> str:
    """ "Fri 20 Nov, 22:40" in the practice's zone."""
    return f"{weekday_day_month(local.date())}, {local:%H:%M}"
