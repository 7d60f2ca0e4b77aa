"""The client list: search, add, edit, archive and restore, and each client's agreement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.agreements import (
    AgreementState,
    Standing,
    attention,
    needs_agreement,
    standings,
)
from boundary_desk.services.clients import all_clients, list_clients, set_archived
from boundary_desk.services.sessions import list_sessions, remove_sessions
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.clients.audit_view import ClientAuditWindow
from boundary_desk.ui.clients.client_timeline import ClientTimeline
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.purge_flow import purge_former_client
from boundary_desk.ui.clients.table_model import (
    AgreementStanding,
    ClientTableModel,
    Column,
    format_date,
)
from boundary_desk.ui.widgets.client_windows import show_client_window
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.record_saver import RecordSaver
from boundary_desk.ui.widgets.reflow import FlowRow
from boundary_desk.ui.widgets.style import (
    button,
    label,
    page_layout,
    shortcut,
    tab_order,
    tab_stops,
)

if TYPE_CHECKING:
    from boundary_desk.ui.agreements.editor import AgreementEditor

NAME_LEAST = 140  # the names' column, before the others give way
GIVE_WAY = (Column.CONTACT, Column.STATUS, Column.AGREEMENT)  # in this order
NO_CLIENTS = N_("No clients yet. Add your first client to start their communication agreement.")
NO_MATCHES = N_("No clients match your search.")
STATUS_SHOWN_MS = 10_000  # a line such as "Added Zoë Martin as C-001." then goes
ALL_ARCHIVED = N_("All your clients are archived. Tick \u201cShow archived\u201d to see them.")


def attention_summary(due: int, missing: int) -> str:
    """E.g. "2 agreements are due for review · 1 active client has no signed agreement"."""
    parts = []
    if due:
        parts.append(
            ngettext(
                "{count} agreement is due for review", "{count} agreements are due for review", due
            ).format(count=due)
        )
    if missing:
        parts.append(
            ngettext(
                "{count} active client has no signed agreement",
                "{count} active clients have no signed agreement",
                missing,
            ).format(count=missing)
        )
    return " · ".join(parts)


def _standing(client: Client, standing: Standing) -> AgreementStanding:
    """The Agreement column's words for a client's standing."""
    state, flagged = standing.state, needs_agreement(client)
    if state is AgreementState.DRAFT:
        if standing.version:
            return AgreementStanding(_("Draft v{version}").format(version=standing.version))
        return AgreementStanding(_("Draft"))
    if state is AgreementState.SIGNED:
        review = standing.review_on
        if review:
            return AgreementStanding(_("Signed, review {date}").format(date=format_date(review)))
        return AgreementStanding(_("Signed"))
    if state is AgreementState.REVIEW_DUE:
        return AgreementStanding(_("Review due"), flagged)
    return AgreementStanding(_("No agreement"), flagged)


class ClientsPage(QWidget):
    import_requested = Signal()  # Import…: the workspace opens the import screen

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
    ):
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self._today = today or self._practice_today
        self.model = ClientTableModel(self)
        # Each column's width for its contents, worked out once per list read: Qt asks
        # every cell for it, and the viewport's resizes as the page is laid out (twice
        # at unlock) only share the room out again.
        self._wanted: tuple[str, dict[Column, int]] | None = None
        # Just read, in this turn of the event loop: the first show needs no second read.
        self._just_read = False
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.title = label(_("Clients"), "heading")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by name, code, phone or email"))
        self.search.setAccessibleName(_("Search clients"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.table_focus)
        # Down from the search box goes to the table, and only from the search box.
        shortcut(
            QKeySequence(Qt.Key.Key_Down),
            self.search,
            self.table_focus,
            Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        self.show_archived = QCheckBox(_("Show archived"), self)
        self.show_archived.toggled.connect(self.refresh)
        self.add_button = button(_("Add client…"), "primary")
        self.add_button.setToolTip(_("Add a client (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_client)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.add_client)
        self.import_button = QPushButton(_("Import…"), self)
        self.import_button.setToolTip(
            _("Import texts, calls, e-mail, WhatsApp chats or contact cards (Ctrl+I)")
        )
        self.import_button.clicked.connect(self.import_requested)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.setToolTip(_("Edit the selected client (Enter)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton(_("Archive"), self)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.agreement_button = QPushButton(_("Agreement…"), self)
        self.agreement_button.setToolTip(
            _("Open the selected client's communication agreement (Ctrl+G)")
        )
        self.agreement_button.clicked.connect(self.agreement_for_selected)
        QShortcut(QKeySequence("Ctrl+G"), self, self.agreement_for_selected)
        self.timeline_button = QPushButton(_("Timeline…"), self)
        self.timeline_button.setToolTip(
            _("Everything logged for the selected client, and their communication record (Ctrl+T)")
        )
        self.timeline_button.clicked.connect(self.timeline_for_selected)
        QShortcut(QKeySequence("Ctrl+T"), self, self.timeline_for_selected)
        # Short on the button, so the search keeps its room; named in full everywhere else.
        self.record_button = QPushButton(_("Record PDF…"), self)
        self.record_button.setAccessibleName(_("Communication record…"))
        self.record_button.setToolTip(
            _("Save the selected client's communication record as a PDF, for the chart")
        )
        self.record_button.clicked.connect(self.record_for_selected)
        self.audit_button = button(_("Audit trail…"), "link")  # rarely needed: a quiet one
        self.audit_button.setToolTip(
            _("Who changed, viewed or exported the selected client's record")
        )
        self.audit_button.clicked.connect(self.audit_for_selected)
        self.attention = label("", "note")
        self.attention.hide()
        self.table = self._make_table()
        self.empty = label(_(NO_CLIENTS), "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = label("", "muted")
        self.record_saver = RecordSaver(self._services, self._prompter, self, self.status)
        self.record_saver.busy.connect(lambda _busy: self._update_buttons())
        self.status_timer = QTimer(self)
        self.status_timer.setSingleShot(True)
        self.status_timer.setInterval(STATUS_SHOWN_MS)
        self.status_timer.timeout.connect(self.status.clear)
        self.search.textChanged.connect(self._clear_status)
        for opens in (
            self.add_button,
            self.import_button,
            self.edit_button,
            self.agreement_button,
            self.timeline_button,
            self.audit_button,
        ):
            opens.clicked.connect(self._clear_status)  # the next thing done
        self._lay_out()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(_("Clients"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setStyleSheet("QTableView::item { padding: 0px 7px; }")  # room, no colours
        # Short columns fit their contents; the name gets the rest, since it is what the
        # clinician scans for.
        metrics = table.fontMetrics()
        for column in Column:
            mode = QHeaderView.ResizeMode.ResizeToContents
            if column is Column.NAME:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        table.verticalHeader().setDefaultSectionSize(metrics.height() + 18)
        # On desktop styles, Enter and double-click both "activate" a row.
        table.activated.connect(self._edit_index)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._row_menu)
        self._table_viewport = table.viewport()
        self._table_viewport.installEventFilter(self)
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        top.addSpacing(4)
        top.addWidget(self.show_archived)
        top.addSpacing(16)
        top.addWidget(self.add_button)
        top.addWidget(self.import_button)
        # What to do with the selected client, wrapping onto a second line when narrow.
        tools = FlowRow(spacing=8)
        for tool in (self.edit_button, self.agreement_button, self.timeline_button,
                     self.record_button, self.audit_button, self.archive_button):  # fmt: skip
            tools.addWidget(tool)
        layout = page_layout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.attention)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        tab_order(
            self,
            self.add_button,
            self.import_button,
            self.search,
            self.show_archived,
            self.edit_button,
            self.agreement_button,
            self.timeline_button,
            self.record_button,
            self.audit_button,
            self.archive_button,
            *tab_stops(self.stack),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table_viewport and event.type() is QEvent.Type.Resize:
            self._fit_columns()  # the room the table has changed
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Names keep their room on a narrow window: other columns give way first.

        Each column fits its contents where there is room. Squeezed, the contact column
        gives way, then the status, then the agreement, none narrower than its heading;
        what no longer fits ends in "…".
        """
        header = self.table.horizontalHeader()
        lettering = self.table.font().key()  # the same contents, drawn bigger or smaller
        if self._wanted is None or self._wanted[0] != lettering:
            widths = {
                column: max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                for column in Column
            }
            self._wanted = (lettering, widths)
        wanted = self._wanted[1]
        short = sum(wanted.values()) - wanted[Column.NAME] + NAME_LEAST
        short -= self.table.viewport().width()
        cuts = dict.fromkeys(Column, 0)
        for column in GIVE_WAY:
            cuts[column] = max(
                min(max(short, 0), wanted[column] - header.sectionSizeHint(column)), 0
            )
            short -= cuts[column]
        # Fixed at the widths just worked out, rather than "fit to contents", which would
        # have Qt measure every cell again at each layout: the same widths, measured once.
        for column in Column:
            if column is not Column.NAME:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, wanted[column] - cuts[column])

    def showEvent(self, event: QShowEvent) -> None:
        # Clients may have changed elsewhere (the quick log, the command line) meanwhile;
        # not when the list was read in this same turn of the event loop (the page built
        # at unlock and shown at once), when nothing else can have run in between.
        if not self._just_read:
            self.refresh()
        super().showEvent(event)

    def _read_a_turn_ago(self) -> None:
        self._just_read = False

    def refresh(self) -> None:
        """Reload the list from the vault, keeping the selected client selected."""
        keep = self.selected_client()
        clients = list_clients(
            self._services, self.search.text(), include_archived=self.show_archived.isChecked()
        )
        self.model.set_clients(clients, self._standings(clients))
        self._wanted = None  # new contents: fit them again
        self._fit_columns()
        if not self._just_read:
            self._just_read = True
            QTimer.singleShot(0, self, self._read_a_turn_ago)
        self._show_empty_state(bool(clients))
        if keep is not None:
            self._select(keep.id)
        self._update_buttons()

    def _show_empty_state(self, has_rows: bool) -> None:
        if has_rows:
            self.stack.setCurrentWidget(self.table)
            return
        if self.search.text().strip():
            self.empty.setText(_(NO_MATCHES))
        elif all_clients(self._services):
            self.empty.setText(_(ALL_ARCHIVED))
        else:
            self.empty.setText(_(NO_CLIENTS))
        self.stack.setCurrentWidget(self.empty)

    def selected_client(self) -> Client | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.client_at(rows[0].row()) if rows else None

    def _select(self, client_id: int | None) -> None:
        row = self.model.row_of(client_id)
        if row is None:
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
        self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        client = self.selected_client()
        self.edit_button.setEnabled(client is not None)
        self.agreement_button.setEnabled(client is not None)
        self.timeline_button.setEnabled(client is not None)
        self.record_button.setEnabled(client is not None and not self.record_saver.is_saving())
        self.audit_button.setEnabled(client is not None)
        self.archive_button.setEnabled(client is not None)
        archived = client is not None and client.archived
        self.archive_button.setText(_("Restore") if archived else _("Archive"))
        self.archive_button.setToolTip(
            _("Bring the selected client back to the list")
            if archived
            else _("Hide the selected client from the list; nothing is deleted")
        )

    def table_focus(self) -> None:
        """Move from the search field into the list, on the first match if none is chosen."""
        if not self.model.rowCount():
            return
        if self.selected_client() is None:
            first = self.model.client_at(0)
            self._select(first.id if first else None)
        self.table.setFocus()

    def add_client(self) -> ClientEditor:
        return self.open_editor(None)

    def edit_selected(self) -> ClientEditor | None:
        client = self.selected_client()
        return self.open_editor(client) if client else None

    def _edit_index(self, index: QModelIndex) -> None:
        client = self.model.client_at(index.row())
        if client is not None:
            self.open_editor(client)

    def open_editor(self, client: Client | None) -> ClientEditor:
        """Open the editor as a window-modal dialog; the list refreshes once it is saved."""
        editor = ClientEditor(self._services, self._prompter, client, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._after_save(editor.saved_client, client is None))
        editor.open()
        return editor

    def say(self, text: str) -> None:
        """A line under the list ("Added Zoë Martin as C-001."), gone after a while or with
        the next thing done on the page."""
        self.status.setText(text)
        self.status_timer.start()

    def _clear_status(self) -> None:
        self.status_timer.stop()
        self.status.clear()

    def _after_save(self, client: Client | None, is_new: bool) -> None:
        if client is None:
            return
        self.say(
            _("Added {name} as {code}.").format(name=client.display_name, code=client.code)
            if is_new
            else _("Saved the changes to {name}.").format(name=client.display_name)
        )
        self.refresh()
        self._select(client.id)
        self.table.setFocus()

    def toggle_archived(self) -> None:
        """Archive the selected client after asking, or restore an archived one."""
        client = self.selected_client()
        if client is None or client.id is None:
            return
        if not client.archived and not self._prompter.confirm(
            self,
            _("Archive client"),
            _(
                "Archive client {code}? They will be hidden from your client list, "
                "but nothing is deleted. You can restore them at any time with "
                "\u201cShow archived\u201d."
            ).format(code=client.code),
        ):
            return
        try:
            changed = set_archived(self._services, client.id, not client.archived)
        except UserFacingError as refusal:
            self.say(refusal.message)
            self.refresh()
            return
        self.say(
            _("Archived {code}. Tick \u201cShow archived\u201d to see or restore them.").format(
                code=changed.code
            )
            if changed.archived
            else _("Restored {code}.").format(code=changed.code)
        )
        self.refresh()
        self._select(changed.id)

    def purge_selected(self) -> None:
        """Purge a former client past retention, then settle the backups that hold them."""
        client = self.selected_client()
        if client is not None:
            done = purge_former_client(self, self._services, self._prompter, client, self._today())
            if done is not None:
                self.say(done)
                self.refresh()

    def remove_sessions_for_selected(self) -> None:
        """Remove the selected client's imported sessions after asking (for sessions tied
        to them by mistake); the audit trail keeps each removal."""
        client = self.selected_client()
        if client is None:
            return
        try:
            found = list_sessions(self._services, client.code)
        except UserFacingError as refusal:
            self.say(refusal.message)
            return
        if not found:
            self.say(_("No sessions are imported for {name}.").format(name=client.display_name))
            return
        first, last = short_date(found[0].start.date()), short_date(found[-1].start.date())
        span = (
            _("on {date}").format(date=first)
            if first == last
            else _("from {first} to {last}").format(first=first, last=last)
        )
        question = ngettext(
            "Remove the {count} session imported from your calendar for {name} ({code}), "
            "{span}? Their contact entries stay. Importing the calendar again with the same "
            "rule adds it again.",
            "Remove the {count} sessions imported from your calendar for {name} ({code}), "
            "{span}? Their contact entries stay. Importing the calendar again with the same "
            "rule adds them again.",
            len(found),
        )
        if not self._prompter.confirm(
            self,
            _("Remove sessions"),
            question.format(
                count=len(found), name=client.display_name, code=client.code, span=span
            ),
        ):
            return
        try:
            removed = remove_sessions(self._services, client.code)
        except UserFacingError as refusal:
            self.say(refusal.message)
            return
        self.say(
            ngettext(
                "Removed {count} session of {name}'s.",
                "Removed {count} sessions of {name}'s.",
                removed,
            ).format(count=removed, name=client.display_name)
        )

    # -- agreements ---------------------------------------------------------------------

    def _practice_today(self) -> date:
        return datetime.now(self._services.settings.load().timezone).date()

    def _standings(self, shown: list[Client]) -> dict[int, AgreementStanding]:
        """The Agreement column for the clients shown; also refreshes the summary line."""
        today = self._today()
        counts = attention(self._services, today)
        summary = attention_summary(counts.review_due, counts.unsigned)
        self.attention.setText(summary)
        self.attention.setVisible(bool(summary))
        by_client = {c.id: c for c in shown}
        return {
            client_id: _standing(by_client[client_id], standing)
            for client_id, standing in standings(self._services, shown, today).items()
        }

    def agreement_for_selected(self) -> AgreementEditor | None:
        client = self.selected_client()
        if client is None:
            self.say(_("Choose a client in the list first."))
            return None
        return self.open_agreement(client)

    def open_agreement(self, client: Client) -> AgreementEditor:
        """Open the client's agreement; the list refreshes when it closes."""
        # The editor brings reportlab, the PDF renderer and printing: loaded the first
        # time an agreement is opened, not with the list the workspace opens on.
        from boundary_desk.ui.agreements.editor import AgreementEditor

        editor = AgreementEditor(self._services, self._prompter, client, self, self._today())
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(self._after_agreement)
        editor.open()
        return editor

    def _after_agreement(self) -> None:
        self.refresh()
        self.table.setFocus()

    # -- timelines ----------------------------------------------------------------------

    def timeline_for_selected(self) -> ClientTimeline | None:
        client = self.selected_client()
        if client is None:
            self.say(_("Choose a client in the list first."))
            return None
        return self.open_timeline(client)

    def open_timeline(self, client: Client) -> ClientTimeline:
        """Show the client's timeline in its own window (brought forward if already open)."""
        make = partial(ClientTimeline, self._services, self._prompter, client, self)
        return show_client_window(ClientTimeline, client.id, make, self)

    def record_for_selected(self, *, include_self_review: bool = False) -> bool:
        """Save the selected client's communication record (False if not started): the
        clinical record, or with the clinician's self-review from the row's menu."""
        client = self.selected_client()
        if client is None:
            self.status.setText(_("Choose a client in the list first."))
            return False
        started = self.record_saver.save(client, include_self_review=include_self_review)
        self._update_buttons()
        return started

    def audit_for_selected(self) -> ClientAuditWindow | None:
        client = self.selected_client()
        if client is None:
            self.say(_("Choose a client in the list first."))
            return None
        make = partial(ClientAuditWindow, self._services, self._prompter, client, self)
        return show_client_window(ClientAuditWindow, client.id, make, self)

    def _has_sessions(self, client: Client) -> bool:
        try:
            return bool(list_sessions(self._services, client.code))
        except UserFacingError:
            return False

    def _row_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        client = self.model.client_at(index.row()) if index.isValid() else None
        if client is None:
            return
        self._select(client.id)
        menu = QMenu(self)
        menu.addAction(_("Edit…"), self.edit_selected)
        menu.addAction(_("Agreement…"), self.agreement_for_selected)
        menu.addAction(_("Timeline…"), self.timeline_for_selected)
        menu.addAction(_("Communication record…"), self.record_for_selected)
        menu.addAction(
            _("Communication record with my self-review…"),
            partial(self.record_for_selected, include_self_review=True),
        )
        menu.addAction(_("Audit trail…"), self.audit_for_selected)
        menu.addSeparator()
        sessions = menu.addAction(_("Remove imported sessions…"), self.remove_sessions_for_selected)
        sessions.setEnabled(bool(client.code) and self._has_sessions(client))
        menu.addAction(_("Restore") if client.archived else _("Archive…"), self.toggle_archived)
        purge = menu.addAction(_("Purge records…"), self.purge_selected)
        purge.setEnabled(client.status is ClientStatus.ENDED)
        menu.exec(self.table.viewport().mapToGlobal(position))
