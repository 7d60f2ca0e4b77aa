"""A client's communication record, printed for the chart.

Texts and emails between sessions are part of the clinical record, so this is an
identified document: the client's name, every logged contact in order, and each
summary in full as the transcription. Times are the practice's local time.

By default it holds only what belongs in the clinical record. The clinician's
self-review (the "own motive" line of a search, and the app's warnings with their
acknowledgements) stays in the vault and the weekly review; with `self_review` it is
printed too, and the record says so under its title.

Everything shown was typed by someone, so every string goes through `para_text`.
Short entries are kept whole on a page; a long one may split, but never leaves
its heading alone at a page foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.domain.after_hours import AfterHours
from boundary_desk.domain.agreement_document import letterhead_lines, zone_name
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.events import ContactEvent, Direction, EventKind, Search
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.record import RecordEntry, RecordWarning
from boundary_desk.domain.vocabulary.calendar_names import long_date, weekday_date
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    after_hours_reason,
)
from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.fonts import SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import ACCENT, INK, MUTED, RULE, TINT, report_styles

TITLE = "Communication record"
WITH_SELF_REVIEW = (
    "Includes the clinician's self-review: the own motive for each search, and the app's "
    "warnings with their acknowledgements. These are not part of the clinical record."
)
EMPTY = "No between-session contact has been logged for this client."
_DATE_COLUMN = 36 * mm
_LABEL_COLUMN = 34 * mm
# An entry taller than this may split across pages; shorter ones are kept whole.
_KEEP_WHOLE_UP_TO = 0.4
# Room a splitting entry needs at a page foot: its heading and a few lines.
_ROOM_TO_START = 40 * mm


@dataclass(frozen=True)
class _Styles:
    practice: ParagraphStyle
    letterhead: ParagraphStyle
    letterhead_small: ParagraphStyle
    title: ParagraphStyle
    client: ParagraphStyle
    facts: ParagraphStyle
    count: ParagraphStyle
    date: ParagraphStyle
    time: ParagraphStyle
    badge: ParagraphStyle
    reason: ParagraphStyle
    what: ParagraphStyle
    meta: ParagraphStyle
    body: ParagraphStyle
    quiet: ParagraphStyle
    answer: ParagraphStyle
    warning: ParagraphStyle
    note: ParagraphStyle
    flag: ParagraphStyle


def _styles() -> _Styles:
    """The record's styles; the letterhead matches the agreement's."""
    shared = report_styles()
    body = ParagraphStyle("cr-body", shared.body, fontSize=10, leading=14)
    small = ParagraphStyle("cr-small", body, fontSize=9, leading=12.5)
    summary = ParagraphStyle("cr-summary", body, spaceBefore=4)
    detail = ParagraphStyle("cr-detail", small, spaceBefore=3)
    return _Styles(
        practice=ParagraphStyle(
            "cr-practice", body, fontName=SANS_BOLD, fontSize=15, leading=19, textColor=ACCENT
        ),
        letterhead=ParagraphStyle("cr-letterhead", body, leading=13.5),
        letterhead_small=ParagraphStyle("cr-letterhead-small", small, textColor=MUTED),
        title=ParagraphStyle(
            "cr-title", body, fontName=SANS_BOLD, fontSize=19, leading=24, spaceAfter=3
        ),
        client=ParagraphStyle("cr-client", body, fontSize=11.5, leading=16, spaceAfter=1),
        facts=ParagraphStyle("cr-facts", small, textColor=MUTED),
        count=ParagraphStyle(
            "cr-count", small, fontSize=8.5, leading=11, textColor=MUTED, autoLeading="max"
        ),
        date=ParagraphStyle("cr-date", small, fontName=SANS_BOLD, textColor=INK),
        time=ParagraphStyle("cr-time", body, fontName=SANS_BOLD, fontSize=11, leading=14),
        badge=ParagraphStyle("cr-badge", small, fontName=SANS_BOLD, fontSize=7, leading=9),
        reason=ParagraphStyle(
            "cr-reason", small, fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=1 * mm
        ),
        what=ParagraphStyle("cr-what", body, fontName=SANS_BOLD, fontSize=10.5, leading=14),
        meta=ParagraphStyle("cr-meta", small, textColor=MUTED),
        body=summary,
        quiet=ParagraphStyle("cr-quiet", summary, fontName=SANS_OBLIQUE, textColor=MUTED),
        answer=ParagraphStyle(
            "cr-answer", small, leftIndent=_LABEL_COLUMN, bulletFontSize=9, bulletColor=MUTED
        ),
        warning=detail,
        note=ParagraphStyle("cr-note", detail, leftIndent=4 * mm, textColor=MUTED),
        flag=ParagraphStyle("cr-flag", detail, fontName=SANS_BOLD, spaceBefore=4),
    )


def communication_record_pdf(
    *,
    client: Client,
    practice: PracticeSettings,
    entries: Sequence[RecordEntry],
    printed_on: date,
    self_review: bool = False,
) -> bytes:
    """The client's between-session contacts as a chart-ready PDF (bytes; nothing on disk).

    `self_review` adds the clinician's own motives and the app's warnings."""
    styles = _styles()
    pagesize = page_size_for_country(practice.region.country)
    width, height = content_size(pagesize)
    ordered = sorted(entries, key=lambda entry: entry.event.occurred_at)
    zone = practice.timezone
    story: list[Flowable] = [
        *letterhead(letterhead_lines(practice), styles),
        *_title_block(client, styles, self_review),
    ]
    if ordered:
        story += _overview(ordered, zone, styles, width)
        for entry in ordered:
            story += _placed(_entry(entry, zone, styles, width, self_review), width, height)
        story.append(Paragraph(_end_line(len(ordered)), styles.facts))
    else:
        story.append(Paragraph(EMPTY, styles.quiet))
    return build_pdf(
        story,
        title=f"{TITLE} · {client.code}",
        footer_left=f"{TITLE} · {client.code} · printed {long_date(printed_on)}"
        + (" · with the clinician's self-review" if self_review else ""),
        pagesize=pagesize,
    )


def _title_block(client: Client, styles: _Styles, self_review: bool) -> list[Flowable]:
    who = "<b>" + para_text(client.display_name) + "</b> · client code " + para_text(client.code)
    facts = [_therapy_dates(client)]
    if client.is_minor:
        guardian = client.guardian_name.strip()
        facts.append(f"Minor; parent or guardian: {guardian}" if guardian else "Minor")
    return [
        Paragraph(TITLE, styles.title),
        Paragraph(who, styles.client),
        Paragraph(" · ".join(para_text(fact) for fact in facts), styles.facts),
        *([Paragraph(WITH_SELF_REVIEW, styles.flag)] if self_review else []),
        Spacer(1, 5 * mm),
    ]


def _therapy_dates(client: Client) -> str:
    started = long_date(client.started_on) if client.started_on else None
    if client.status is ClientStatus.ENDED:
        ended = f"ended {long_date(client.ended_on)}" if client.ended_on else "ended"
        return f"Therapy began {started}, {ended}" if started else f"Therapy {ended}"
    return f"In therapy since {started}" if started else "Start of therapy not recorded"


def _overview(
    entries: Sequence[RecordEntry], zone: ZoneInfo, styles: _Styles, width: float
) -> list[Flowable]:
    """The period covered and the counts, in a quiet tinted band (entries are sorted)."""
    first, last = (_local(e.event.occurred_at, zone).date() for e in (entries[0], entries[-1]))
    span = long_date(first) if first == last else f"{long_date(first)} – {long_date(last)}"
    where = f"Times are {zone_name(zone.key)} time ({zone.key}), the practice's time zone."
    counts = [
        (sum(e.event.kind is EventKind.CONTACT for e in entries), "contact", "contacts"),
        (sum(e.after_hours is not None for e in entries), "after hours", "after hours"),
        (_kind_count(entries, EventKind.FRIEND_REQUEST), "friend request", "friend requests"),
        (_kind_count(entries, EventKind.SEARCH), "online search", "online searches"),
    ]
    approaches = _kind_count(entries, EventKind.CLIENT_APPROACH)
    if approaches:
        counts.append((approaches, "client approach", "client approaches"))
    # Number and label in one paragraph, so copied text reads "7 after hours".
    big = f'<font name="{SANS_BOLD}" size="15" color="#{INK.hexval()[2:]}">'
    cells = [
        Paragraph(f"{big}{n}</font><br/>{one if n == 1 else many}", styles.count)
        for n, one, many in counts
    ]
    band = Table([cells], colWidths=[width / len(cells)] * len(cells), hAlign="LEFT")
    band.setStyle(
        TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ])
    )  # fmt: skip
    return [
        Paragraph(f"Period covered: <b>{span}</b>", styles.client),
        Paragraph(para_text(where), styles.facts),
        Spacer(1, 3 * mm),
        KeepTogether([band]),
        Spacer(1, 6 * mm),
    ]


def _end_line(count: int) -> str:
    # Says where the record stops, so a missing last page cannot go unnoticed.
    return f"End of record: {count} {'entry' if count == 1 else 'entries'}."


def _kind_count(entries: Sequence[RecordEntry], kind: EventKind) -> int:
    return sum(entry.event.kind is kind for entry in entries)


def _placed(entry: Table, width: float, height: float) -> list[Flowable]:
    """A short entry kept whole; a long one allowed to split, starting with room to spare."""
    rule = HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=4 * mm,
                      spaceAfter=4 * mm)  # fmt: skip
    if entry.wrap(width, height)[1] <= _KEEP_WHOLE_UP_TO * height:
        return [KeepTogether([entry, rule])]
    return [CondPageBreak(_ROOM_TO_START), entry, rule]


def _entry(
    entry: RecordEntry, zone: ZoneInfo, styles: _Styles, width: float, self_review: bool
) -> Table:
    """When (with the after-hours mark) on the left; what happened, in full, on the right."""
    event = entry.event
    local = _local(event.occurred_at, zone)
    when: list[Flowable] = [
        Paragraph(_day(local), styles.date),
        Paragraph(f"{local:%H:%M}", styles.time),
    ]
    if entry.after_hours is not None:
        when += [Spacer(1, 1.5 * mm), _badge(styles), _reason(entry.after_hours, styles)]
    what = _what(entry, zone, styles, self_review)
    # splitInRow lets a long summary run on inside its row. Its value is the least
    # height either part may keep; more than 1 point can refuse the last split of a
    # very long entry (reportlab won't move the split point up to make room), so the
    # paragraphs' own orphan and widow control decides instead.
    table = Table([[when, what]], colWidths=[_DATE_COLUMN, width - _DATE_COLUMN], hAlign="LEFT",
                  splitInRow=1)  # fmt: skip
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
    )  # fmt: skip
    return table


def _what(entry: RecordEntry, zone: ZoneInfo, styles: _Styles, self_review: bool) -> list[Flowable]:
    event = entry.event
    story: list[Flowable] = [Paragraph(para_text(event.title()), styles.what)]
    story += [Paragraph(para_text(line), styles.meta) for line in _facts(event, zone)]
    if event.summary.strip():
        story.append(Paragraph(para_text(event.summary), styles.body))
    else:
        story.append(Paragraph("No summary recorded.", styles.quiet))
    if event.search is not None:
        story += _search_answers(event.search, styles, self_review)
    if event.approach is not None and event.approach.learned_how.strip():
        learned = "How the clinician learned of it: " + para_text(event.approach.learned_how)
        story.append(Paragraph(learned, styles.body))
    if self_review:
        story += [f for warning in entry.warnings for f in _warning(warning, styles)]
    if event.raise_next_session:
        story.append(Paragraph("→ To raise in the next session.", styles.flag))
    return story


def _badge(styles: _Styles) -> Table:
    # A boxed label rather than colour, so it survives a black-and-white printer.
    text = "AFTER HOURS"
    inner = stringWidth(text, styles.badge.fontName, styles.badge.fontSize) + 1
    badge = Table([[Paragraph(text, styles.badge)]], colWidths=[inner + 3 * mm], hAlign="LEFT")
    badge.setStyle(
        TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
        ])
    )  # fmt: skip
    return badge


def _reason(found: AfterHours, styles: _Styles) -> Paragraph:
    reason = after_hours_reason(found)
    return Paragraph(para_text(reason[:1].upper() + reason[1:]), styles.reason)


def _facts(event: ContactEvent, zone: ZoneInfo) -> list[str]:
    """The lines under an entry's title: who began it, category, duration, reply, request."""
    facts: list[str] = []
    if event.direction is not None:
        facts.append(DIRECTION_LABELS[event.direction].capitalize())
    if event.category is not None:
        facts.append(CATEGORY_LABELS[event.category].capitalize())
    if event.minutes is not None:
        facts.append(f"{event.minutes} min")
    lines = [" · ".join(facts)] if facts else []
    if event.replied_at is not None:
        by = CONTACT_CHANNEL_LABELS[event.reply_channel] if event.reply_channel else ""
        by = f" by {by}" if by else ""
        lines.append(f"Replied {_when(event.replied_at, zone)}{by}")
    elif event.kind is EventKind.CONTACT and event.direction is Direction.IN:
        lines.append("No reply recorded")
    if event.request is not None:
        request = event.request
        action = REQUEST_ACTION_LABELS[request.action].capitalize()
        if request.discussed_on is not None:
            action = f"Discussed in session on {long_date(request.discussed_on)}"
        line = f"Platform: {request.platform} · {action}"
        lines.append(line)
    return lines


