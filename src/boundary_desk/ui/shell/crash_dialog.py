"""The calm dialog shown when something unexpected went wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import button, label, monospace_font

INTRO = N_(
    "Something unexpected went wrong. Your records are kept in the encrypted vault and "
    "were not sent anywhere."
)
NOTHING_SENT = N_(
    "The report below contains no client information. If you ask for help, you can copy "
    "it and paste it into your message."
)


class CrashDialog(QDialog):
    """Shows the crash report (which holds no client data) with a "Copy report" button."""

    def __init__(self, report: str, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Boundary Desk ran into a problem"))
        self.setMinimumWidth(560)
        self._report = report

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(_("Boundary Desk ran into a problem"), "subheading"))
        layout.addWidget(label(_(INTRO)))
        saved = _("A copy was saved to {path}.").format(path=path) if path else ""
        layout.addWidget(
            label(" ".join(filter(None, (_(NOTHING_SENT), saved))), "muted", selectable=True)
        )

        self.report_view = QPlainTextEdit(report)
        self.report_view.setReadOnly(True)
        self.report_view.setFont(monospace_font(9.5))
        self.report_view.setMinimumHeight(180)
        layout.addWidget(self.report_view)

        self.copy_button = button(_("Copy report"))
        self.copy_button.clicked.connect(self.copy_report)
        close = button(_("Close"), "primary")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self._report)
        self.copy_button.setText(_("Copied"))
