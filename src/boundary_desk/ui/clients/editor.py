"""The dialog for adding or editing one client; the store does all the checking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.clients import (
    ChannelComfort,
    Client,
    ClientStatus,
    ContactHandle,
    HandleKind,
)
from boundary_desk.domain.events import ContactChannel
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.clients import save_client
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import VerticalScroll
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    button,
    fit_to_contents,
    label,
    screen_reader_label,
)

CODE_HINT = N_(
    "Leave empty for an automatic code (C-001, C-002, …). De-identified reports, "
    "such as those you take to supervision, show this code instead of the name."
)
PREFERENCE_HINT = N_(
    "The channel the client says suits them best. The weekly review shows how much of "
    "the week's contact with them went by it."
)
_KIND_NAMES = {
    HandleKind.PHONE: N_("Phone"),
    HandleKind.EMAIL: N_("Email"),
    HandleKind.SOCIAL: N_("Social media"),
}
_VALUE_HINTS = {
    HandleKind.PHONE: "+1 416 555 0100",
    HandleKind.EMAIL: "name@example.org",
    HandleKind.SOCIAL: N_("@name on Instagram"),
}
# The preferred channel's choices, as a heading names each channel.
_CHANNEL_NAMES = {
    ContactChannel.EMAIL: N_("Email"),
    ContactChannel.TEXT: N_("Text message"),
    ContactChannel.CALL: N_("Phone call"),
    ContactChannel.VOICEMAIL: N_("Voicemail"),
    ContactChannel.VIDEO: N_("Video call"),
    ContactChannel.PORTAL: N_("Portal message"),
    ContactChannel.DM: N_("Social-media message"),
    ContactChannel.IN_PERSON: N_("In-person encounter"),
}
_COMFORT_NAMES = {
    ChannelComfort.COMFORTABLE: N_("Comfortable"),
    ChannelComfort.SOMEWHAT: N_("Somewhat comfortable"),
    ChannelComfort.NOT_COMFORTABLE: N_("Not comfortable"),
}


_HANDLE_HEADERS = (N_("Type"), N_("Number or address"), N_("Label"), "")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    day = edit.date()
    return date(day.year(), day.month(), day.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class OptionalDate(QWidget):
    """A date that may be left unrecorded: "Not recorded · Add date" or "[date] · Clear"."""

    def __init__(
        self, name: str, add_name: str, clear_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.edit = _date_edit()
        self.edit.setAccessibleName(name)
        self.unset = label(_("Not recorded"), "muted")
        self.add_button = button(_("Add date"), "link")
        self.add_button.setAccessibleName(add_name)
        self.clear_button = button(_("Clear"), "link")
        self.clear_button.setAccessibleName(clear_name)
        for link in (self.add_button, self.clear_button):
            link.setAutoDefault(False)
        self.add_button.clicked.connect(self._add)
        self.clear_button.clicked.connect(self._clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for widget in (self.unset, self.edit, self.add_button, self.clear_button):
            row.addWidget(widget)
        row.addStretch(1)
        self._day: date | None = None
        self.set_value(None)

    def value(self) -> date | None:
        return _day(self.edit) if self._day is not None else None

    def set_value(self, day: date | None) -> None:
        self._day = day
        if day is not None:
            self.edit.setDate(to_qdate(day))
        self.edit.setVisible(day is not None)
        self.clear_button.setVisible(day is not None)
        self.unset.setVisible(day is None)
        self.add_button.setVisible(day is None)

    def focus_chain(self) -> list[QWidget]:
        return [self.edit, self.add_button, self.clear_button]

    def _add(self) -> None:
        self.set_value(_day(_date_edit()))  # today, as the date picker sees it
        self.edit.setFocus()

    def _clear(self) -> None:
        self.set_value(None)
        self.add_button.setFocus()


@dataclass
class _HandleRow:
    kind: QComboBox
    value: QLineEdit
    label: QLineEdit
    verified: QCheckBox
    remove: QPushButton

    def widgets(self) -> list[QWidget]:
        return [self.kind, self.value, self.label, self.verified, self.remove]

    def handle(self) -> ContactHandle:
        kind = HandleKind(self.kind.currentData())
        return ContactHandle(kind, self.value.text(), self.label.text(), self.verified.isChecked())

    def is_blank(self) -> bool:
        return not self.value.text().strip() and not self.label.text().strip()


class HandleList(QWidget):
    """An editable list of phone numbers, email addresses and social handles."""

    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_HandleRow] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 5)
        self._grid.setColumnStretch(2, 4)
        self._headers = [label(_(t) if t else "", "help") for t in _HANDLE_HEADERS]
        self._empty = label(_("No contact details yet."), "muted")
        self.add_button = QPushButton(_("Add contact detail"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self._empty)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._relayout()

    def add_row(self, handle: ContactHandle | None = None, *, focus: bool = False) -> _HandleRow:
        kind = QComboBox(self)
        for handle_kind, name in _KIND_NAMES.items():
            kind.addItem(_(name), handle_kind)
        value, note = QLineEdit(self), QLineEdit(self)
        note.setPlaceholderText(_("e.g. mobile, work"))
        verified = QCheckBox(_("Verified"), self)
        verified.setToolTip(_("You have confirmed with the client that this is theirs."))
        remove = button(_("Remove"), "link")
        remove.setAutoDefault(False)
        row = _HandleRow(kind, value, note, verified, remove)
        kind.currentIndexChanged.connect(
            lambda: value.setPlaceholderText(_(_VALUE_HINTS[kind.currentData()]))
        )
        remove.clicked.connect(lambda: self.remove_row(row))
        if handle is not None:
            kind.setCurrentIndex(list(_KIND_NAMES).index(handle.kind))
            value.setText(handle.value)
            note.setText(handle.label)
            value.setCursorPosition(0)
            note.setCursorPosition(0)
            verified.setChecked(handle.verified)
        value.setPlaceholderText(_(_VALUE_HINTS[kind.currentData()]))
        names = (*_HANDLE_HEADERS[:3], N_("Verified"), N_("Remove this contact detail"))
        for widget, name in zip(row.widgets(), names, strict=True):
            widget.setAccessibleName(_(name))
        screen_reader_label(kind)
        self.rows.append(row)
        self._relayout()
        if focus:
            value.setFocus()
        return row

    def remove_row(self, row: _HandleRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            widget.deleteLater()
        self._relayout()
        self.add_button.setFocus()

    def handles(self) -> tuple[ContactHandle, ...]:
        """The handles typed, leaving out rows the clinician left completely empty."""
        return tuple(row.handle() for row in self.rows if not row.is_blank())

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in row.widgets()] + [self.add_button]

    def _relayout(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        for column, header in enumerate(self._headers):
            self._grid.addWidget(header, 0, column)
            header.setVisible(bool(self.rows))
        for number, row in enumerate(self.rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, number, column)
        self._empty.setVisible(not self.rows)
        self.rows_changed.emit()


class ClientEditor(QDialog):
    """Add a client (client=None) or edit one; `saved_client` is set once saved."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        client: Client | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self._original = client
        self.saved_client: Client | None = None
        self.setWindowTitle(_("Add client") if client is None else _("Edit client"))
        self.setMinimumWidth(760)
        self._build()
        self._load(client)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            fit_to_contents(self)  # room for the wrapped help text, within the screen

    def _build(self) -> None:
        self.name = QLineEdit(self)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(_("Automatic"))
        self.start_date = OptionalDate(
            _("Start date"), _("Add the start date"), _("Clear the start date"), self
        )
        self.active = QRadioButton(_("Active"), self)
        self.ended = QRadioButton(_("Ended"), self)
        self._status = QButtonGroup(self)
        self._status.addButton(self.active)
        self._status.addButton(self.ended)
        self.end_date = OptionalDate(
            _("End date"), _("Add the end date"), _("Clear the end date"), self
        )
        self.ended.toggled.connect(self._show_end_date)
        self.is_minor = QCheckBox(_("Client is a minor"), self)
        self.guardian = QLineEdit(self)
        self.is_minor.toggled.connect(self.guardian.setEnabled)
        self.preferred = QComboBox(self)
        self.preferred.addItem(_("No preference recorded"), None)
        for channel in ContactChannel:
            self.preferred.addItem(_(_CHANNEL_NAMES[channel]), channel)
        self.preferred.setAccessibleName(_("Preferred channel"))
        self.comfort = QComboBox(self)
        self.comfort.addItem(_("Not said"), None)
        for comfort in ChannelComfort:
            self.comfort.addItem(_(_COMFORT_NAMES[comfort]), comfort)
        self.comfort.setAccessibleName(_("How comfortable they are with it"))
        self.preferred.currentIndexChanged.connect(self._follow_preference)
        self.handles = HandleList(self)
        self.error = InlineMessage("error", self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = button(
            _("Add client") if self._original is None else _("Save"), "primary"
        )
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.cancel_button = button(_("Cancel"))
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.handles.rows_changed.connect(self.update_tab_order)
        self._lay_out()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(12)
        self.form.setHorizontalSpacing(16)
        self.form.addRow(_("&Name"), self.name)
        code_box = self._stacked(self.code, label(_(CODE_HINT), "help"))
        self.form.addRow(_("Client &code"), code_box)
        self.code.setAccessibleName(_("Client code"))
        code_label = self.form.labelForField(code_box)
        if isinstance(code_label, QLabel):
            code_label.setBuddy(self.code)  # Alt+C and the screen reader reach the field
        self.form.addRow(_("Therapy started"), self.start_date)
        self.form.addRow(_("Status"), self._side_by_side(self.active, self.ended))
        self.form.addRow(_("Therapy ended"), self.end_date)
        self.form.addRow("", self.is_minor)
        self.form.addRow(_("&Guardian's name"), self.guardian)
        preference_box = self._stacked(self.preferred, label(_(PREFERENCE_HINT), "help"))
        self.form.addRow(_("&Preferred channel"), preference_box)
        preference_label = self.form.labelForField(preference_box)
        if isinstance(preference_label, QLabel):
            preference_label.setBuddy(self.preferred)
        self.form.addRow(_("C&omfort with it"), self.comfort)
        fields = QWidget(self)
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(self.form)
        column.addSpacing(8)
        column.addWidget(label(_("Contact details"), "subheading"))
        column.addWidget(self.handles)
        column.addStretch(1)
        # On a short screen the fields scroll; the error and the buttons stay in sight.
        self.fields_scroll = VerticalScroll(fields, self)
        self.fields_scroll.setAccessibleName(_("Client details"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.error)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)

    def _show_end_date(self, ended: bool) -> None:
        """The end date only applies to an ended client; marking one ended suggests today."""
        self.end_date.setEnabled(ended)
        self.form.setRowVisible(self.end_date, ended)
        if ended and self.end_date.value() is None and self.isVisible():
            self.end_date.set_value(_day(_date_edit()))

    def preferred_channel(self) -> ContactChannel | None:
        data = self.preferred.currentData()
        return ContactChannel(data) if data else None

    def _follow_preference(self) -> None:
        """Comfort is said of the preferred channel: none without one."""
        has = self.preferred_channel() is not None
        if not has:
            self.comfort.setCurrentIndex(0)
        self.comfort.setEnabled(has)

    def _stacked(self, *widgets: QWidget) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        for widget in widgets:
            column.addWidget(widget)
        return box

    def _side_by_side(self, *widgets: QWidget) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return box

    def _load(self, client: Client | None) -> None:
        client = client or Client(code="", display_name="")
        for edit, text in (
            (self.name, client.display_name),
            (self.code, client.code),
            (self.guardian, client.guardian_name),
        ):
            edit.setText(text)
            edit.setCursorPosition(0)
        self.start_date.set_value(client.started_on)
        self.end_date.set_value(client.ended_on)
        is_ended = client.status is ClientStatus.ENDED
        (self.ended if is_ended else self.active).setChecked(True)
        self._show_end_date(is_ended)
        self.is_minor.setChecked(client.is_minor)
        self.guardian.setEnabled(client.is_minor)
        channel, comfort = client.preferred_channel, client.channel_comfort
        self.preferred.setCurrentIndex(list(ContactChannel).index(channel) + 1 if channel else 0)
        self.comfort.setCurrentIndex(list(ChannelComfort).index(comfort) + 1 if comfort else 0)
        self._follow_preference()
        for handle in client.handles:
            self.handles.add_row(handle)
        self.name.setFocus()

    def client_from_fields(self) -> Client:
        """The client as typed, not yet checked."""
        ended = self.ended.isChecked()
        original = self._original
        return Client(
            code=self.code.text(),
            display_name=self.name.text(),
            status=ClientStatus.ENDED if ended else ClientStatus.ACTIVE,
            started_on=self.start_date.value(),
            ended_on=self.end_date.value() if ended else None,
            is_minor=self.is_minor.isChecked(),
            guardian_name=self.guardian.text() if self.is_minor.isChecked() else "",
            handles=self.handles.handles(),
            archived=original.archived if original else False,
            id=original.id if original else None,
            preferred_channel=self.preferred_channel(),
            channel_comfort=ChannelComfort(comfort)
            if (comfort := self.comfort.currentData())
            else None,
        )

    def save(self) -> None:
        """Save through the store; on a refusal show why and keep the dialog open."""
        client = self.client_from_fields()
        try:
            saved = save_client(self._services, client)
        except UserFacingError as refusal:
            self.error.show_message(refusal.message)
            return
        self.error.clear_message()
        self.saved_client = saved
        self.accept()

    def update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.name,
            self.code,
            *self.start_date.focus_chain(),
            self.active,
            self.ended,
            *self.end_date.focus_chain(),
            self.is_minor,
            self.guardian,
            self.preferred,
            self.comfort,
            *self.handles.focus_chain(),
            self.save_button,
            self.cancel_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
