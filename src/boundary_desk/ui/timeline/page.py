"""Timelines: every logged entry newest first, for the whole practice or for one client.

Edits keep the earlier version; a delete happens at once and can be undone from the
bar that appears (or Ctrl+Z). A client's timeline also saves the communication
record PDF for the chart, made off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.vocabulary.labels import shown_event_title
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.clients import all_clients, get_client
from boundary_desk.services.contacts import delete_event, restore_event
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.timeline.delegate import TimelineDelegate
from boundary_desk.ui.timeline.details import EntryDetails
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.timeline.event_words import when_text
from boundary_desk.ui.timeline.filters import TimelineFilters
from boundary_desk.ui.timeline.model import (
    RangeChoice,
    TimelineEntry,
    TimelineFilter,
    TimelineModel,
    load_entries,
)
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.record_saver import RecordSaver, self_review_box
from boundary_desk.ui.widgets.style import (
    BORDER,
    NOTE_SOFT,
    button,
    label,
    page_layout,
    shortcut,
    tab_order,
    tab_stops,
)

# English, as tests compare them; each is shown with _().
NOTHING_LOGGED = N_(
    "Nothing has been logged yet. Texts, calls, friend requests and searches you log "
    "between sessions will appear here, newest first."
)
NOTHING_FOR_CLIENT = N_("Nothing has been logged for this client yet.")
NO_MATCHES = N_("No entries match these filters.")
RECORD_BUTTON = N_("Save communication record PDF…")
# A period with nothing in it, each said whole (a period's name is not a sentence's part).
NOTHING_IN = {
    RangeChoice.LAST_7_DAYS: N_("Nothing logged in the last 7 days."),
    RangeChoice.LAST_30_DAYS: N_("Nothing logged in the last 30 days."),
    RangeChoice.LAST_12_WEEKS: N_("Nothing logged in the last 12 weeks."),
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TimelinePage(QWidget):
    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        parent: QWidget | None = None,
        client_id: int | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._prompter, self._now = services, prompter, now or _utc_now
        self.client_id = client_id
        self._deleted: int | None = None
        self.model = TimelineModel(self, with_client=client_id is None)
        self._build()
        self.refresh()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        zone = self._services.settings.load().timezone
        today = self._now().astimezone(zone).date()
        default_span = RangeChoice.ALL if self.client_id is not None else RangeChoice.LAST_30_DAYS
        self.filters = TimelineFilters(today, client_id=self.client_id, span=default_span)
        self.filters.changed.connect(self.refresh)
        self.title = label(_("Timeline"), "heading")
        self.subtitle = label("", "muted")
        self.subtitle.setVisible(self.client_id is not None)
        if self.client_id is not None:
            client = self._services.clients.get(self.client_id)
            self.subtitle.setText(f"{client.code} · {client.display_name}")
        self._make_record_controls()
        self.count = label("", "muted")
        self.count.setWordWrap(False)
        self.view = self._make_view()
        self.empty = label("", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_all = button(_("Show all entries"), "link")
        self.show_all.clicked.connect(self.filters.reset_to_everything)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self._empty_state())
        self.details = EntryDetails(self._services, self)
        self.details.edit_requested.connect(self.edit_selected)
        self.details.delete_requested.connect(self.delete_selected)
        self.details.changed.connect(self._acknowledged)
        self.undo_bar = self._make_undo_bar()
        self.status = label("", "muted")
        self.record_saver = RecordSaver(
            self._services, self._prompter, self, self.status, self._now
        )
        self.record_saver.busy.connect(self._set_busy)
        shortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        shortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected,
                 Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self._set_busy(False)
        self._lay_out()

    def _make_record_controls(self) -> None:
        self.record_button = button(_(RECORD_BUTTON))
        self.record_button.setToolTip(
            _("Every entry for this client, whatever the filters, as a PDF for the chart")
        )
        self.record_button.clicked.connect(self.save_record)
        self.self_review_box = self_review_box(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(110, 8)
        self.busy.setAccessibleName(_("Making the PDF"))
        self.busy_label = label(_("Making the PDF…"), "muted")
        self.busy_label.setWordWrap(False)

    def _make_view(self) -> QListView:
        view = QListView(self)
        view.setModel(self.model)
        view.setItemDelegate(TimelineDelegate(view, with_client=self.client_id is None))
        view.setAccessibleName(_("Timeline entries"))
        view.setUniformItemSizes(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setMouseTracking(True)
        view.setMinimumWidth(330)
        view.activated.connect(lambda _index: self.edit_selected())
        view.selectionModel().selectionChanged.connect(self._show_selected)
        return view

    def _empty_state(self) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.addStretch(1)
        column.addWidget(self.empty)
        column.addWidget(self.show_all, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return holder

    def _make_undo_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setObjectName("undoBar")
        bar.setStyleSheet(
            f"QFrame#undoBar {{ background: {NOTE_SOFT}; border: 1px solid {BORDER};"
            " border-radius: 8px; }"
        )
        self.undo_text = label(_("Entry deleted."))
        self.undo_button = button(_("Undo"))
        self.undo_button.setToolTip(_("Bring the entry back (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_delete)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.undo_text, 1)
        row.addWidget(self.undo_button)
        bar.hide()
        return bar

    def _lay_out(self) -> None:
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.busy_label)
        top.addWidget(self.busy)
        top.addWidget(self.self_review_box)
        top.addWidget(self.record_button)
        # The count ends the row of choices it counts, so the ticks above the list leave
        # the list and the details their room on a narrow window.
        choices = QHBoxLayout()
        choices.addWidget(self.filters, 1)
        choices.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.filters.toggles, 0, Qt.AlignmentFlag.AlignLeft)  # under the filters
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])  # proportions until it is first laid out
        self.details.setMinimumWidth(310)
        layout = page_layout(self)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.status)
        tab_order(
            self,
            self.self_review_box,
            self.record_button,
            *tab_stops(self.filters),
            *tab_stops(self.filters.toggles),
            self.view,
            self.show_all,
            *tab_stops(self.details),
            self.undo_button,
        )

    # -- showing ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Entries may have been logged elsewhere (the quick log, the command line).
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to this window (say, from the quick log) shows what was logged there.
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated and self.isVisible():
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Reload from the vault, keeping the selected entry selected if it is still shown."""
        keep = self.selected_entry()
        if self.client_id is None:
            self.filters.set_clients(all_clients(self._services))
        wanted = self.filters.current()
        entries = load_entries(self._services, wanted, self._now())
        self.model.set_entries(entries)
        self._show_empty_state(wanted, bool(entries))
        self.details.setVisible(bool(entries))
        count = len(entries)
        entries_text = ngettext("{count} entry", "{count} entries", count).format(count=count)
        self.count.setText(entries_text if entries else "")
        self.record_button.setVisible(wanted.client_id is not None)
        self.self_review_box.setVisible(wanted.client_id is not None)
        self.select(keep.event_id if keep else None)
        self._show_selected()

    def _show_empty_state(self, wanted: TimelineFilter, has_rows: bool) -> None:
        # With nothing logged at all, filters would only be clutter around a calm sentence.
        anything = has_rows or bool(self._services.events.list(client_id=self.client_id))
        self.filters.setVisible(anything)
        self.filters.toggles.setVisible(anything)
        if has_rows:
            self.stack.setCurrentIndex(0)
            return
        narrowed = anything and wanted.narrows(beyond_client=self.client_id is None)
        if not narrowed:
            text = NOTHING_LOGGED if self.client_id is None else NOTHING_FOR_CLIENT
        elif wanted == TimelineFilter(client_id=wanted.client_id, span=wanted.span) and (
            wanted.span in NOTHING_IN
        ):
            text = NOTHING_IN[wanted.span]
        else:
            text = NO_MATCHES
        self.empty.setText(_(text))
        self.show_all.setVisible(narrowed)
        self.stack.setCurrentIndex(1)

    def selected_entry(self) -> TimelineEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def select(self, event_id: int | None, *, row: int | None = None) -> None:
        """Select the entry `event_id`, else the one at `row` (clamped), else nothing."""
        found = self.model.row_of(event_id)
        if found is None and row is not None and self.model.rowCount():
            found = min(row, self.model.rowCount() - 1)
        if found is None:
            self.view.selectionModel().clearSelection()
            return
        index = self.model.index(found, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _show_selected(self) -> None:
        self.details.show_entry(self.selected_entry())

    def _acknowledged(self, event_id: int) -> None:
        self.refresh()
        self.select(event_id)
        self.status.setText(_("Warning acknowledged."))

    # -- editing and deleting -------------------------------------------------------------

    def edit_selected(self) -> EventEditor | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        editor = EventEditor(self._services, entry.event, self._now, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(partial(self._after_edit, editor, entry.event_id))
        editor.open()
        return editor

    def _after_edit(self, editor: EventEditor, event_id: int) -> None:
        self.refresh()
        self.select(event_id)
        if editor.saved is not None:
            self.status.setText(
                _("Changes saved. The earlier version is kept in the edit history.")
            )
        self.view.setFocus()

    def delete_selected(self) -> None:
        """Delete at once; the undo bar (and Ctrl+Z) brings the entry back."""
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.view.selectionModel().selectedRows()[0].row()
        try:
            delete_event(self._services, entry.event_id)
        except UserFacingError as refusal:
            self.status.setText(refusal.message)
            self.refresh()
            return
        self._deleted = entry.event_id
        self.undo_text.setText(
            _("Entry deleted: {title}, {when}.").format(
                title=shown_event_title(entry.event), when=when_text(entry.local)
            )
        )
        self.undo_bar.show()
        self.status.clear()
        self.refresh()
        self.select(None, row=row)
        self.view.setFocus()

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        event_id, self._deleted = self._deleted, None
        self.undo_bar.hide()
        try:
            restore_event(self._services, event_id)
        except UserFacingError as refusal:
            self.status.setText(refusal.message)
            return
        self.refresh()
        self.select(event_id)
        self.status.setText(_("Entry restored."))
        self.view.setFocus()

    # -- the communication record ---------------------------------------------------------

    def save_record(self) -> None:
        """Ask where, then make the client's record off the GUI thread and write it whole."""
        client_id = self.filters.current().client_id
        if client_id is None:
            return
        client = get_client(self._services, client_id)
        self.record_saver.save(client, include_self_review=self.self_review_box.isChecked())

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.record_button.setEnabled(not busy)
        self.self_review_box.setEnabled(not busy)

    def is_saving(self) -> bool:
        return self.record_saver.is_saving()
