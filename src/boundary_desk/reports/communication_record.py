"""A client's communication record, printed for the chart.

Texts and emails between sessions are part of the clinical record, so this is an
identified document: the client's name, every logged contact in order, and each
summary in full as the transcription. Times are the practice's local time.

By default it holds only what belongs in the clinical record. The clinician's
self-review (the "own motive" line of a search, and the app's warnings with their
acknowledgements) stays in the vault and the weekly review; with `self_review` it is
printed too, and the record says so under its title.

It is printed in the app's language (the command line's is English); in Hebrew it
is set right to left, each entry's time at the right. The warnings read as they were
written when the entry was logged.

Everything shown was typed by someone, so every string goes through `para_text`.
Short entries are kept whole on a page; a long one may split, but never leaves
its heading alone at a page foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_RIGHT
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
from boundary_desk.domain.vocabulary.calendar_names import clock_time, long_date, weekday_date
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    shown,
    shown_after_hours_reason,
    shown_event_title,
)
from boundary_desk.domain.words import capitalised
from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.fonts import SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import ACCENT, INK, MUTED, RULE, TINT, report_styles
from boundary_desk.system.i18n import N_, _, is_right_to_left, ngettext

TITLE = N_("Communication record")
WITH_SELF_REVIEW = N_(
    "Includes the clinician's self-review: the own motive for each search, and the app's "
    "warnings with their acknowledgements. These are not part of the clinical record."
)
EMPTY = N_("No between-session contact has been logged for this client.")
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
    rtl: bool


def _styles(rtl: bool) -> _Styles:
    """The record's styles; the letterhead matches the agreement's. Right to left, every
    paragraph is set right to left against the right margin."""
    shared = report_styles()
    body = ParagraphStyle("cr-body", shared.body, fontSize=10, leading=14)
    if rtl:
        body = ParagraphStyle("cr-body-rtl", body, direction="RTL", alignment=TA_RIGHT)
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
        rtl=rtl,
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
    rtl = is_right_to_left()
    styles = _styles(rtl)
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
        story.append(Paragraph(_(EMPTY), styles.quiet))
    title = _(TITLE)
    code = f"\u202a{client.code}\u202c\u200f" if rtl else client.code  # kept whole in Hebrew
    footer = [title, code, _("printed {day}").format(day=long_date(printed_on))]
    if self_review:
        footer.append(_("with the clinician's self-review"))
    return build_pdf(
        story,
        title=f"{title} · {client.code}",
        footer_left=" · ".join(footer),
        pagesize=pagesize,
        page_words=_("Page {number} of {total}"),
        right_to_left=rtl,
    )


def _title_block(client: Client, styles: _Styles, self_review: bool) -> list[Flowable]:
    who = _("{name} · client code {code}").format(
        name="<b>" + para_text(client.display_name) + "</b>", code=para_text(client.code)
    )
    facts = [_therapy_dates(client)]
    if client.is_minor:
        guardian = client.guardian_name.strip()
        facts.append(
            _("Minor; parent or guardian: {guardian}").format(guardian=guardian)
            if guardian
            else _("Minor")
        )
    return [
        Paragraph(_(TITLE), styles.title),
        Paragraph(who, styles.client),
        Paragraph(" · ".join(para_text(fact) for fact in facts), styles.facts),
        *([Paragraph(_(WITH_SELF_REVIEW), styles.flag)] if self_review else []),
        Spacer(1, 5 * mm),
    ]


def _therapy_dates(client: Client) -> str:
    started = long_date(client.started_on) if client.started_on else None
    ended = long_date(client.ended_on) if client.ended_on else None
    if client.status is ClientStatus.ENDED:
        if started and ended:
            return _("Therapy began {started}, ended {ended}").format(started=started, ended=ended)
        if started:
            return _("Therapy began {started}, ended").format(started=started)
        if ended:
            return _("Therapy ended {ended}").format(ended=ended)
        return _("Therapy ended")
    if started:
        return _("In therapy since {started}").format(started=started)
    return _("Start of therapy not recorded")


def _overview(
    entries: Sequence[RecordEntry], zone: ZoneInfo, styles: _Styles, width: float
) -> list[Flowable]:
    """The period covered and the counts, in a quiet tinted band (entries are sorted)."""
    first, last = (_local(e.event.occurred_at, zone).date() for e in (entries[0], entries[-1]))
    span = long_date(first) if first == last else f"{long_date(first)} – {long_date(last)}"
    where = _("Times are {zone} time ({key}), the practice's time zone.").format(
        zone=zone_name(zone.key), key=zone.key
    )
    contacts = sum(e.event.kind is EventKind.CONTACT for e in entries)
    late = sum(e.after_hours is not None for e in entries)
    requests = _kind_count(entries, EventKind.FRIEND_REQUEST)
    searches = _kind_count(entries, EventKind.SEARCH)
    counts = [
        (contacts, ngettext("contact", "contacts", contacts)),
        (late, _("after hours")),
        (requests, ngettext("friend request", "friend requests", requests)),
        (searches, ngettext("online search", "online searches", searches)),
    ]
    approaches = _kind_count(entries, EventKind.CLIENT_APPROACH)
    if approaches:
        counts.append((approaches, ngettext("client approach", "client approaches", approaches)))
    # Number and label in one paragraph, so copied text reads "7 after hours".
    big = f'<font name="{SANS_BOLD}" size="15" color="#{INK.hexval()[2:]}">'
    cells = [
        Paragraph(f"{big}{n}</font><br/>{para_text(words)}", styles.count) for n, words in counts
    ]
    if styles.rtl:
        cells.reverse()
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
        Paragraph(_("Period covered: {span}").format(span=f"<b>{span}</b>"), styles.client),
        Paragraph(para_text(where), styles.facts),
        Spacer(1, 3 * mm),
        KeepTogether([band]),
        Spacer(1, 6 * mm),
    ]


def _end_line(count: int) -> str:
    # Says where the record stops, so a missing last page cannot go unnoticed.
    return ngettext(
        "End of record: {count} entry.", "End of record: {count} entries.", count
    ).format(count=count)


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
        Paragraph(clock_time(local.time()), styles.time),
    ]
    if entry.after_hours is not None:
        when += [Spacer(1, 1.5 * mm), _badge(styles), _reason(entry.after_hours, styles)]
    what = _what(entry, zone, styles, self_review)
    # splitInRow lets a long summary run on inside its row. Its value is the least
    # height either part may keep; more than 1 point can refuse the last split of a
    # very long entry (reportlab won't move the split point up to make room), so the
    # paragraphs' own orphan and widow control decides instead.
    if styles.rtl:  # mirrored: the time at the right, what happened at its left
        table = Table([[what, when]], colWidths=[width - _DATE_COLUMN, _DATE_COLUMN],
                      hAlign="LEFT", splitInRow=1)  # fmt: skip
        gap = [
            ("LEFTPADDING", (1, 0), (1, -1), 3 * mm),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),  # the after-hours badge against the edge
        ]
    else:
        table = Table([[when, what]], colWidths=[_DATE_COLUMN, width - _DATE_COLUMN],
                      hAlign="LEFT", splitInRow=1)  # fmt: skip
        gap = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
               ("RIGHTPADDING", (1, 0), (1, -1), 0)]  # fmt: skip
    table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *gap,
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
    )  # fmt: skip
    return table


def _what(entry: RecordEntry, zone: ZoneInfo, styles: _Styles, self_review: bool) -> list[Flowable]:
    event = entry.event
    story: list[Flowable] = [Paragraph(para_text(shown_event_title(event)), styles.what)]
    story += [Paragraph(para_text(line), styles.meta) for line in _facts(event, zone)]
    if event.summary.strip():
        story.append(Paragraph(para_text(event.summary), styles.body))
    else:
        story.append(Paragraph(_("No summary recorded."), styles.quiet))
    if event.search is not None:
        story += _search_answers(event.search, styles, self_review)
    if event.approach is not None and event.approach.learned_how.strip():
        learned = _("How the clinician learned of it: {how}").format(
            how=para_text(event.approach.learned_how)
        )
        story.append(Paragraph(learned, styles.body))
    if self_review:
        story += [f for warning in entry.warnings for f in _warning(warning, styles)]
    if event.raise_next_session:
        arrow = "←" if styles.rtl else "→"
        story.append(Paragraph(f"{arrow} " + _("To raise in the next session."), styles.flag))
    return story


def _badge(styles: _Styles) -> Table:
    # A boxed label rather than colour, so it survives a black-and-white printer.
    text = _("AFTER HOURS")
    inner = stringWidth(text, styles.badge.fontName, styles.badge.fontSize) + 1
    badge = Table([[Paragraph(text, styles.badge)]], colWidths=[inner + 3 * mm],
                  hAlign="RIGHT" if styles.rtl else "LEFT")  # fmt: skip
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
    reason = shown_after_hours_reason(found)
    return Paragraph(para_text(reason[:1].upper() + reason[1:]), styles.reason)


def _facts(event: ContactEvent, zone: ZoneInfo) -> list[str]:
    """The lines under an entry's title: who began it, category, duration, reply, request."""
    facts: list[str] = []
    if event.direction is not None:
        facts.append(capitalised(shown(DIRECTION_LABELS[event.direction])))
    if event.category is not None:
        facts.append(capitalised(shown(CATEGORY_LABELS[event.category])))
    if event.minutes is not None:
        facts.append(_("{minutes} min").format(minutes=event.minutes))
    lines = [" · ".join(facts)] if facts else []
    if event.replied_at is not None:
        when = _when(event.replied_at, zone)
        if event.reply_channel:
            channel = shown(CONTACT_CHANNEL_LABELS[event.reply_channel])
            lines.append(_("Replied {when} by {channel}").format(when=when, channel=channel))
        else:
            lines.append(_("Replied {when}").format(when=when))
    elif event.kind is EventKind.CONTACT and event.direction is Direction.IN:
        lines.append(_("No reply recorded"))
    if event.request is not None:
        request = event.request
        action = capitalised(shown(REQUEST_ACTION_LABELS[request.action]))
        if request.discussed_on is not None:
            action = _("Discussed in session on {day}").format(day=long_date(request.discussed_on))
        platform = _("Platform: {platform}").format(platform=request.platform)
        lines.append(f"{platform} · {action}")
    return lines


