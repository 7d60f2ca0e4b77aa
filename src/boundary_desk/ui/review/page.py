"""The Friday screen: one honest, calm look at the week, then the clinician's own reflection.

Top to bottom: the figures against the 12-week average, the trend, the day × hour
heatmap, contacts by channel and client, the warnings with their actions, the
messages at risk of misunderstanding, loose ends, and the reflection with the list to
bring to supervision. Exports are made off the GUI thread; the supervision copy carries
client codes only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from boundary_desk.domain.clock import utc_now
from boundary_desk.domain.misunderstanding import CHECK_IN_SESSION
from boundary_desk.domain.review import (
    REFLECTION_PROMPTS,
    ReviewRecord,
    WeeklyReview,
    action_key,
)
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.clients import all_clients
from boundary_desk.services.contacts import acknowledge_entries
from boundary_desk.services.documents import review_request
from boundary_desk.services.review import compute_review, opening_week, save_notes, week_statuses
from boundary_desk.system.i18n import _, is_right_to_left, left_to_right, pgettext
from boundary_desk.ui.review.banner import ReviewBanner, unreviewed_prompt, unreviewed_week
from boundary_desk.ui.review.charts import TrendChart, WeekHeatmap
from boundary_desk.ui.review.export import ReviewExporter
from boundary_desk.ui.review.figures import (
    CountTable,
    HeadlineFigures,
    channel_rows,
    client_rows,
)
from boundary_desk.ui.review.loose_ends import LooseEnds
from boundary_desk.ui.review.misread import RiskList
from boundary_desk.ui.review.preferences import PreferenceLines
from boundary_desk.ui.review.reflections import ReflectionForm
from boundary_desk.ui.review.style import REVIEW_STYLESHEET, section
from boundary_desk.ui.review.warnings import WarningGroup, WarningList
from boundary_desk.ui.review.weeks import WeekList, long_label, reviewed_line
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import Reflow, VerticalScroll, move_widget
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    button,
    label,
    page_layout,
    tab_order,
    tab_stops,
)

__all__ = ["ReviewBanner", "ReviewPage", "unreviewed_prompt", "unreviewed_week"]

PROMPT_KEYS = frozenset(key for key, _prompt in REFLECTION_PROMPTS)
WEEKS_WIDTH = 212
BODY_GAP = 16
WEEKS_ON_TOP = 3  # weeks shown at once when the list sits above the review
QWIDGETSIZE_MAX = (1 << 24) - 1


class ReviewPage(QWidget):
    """The weekly self-review. `show_week(week)` opens any past week; edits are never lost."""

    week_shown = Signal(object)  # Week
    week_reviewed = Signal(object)  # Week, once marked reviewed

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self._services, self._prompter, self._now = services, prompter, now
        self.review: WeeklyReview | None = None
        self._saved = ReviewRecord()
        self._actions: dict[str, str] = {}
        self._acknowledged: set[str] = set()
        self._names: dict[str, str] = {}
        self._codes: dict[int, str] = {}
        self.setStyleSheet(REVIEW_STYLESHEET)
        self._build()
        self.exporter = ReviewExporter(
            services, prompter, self, self.export_status, (self.export_button, self.own_copy_button)
        )
        self.export_done = self.exporter.done
        self.show_week(opening_week(services, now()))

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.weeks = WeekList(self)
        self.weeks.setFixedWidth(WEEKS_WIDTH)
        self.weeks.least_width = WEEKS_WIDTH
        self.weeks.week_chosen.connect(self.show_week)
        self.week_side = QWidget(self)
        side = QVBoxLayout(self.week_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(label(_("Weeks"), "subheading"))
        side.addWidget(self.weeks, 1)
        self._body = QHBoxLayout()
        self._body.setSpacing(BODY_GAP)
        self._body.addWidget(self.week_side)
        self._body.addWidget(self._scroll(), 1)
        self._column = column = page_layout(self, 10)
        # Its least size is `minimumSizeHint`'s (the weeks above the review), also when
        # it is shown on its own.
        column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._header_row = self._header()
        column.addLayout(self._header_row)
        column.addWidget(self.export_status)
        column.addLayout(self._body, 1)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _header(self) -> QHBoxLayout:
        # Earlier weeks lie behind the reader: at the left in English, the right in Hebrew.
        back, forward = ("→", "←") if is_right_to_left() else ("←", "→")
        self.previous_button = button(back)
        self.previous_button.setObjectName("weekStep")
        self.previous_button.setToolTip(_("Previous week"))
        self.previous_button.setAccessibleName(_("Previous week"))
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = button(forward)
        self.next_button.setObjectName("weekStep")
        self.next_button.setToolTip(_("Next week"))
        self.next_button.setAccessibleName(_("Next week"))
        self.next_button.clicked.connect(lambda: self._step(1))
        for step in (self.previous_button, self.next_button):
            bigger = step.font()
            bigger.setPointSizeF(bigger.pointSizeF() * 1.3)
            step.setFont(bigger)
        self.title = label("", "heading")
        self.title.setWordWrap(True)  # on a narrow window the week number goes below
        self.status = label("", "muted")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.status)
        self.export_button = button(_("Export for supervision…"))
        self.export_button.setToolTip(
            _("A PDF with client codes in place of names, numbers and handles; shown before saving")
        )
        self.export_button.clicked.connect(self.export_for_supervision)
        self.own_copy_button = button(_("Export my own copy (with names)…"), "link")
        self.own_copy_button.setToolTip(_("A PDF with client names: keep it private"))
        self.own_copy_button.clicked.connect(self.export_own_copy)
        self.export_status = InlineMessage("success", self)
        row = QHBoxLayout()
        row.setSpacing(6)
        centre = Qt.AlignmentFlag.AlignVCenter
        row.addWidget(self.previous_button, 0, centre)
        row.addWidget(self.next_button, 0, centre)
        row.addSpacing(10)
        row.addLayout(titles, 1)
        row.addSpacing(12)
        # The two exports one above the other, so the header fits a narrow window.
        exports = QVBoxLayout()
        exports.setSpacing(0)
        exports.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)
        exports.addWidget(self.own_copy_button, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(exports)
        return row

    def _scroll(self) -> VerticalScroll:
        self.figures = HeadlineFigures()
        self.trend = TrendChart()
        self.heatmap = WeekHeatmap()
        self.channels = CountTable((_("Channel"), _("Contacts")))
        self.clients = CountTable((_("Client"), _("Contacts"), _("After hours"), _("Sessions")))
        self.warnings = WarningList()
        self.warnings.action_chosen.connect(self._choose_action)
        self.misread = RiskList()
        self.misread.check_chosen.connect(self._check_in_session)
        self.preferences = PreferenceLines()
        self.loose_ends = LooseEnds()
        self.reflections = ReflectionForm()
        self.save_error = InlineMessage("error")
        self.save_status = InlineMessage("success")
        self.reflections.changed.connect(self._edited)
        self._content = content = QWidget()
        content.setObjectName("screen")
        self._content_column = column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 10, 16)
        column.setSpacing(14)
        column.addWidget(self.figures)
        column.addWidget(
            section(
                _("12-week trend"),
                _(
                    "Contacts each week and how many came after hours. The last week is this "
                    "review."
                ),
                self.trend,
            )
        )
        column.addWidget(section(_("When contact came"), "", self.heatmap))
        self.counts = Reflow(content, spacing=14)  # one above the other when narrow
        self.counts.add(section(_("By channel"), "", self.channels), 2)
        self.counts.add(section(_("By client"), "", self.clients), 3)
        column.addWidget(self.counts)
        column.addWidget(
            section(
                _("Preferred channels"),
                _(
                    "Of the week's contacts with each client whose channel was given, how many "
                    "went by the channel the client prefers."
                ),
                self.preferences,
            )
        )
        column.addWidget(section(_("Warnings"), "", self.warnings))
        column.addWidget(
            section(
                _("Messages at risk of misunderstanding"),
                _(
                    "Clinical, personal or crisis content in a lean or one-way channel, and long "
                    "threads (Settings › Channels): without tone or a face, they are easily "
                    "misread."
                ),
                self.misread,
            )
        )
        column.addWidget(section(_("Loose ends"), "", self.loose_ends))
        column.addWidget(
            section(_("Reflection"), self._reflection_help(), self._reflection_block())
        )
        column.addStretch(1)
        # Never sideways: it asks for the review's least width, the heatmap's 24 hours.
        self.scroll_area = VerticalScroll(content, self)
        self.scroll_area.setAccessibleName(_("Weekly review"))
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # as a scroll area's
        self.scroll_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return self.scroll_area

    def _order_tabs(self) -> None:
        """Tab reads the page as laid out, the week's warnings (built for each week) too."""
        parts: list[QWidget] = [self.figures, self.trend, self.heatmap, self.channels]
        parts += [self.clients, self.warnings, self.misread, self.loose_ends, self.reflections]
        inside = [stop for part in parts for stop in tab_stops(part)]
        tab_order(
            self,
            self.previous_button,
            self.next_button,
            self.export_button,
            self.own_copy_button,
            self.weeks,
            self.scroll_area,
            *inside,
            self.save_button,
            self.mark_button,
        )

    @staticmethod
    def _reflection_help() -> str:
        return _(
            "For you. Kept in your encrypted vault; the supervision export includes it, "
            "with client codes instead of names."
        )

    def _reflection_block(self) -> QWidget:
        self.save_button = button(_("Save"))
        self.save_button.setToolTip(_("Save your reflection (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.mark_button = button(_("Mark week reviewed"), "primary")
        self.mark_button.clicked.connect(self.mark_reviewed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.mark_button)
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.reflections)
        column.addWidget(self.save_error)
        column.addWidget(self.save_status)
        column.addLayout(buttons)
        return block

    # -- which week -------------------------------------------------------------------

    def current_week(self) -> Week:
        practice = self._services.settings.load()
        return Week.of(self._now(), practice.timezone, practice.week_start)

    def show_week(self, week: Week) -> bool:
        """Open `week` (not past the current one); unsaved edits are saved first, or kept."""
        first = self.review is None
        week = min(week, self.current_week())
        leaving = self.review is not None and week != self.review.week
        if leaving and self.is_changed() and not self.save():
            assert self.review is not None
            self.weeks.select(self.review.week)
            return False
        self._load(week, keep_edits=False, recount_weeks=first)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.week_shown.emit(week)
        return True

    def refresh(self) -> None:
        """Recount the week shown (entries may have been logged meanwhile); edits stay."""
        if self.review is not None:
            self._load(self.review.week, keep_edits=self.is_changed(), recount_weeks=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_weeks(event.size().width())

    def minimumSizeHint(self) -> QSize:
        """No wider than the review needs with the weeks above it, so a window can shrink."""
        hint = super().minimumSizeHint()
        margins = self._column.contentsMargins()
        least = max(self.scroll_area.minimumSizeHint(), self._header_row.minimumSize(),
                    key=QSize.width)  # fmt: skip
        return QSize(least.width() + margins.left() + margins.right(), hint.height())

    def weeks_beside(self) -> bool:
        """Whether the weeks are listed beside the review (else at its top, when narrow)."""
        return self._body.indexOf(self.week_side) >= 0

    def _place_weeks(self, width: int) -> None:
        """The weeks beside the review where both fit; at the top of the review if not.

        Side by side on a small or magnified screen, the heatmap's 24 hours would not
        fit and the review would scroll sideways.
        """
        margins = self._column.contentsMargins()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        room = width - margins.left() - margins.right() - self.weeks.width() - BODY_GAP - bar
        beside = room >= self._content.minimumSizeHint().width()
        if beside == self.weeks_beside():
            return
        if beside:
            self.weeks.setMaximumHeight(QWIDGETSIZE_MAX)
            move_widget(self.week_side, self._content_column, self._body)
        else:
            self.weeks.setMaximumHeight(self.weeks.sizeHintForRow(0) * WEEKS_ON_TOP + 8)
            move_widget(self.week_side, self._body, self._content_column)
        self.week_side.show()

    def showEvent(self, event: QShowEvent) -> None:
        # Built at unlock: entries logged since (here, the quick log, the CLI) must show.
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        # Going to another section, or locking (which hides the workspace before the
        # vault closes), keeps what was typed.
        if self.review is not None and self._services.vault.is_open and self.is_changed():
            self.save()
        super().hideEvent(event)

    def _step(self, weeks: int) -> None:
        if self.review is not None:
            self.show_week(self.review.week.shifted(weeks))

    def _load(self, week: Week, *, keep_edits: bool, recount_weeks: bool) -> None:
        """Show `week`; the list of weeks is recounted on opening and refresh, not per step."""
        services, now = self._services, self._now()
        practice = services.settings.load()
        review = self.review = compute_review(services, week, now)
        clients = all_clients(services)
        self._names = {c.code: c.display_name for c in clients}
        self._codes = {c.id or 0: c.code for c in clients}
        self._saved = review.record
        self._acknowledged = {action_key(w) for w in review.warnings if w.acknowledged}
        if not keep_edits:
            self._load_record(review.record)
        self.save_error.clear_message()
        self.save_status.clear_message()
        self.figures.show_history(review.history)
        self.trend.show_history(review.history)
        self.heatmap.show_week(week, review.heatmap, practice)
        self.channels.show_rows(channel_rows(review.by_channel))
        self.clients.show_rows(client_rows(review, self._names))
        # Sessions only where the calendar gave some this week: no column of zeros.
        self.clients.setColumnHidden(3, not review.sessions)
        self.preferences.show_preferences(review.preferred_channels, self._names)
        self.warnings.show_warnings(review.warnings, self._names, self._actions, self._acknowledged)
        self.misread.show_risks(
            review.misunderstanding_risk, practice.timezone, self._names, self._actions
        )
        self.loose_ends.show_review(review, self._names, self._codes)
        self._order_tabs()
        if recount_weeks:
            self.weeks.show_statuses(week_statuses(services, now), week)
        else:
            self.weeks.select(week)
        self._update_header()
        # Longer words (another language, a busier week) may no longer fit beside the weeks.
        self._place_weeks(self.width())

    def _load_record(self, record: ReviewRecord) -> None:
        self._actions = dict(record.actions)
        self.reflections.load(record.reflections, record.notes, record.supervision)

    def _update_header(self) -> None:
        review = self.review
        assert review is not None
        now = self._now()
        current = self.current_week()
        code = left_to_right(str(review.week))  # the code kept in order in Hebrew
        self.title.setText(f"{long_label(review.week)} · {code}")
        zone_now = now.astimezone(self._services.settings.load().timezone)
        parts = [reviewed_line(self._saved.reviewed_at, zone_now)]
        if review.week == current:
            parts.insert(0, _("This week, so far"))
        self.status.setText(" · ".join(parts))
        self.next_button.setEnabled(review.week < current)
        self.mark_button.setText(
            _("Mark reviewed again") if self._saved.reviewed_at else _("Mark week reviewed")
        )

    # -- the record -------------------------------------------------------------------

    def current_record(self) -> ReviewRecord:
        """What the form holds now, as the record that Save would store."""
        # Answers stored under other keys (none today) are kept, not dropped.
        kept = {k: v for k, v in self._saved.reflections.items() if k not in PROMPT_KEYS}
        reflections = {**kept, **self.reflections.reflections()}
        return ReviewRecord(
            reviewed_at=self._saved.reviewed_at,
            notes=self.reflections.notes_text(),
            reflections=reflections,
            supervision=tuple(self.reflections.items()),
            actions=dict(self._actions),
        )

    def is_changed(self) -> bool:
        ours, saved = self.current_record(), self._saved
        return (
            ours.notes.strip() != saved.notes.strip()
            or dict(ours.reflections) != dict(saved.reflections)
            or ours.supervision != tuple(saved.supervision)
            or dict(ours.actions) != dict(saved.actions)
        )

    def _edited(self) -> None:
        self.save_status.clear_message()

    def save(self) -> bool:
        """Store reflections, notes, supervision list and decisions; False (and why) if refused."""
        return self._store(self.current_record(), _("Saved."))

    def mark_reviewed(self) -> bool:
        review = self.review
        assert review is not None
        record = replace(self.current_record(), reviewed_at=self._now())
        if not self._store(record, _("Week {week} is marked reviewed.").format(week=review.week)):
            return False
        self.weeks.show_statuses(week_statuses(self._services, self._now()), review.week)
        self.week_reviewed.emit(review.week)
        return True

    def _store(self, record: ReviewRecord, done: str) -> bool:
        review = self.review
        assert review is not None
        try:
            saved = save_notes(self._services, review.week, record)
        except UserFacingError as refusal:
            self.save_status.clear_message()
            self.save_error.show_message(
                _("{reason} Nothing was lost: your text is still here.").format(
                    reason=refusal.message
                )
            )
            self.scroll_area.ensureWidgetVisible(self.save_error)
            return False
        self._saved = saved
        self.save_error.clear_message()
        self.reflections.load(saved.reflections, saved.notes, saved.supervision)
        self.save_status.show_message(done)
        self._update_header()
        return True

    def _choose_action(self, group: WarningGroup, action: str, note: str) -> None:
        """Keep the decision (and a note's words, in the notes), then acknowledge the entries."""
        review = self.review
        assert review is not None
        before = dict(self._actions)
        self._actions.update(dict.fromkeys(group.keys, action))
        if note:
            who = group.client or pgettext("the practice as a whole, in a note", "Practice")
            self.reflections.append_note(f"{who} · {group.title()}: {note}")
        if not self._store(self.current_record(), _("Saved your decision.")):
            self._actions = before  # the note stays in the notes box, unsaved, as typed
        else:
            self._acknowledge_group(group, note or f"Weekly review {review.week}: {action}.")
        self.warnings.update_state(self._actions, self._acknowledged)

    def _check_in_session(self, key: str, checked: bool) -> None:
        """Keep (or take back) "check in session" for one message at risk."""
        before = dict(self._actions)
        if checked:
            self._actions[key] = CHECK_IN_SESSION
        else:
            self._actions.pop(key, None)
        if not self._store(self.current_record(), _("Saved your decision.")):
            self._actions = before
        self.misread.update_state(self._actions)

    def _acknowledge_group(self, group: WarningGroup, why: str) -> None:
        """Acknowledge the group's entries not acknowledged yet, all of them or none (one
        acknowledged before keeps its first acknowledgement and note)."""
        open_ones = [
            w
            for w in group.warnings
            if w.event_id is not None and action_key(w) not in self._acknowledged
        ]
        try:
            acknowledge_entries(self._services, [(w.event_id or 0, w.code) for w in open_ones], why)
        except UserFacingError as refusal:
            self.save_error.show_message(
                _("{reason} None of these was acknowledged.").format(reason=refusal.message)
            )
            self.scroll_area.ensureWidgetVisible(self.save_error)
            return
        self._acknowledged.update(action_key(w) for w in open_ones)

    # -- exports ----------------------------------------------------------------------

    def export_for_supervision(self) -> bool:
        """A de-identified PDF (client codes only) for supervision; False if cancelled."""
        return self._export(identified=False)

    def export_own_copy(self) -> bool:
        """The same PDF with client names, for the clinician's own files."""
        return self._export(identified=True)

    def _export(self, *, identified: bool) -> bool:
        self.refresh()  # the PDF never prints older figures than the vault holds now
        assert self.review is not None
        on_screen = replace(self.review, record=self.current_record())
        request = review_request(self._services, on_screen, identified=identified)
        return self.exporter.export(request)