def _search_answers(search: Search, styles: _Styles, self_review: bool) -> list[Flowable]:
    """The answers Clinton, Silverman & Brendel (2010) ask for, one per line; the own
    motive is the clinician's self-review, printed only with it."""
    answers = [
        ("Purpose", SEARCH_PURPOSE_LABELS[search.purpose]),
        ("Consent", CONSENT_LABELS[search.consent]),
        ("Where searched", search.location or "not recorded"),
        ("What was found", search.found or "not recorded"),
        ("Client told", "yes" if search.told_client else "no"),
        ("Documented", "yes" if search.documented else "no"),
        ("Consulted", search.consulted or "no one"),
    ]
    if self_review:
        answers.append(("Own motive", search.motive or "not recorded"))
    # The label hangs in the bullet position rather than in a table column, so even a
    # very long "what was found" is a plain paragraph that can run on to the next page.
    story: list[Flowable] = [Spacer(1, 2 * mm)]
    for label, value in answers:
        story += [
            Paragraph(para_text(value), styles.answer, bulletText=label),
            HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=1.5, spaceAfter=1),
        ]
    return story[:-1]


def _warning(warning: RecordWarning, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("<b>Warning.</b> " + para_text(warning.message), styles.warning)
    ]
    if warning.acknowledged:
        note = warning.note.strip()
        text = "Acknowledged: " + para_text(note) if note else "Acknowledged, with no note."
    else:
        text = "Not acknowledged."
    story.append(Paragraph(text, styles.note))
    return story


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("record times must be timezone-aware")
    return moment.astimezone(zone)


def _day(local: datetime) -> str:
    """ "Fri 20 Nov 2026", the same in every locale."""
    return weekday_date(local.date())


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """ "Fri 20 Nov 2026, 22:40" in the practice's zone."""
    local = _local(moment, zone)
    return f"{_day(local)}, {local:%H:%M}"
