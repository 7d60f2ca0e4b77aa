"""Sign…: the dates of the signatures and the review, asked for when signing.

The dialog proposes today for both signatures and a review six months on; the
clinician changes what differs and presses Sign. A date that can't be signed with is
refused in the dialog itself, which stays open with the dates as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from boundary_desk.domain.agreement_rules import REVIEW_AFTER_MONTHS, add_months
from boundary_desk.system.i18n import _
from boundary_desk.ui.widgets.style import InlineMessage, button, label, tab_order


@dataclass(frozen=True)
class SigningDates:
    client_signed_on: date
    clinician_signed_on: date
    review_on: date


@dataclass(frozen=True)
class SigningRequest:
    """What the dialog asks about: its question, the dates it proposes, and their check."""

    version: int
    question: str
    proposed: SigningDates
    check: Callable[[SigningDates], str | None]  # why these dates can't be signed, if so


AskSigning = Callable[[SigningRequest, QWidget | None], SigningDates | None]


def proposed_dates(
    client_signed: date | None, clinician_signed: date | None, review: date | None, today: date
) -> SigningDates:
    """The dates already entered, else today, and a review six months after signing."""
    signed = client_signed or today
    return SigningDates(
        client_signed_on=signed,
        clinician_signed_on=clinician_signed or signed,
        review_on=review or add_months(signed, REVIEW_AFTER_MONTHS),
    )


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    day = edit.date()
    return date(day.year(), day.month(), day.day())


class SignDialog(QDialog):
    """Asks for the signing dates; `dates` holds them once accepted."""

    def __init__(self, request: SigningRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign version {version}").format(version=request.version))
        self._request = request
        self.dates: SigningDates | None = None
        self.client_signed = self._date_edit(_("Date the client signed"))
        self.client_signed.setDate(_to_qdate(request.proposed.client_signed_on))
        self.clinician_signed = self._date_edit(_("Date you signed"))
        self.clinician_signed.setDate(_to_qdate(request.proposed.clinician_signed_on))
        self.review = self._date_edit(_("Review date"))
        self.review.setDate(_to_qdate(request.proposed.review_on))
        self._review_follows = request.proposed.review_on == add_months(
            request.proposed.client_signed_on, REVIEW_AFTER_MONTHS
        )
        self.client_signed.dateChanged.connect(self._client_date_changed)
        self.review.dateChanged.connect(self._review_edited)
        self.error = InlineMessage("error", self)
        self.sign_button = button(
            _("Sign version {version}").format(version=request.version), "primary"
        )
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.accept)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.addRow(_("The client signed on"), self.client_signed)
        form.addRow(_("You signed on"), self.clinician_signed)
        form.addRow(_("Review it together by"), self.review)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        question = label(request.question)
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        tab_order(self.review, self.sign_button, self.cancel_button)
        self.client_signed.setFocus()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setAccessibleName(name)
        edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return edit

    def _client_date_changed(self) -> None:
        signed = _day(self.client_signed)
        self.clinician_signed.setDate(_to_qdate(signed))
        if self._review_follows:
            self.review.blockSignals(True)
            self.review.setDate(_to_qdate(add_months(signed, REVIEW_AFTER_MONTHS)))
            self.review.blockSignals(False)
        self.error.clear_message()

    def _review_edited(self) -> None:
        self._review_follows = False
        self.error.clear_message()

    def chosen(self) -> SigningDates:
        return SigningDates(
            client_signed_on=_day(self.client_signed),
            clinician_signed_on=_day(self.clinician_signed),
            review_on=_day(self.review),
        )

    def accept(self) -> None:
        """Sign only with dates that can be signed with; else say why and stay open."""
        dates = self.chosen()
        problem = self._request.check(dates)
        if problem:
            self.error.show_message(problem)
            return
        self.dates = dates
        super().accept()


def ask_signing_dates(request: SigningRequest, parent: QWidget | None) -> SigningDates | None:
    """Show the dialog; the dates, or None if the clinician cancelled."""
    dialog = SignDialog(request, parent)
    dialog.exec()
    return dialog.dates
