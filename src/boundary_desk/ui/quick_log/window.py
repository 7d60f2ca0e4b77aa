"""The quick log: a contact logged from the keyboard in seconds, and what it means, in place.

Top to bottom in Tab order: the client, the kind of entry, then that kind's form.
Ctrl+Enter saves from anywhere; Esc closes and keeps what was typed as a draft.
The draft lives only inside the encrypted vault, is saved half a second after each
edit, and is offered again the next time the dialog opens.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from boundary_desk.domain.channel_fit import Fit
from boundary_desk.domain.clients import Client
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.events import Category, EventKind
from boundary_desk.errors import InvalidInput, NotFound, UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.channels import reply_options
from boundary_desk.services.clients import get_client, list_clients
from boundary_desk.services.contacts import (
    LoggedEvent,
    acknowledge_warning,
    acknowledge_warnings,
    load_draft,
    log_event,
    raise_in_next_session,
    save_draft,
)
from boundary_desk.services.contacts import (
    discard_draft as forget_draft,
)
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.quick_log.boundary_forms import ApproachForm, FriendRequestForm, SearchForm
from boundary_desk.ui.quick_log.fields import (
    ClientField,
    FieldProblem,
    KindSelector,
    LocalTime,
    is_return,
)
from boundary_desk.ui.quick_log.forms import ContactForm, Draft, EventForm
from boundary_desk.ui.quick_log.result import CRISIS_CODE, CrisisProtocol, ResultPanel
from boundary_desk.ui.quick_log.style import QUICK_LOG_STYLE
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    PageStack,
    button,
    fit_to_screen,
    label,
    tab_order,
    vbox,
)

log = logging.getLogger(__name__)

DRAFT_NAME = "quick-log"
DRAFT_VERSION = 1
DRAFT_DELAY_MS = 500
TICK_MS = 30_000
# Declared in English for the catalog; each is translated where it is shown.
TITLE = N_("Log a contact")
KEYS_HINT = N_("Ctrl+Enter saves · Alt+1–4 switch kind · Esc keeps a draft")
RESULT_KEYS_HINT = N_("Ctrl+N logs another · Esc closes")


class QuickLogDialog(QDialog):
    """Log one contact, friend request, search or approach; then see its warnings in place."""

    logged = Signal(object)  # LoggedEvent

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        parent: QWidget | None = None,
        now: Clock = utc_now,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self._now = now
        practice = services.settings.load()
        self.local = LocalTime(now, practice.timezone, practice.region)
        self.saved: LoggedEvent | None = None
        self._restoring = False
        self.setWindowTitle(_(TITLE))
        self.setStyleSheet(QUICK_LOG_STYLE)

        self.client_field = ClientField(partial(list_clients, services))
        self.kinds = KindSelector()
        self.forms: dict[EventKind, EventForm] = {
            form.kind: form
            for form in (
                ContactForm(self.local),
                FriendRequestForm(self.local),
                SearchForm(self.local),
                ApproachForm(self.local),
            )
        }
        self.form_stack = PageStack()
        for form in self.forms.values():
            self.form_stack.addWidget(form)
            form.edited.connect(self._edited)
        self.error = InlineMessage()
        self.save_button = button(_("Save"), "primary")
        self.save_button.setToolTip("Ctrl+Enter")
        self.cancel_button = button(_("Close"))
        self.cancel_button.setToolTip(_("Esc (what you typed is kept as a draft)"))
        self.result_panel = ResultPanel()
        self.another_button = button(_("Log another"))
        self.another_button.setToolTip("Ctrl+N")
        self.done_button = button(_("Close"), "primary")
        self.discard_button = button(_("Discard"), "link")
        self.restored = self._restored_bar()

        self.pages = QStackedWidget()
        self.form_page = self._build_form_page()
        self.result_page = self._build_result_page()
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.result_page)
        outer = vbox(self, 0)
        outer.setContentsMargins(24, 20, 24, 18)
        outer.addWidget(self.pages)
        tab_order(self.save_button, self.cancel_button)

        self._blank = self._raw_state()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._refresh_times)
        self._connect()
        self._restore_draft()
        margins = outer.contentsMargins()
        scrollbar = 16  # room for the scroll bar a long form shows
        self.setMinimumWidth(self._content_width + margins.left() + margins.right() + scrollbar)
        fit_to_screen(self, max(720, self.minimumWidth()), 720)

    # Building ---------------------------------------------------------------------

    def _restored_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("restoredBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(label(_("Restored your unfinished entry")), 1)
        self.discard_button.setAccessibleName(_("Discard the unfinished entry"))
        row.addWidget(self.discard_button)
        bar.hide()
        return bar

    def _build_form_page(self) -> QWidget:
        content = QWidget()
        content.setObjectName("quickLogBody")
        fields = QFormLayout()
        fields.setHorizontalSpacing(16)
        fields.setVerticalSpacing(10)
        fields.addRow(_("Client"), self.client_field)
        fields.addRow(_("Kind"), self.kinds)
        body = vbox(content, 14)
        body.addLayout(fields)
        body.addWidget(self.form_stack)
        body.addStretch(1)
        _align_labels([fields, *(form.form for form in self.forms.values())])
        scroll = _scroll(content)

        page = QWidget()
        layout = vbox(page, 12)
        layout.addWidget(label(_(TITLE), "subheading"))
        layout.addWidget(self.restored)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        buttons = _button_row(self.cancel_button, self.save_button)
        buttons.insertWidget(0, _hint(_(KEYS_HINT)))
        layout.addLayout(buttons)
        # Wide enough for the widest form and for the keys hint beside the buttons (French
        # runs long), so nothing is ever cut off at the side.
        self._content_width = max(content.minimumSizeHint().width(), buttons.minimumSize().width())
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        layout = vbox(page, 12)
        layout.addWidget(_scroll(self.result_panel), 1)
        buttons = _button_row(self.another_button, self.done_button)
        buttons.insertWidget(0, _hint(_(RESULT_KEYS_HINT)))
        layout.addLayout(buttons)
        return page

    def _connect(self) -> None:
        self.client_field.edited.connect(self._edited)
        self.client_field.edited.connect(self._client_changed)
        self.client_field.picked.connect(self._focus_form)
        self.client_field.submit.connect(self.save)
        self.kinds.changed.connect(self._kind_changed)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.another_button.clicked.connect(self.log_another)
        self.done_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self.discard_draft)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.save)
        QShortcut(QKeySequence("Ctrl+N"), self, self.log_another)
        for number, kind in enumerate(self.forms, start=1):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda k=kind: self.choose_kind(k))
        for widget in (self.save_button, self.cancel_button, self.another_button):
            widget.setAutoDefault(False)

    # Reading and writing the form -------------------------------------------------

    @property
    def current_form(self) -> EventForm:
        return self.forms[self.kinds.kind()]

    def choose_kind(self, kind: EventKind) -> None:
        if self.pages.currentWidget() is self.form_page:
            self.kinds.set_kind(kind)
            if self.client_field.client is None and not self.client_field.edit.text().strip():
                self.client_field.setFocus()  # the entry needs a client first
            else:
                self.current_form.first_field().setFocus()

    @property
    def contact_form(self) -> ContactForm:
        form = self.forms[EventKind.CONTACT]
        assert isinstance(form, ContactForm)
        return form

    def _client_changed(self) -> None:
        """The "How to reply" panel ranks what the chosen client's agreement allows."""
        client = self.client_field.client
        if client is None or client.id is None:
            self.contact_form.set_ranker(None)
            return
        client_id = client.id

        def ranked(category: Category, complex_: bool) -> tuple[Fit, ...] | None:
            return reply_options(self._services, client_id, category, complex_)

        self.contact_form.set_ranker(ranked)

    def _kind_changed(self, kind: EventKind) -> None:
        self.form_stack.setCurrentIndex(list(self.forms).index(kind))
        self._edited()

    def _focus_form(self) -> None:
        self.current_form.first_field().setFocus()

    def save(self) -> None:
        """Check and save the entry; show what it means, or say what to fix and where."""
        if self.pages.currentWidget() is not self.form_page:
            return
        self.error.clear_message()
        form = self.current_form
        try:
            client = self.client_field.resolve()
            now = self._now()
            event = form.build_event(client.id or 0)
            logged = log_event(self._services, event, now, draft=DRAFT_NAME)
        except FieldProblem as problem:
            self._refuse(problem.message, problem.field)
            return
        except InvalidInput as problem:
            self._refuse(problem.message, form.field_for(problem.message))
            return
        except UserFacingError as problem:  # e.g. the client was deleted meanwhile
            self._refuse(problem.message, self.client_field.edit)
            return
        self._draft_timer.stop()  # the draft was cleared with the save, in one transaction
        self.saved = logged
        self._show_result(logged, client)
        self.logged.emit(logged)
        log.info("quick log entry saved (%s, %d warnings)", event.kind.value, len(logged.warnings))

    def _refuse(self, message: str, field: QWidget) -> None:
        self.error.show_message(message)
        field.setFocus()

    def _show_result(self, logged: LoggedEvent, client: Client) -> None:
        codes = {w.code for w in logged.warnings}
        event_id = logged.event.id or 0
        protocol = (
            CrisisProtocol.for_client(self._services, client.id or 0)
            if CRISIS_CODE in codes
            else None
        )

        def acknowledge(code: str, note: str) -> None:
            acknowledge_warning(self._services, event_id, code, note)

        def acknowledge_all(codes: Sequence[str], note: str) -> None:
            acknowledge_warnings(self._services, event_id, codes, note)

        def raise_it() -> None:
            try:
                raised = raise_in_next_session(self._services, event_id, self._now())
            except UserFacingError as problem:  # e.g. another window deleted the entry
                self._prompter.warn(self, _("Not kept to raise"), problem.message)
                return
            self.saved = raised
            self._show_result(raised, client)

        self.result_panel.show_logged(
            logged, client, self.local, acknowledge, protocol, acknowledge_all, raise_it
        )
        self.restored.hide()
        self.pages.setCurrentWidget(self.result_page)
        self.done_button.setFocus()

    def log_another(self) -> None:
        """From the result: a fresh form for the same client (the next message is often theirs)."""
        if self.pages.currentWidget() is not self.result_page:
            return
        kept = self.client_field.client
        self.result_panel.clear()
        self.saved = None
        self._reset()
        self.pages.setCurrentWidget(self.form_page)
        if kept is not None:
            self._restoring = True
            try:
                self.client_field.set_client(kept)
                self._client_changed()
            finally:
                self._restoring = False
            self._focus_form()
        else:
            self.client_field.setFocus()

    def _reset(self) -> None:
        self._restoring = True
        try:
            self.client_field.set_client(None)
            self._client_changed()
            self.kinds.set_kind(EventKind.CONTACT)
            for form in self.forms.values():
                form.restore({})
        finally:
            self._restoring = False
        self.error.clear_message()

    # The draft ----------------------------------------------------------------------

    def _raw_state(self) -> Draft:
        client = self.client_field.client
        return {
            "client_id": client.id if client else None,
            "client_text": self.client_field.edit.text(),
            "kind": self.kinds.kind().value,
            "forms": {kind.value: form.state() for kind, form in self.forms.items()},
        }

    def _draft(self) -> Draft:
        raw = self._raw_state()
        blank_forms = self._blank["forms"]
        # Only forms that were touched are kept, with "now" pinned to the time it meant.
        raw["forms"] = {
            kind.value: form.draft_state()
            for kind, form in self.forms.items()
            if raw["forms"][kind.value] != blank_forms[kind.value]
        }
        return {"version": DRAFT_VERSION, **raw}

    def _edited(self) -> None:
        if not self._restoring and self.pages.currentWidget() is self.form_page:
            self._draft_timer.start()

    def flush_draft(self) -> None:
        """Save what is typed now (called on a timer, on close, and before the app locks)."""
        self._draft_timer.stop()
        if self.pages.currentWidget() is not self.form_page:
            return  # saved already; the draft was cleared then
        try:
            if self._raw_state() == self._blank:
                forget_draft(self._services, DRAFT_NAME)
            else:
                save_draft(self._services, DRAFT_NAME, self._draft())
        except UserFacingError as problem:
            # Another window or command is writing, or the disk refused: the next edit,
            # closing or locking tries again. Never a crash dialog for a draft.
            log.warning("the quick-log draft was not kept this time (%s)", type(problem).__name__)

    def _restore_draft(self) -> None:
        body = load_draft(self._services, DRAFT_NAME)
        if not body or body.get("version") != DRAFT_VERSION:
            return
        self._restoring = True
        try:
            self._apply_draft(body)
        finally:
            self._restoring = False
        self.restored.show()

    def _apply_draft(self, body: dict[str, Any]) -> None:
        client = None
        client_id = body.get("client_id")
        if isinstance(client_id, int):
            try:
                client = get_client(self._services, client_id)
            except NotFound:
                client = None
        text = body.get("client_text")
        self.client_field.set_client(client, text if isinstance(text, str) else "")
        self._client_changed()
        forms = body.get("forms")
        for kind, form in self.forms.items():
            state = forms.get(kind.value) if isinstance(forms, dict) else None
            if isinstance(state, dict):
                form.restore(state)
        kind_value = body.get("kind")
        if kind_value in {k.value for k in EventKind}:
            self.kinds.set_kind(EventKind(kind_value))

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        forget_draft(self._services, DRAFT_NAME)
        self._reset()
        self.restored.hide()
        self.client_field.setFocus()

    # Keys and closing ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_return(event) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Enter moves on, like Tab, so a half-typed entry is never saved by accident.
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            elif self.pages.currentWidget() is self.form_page:
                self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()
        self._refresh_times()
        if self.pages.currentWidget() is self.form_page:
            if self.client_field.client is not None:
                self._focus_form()
            else:
                self.client_field.setFocus()

    def reject(self) -> None:
        self.flush_draft()
        super().reject()

    def done(self, result: int) -> None:
        self._tick.stop()
        self.client_field.popup.hide()
        super().done(result)

    def _refresh_times(self) -> None:
        for form in self.forms.values():
            form.refresh_times()


def _scroll(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setObjectName("quickLogScroll")
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


def _align_labels(layouts: list[QFormLayout]) -> None:
    """One label column for the client rows and every kind's form, so the fields line up."""
    labels = [
        widget
        for layout in layouts
        for row in range(layout.rowCount())
        if (item := layout.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and (widget := item.widget()) is not None
    ]
    width = max((w.sizeHint().width() for w in labels), default=0)
    for widget in labels:
        widget.setMinimumWidth(width)


def _hint(text: str) -> QWidget:
    hint = label(text, "muted")
    hint.setWordWrap(False)
    return hint


def _button_row(secondary: QPushButton, primary: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    row.addStretch(1)
    row.addWidget(secondary)
    row.addWidget(primary)
    return row
