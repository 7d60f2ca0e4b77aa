"""Setup's "how clients reach you": the practice phone, email and address.

They go on the letterhead and under each channel of the agreement ("My number: …"),
so the first agreement printed tells the client how to reach the clinician.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from boundary_desk.domain.practice_settings import ADDRESS, EMAIL, PHONE
from boundary_desk.ui.widgets.style import label, vbox

CONTACT_KEYS = (PHONE.key, EMAIL.key, ADDRESS.key)


class ContactFields(QWidget):
    """The practice's contact details, each optional, with their labels from the settings."""

    submitted = Signal()  # Enter in the email field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = vbox(self, 4)
        layout.addWidget(label("How clients reach you", "subheading"))
        layout.addWidget(
            label(
                "Printed on the letterhead and under each way of keeping in touch the "
                "agreement allows. Leave out what clients should not use.",
                "help",
            )
        )
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("e.g. +1 416-555-0100")
        self.email = QLineEdit(self)
        self.email.setPlaceholderText("e.g. office@harbourview.example")
        self.address = QPlainTextEdit(self)
        self.address.setPlaceholderText("e.g. 12 King Street West, Suite 400\nToronto, ON")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 3 + 16)
        self.email.returnPressed.connect(self.submitted)
        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        for spec, field in ((PHONE, self.phone), (EMAIL, self.email), (ADDRESS, self.address)):
            field.setAccessibleName(spec.label)
            field.setToolTip(spec.help)
            form.addRow(spec.label, field)
        layout.addLayout(form)

    def values(self) -> dict[str, str]:
        return {
            PHONE.key: self.phone.text(),
            EMAIL.key: self.email.text(),
            ADDRESS.key: self.address.toPlainText(),
        }

    def field(self, key: str) -> QWidget:
        return {PHONE.key: self.phone, EMAIL.key: self.email, ADDRESS.key: self.address}[key]
