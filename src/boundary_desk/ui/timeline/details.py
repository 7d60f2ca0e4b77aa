"""The details pane: one entry in full, its warnings (to acknowledge) and its edit history."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.events import ContactEvent, EventKind
from boundary_desk.domain.vocabulary.calendar_names import weekday_date
from boundary_desk.domain.vocabulary.labels import (
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    shown,
    shown_after_hours_reason,
    shown_event_title,
)
from boundary_desk.services import Services
from boundary_desk.services.contacts import (
    acknowledge_warning,
    acknowledge_warnings,
    edit_history,
)
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.timeline.event_history import edited_on, history_lines
from boundary_desk.ui.timeline.event_words import (
    category_text,
    channel_text,
    minutes_text,
    moment_text,
    when_text,
    yes_no,
)
from boundary_desk.ui.timeline.model import TimelineEntry
from boundary_desk.ui.widgets.acknowledge import (
    AcknowledgeAllRow,
    AcknowledgeRow,
    acknowledged_line,
)
from boundary_desk.ui.widgets.style import button, label, tab_order, tab_stops

CHOOSE_AN_ENTRY = N_("Choose an entry in the list to see it in full.")
NOT_EDITED = N_("Not edited since it was logged.")


def facts(event: ContactEvent, zone: ZoneInfo) -> list[tuple[str, str]]:
    """The entry's answers as (question, answer) pairs, in the order they were asked."""
    rows: list[tuple[str, str]] = []
    if event.channel is not None:
        rows.append((_("Channel"), channel_text(event)))
    if event.direction is not None and event.kind is EventKind.CONTACT:
        rows.append((_("Who reached out"), shown(DIRECTION_LABELS[event.direction]).capitalize()))
    if event.category is not None:
        rows.append((_("Category"), category_text(event).capitalize()))
    if event.minutes is not None:
        rows.append((_("Duration"), minutes_text(event.minutes)))
    if event.replied_at is not None:
        replied = moment_text(event.replied_at, zone)
        if event.reply_channel:
            channel = shown(CONTACT_CHANNEL_LABELS[event.reply_channel])
            replied = _("{when} by {channel}").format(when=replied, channel=channel)
        rows.append((_("Your reply"), replied))
    if event.request is not None:
        action = shown(REQUEST_ACTION_LABELS[event.request.action]).capitalize()
        rows.append((_("Platform"), event.request.platform))
        rows.append((_("What you did"), action))
        if event.request.discussed_on is not None:
            rows.append((_("Discussed on"), weekday_date(event.request.discussed_on)))
    if event.search is not None:
        search = event.search
        not_recorded = _("Not recorded")
        rows += [
            (_("Purpose"), shown(SEARCH_PURPOSE_LABELS[search.purpose]).capitalize()),
            (_("Consent"), shown(CONSENT_LABELS[search.consent]).capitalize()),
            (_("Where you searched"), search.location or not_recorded),
            (_("What you found"), search.found or not_recorded),
            (_("Told the client"), yes_no(search.told_client)),
            (_("Documented"), yes_no(search.documented)),
            (_("Who you consulted"), search.consulted or _("No one recorded")),
            (_("Your motive"), search.motive or not_recorded),
        ]
    if event.approach is not None:
        learned = event.approach.learned_how or _("Not recorded")
        rows.append((_("How you learned of it"), learned))
    rows.append((_("Raise in next session"), yes_no(event.raise_next_session)))
    return rows


