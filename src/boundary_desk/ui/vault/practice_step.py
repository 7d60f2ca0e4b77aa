"""Setup's "how clients reach you": the practice phone, email and address.

They go on the letterhead and under each channel of the agreement ("My number: …"),
so the first agreement printed tells the client how to reach the clinician.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from boundary_desk.domain.practice_settings import ADDRESS, EMAIL, PHONE
from boundary_desk.system.i18n import _
from boundary_desk.ui.widgets.style import label, vbox

CONTACT_KEYS = (PHONE.key, EMAIL.key, ADDRESS.key)


class ContactFields(QObject):
    """The practice's contact details, each optional, with their labels from the settings.

    Their rows join the page's own form (`add_to`), so the labels line up with the rest.
    """

    submitted = Signal()  # Enter in the email field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label(_("How clients reach you"), "subheading")
        self.help = label(
            _(
                "Printed on the letterhead and under each way of keeping in touch the "
                "agreement allows. Leave out what clients should not use."
            ),
            "help",
        )
        self.phone = QLineEdit(parent)
        self.phone.setPlaceholderText(_("e.g. +1 416-555-0100"))
        self.email = QLineEdit(parent)
        self.email.setPlaceholderText(_("e.g. office@harbourview.example"))
        self.address = QPlainTextEdit(parent)
        self.address.setPlaceholderText(_("e.g. 12 King Street West, Suite 400\nToronto, ON"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 16)
        self.email.returnPressed.connect(self.submitted)

    def add_to(self, form: QFormLayout) -> None:
        """The heading, then one row per detail, at the end of `form`."""
        heading = QWidget()
        column = vbox(heading, 2)
        column.setContentsMargins(0, 10, 0, 4)
        column.addWidget(self.heading)
        column.addWidget(self.help)
        form.addRow(heading)
        for spec, field in ((PHONE, self.phone), (EMAIL, self.email), (ADDRESS, self.address)):
            field.setAccessibleName(_(spec.label))
            field.setToolTip(_(spec.help))
            form.addRow(_(spec.label), field)

    def values(self) -> dict[str, str]:
        return {
            PHONE.key: self.phone.text(),
            EMAIL.key: self.email.text(),
            ADDRESS.key: self.address.toPlainText(),
        }

    def field(self, key: str) -> QWidget:
        return {PHONE.key: self.phone, EMAIL.key: self.email, ADDRESS.key: self.address}[key]
