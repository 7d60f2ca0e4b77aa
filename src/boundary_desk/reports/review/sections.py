"""The review's sections, in the order they are printed."""

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
from boundary_desk.domain.boundary_warnings import severity_of
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import (
    REFLECTION_PROMPTS,
    ReviewWarning,
    WeeklyReview,
    action_key,
    client_weeks,
)
from boundary_desk.domain.vocabulary.calendar_names import day_name, long_date
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS, warning_action_label
from boundary_desk.domain.words import counted
from boundary_desk.reports.fonts import SANS, SANS_BOLD, SANS_OBLIQUE
from boundary_desk.reports.review.heatmap import heatmap_drawing
from boundary_desk.reports.review.styles import ReviewStyles
from boundary_desk.reports.review.tables import boxed_label, grid_table, plain_style, writing_lines
from boundary_desk.reports.review.trend import trend_chart, trend_numbers
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
        badge, badge_width = boxed_label(
            "IDENTIFIED COPY" if identified else "DE-IDENTIFIED", s.badge
        )
        privacy = Paragraph(IDENTIFIED if identified else DEIDENTIFIED, s.small)
        line = Table([[badge, privacy]], colWidths=[badge_width + 3 * mm, None], hAlign="LEFT")
        line.setStyle(plain_style(valign="MIDDLE"))
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
        share = f"{percent(f.after_hours_share)} of contacts" if f.contacts else "no contacts"
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
        heading = self.heading(f"The last {counted(len(history), 'week', 'weeks')}")
        if not any(h.contacts for h in history):
            quiet = (
                f"No contacts were logged in the last {counted(len(history), 'week', 'weeks')}, "
                "so there is no trend."
            )
            return [*heading, Paragraph(quiet, s.quiet)]
        label_width = 24 * mm
        column = (self.width - label_width) / len(history)
        total, late = sum(h.contacts for h in history), sum(h.after_hours for h in history)
        summary = (
            f"Across these weeks: {counted(total, 'contact', 'contacts')}, {late} after hours "
            f"({percent(late / total)}). "
            "The hatched orange bars are after-hours contacts; the shaded column is this week."
        )
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
        if not review.by_channel and not review.sessions:
            return [*heading, Paragraph("No contacts were logged this week.", s.quiet)]
        by_count = sorted(review.by_channel.items(), key=lambda kv: (-kv[1], channel_label(kv[0])))
        channels = [[Paragraph(para_text(channel_label(k)), s.cell), str(v)] for k, v in by_count]
        channels = channels or [[Paragraph("No contacts this week", s.cell), ""]]
        clients = [
            [Paragraph(self.who(w.code), s.cell), str(w.contacts), str(w.after_hours),
             str(w.sessions)]
            for w in client_weeks(review)
        ]  # fmt: skip
        gap = 8 * mm
        half = (self.width - gap) / 2
        left = grid_table(["Channel", "Contacts"], channels, [half - 20 * mm, 20 * mm], numeric=1)
        right = grid_table(["Client", "Contacts", "After hours", "Sessions"], clients,
                      [half - 60 * mm, 18 * mm, 22 * mm, 20 * mm], numeric=3)  # fmt: skip
        if max(len(channels), len(clients)) > 14:  # long lists must be free to split
            return [*heading, left, Spacer(1, 5 * mm), right]
        pair = Table([[left, "", right]], colWidths=[half, gap, half], hAlign="LEFT")
        pair.setStyle(plain_style())
        return [KeepTogether([heading[1], pair])]

    def warnings(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading("Warnings this week")
        if not review.warnings:
            return [*heading, Paragraph("No warnings this week.", s.quiet)]
        rows = [
            [Paragraph(self.who(w.client), s.cell), Paragraph(self.warning(w), s.cell),
             Paragraph(self.action(w), s.cell)]
            for w in review.warnings
        ]  # fmt: skip
        who = 36 * mm if self.names is not None else 26 * mm
        widths = [who, self.width - who - 40 * mm, 40 * mm]
        return [*heading, grid_table(["Client", "Warning", "Your action"], rows, widths)]

    def warning(self, warning: ReviewWarning) -> str:
        """Its severity in words first ("Serious"), then what it said."""
        words = SEVERITY_LABELS[severity_of(warning.code)]
        return f"<b>{words[:1].upper() + words[1:]}</b><br/>{para_text(warning.message)}"

    def action(self, warning: ReviewWarning) -> str:
        chosen = warning_action_label(
            self.review.record.actions.get(action_key(warning), "").strip()
        )
        lines = [f"<b>{para_text(chosen[:1].upper() + chosen[1:])}</b>"] if chosen else []
        if warning.acknowledged:
            lines.append("Acknowledged")
        quiet = f'<font name="{SANS_OBLIQUE}" color="#{MUTED.hexval()[2:]}">None chosen</font>'
        return "<br/>".join(lines) or quiet

    def misunderstanding(self) -> list[Flowable]:
        s, review = self.s, self.review
        heading = self.heading("Messages at risk of misunderstanding")
        if not review.misunderstanding_risk:
            return [*heading, Paragraph("None this week.", s.quiet)]
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
        table = grid_table(["When", "Client", "Channel", "Why", "Your action"], rows, widths)
        return [*heading, table]

    def preferred_channels(self) -> list[Flowable]:
        """A plain line for each client with a preferred channel and contact this week; in
        the de-identified copy by code only."""
        story = self.heading("Preferred channels")
        recorded = [p for p in self.review.preferred_channels if p.preference is not None]
        if not recorded:
            none = "No client with contact this week has a preferred channel recorded."
            return [*story, Paragraph(none, self.s.quiet)]
        story += [Paragraph(para_text(p.line(self.who_plain(p.client))), self.s.small)
                  for p in recorded]  # fmt: skip
        return story

    def who_plain(self, code: str) -> str:
        """A client as plain text: the code, and in the identified copy the name."""
        name = (self.names or {}).get(code, "").strip()
        return f"{code} · {name}" if name else code

    def decided(self, action: str) -> str:
        chosen = warning_action_label(action.strip())
        if chosen:
            return f"<b>{para_text(chosen[:1].upper() + chosen[1:])}</b>"
        return f'<font name="{SANS_OBLIQUE}" color="#{MUTED.hexval()[2:]}">Check in session?</font>'

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
            [Paragraph(when(item.local) + ("<br/>after hours" if item.after_hours else ""),
                       s.cell),
             Paragraph(self.who(self.codes.get(item.event.client_id, UNKNOWN_CODE)), s.cell),
             Paragraph(boundary_details(item), s.cell)]
            for item in items
        ]  # fmt: skip
        widths = [32 * mm, 30 * mm, self.width - 62 * mm]
        return [*heading, grid_table(["When", "Client", "What"], rows, widths)]

    def reflections(self) -> list[Flowable]:
        s, answers = self.s, self.review.record.reflections
        lead: list[Flowable] = [Paragraph("Reflections", s.heading)]
        if self.names is None:
            lead.append(Paragraph(
                "In your reflections, supervision list and notes, your clients' names, numbers, "
                "email addresses and handles are replaced by their codes. Other people's names "
                "are printed as you wrote them.", s.muted))  # fmt: skip
        prompts = dict(REFLECTION_PROMPTS)
        prompts |= {k: k.replace("_", " ").capitalize() for k in answers if k not in prompts}
        blocks = []
        for key, question in prompts.items():
            answer = answers.get(key, "").strip()
            shown: list[Flowable] = (
                [Paragraph(para_text(answer), s.small)]
                if answer
                else [Paragraph("Not answered.", s.quiet), writing_lines(self.width)]
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