class EntryDetails(QWidget):
    """Everything about the selected entry; asks the page to edit or delete it."""

    edit_requested = Signal()
    delete_requested = Signal()
    changed = Signal(int)  # an event id whose warnings were acknowledged

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.entry: TimelineEntry | None = None
        self.warning_rows: list[AcknowledgeRow] = []
        self.acknowledge_all: AcknowledgeAllRow | None = None
        self.edit_button = button(_("Edit…"))
        self.edit_button.setToolTip(_("Change this entry; the earlier version is kept (Enter)"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button = button(_("Delete"))
        self.delete_button.setToolTip(_("Delete this entry; you can undo it (Delete)"))
        self.delete_button.clicked.connect(self.delete_requested)
        self.pane = QScrollArea(self)
        self.pane.setAccessibleName(_("Entry details"))
        self.pane.setObjectName("screenScroll")
        self.pane.setWidgetResizable(True)
        self.pane.setFrameShape(QFrame.Shape.NoFrame)
        self.placeholder = label(_(CHOOSE_AN_ENTRY), "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(label(_("Details"), "subheading"), 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.pane, 1)
        self.show_entry(None)

    def show_entry(self, entry: TimelineEntry | None) -> None:
        """Show `entry`; an entry already shown unchanged is left as it is (a note typed stays)."""
        if entry is not None and entry == self.entry:
            return
        shown = self.entry.event.id if self.entry is not None else None
        same = entry is not None and entry.event.id == shown
        position = self.pane.verticalScrollBar().value() if same else 0
        self.entry = entry
        self.edit_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        self.placeholder.setVisible(entry is None)
        self.pane.setVisible(entry is not None)
        self.warning_rows = []
        self.acknowledge_all = None
        content = QWidget()
        if entry is not None:
            self._fill(content, entry)
        previous = self.pane.takeWidget()
        if previous is not None:
            # Later, not now: the change may come from a key press inside it.
            previous.hide()
            previous.deleteLater()
        self.pane.setWidget(content)
        tab_order(self.edit_button, self.delete_button, self.pane, *tab_stops(content))
        self.pane.verticalScrollBar().setValue(position)

    def _fill(self, content: QWidget, entry: TimelineEntry) -> None:
        zone = self._services.settings.load().timezone
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 10, 10)
        column.setSpacing(10)
        self.title = label(shown_event_title(entry.event), "subheading")
        column.addWidget(self.title)
        who = f"{entry.client.code} · {entry.client.display_name}"
        when = when_text(entry.local)
        if entry.after_hours is not None:
            when = _("{when} · after hours ({reason})").format(
                when=when, reason=shown_after_hours_reason(entry.after_hours)
            )
        self.when = label(f"{who}\n{when}", "muted", selectable=True)
        column.addWidget(self.when)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for question, answer in facts(entry.event, zone):
            form.addRow(label(question, "muted"), label(answer, selectable=True))
        column.addLayout(form)
        column.addSpacing(8)
        column.addWidget(label(_("Summary"), "subheading"))
        text = entry.event.summary
        self.summary = label(text or _("No summary recorded."), "" if text else "muted")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(_("Summary"))
        column.addWidget(self.summary)
        self._add_warnings(column, entry, zone)
        self._add_history(column, entry, zone)
        column.addStretch(1)

    def _add_warnings(self, column: QVBoxLayout, entry: TimelineEntry, zone: ZoneInfo) -> None:
        if not entry.warnings:
            return
        column.addSpacing(8)
        column.addWidget(label(_("Warnings"), "subheading"))
        for warning in entry.warnings:
            done = None
            if warning.acknowledged_at is not None:
                done = acknowledged_line(warning.note, edited_on(warning.acknowledged_at, zone))
            row = AcknowledgeRow(
                warning.code,
                warning.message,
                self._acknowledge,
                done,
                guidance=entry.guidance_for(warning.code),
            )
            row.opened.connect(partial(self._bring_into_view, row))
            self.warning_rows.append(row)
        self.acknowledge_all = AcknowledgeAllRow(self.warning_rows, self._acknowledge_all)
        column.addWidget(self.acknowledge_all)
        for row in self.warning_rows:
            column.addWidget(row)

    def _add_history(self, column: QVBoxLayout, entry: TimelineEntry, zone: ZoneInfo) -> None:
        column.addSpacing(8)
        column.addWidget(label(_("Edit history"), "subheading"))
        lines = history_lines(edit_history(self._services, entry.event), zone)
        self.history = label("\n".join(lines) or _(NOT_EDITED), "" if lines else "muted")
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.history)

    def _bring_into_view(self, row: AcknowledgeRow) -> None:
        # Once the layout has made room for the note field.
        QTimer.singleShot(0, self, partial(self._scroll_to, row))

    def _scroll_to(self, row: AcknowledgeRow) -> None:
        if shiboken6.isValid(row) and row.isVisible():
            self.pane.ensureWidgetVisible(row, 0, 12)

    def _acknowledge(self, code: str, note: str) -> None:
        """Store it (a refusal is raised to the row, which says why in place); then reload."""
        if self.entry is None:
            return
        event_id = self.entry.event_id
        acknowledge_warning(self._services, event_id, code, note)
        self.changed.emit(event_id)

    def _acknowledge_all(self, codes: Sequence[str], note: str) -> None:
        """All of them with one note, or none (a refusal is said in place); then reload."""
        if self.entry is None:
            return
        event_id = self.entry.event_id
        acknowledge_warnings(self._services, event_id, codes, note)
        self.changed.emit(event_id)

    def acknowledge_button(self, code: str) -> QPushButton:
        """The "Acknowledge…" button of the warning `code` (for keyboard focus and tests)."""
        return next(row.start_button for row in self.warning_rows if row.code == code)
