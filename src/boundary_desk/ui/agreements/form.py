"""The agreement's fields as a form, in the order the agreement reads.

The form only shows and reads fields; checking and saving belong to the store.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.agreement_rules import REVIEW_AFTER_MONTHS, add_months
from boundary_desk.domain.agreements import (
    Agreement,
    Channel,
    ContactSafety,
    CrisisPlan,
)
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.system.i18n import LANGUAGE_NAMES, N_, _
from boundary_desk.ui.agreements.channels import ChannelGrid
from boundary_desk.ui.clients.editor import OptionalDate
from boundary_desk.ui.widgets.style import BACKGROUND, MUTED, label

RESOURCES_HINT = N_("These come from your settings; change them in Settings → Crisis resources.")


class AgreementForm(QWidget):
    """Every field of one agreement; `changed` fires on any edit."""

    changed = Signal()
    withdraw_requested = Signal(object)  # the Channel

    def __init__(
        self,
        practice: PracticeSettings,
        is_minor: bool,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._practice = practice
        self._is_minor = is_minor
        self._today = today
        self._base: Agreement | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self._channels_card())
        layout.addWidget(self._contact_card())
        layout.addWidget(self._availability_card())
        layout.addWidget(self._crisis_card())
        layout.addWidget(self._records_card())
        if is_minor:
            layout.addWidget(self._minor_card())
        layout.addWidget(self._signing_card())
        layout.addStretch(1)
        # The app style gives disabled line edits a quiet look; drop-downs get the same.
        self.setStyleSheet(f"QComboBox:disabled {{ background: {BACKGROUND}; color: {MUTED}; }}")

    # -- building ---------------------------------------------------------------------

    def _card(self, title: str, help_text: str = "") -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        card.setObjectName("card")
        column = QVBoxLayout(card)
        column.setContentsMargins(20, 16, 20, 18)
        column.setSpacing(8)
        column.addWidget(label(title, "subheading"))
        if help_text:
            column.addWidget(label(help_text, "help"))
        return card, column

    def _form(self, column: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        column.addLayout(form)
        return form

    def _channels_card(self) -> QFrame:
        card, column = self._card(
            _("Channels"), _("Tick each way the client may contact you, and what it is for.")
        )
        self.channels = ChannelGrid(self, self._practice.channel_profiles)
        self.channels.changed.connect(self.changed)
        self.channels.withdraw_requested.connect(self.withdraw_requested)
        self.rows = self.channels.rows
        column.addWidget(self.channels)
        self.channel_reasons = self._tick(
            _("Print, under each allowed channel, why it is used for what")
        )
        self.channel_reasons.setToolTip(
            _(
                "For example: We use text messages (SMS) only to arrange times and other admin, "
                "because short messages without tone of voice are easy to misread."
            )
        )
        column.addWidget(self.channel_reasons)
        return card

    def _row(self, form: QFormLayout, text: str, field: QWidget) -> None:
        caption = QLabel(text, self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(field)
        form.addRow(caption, field)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.changed)
        return edit

    def _tick(self, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.toggled.connect(self.changed)
        return box

    def _contact_card(self) -> QFrame:
        card, column = self._card(
            _("Contact details"), _("Check these with the client now; the agreement prints them.")
        )
        form = self._form(column)
        self.phone = self._line(_("Client's phone number"), "+1 416 555 0100")
        self.email = self._line(_("Client's email address"), "name@example.org")
        self._row(form, _("Phone"), self.phone)
        self._row(form, _("Email"), self.email)
        self.shared_device = self._tick(_("The client shares this phone or computer with others"))
        self.voicemail_ok = self._tick(_("You may leave a voicemail"))
        self.previews_ok = self._tick(_("Messages may show on the client's lock screen"))
        for box in (self.shared_device, self.voicemail_ok, self.previews_ok):
            column.addWidget(box)
        return card

    def _availability_card(self) -> QFrame:
        practice = self._practice
        card, column = self._card(
            _("Availability"),
            _("Your hours: {hours} ({zone}). Change them in Settings.").format(
                hours=practice.hours.describe(), zone=practice.timezone.key
            ),
        )
        form = self._form(column)
        zones = sorted(zoneinfo.available_timezones())
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(zones)
        self.timezone.setMaxVisibleItems(16)
        self.timezone.setAccessibleName(_("Client's time zone"))
        zone_editor = self.timezone.lineEdit()
        if zone_editor is not None:
            zone_editor.setPlaceholderText(
                _("Same as yours ({zone})").format(zone=practice.timezone.key)
            )
        completer = QCompleter(zones, self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.editTextChanged.connect(self.changed)
        self._row(form, _("Client's time zone"), self.timezone)
        column.addWidget(label(_("Leave empty if the client lives in your time zone."), "help"))
        return card

    def _crisis_card(self) -> QFrame:
        card, column = self._card(_("Crisis plan"))
        form = self._form(column)
        self.emergency_number = self._line(_("Emergency number"), "911")
        self.emergency_number.setMaximumWidth(160)
        self.nearest_er = self._line(_("Nearest emergency room"), _("Hospital name and address"))
        self.emergency_contact = self._line(
            _("Emergency contact"), _("Name, relationship and phone")
        )
        self._row(form, _("Emergency number"), self.emergency_number)
        self._row(form, _("Nearest emergency room"), self.nearest_er)
        self._row(form, _("Emergency contact"), self.emergency_contact)
        self.resources = label("", selectable=True)
        self._row(form, _("Crisis lines"), self.resources)
        column.addWidget(label(_(RESOURCES_HINT), "help"))
        return card

    def _records_card(self) -> QFrame:
        card, column = self._card(
            _("Records"), _("Messages between sessions become part of the client's record.")
        )
        self.bills = self._tick(_("Between-session contact is billed"))
        column.addWidget(self.bills)
        return card

    def _minor_card(self) -> QFrame:
        card, column = self._card(_("Parent or guardian"))
        self.guardian_role = QPlainTextEdit(self)
        self.guardian_role.setAccessibleName(_("The guardian's role"))
        self.guardian_role.setTabChangesFocus(True)
        self.guardian_role.setPlaceholderText(
            _("What the guardian is told, and what stays private")
        )
        self.guardian_role.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.guardian_role.textChanged.connect(self.changed)
        column.addWidget(label(_("The guardian's role"), "help"))
        column.addWidget(self.guardian_role)
        return card

    def _signing_card(self) -> QFrame:
        card, column = self._card(
            _("Signing"),
            _("Print the agreement and sign it together, then press Sign… to record the dates."),
        )
        form = self._form(column)
        # The client's language, whatever the app's: the agreement prints in it.
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setAccessibleName(_("Language of the agreement"))
        self.language.currentIndexChanged.connect(self.changed)
        self._row(form, _("Printed in"), self.language)
        self.client_signed = OptionalDate(
            _("Date the client signed"),
            _("Add the date the client signed"),
            _("Clear the date the client signed"),
            self,
        )
        self.clinician_signed = OptionalDate(
            _("Date you signed"), _("Add the date you signed"), _("Clear the date you signed"), self
        )
        self.clinician_signed.unset.setText(_("Same day as the client"))
        self.review = OptionalDate(
            _("Review date"), _("Add the review date"), _("Clear the review date"), self
        )
        self.review.add_button.setText(_("Choose another date"))
        self.review.add_button.clicked.connect(self._start_review_at_default)
        for field in (self.client_signed, self.clinician_signed):
            field.add_button.clicked.connect(lambda _=False, f=field: f.set_value(self._today))
        for field in (self.client_signed, self.clinician_signed, self.review):
            field.unset.setWordWrap(False)
            field.edit.dateChanged.connect(self.changed)
            field.add_button.clicked.connect(self.changed)
            field.clear_button.clicked.connect(self.changed)
        self.client_signed.edit.dateChanged.connect(self._show_default_review)
        self.client_signed.add_button.clicked.connect(self._show_default_review)
        self.client_signed.clear_button.clicked.connect(self._show_default_review)
        self._row(form, _("Client signed on"), self.client_signed)
        self._row(form, _("You signed on"), self.clinician_signed)
        self._row(form, _("Review by"), self.review)
        return card

    # -- loading and reading ----------------------------------------------------------

    def load(self, agreement: Agreement) -> None:
        """Show `agreement`'s fields without announcing each one as an edit."""
        self.blockSignals(True)
        try:
            self._base = agreement
            self.channels.load(agreement)
            safety, crisis = agreement.safety, agreement.crisis
            for edit, text in (
                (self.phone, safety.phone),
                (self.email, safety.email),
                (self.emergency_number, crisis.emergency_number),
                (self.nearest_er, crisis.nearest_er),
                (self.emergency_contact, crisis.emergency_contact),
            ):
                edit.setText(text)
                edit.setCursorPosition(0)
            self.shared_device.setChecked(safety.shared_device)
            self.voicemail_ok.setChecked(safety.voicemail_ok)
            self.previews_ok.setChecked(safety.lock_screen_previews_ok)
            self.timezone.setEditText(agreement.client_timezone)
            self.bills.setChecked(agreement.bills_between_session)
            self.channel_reasons.setChecked(agreement.channel_reasons)
            if self._is_minor:
                self.guardian_role.setPlainText(agreement.guardian_role)
            self.client_signed.set_value(agreement.client_signed_on)
            self.clinician_signed.set_value(agreement.clinician_signed_on)
            self.review.set_value(agreement.review_on)
            self.language.setCurrentIndex(max(self.language.findData(agreement.language), 0))
            self.resources.setText(
                "\n".join(f"{r.label}: {r.number}" for r in crisis.resources)
                or _("None listed yet.")
            )
        finally:
            self.blockSignals(False)
        self._show_default_review()

    def agreement(self) -> Agreement:
        """The agreement as the fields now stand (unchecked; the store checks it)."""
        base = self._base
        assert base is not None, "load() an agreement first"
        guardian = base.guardian_role
        if self._is_minor:
            guardian = " ".join(self.guardian_role.toPlainText().splitlines())
        return replace(
            base,
            channels=self.channels.channels(base),
            safety=ContactSafety(
                phone=self.phone.text(),
                email=self.email.text(),
                shared_device=self.shared_device.isChecked(),
                voicemail_ok=self.voicemail_ok.isChecked(),
                lock_screen_previews_ok=self.previews_ok.isChecked(),
            ),
            client_timezone=self.timezone.currentText().strip(),
            crisis=CrisisPlan(
                resources=base.crisis.resources,
                emergency_number=self.emergency_number.text().strip(),
                nearest_er=self.nearest_er.text(),
                emergency_contact=self.emergency_contact.text(),
            ),
            bills_between_session=self.bills.isChecked(),
            channel_reasons=self.channel_reasons.isChecked(),
            guardian_role=guardian,
            client_signed_on=self.client_signed.value(),
            clinician_signed_on=self.clinician_signed.value(),
            review_on=self.review.value(),
            language=str(self.language.currentData()),
        )

    def set_read_only(self, read_only: bool, signed_channels: frozenset[Channel]) -> None:
        """Lock every field (a signed version) but keep "Withdraw…" for channels in force."""
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QCheckBox | QLineEdit | QComboBox | QPlainTextEdit):
                widget.setEnabled(not read_only)
        for field in (self.client_signed, self.clinician_signed, self.review):
            field.setEnabled(not read_only)
            field.add_button.setVisible(not read_only and field.value() is None)
            field.clear_button.setVisible(not read_only and field.value() is not None)
        self.channels.set_read_only(read_only, signed_channels)

    def _default_review(self) -> date | None:
        signed = self.client_signed.value()
        return add_months(signed, REVIEW_AFTER_MONTHS) if signed else None

    def _show_default_review(self) -> None:
        default = self._default_review()
        self.review.unset.setText(
            _("{date} (six months after signing)").format(date=long_date(default))
            if default
            else _("Six months after the client signs")
        )

    def _start_review_at_default(self) -> None:
        default = self._default_review()
        if default is not None:
            self.review.set_value(default)