def _search_answers(search: Search, styles: _Styles, self_review: bool) -> list[Flowable]:
    """The answers Clinton, Silverman & Brendel (2010) ask for, one per line; the own
    motive is the clinician's self-review, printed only with it."""
    unrecorded = _("not recorded")
    answers = [
        (_("Purpose"), shown(SEARCH_PURPOSE_LABELS[search.purpose])),
        (_("Consent"), shown(CONSENT_LABELS[search.consent])),
        (_("Where searched"), search.location or unrecorded),
        (_("What was found"), search.found or unrecorded),
        (_("Client told"), _("yes") if search.told_client else _("no")),
        (_("Documented"), _("yes") if search.documented else _("no")),
        (_("Consulted"), search.consulted or _("no one")),
    ]
    if self_review:
        answers.append((_("Own motive"), search.motive or unrecorded))
    # The label hangs in the bullet position rather than in a table column, so even a
    # very long "what was found" is a plain paragraph that can run on to the next page.
    # Right to left, the label leads its line instead ("מטרה: …"), as a bullet stays left.
    story: list[Flowable] = [Spacer(1, 2 * mm)]
    for label, value in answers:
        shown_answer = (
            Paragraph(_("{field}: {value}").format(field=f"<b>{para_text(label)}</b>",
                                                   value=para_text(value)), styles.warning)
            if styles.rtl
            else Paragraph(para_text(value), styles.answer, bulletText=label)
        )  # fmt: skip
        story += [
            shown_answer,
            HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=1.5, spaceAfter=1),
        ]
    return story[:-1]


def _warning(warning: RecordWarning, styles: _Styles) -> list[Flowable]:
    lead = "<b>" + _("Warning.") + "</b> "
    story: list[Flowable] = [Paragraph(lead + para_text(warning.message), styles.warning)]
    if warning.acknowledged:
        note = warning.note.strip()
        text = (
            _("Acknowledged: {note}").format(note=para_text(note))
            if note
            else _("Acknowledged, with no note.")
        )
    else:
        text = _("Not acknowledged.")
    story.append(Paragraph(text, styles.note))
    return story


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("record times must be timezone-aware")
    return moment.astimezone(zone)


def _day(local: datetime) -> str:
    """ "Fri 20 Nov 2026"; "ven. 20 nov. 2026" in French."""
    return weekday_date(local.date())


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """ "Fri 20 Nov 2026, 22:40" in the practice's zone."""
    local = _local(moment, zone)
    return f"{_day(local)}, {clock_time(local.time())}"
