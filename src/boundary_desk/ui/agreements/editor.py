"""The communication agreement for one client: its fields beside a live preview of the PDF.

The form edits a draft; the preview is the real PDF, rebuilt off the GUI thread a
moment after each edit, so what the clinician sees is what the client signs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.agreement_rules import check_draft, check_signing, notices
from boundary_desk.domain.agreements import Agreement, AgreementStatus, Channel
from boundary_desk.domain.clients import Client
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.errors import UserFacingError
from boundary_desk.reports.document import page_size_for_country
from boundary_desk.services import Services, agreements
from boundary_desk.services.documents import (
    agreement_pdf_builder,
    record_export,
    record_printed_agreement,
    write_agreement_pdf,
)
from boundary_desk.services.record_views import viewed_agreements
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.agreements.channels import in_a_sentence
from boundary_desk.ui.agreements.form import AgreementForm
from boundary_desk.ui.agreements.pdf_preview import LivePdf
from boundary_desk.ui.agreements.printing import ask_for_printer, prepare_printer, print_pdf
from boundary_desk.ui.agreements.sign_dialog import (
    AskSigning,
    SigningDates,
    SigningRequest,
    ask_signing_dates,
    proposed_dates,
)
from boundary_desk.ui.agreements.versions import (
    changes_text,
    checked_timezone,
    history_entry,
    previous_version,
    version_line,
)
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import ReflowSplitter
from boundary_desk.ui.widgets.save_files import AGREEMENT, ask_save_path, offer_show_in_folder
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    button,
    fit_to_screen,
    label,
    tab_order,
    tab_stops,
)

AskPrinter = Callable[[QPrinter, QWidget | None], bool]


class AgreementEditor(QDialog):
    """Edit, sign, save and print one client's agreement."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        client: Client,
        parent: QWidget | None = None,
        today: date | None = None,
        *,
        ask_printer: AskPrinter = ask_for_printer,
        ask_signing: AskSigning = ask_signing_dates,
    ) -> None:
        super().__init__(parent)
        if client.id is None:
            raise ValueError("an agreement needs a saved client")
        self._services, self._prompter, self._client = services, prompter, client
        self._ask_printer = ask_printer
        self._ask_signing = ask_signing
        self._practice = services.settings.load()
        self._today = today or datetime.now(self._practice.timezone).date()
        self._printing = BackgroundJobs(self)
        self._printing.finished.connect(self._printed)
        self._printing.failed.connect(self._not_printed)
        self._printer: QPrinter | None = None
        self.setWindowTitle(_("Communication agreement · {code}[*]").format(code=client.code))
        self._build()
        self._signed = agreements.signed(services, client.id)
        history = self._history()
        if history and history[-1].status is not AgreementStatus.DRAFT:
            self._show(history[-1])  # the signed version, as signed; a new one is a click away
            self.new_version_button.setFocus()
        else:
            self._show(agreements.starting_agreement(history, client, self._practice))
            self.form.rows[Channel.EMAIL].allowed.setFocus()
        viewed_agreements(services, client.id)

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.form = AgreementForm(self._practice, self._client.is_minor, self._today, self)
        self.form.changed.connect(self._edited)
        self.form.withdraw_requested.connect(self.withdraw)
        self.subtitle = label("", "muted")
        self.error = InlineMessage("error", self)
        self.notes = InlineMessage("note", self)
        self.status = InlineMessage("success", self)
        self.changes_panel = InlineMessage("note", self)
        # A version signed before its details were kept reprints with today's: said here too.
        self.reprint_note = InlineMessage("note", self)
        self.preview = LivePdf(self.form.agreement, self._pdf_builder, self)
        self.preview.failed.connect(partial(self._prompter.warn, self, _("No PDF made")))
        # The preview goes below the form on a screen too narrow for both side by side.
        splitter = ReflowSplitter(self)
        splitter.addWidget(self._form_side())
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(label(_("Communication agreement"), "heading"))
        self.versions = QComboBox(self)
        self.versions.setAccessibleName(_("Version"))
        self.versions.setToolTip(_("Every version of the agreement; a signed one opens read-only"))
        self.versions.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.versions.activated.connect(self._version_chosen)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.subtitle, 1)
        version_label = label(_("Version"), "muted")
        version_label.setBuddy(self.versions)
        header.addWidget(version_label)
        header.addWidget(self.versions)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())
        # The form at the left, then the preview; Sign (or a new version) last before Close.
        tab_order(
            self.versions,
            *tab_stops(self.form),
            self.preview.whole_pages,
            self.preview.view,
            self.changes_button,
            self.pdf_button,
            self.print_button,
            self.save_button,
            self.sign_button,
            self.new_version_button,
            self.close_button,
        )
        self._fit_to_screen()

    def _form_side(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("screenScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 12, 0)
        column.addWidget(self.form)
        scroll.setWidget(holder)
        self.form_scroll = scroll
        side = QWidget(self)
        # As wide as the channel grid, so the form never scrolls sideways.
        bar = scroll.verticalScrollBar().sizeHint().width()
        side.setMinimumWidth(max(640, holder.minimumSizeHint().width() + bar + 8))
        messages = QVBoxLayout(side)
        messages.setContentsMargins(0, 0, 8, 0)
        messages.setSpacing(8)
        for message in (self.error, self.status, self.reprint_note, self.notes, self.changes_panel):
            messages.addWidget(message)
        messages.addWidget(scroll, 1)
        return side

    def _buttons(self) -> QHBoxLayout:
        self.changes_button = QPushButton(_("What changed"), self)
        self.changes_button.setCheckable(True)
        self.changes_button.toggled.connect(self._update_changes)
        self.changes_button.toggled.connect(
            lambda shown: self.changes_button.setText(
                _("Hide changes") if shown else _("What changed")
            )
        )
        self.close_button = button(_("Close"))
        self.close_button.clicked.connect(self.reject)
        self.pdf_button = button(_("Save PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = button(_("Print…"))
        self.print_button.setToolTip(_("Print the agreement (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_agreement)
        self.save_button = button(_("Save draft"))
        self.save_button.setToolTip(_("Save this version as a draft (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_draft)
        self.sign_button = button(_("Sign…"), "primary")
        self.sign_button.setToolTip(_("Record that the agreement has been signed"))
        self.sign_button.clicked.connect(self.sign)
        self.new_version_button = button(_("Start a new version"), "primary")
        self.new_version_button.clicked.connect(self.start_new_version)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.changes_button)
        row.addStretch(1)
        for widget in (
            self.close_button,
            self.pdf_button,
            self.print_button,
            self.save_button,
            self.sign_button,
            self.new_version_button,
        ):
            widget.setAutoDefault(False)
            row.addWidget(widget)  # fmt: skip
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._save_if_editable)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_agreement)
        return row

    def _fit_to_screen(self) -> None:
        fit_to_screen(self, 1360, 900)

    def _share_width(self) -> None:
        """Give the form the room its rows need (60% to start); the preview takes the rest."""
        total = self.width() - 40
        left = self.splitter.sizes()[0] if self.isVisible() else total * 3 // 5
        holder = self.form_scroll.widget()
        assert holder is not None
        rows = holder.layout()
        if rows is not None:
            rows.activate()  # links shown once signed widen the rows
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        needed = holder.minimumSizeHint().width() + bar + 24  # side margins and frame
        left = max(left, min(needed, total - 380))
        self.splitter.setSizes([left, total - left])

    # -- which version ------------------------------------------------------------------

    def _history(self) -> list[Agreement]:
        assert self._client.id is not None
        return agreements.history(self._services, self._client.id)

    def _show(self, agreement: Agreement) -> None:
        """Load `agreement` into the form, as the state that counts as unchanged."""
        self.agreement = agreement
        self.error.clear_message()
        self.status.clear_message()
        self.form.load(agreement)
        self._baseline = self.form.agreement()
        signed = agreement.status is not AgreementStatus.DRAFT
        kept = agreements.kept_at_signing(self._services, agreement)
        self.reprint_note.show_message(kept.notice(agreement))  # hidden when it prints as signed
        in_force = self._signed.allowed_channels if self._signed else ()
        self.form.set_read_only(signed, frozenset(t.channel for t in in_force))
        self._share_width()
        for widget in (self.save_button, self.sign_button):
            widget.setVisible(not signed)
        self.new_version_button.setVisible(agreement.status is AgreementStatus.SIGNED)
        later = [a for a in self._history() if a.version > agreement.version]
        self.new_version_button.setText(
            _("Open draft version {version}").format(version=later[-1].version)
            if later and later[-1].status is AgreementStatus.DRAFT
            else _("Start a new version")
        )
        self._previous_version = previous_version(self._history(), agreement.version)
        self.changes_button.setVisible(self._previous_version is not None)
        self.subtitle.setText(version_line(self._client, agreement))
        self._list_versions()
        self._edited()
        self.preview.refresh()

    def _list_versions(self) -> None:
        """The version list: every saved version, and the one on screen if not saved yet."""
        shown = list(self._history())
        if self.agreement.id is None:
            shown.append(self.agreement)
        self.versions.blockSignals(True)
        self.versions.clear()
        for agreement in reversed(shown):  # the newest first
            self.versions.addItem(history_entry(agreement), agreement.version)
        self.versions.setCurrentIndex(self.versions.findData(self.agreement.version))
        self.versions.blockSignals(False)
        self.versions.setEnabled(self.versions.count() > 1)

    def _version_chosen(self, index: int) -> None:
        number = self.versions.itemData(index)
        if number == self.agreement.version:
            return
        if not self._may_leave_draft():
            self.versions.setCurrentIndex(self.versions.findData(self.agreement.version))
            return
        chosen = next((a for a in self._history() if a.version == number), None)
        if chosen is None:
            return
        self.open_version(chosen)

    def open_version(self, agreement: Agreement) -> None:
        """Show a saved version: a signed or replaced one read-only, ready to reprint."""
        if agreement.status is AgreementStatus.DRAFT:
            agreement = agreements.starting_agreement(self._history(), self._client, self._practice)
        self._show(agreement)
        self.form_scroll.verticalScrollBar().setValue(0)
        if agreement.status is not AgreementStatus.DRAFT:
            message = (
                # the note above says what a reprint shows instead
                _("Version {version} as it was signed; it can't be changed.")
                if self.reprint_note.text()
                else _(
                    "Version {version} as it was signed; it can't be changed. "
                    "Print… and Save PDF… reprint it exactly as signed."
                )
            )
            self.status.show_message(message.format(version=agreement.version))

    def _may_leave_draft(self) -> bool:
        """Before leaving an edited draft: offer to save it; False if saving was refused."""
        if not (self.save_button.isVisible() and self.is_changed()):
            return True
        save = self._prompter.confirm(
            self,
            _("Unsaved changes"),
            _("Save your changes to version {version} as a draft first?").format(
                version=self.agreement.version
            ),
        )
        return not save or self.save_draft()

    def is_changed(self) -> bool:
        return self.form.agreement() != self._baseline

    def _edited(self) -> None:
        changed = self.is_changed()
        self.setWindowModified(changed)
        if changed:
            self.error.clear_message()
            self.status.clear_message()
        self.notes.show_message("\n".join(notices(self.form.agreement())))
        self._update_changes()
        self.preview.source_changed()

    def _update_changes(self) -> None:
        previous = self._previous_version
        if previous is None or not self.changes_button.isChecked():
            self.changes_panel.clear_message()
        else:
            self.changes_panel.show_message(changes_text(previous, self.form.agreement()))

    # -- saving and signing ---------------------------------------------------------------

    def _fields(self) -> Agreement:
        """The fields, with the client's time zone checked (the store checks the rest)."""
        return checked_timezone(self.form.agreement())

    def _refuse(self, message: str) -> None:
        self.status.clear_message()
        self.error.show_message(message)
        row = self.form.channels.unfinished_row()
        if row is not None:  # most refusals are a channel with no purpose: go there
            self.form_scroll.ensureWidgetVisible(row.allowed)
            next(iter(row.purposes.values())).setFocus()

    def _save_if_editable(self) -> None:
        if self.save_button.isVisible():
            self.save_draft()

    def save_draft(self) -> bool:
        """Save the fields as this version's draft; False (and why) if refused."""
        try:
            saved = agreements.save_draft(self._services, self._fields())
        except UserFacingError as refusal:
            self._refuse(refusal.message)
            return False
        self._show(saved)
        self.status.show_message(_("Draft version {version} saved.").format(version=saved.version))
        return True

    def sign(self) -> None:
        """Ask for the signing dates (today proposed), then record the signature."""
        try:
            agreement = check_draft(self._fields())
        except UserFacingError as refusal:
            self._refuse(refusal.message)
            return
        form = self.form
        proposed = proposed_dates(
            form.client_signed.value(), form.clinician_signed.value(), form.review.value(),
            self._today,
        )  # fmt: skip
        if self._signed is None:
            question = _(
                "Record version {version} of the agreement for {code} as signed, on these "
                "dates? A signed version can't be changed; later changes start a new version."
            ).format(version=agreement.version, code=self._client.code)
        else:
            question = _(
                "Record version {version} of the agreement for {code} as signed, on these "
                "dates? Version {replaced} stays on record, marked as replaced. A signed "
                "version can't be changed; later changes start a new version."
            ).format(
                version=agreement.version, code=self._client.code, replaced=self._signed.version
            )

        def problem(dates: SigningDates) -> str | None:
            try:
                check_signing(_with_dates(agreement, dates), self._today)
            except UserFacingError as refusal:
                return refusal.message
            return None

        dates = self._ask_signing(
            SigningRequest(agreement.version, question, proposed, problem), self
        )
        if dates is None:
            return
        try:
            signed = agreements.sign(self._services, _with_dates(agreement, dates), self._today)
        except UserFacingError as refusal:
            self._refuse(refusal.message)
            return
        self._signed = signed
        self._show(signed)
        self.form_scroll.verticalScrollBar().setValue(0)
        self.print_button.setFocus()  # the usual next step: the client's copy
        assert signed.review_on is not None
        self.status.show_message(
            _("Version {version} is signed. Review it with the client by {date}.").format(
                version=signed.version, date=long_date(signed.review_on)
            )
        )

    def start_new_version(self) -> None:
        """The draft after the signed version: the one already begun, else a new one."""
        assert self._signed is not None
        self._show(agreements.starting_agreement(self._history(), self._client, self._practice))
        self.form_scroll.verticalScrollBar().setValue(0)
        self.form.rows[Channel.EMAIL].allowed.setFocus()
        self.status.show_message(
            _(
                "Version {version} started from version {signed}. "
                "Nothing is saved until you save or sign it."
            ).format(version=self.agreement.version, signed=self._signed.version)
        )

    def withdraw(self, channel: Channel) -> None:
        """Record, after asking, that the client withdrew consent for a channel today."""
        signed = self._signed
        if signed is None or self._client.id is None:
            return
        name = in_a_sentence(channel)
        if not self._prompter.confirm(
            self,
            _("Withdraw consent"),
            _(
                "Record that the client withdrew consent for {channel} today, {date}? "
                "Version {version} stays signed; {channel} is no longer allowed from today."
            ).format(channel=name, date=long_date(self._today), version=signed.version),
        ):
            return
        try:
            self._signed = agreements.withdraw(
                self._services, self._client.id, channel, self._today
            )
        except UserFacingError as refusal:
            self._refuse(refusal.message)
            return
        if self.agreement.id == self._signed.id:
            self._show(self._signed)
        else:
            self.form.channels.mark_withdrawn(channel, self._today)
        self.status.show_message(
            _("Recorded: consent for {channel} withdrawn on {date}.").format(
                channel=name, date=long_date(self._today)
            )
        )

    # -- the PDF: preview, save, print ----------------------------------------------------

    def _pdf_builder(self, agreement: Agreement) -> Callable[[], bytes]:
        """Lay the document out here (quick); the PDF itself is made on the worker.

        Refused (a clause the clinician reworded has no wording of theirs in the
        agreement's language), the build fails on the worker with the reason, which the
        preview shows in place of the pages, and Save/Print report.
        """
        try:
            return agreement_pdf_builder(
                self._services, self._client, agreement, self._practice, self._today
            )
        except UserFacingError as refusal:
            return partial(_refuse_build, refusal)

    def _file_name(self) -> str:
        return f"Agreement {self._client.code} v{self.agreement.version}.pdf"

    def save_pdf(self) -> None:
        """Ask where, then write the PDF whole (or not at all)."""
        path = ask_save_path(
            self._prompter,
            self,
            kind=AGREEMENT,
            title=_("Save agreement as PDF"),
            file_name=self._file_name(),
            avoid=[self._services.vault.location.paths.data_dir],
            services=self._services,
        )
        if path is None:
            return
        self.preview.when_ready(partial(self._write_pdf, path))

    def _write_pdf(self, path: Path, pdf: bytes) -> None:
        try:
            exported = write_agreement_pdf(pdf, path, self._client, self.agreement)
        except UserFacingError as failure:
            self._prompter.warn(self, _("PDF not saved"), failure.message)
            return
        record_export(self._services, exported)
        self.status.show_message(
            _("Saved “{name}” in {folder}.").format(name=path.name, folder=path.parent)
        )
        offer_show_in_folder(self._prompter, self, path)

    def print_agreement(self) -> None:
        self.preview.when_ready(self._print)

    def _print(self, pdf: bytes) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # A signed version prints on the paper it was signed on.
        practice = agreements.practice_for(self._services, self.agreement)
        page_size = page_size_for_country(practice.region.country)
        prepare_printer(printer, page_size, self._file_name().removesuffix(".pdf"))
        if not self._ask_printer(printer, self):
            return
        self.status.show_message(_("Printing…"))
        self._printer = printer  # kept alive until the job is done
        self._printing_agreement = self.agreement
        self._printing.submit(partial(print_pdf, pdf, printer))

    def _printed(self, _job: int, pages: object) -> None:
        count = pages if isinstance(pages, int) else 0
        if self._services.vault.is_open:  # else locked meanwhile; this window is on its way out
            record_printed_agreement(self._services, self._client, self._printing_agreement)
        self.status.show_message(
            ngettext(
                "Sent {count} page to the printer.", "Sent {count} pages to the printer.", count
            ).format(count=count)
        )

    def _not_printed(self, _job: int, error: object) -> None:
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        self.status.clear_message()
        self._prompter.warn(self, _("Not printed"), error.message)

    # -- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        """Close, offering first to save edits that are not saved yet."""
        if self.save_button.isVisible() and self.is_changed():
            save = self._prompter.confirm(
                self,
                _("Unsaved changes"),
                _("Save your changes to version {version} as a draft before closing?").format(
                    version=self.agreement.version
                ),
            )
            if save and not self.save_draft():
                return  # the refusal is shown; nothing is lost
        super().reject()

    def done(self, result: int) -> None:
        self.preview.stop()  # a print already started still finishes
        super().done(result)


def _with_dates(agreement: Agreement, dates: SigningDates) -> Agreement:
    return replace(
        agreement,
        client_signed_on=dates.client_signed_on,
        clinician_signed_on=dates.clinician_signed_on,
        review_on=dates.review_on,
    )


def _refuse_build(refusal: UserFacingError) -> bytes:
    raise refusal
