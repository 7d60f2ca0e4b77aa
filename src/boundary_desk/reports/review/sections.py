"""The review's sections, in the order they are printed, in the app's language.

In a right-to-left language the page mirrors: tables read from the right, the figures
band starts at the right. The charts keep time running left to right, as on screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.domain.agreement_document import zone_name
from boundary_desk.domain.agreement_words import agreement_words
from boundary_desk.domain.boundary_warnings import severity_of
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import (
    REFLECTION_PROMPTS,
    ReviewWarning,
    WeeklyReview,
    action_key,
    client_weeks,
)
from boundary_desk.domain.vocabulary.calendar_names import (
    clock_time,
    week_span,
    weekday_long_date,
)
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS, WARNING_ACTION_LABELS, shown
from boundary_desk.domain.words import capitalised
from boundary_desk.reports.fonts import SANS, SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.review.heatmap import heatmap_drawing
from boundary_desk.reports.review.styles import ReviewStyles
from boundary_desk.reports.review.tables import (
    boxed_label,
    grid_table,
    in_reading_order,
    plain_style,
    writing_lines,
)
from boundary_desk.reports.review.trend import numbers_label_width, trend_chart, trend_numbers
from boundary_desk.reports.review.words import (
    DEIDENTIFIED,
    IDENTIFIED,
    TITLE,
    UNKNOWN_CODE,
    boundary_details,
    channel_label,
    percent,
    when,
)
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import INK, MUTED, TINT
from boundary_desk.system.i18n import LANGUAGES, _, current_language, is_right_to_left, ngettext

# Room a section needs at a page foot, so a heading never ends a page alone.
_ROOM_FOR_SECTION = 32 * mm


class ReviewPage:
    """The review's sections, each a list of flowables, sharing what they all need."""

    def __init__(
        self,
        review: WeeklyReview,
        practice: PracticeSettings,
        names: Mapping[str, str] | None,
        codes: Mapping[int, str],
        styles: ReviewStyles,
        width: float,
    ) -> None:
        self.review, self.practice, self.names = review, practice, names
        self.codes, self.s, self.width = codes, styles, width
        self.rtl = is_right_to_left()

    def who(self, code: str) -> str:
        """A client as printed (markup-safe): the code, and in the identified copy the name."""
        if not code:
            return _("Practice")
        name = (self.names or {}).get(code, "").strip()
        return para_text(f"{code} · {name}" if name else code)

    def heading(self, text: str) -> list[Flowable]:
        return [CondPageBreak(_ROOM_FOR_SECTION), Paragraph(text, self.s.heading)]

    def title_block(self) -> list[Flowable]:
        s, week, identified = self.s, self.review.week, self.names is not None
        badge, badge_width = boxed_label(
            _("IDENTIFIED COPY") if identified else _("DE-IDENTIFIED"), s.badge
        )
        privacy = Paragraph(_(IDENTIFIED) if identified else _(DEIDENTIFIED), s.small)
        gap = 3 * mm
        cells, widths = in_reading_order([badge, "", privacy], [badge_width, gap, None], self.rtl)
        line = Table([cells], colWidths=widths, hAlign="RIGHT" if self.rtl else "LEFT")
        line.setStyle(plain_style(valign="MIDDLE"))
        dates = _("{dates} · ISO week {week}").format(dates=week_span(week.first_day), week=week)
        return [
            Paragraph(_(TITLE), s.title),
            Paragraph(para_text(dates), s.week),
            Spacer(1, 2 * mm),
            line,
            Spacer(1, 1.5 * mm),
            Paragraph(para_text(self.reviewed_line()), s.muted),
            Spacer(1, 5 * mm),
        ]

    def reviewed_line(self) -> str:
        at = self.review.record.reviewed_at
        if at is None:
            return _("This week has not been marked reviewed yet.")
        local = at.astimezone(self.practice.timezone)
        return _("Marked reviewed on {date} at {time}.").format(
            date=weekday_long_date(local.date()), time=clock_time(local.time())
        )

    def figures(self) -> list[Flowable]:
        f = self.review.figures
        share = (
            _("{share} of contacts").format(share=percent(f.after_hours_share))
            if f.contacts
            else _("no contacts")
        )
        counts = [
            (f.contacts, ngettext("contact", "contacts", f.contacts)),
            # Each label's own line breaks (a translation sets its own) keep the band even.
            (f.after_hours, _("after hours\n({share})").format(share=share)),
            (f.own_after_hours, _("you replied or\nreached out\nafter hours")),
            (f.minutes, _("minutes of contact")),
            (f.boundary_events, _("friend requests,\nsearches, approaches")),
        ]
        big = f'<font name="{SANS_BOLD}" size="16" color="#{INK.hexval()[2:]}">'
        cells = [
            Paragraph(f"{big}{n}</font><br/>{para_text(label)}", self.s.count)
            for n, label in counts
        ]
        even: list[float | None] = [self.width / len(cells)] * len(cells)
        cells, widths = in_reading_order(cells, even, self.rtl)
        band = Table([cells], colWidths=widths, hAlign="LEFT")
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
        weeks = len(history)
        heading = self.heading(
            ngettext("The last {count} week", "The last {count} weeks", weeks).format(count=weeks)
        )
        if not any(h.contacts for h in history):
            quiet = ngettext(
                "No contacts were logged in the last {count} week, so there is no trend.",
                "No contacts were logged in the last {count} weeks, so there is no trend.",
                weeks,
            ).format(count=weeks)
            return [*heading, Paragraph(quiet, s.quiet)]
        label_width = numbers_label_width(24 * mm)
        column = (self.width - label_width) / len(history)
        total, late = sum(h.contacts for h in history), sum(h.after_hours for h in history)
        summary = " ".join((
            ngettext(
                "Across these weeks: {count} contact, {late} after hours ({share}).",
                "Across these weeks: {count} contacts, {late} after hours ({share}).",
                total,
            ).format(count=total, late=late, share=percent(late / total)),
            _("The hatched orange bars are after-hours contacts; the shaded column is this week."),
        ))  # fmt: skip
        block = [
            heading[1],
            trend_chart(history, label_width, column),
            trend_numbers(history, label_width, column),
            Spacer(1, 2 * mm),
            Paragraph(summary, s.muted),
        ]
        return [KeepTogether(block)]

    def heatmap(self) -> list[Flowable]:
        if not self.review.figures.contacts:
            return []  # "no contacts" is said once, under contacts by channel and client
        skipped, drawing = heatmap_drawing(self.review, self.practice, self.width)
        zone = self.practice.timezone.key
        language = current_language()
        words = agreement_words(language if language in LANGUAGES else "en")
        note = _(
            "Times are {zone} time ({key}). Outlined: your working hours, {hours}."
        ).format(zone=zone_name(zone), key=zone, hours=words.hours(self.practice.hours)
                 or _("none set"))  # fmt: skip
        if skipped:
            note += " " + _("Public holidays and vacation days this week are not outlined.")
        heading = Paragraph(_("When contact came: day and hour"), self.s.heading)
        return [KeepTogether([heading, drawing, Spacer(1, 1.5 * mm),
                              Paragraph(para_text(note), self.s.muted)])]  # fmt: skip

    def breakdown(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading(_("Contacts by channel and client"))
        if not review.by_channel and not review.sessions:
            return [*heading, Paragraph(_("No contacts were logged this week."), s.quiet)]
        by_count = sorted(review.by_channel.items(), key=lambda kv: (-kv[1], channel_label(kv[0])))
        channels = [[Paragraph(para_text(channel_label(k)), s.cell), str(v)] for k, v in by_count]
        channels = channels or [[Paragraph(_("No contacts this week"), s.cell), ""]]
        clients = [
            [Paragraph(self.who(w.code), s.cell), str(w.contacts), str(w.after_hours),
             str(w.sessions)]
            for w in client_weeks(review)
        ]  # fmt: skip
        gap = 8 * mm
        half = (self.width - gap) / 2
        left = grid_table([_("Channel"), _("Contacts")], channels, [half - 20 * mm, 20 * mm],
                          numeric=1, rtl=self.rtl)  # fmt: skip
        right = grid_table([_("Client"), _("Contacts"), _("After hours"), _("Sessions")], clients,
                           [half - 60 * mm, 18 * mm, 22 * mm, 20 * mm], numeric=3,
                           rtl=self.rtl)  # fmt: skip
        if max(len(channels), len(clients)) > 14:  # long lists must be free to split
            return [*heading, left, Spacer(1, 5 * mm), right]
        both, widths = in_reading_order([left, "", right], [half, gap, half], self.rtl)
        pair = Table([both], colWidths=widths, hAlign="LEFT")
        pair.setStyle(plain_style())
        return [KeepTogether([heading[1], pair])]

    def warnings(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading(_("Warnings this week"))
        if not review.warnings:
            return [*heading, Paragraph(_("No warnings this week."), s.quiet)]
        rows = [
            [Paragraph(self.who(w.client), s.cell), Paragraph(self.warning(w), s.cell),
             Paragraph(self.action(w), s.cell)]
            for w in review.warnings
        ]  # fmt: skip
        who = 36 * mm if self.names is not None else 26 * mm
        widths = [who, self.width - who - 40 * mm, 40 * mm]
        header = [_("Client"), _("Warning"), _("Your action")]
        return [*heading, grid_table(header, rows, widths, rtl=self.rtl)]

    def warning(self, warning: ReviewWarning) -> str:
        """Its severity in words first ("Serious"), then what it said."""
        words = shown(SEVERITY_LABELS[severity_of(warning.code)])
        return f"<b>{capitalised(words)}</b><br/>{para_text(warning.message)}"

    def action(self, warning: ReviewWarning) -> str:
        chosen = self.action_words(self.review.record.actions.get(action_key(warning), ""))
        lines = [f"<b>{para_text(capitalised(chosen))}</b>"] if chosen else []
        if warning.acknowledged:
            lines.append(_("Acknowledged"))
        none = _("None chosen")
        quiet = f'<font name="{SANS_OBLIQUE}" color="#{MUTED.hexval()[2:]}">{none}</font>'
        return "<br/>".join(lines) or quiet

    def misunderstanding(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading(_("Messages at risk of misunderstanding"))
        if not review.misunderstanding_risk:
            return [*heading, Paragraph(_("None this week."), s.quiet)]
        zone, actions = self.practice.timezone, review.record.actions
        rows = [
            [Paragraph(when(m.occurred_at.astimezone(zone)), s.cell),
             Paragraph(self.who(m.client), s.cell),
             Paragraph(channel_label(m.channel.value), s.cell),
             Paragraph(para_text(m.why), s.cell),
             Paragraph(self.decided(actions.get(m.key, "")), s.cell)]
            for m in review.misunderstanding_risk
        ]  # fmt: skip
        who = 36 * mm if self.names is not None else 22 * mm
        widths = [28 * mm, who, 24 * mm, self.width - who - 88 * mm, 36 * mm]
        header = [_("When"), _("Client"), _("Channel"), _("Why"), _("Your action")]
        table = grid_table(header, rows, widths, rtl=self.rtl)
        return [*heading, table]

    def preferred_channels(self) -> list[Flowable]:
        """A plain line for each client with a preferred channel and contact this week; in
        the de-identified copy by code only."""
        story = self.heading(_("Preferred channels"))
        recorded = [p for p in self.review.preferred_channels if p.preference is not None]
        if not recorded:
            none = _("No client with contact this week has a preferred channel recorded.")
            return [*story, Paragraph(none, self.s.quiet)]
        story += [Paragraph(para_text(p.line(self.who_plain(p.client))), self.s.small)
                  for p in recorded]  # fmt: skip
        return story

    def who_plain(self, code: str) -> str:
        """A client as plain text: the code, and in the identified copy the name."""
        name = (self.names or {}).get(code, "").strip()
        return f"{code} · {name}" if name else code

    @staticmethod
    def action_words(action: str) -> str:
        """A decision in the app's language; one the clinician typed stays as typed."""
        chosen = action.strip()
        return shown(WARNING_ACTION_LABELS[chosen]) if chosen in WARNING_ACTION_LABELS else chosen

    def decided(self, action: str) -> str:
        chosen = self.action_words(action)
        if chosen:
            return f"<b>{para_text(capitalised(chosen))}</b>"
        asked = _("Check in session?")
        return f'<font name="{SANS_OBLIQUE}" color="#{MUTED.hexval()[2:]}">{asked}</font>'

    def agreements(self) -> list[Flowable]:
        review = self.review
        story = self.heading(_("Agreements"))
        for label, codes in (
            (_("Due for review"), review.agreements_due),
            (_("Contact this week but no signed agreement"), review.unsigned_with_contacts),
        ):
            listed = ", ".join(self.who(code) for code in codes) if codes else _("none")
            line = _("{field}: {value}").format(field=f"<b>{label}</b>", value=listed)
            story.append(Paragraph(line, self.s.small))
        return story

    def searches_and_requests(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading(_("Online searches and friend requests"))
        items = sorted((*review.searches, *review.friend_requests), key=lambda c: c.local)
        if not items:
            return [*heading, Paragraph(_("None this week."), s.quiet)]
        late = "<br/>" + _("after hours")
        rows = [
            [Paragraph(when(item.local) + (late if item.after_hours else ""), s.cell),
             Paragraph(self.who(self.codes.get(item.event.client_id, _(UNKNOWN_CODE))), s.cell),
             Paragraph(boundary_details(item), s.cell)]
            for item in items
        ]  # fmt: skip
        widths = [32 * mm, 30 * mm, self.width - 62 * mm]
        header = [_("When"), _("Client"), _("What")]
        return [*heading, grid_table(header, rows, widths, rtl=self.rtl)]

    def reflections(self) -> list[Flowable]:
        s, answers = self.s, self.review.record.reflections
        lead: list[Flowable] = [Paragraph(_("Reflections"), s.heading)]
        if self.names is None:
            lead.append(Paragraph(_(
                "In your reflections, supervision list and notes, your clients' names, numbers, "
                "email addresses and handles are replaced by their codes. Other people's names "
                "are printed as you wrote them."), s.muted))  # fmt: skip
        prompts = {key: _(question) for key, question in REFLECTION_PROMPTS}
        prompts |= {k: k.replace("_", " ").capitalize() for k in answers if k not in prompts}
        blocks = []
        for key, question in prompts.items():
            answer = answers.get(key, "").strip()
            shown: list[Flowable] = (
                [Paragraph(para_text(answer), s.small)]
                if answer
                else [Paragraph(_("Not answered."), s.quiet), writing_lines(self.width)]
            )
            blocks.append([Paragraph(para_text(question), s.question), *shown])
        # The heading travels with the first question (KeepTogether cannot nest).
        return [KeepTogether([*lead, *blocks[0]]), *(KeepTogether(b) for b in blocks[1:])]

    def supervision_and_notes(self) -> list[Flowable]:
        s, record = self.s, self.review.record
        story = self.heading(_("To take to supervision"))
        if record.supervision and self.rtl:  # the bullet at the right, before the words
            story += [Paragraph("• " + para_text(item), s.small) for item in record.supervision]
        elif record.supervision:
            story.append(ListFlowable(
                [Paragraph(para_text(item), s.small) for item in record.supervision],
                bulletType="bullet", start="•", bulletFontName=SANS, bulletFontSize=9,
                bulletColor=MUTED, leftIndent=5 * mm,
            ))  # fmt: skip
        else:
            story.append(Paragraph(_("Nothing listed."), s.quiet))
        notes = record.notes.strip()
        story += self.heading(_("Notes"))
        story.append(Paragraph(para_text(notes or _("No notes.")), s.small if notes else s.quiet))
        story += [Spacer(1, 6 * mm), Paragraph(para_text(self.reviewed_line()), s.muted)]
        return story
