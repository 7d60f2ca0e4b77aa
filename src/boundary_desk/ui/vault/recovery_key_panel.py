"""The recovery key on screen: shown once, copied as a secret, saved as an Emergency Kit.

Used by first-run setup and by "New recovery key…" / "Re-key the vault…": in both,
the key is shown and confirmed as saved before it is put to use, so a vault never
depends on a key nobody saw.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.vault.secret_clipboard import SecretClipboard
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.save_files import EMERGENCY_KIT, ask_save_path, offer_show_in_folder
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    busy_cursor,
    button,
    label,
    monospace_font,
    tab_order,
    vbox,
)

KitSaver = Callable[[Path], object]
KitPrinter = Callable[[], bytes]  # the kit's PDF, for printing
AskPrinter = Callable[[QPrinter, QWidget], bool]


def ask_for_printer(printer: QPrinter, parent: QWidget) -> bool:
    """The system print dialog; True once the clinician presses Print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print Emergency Kit"))
    # "Print to file" would write the recovery key under the desktop's umask, not 0600:
    # saving the kit is a button of its own, which writes it privately.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog.exec() == QDialog.DialogCode.Accepted


CONFIRM_TEXT = N_("I have saved my Emergency Kit or written down this key")
KIT_ADVICE = N_(
    "Save the Emergency Kit (a one-page PDF) and print it, or write the key on paper. "
    "Keep it somewhere private, such as a locked drawer."
)


class RecoveryKeyPanel(QWidget):
    """The key, Copy, Save Emergency Kit…, and the "I have saved it" check."""

    ready_changed = Signal()

    def __init__(self, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter
        self._save: KitSaver | None = None
        self.app_folders: list[Path] = []  # the vault's own folder: never offered for the kit
        self.clipboard = SecretClipboard()
        layout = vbox(self, 14)
        self.key_label = label("", "recoveryKey")
        self.key_label.setWordWrap(False)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFont(monospace_font(15))
        # Not selectable: the one way to copy it is Copy, which marks it secret and clears it.
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(self.key_label)
        layout.addWidget(label(_(KIT_ADVICE), "muted"))
        self.copy_button = button(_("Copy"))
        self.copy_button.setToolTip(
            _("Copies the key; it is cleared from the clipboard in a minute")
        )
        self.copy_button.clicked.connect(self.copy_key)
        self.save_button = button(_("Save Emergency Kit…"))
        self.save_button.clicked.connect(self.save_kit)
        self.print_button = button(_("Print Emergency Kit…"))
        self.print_button.clicked.connect(self.print_kit)
        self.print_button.hide()  # only where the kit can be made for an open vault
        self.ask_printer: AskPrinter = ask_for_printer
        self._print: tuple[KitPrinter, tuple[float, float], Callable[[], None]] | None = None
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.saved_note = InlineMessage("success")
        layout.addWidget(self.saved_note)
        layout.addSpacing(4)
        self.confirm = QCheckBox(_(CONFIRM_TEXT))
        self.confirm.setObjectName("confirm")
        self.confirm.toggled.connect(self.ready_changed)
        layout.addWidget(self.confirm)
        tab_order(self.save_button, self.print_button, self.copy_button, self.confirm)

    def show_key(self, key: str, save: KitSaver) -> None:
        self.key_label.setText(key)
        self._save = save
        self.confirm.setChecked(False)
        self.saved_note.clear_message()

    def allow_print(
        self, make_pdf: KitPrinter, paper: tuple[float, float], printed: Callable[[], None]
    ) -> None:
        """Offer Print…: `make_pdf` gives the kit, `printed` records that it was printed."""
        self._print = (make_pdf, paper, printed)
        self.print_button.show()

    def print_kit(self) -> None:
        if self._print is None or not self.key_label.text():
            return
        make_pdf, paper, printed = self._print
        # The PDF renderer (pypdfium2) loads when a kit is first printed, not with setup.
        from boundary_desk.ui.agreements.printing import prepare_printer, print_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, paper, "Boundary Desk Emergency Kit")
        if not self.ask_printer(printer, self):
            return
        try:
            with busy_cursor():
                print_pdf(make_pdf(), printer)  # one page: quick enough to print here
        except UserFacingError as exc:
            self._prompter.warn(self, _("Emergency Kit not printed"), exc.message)
            return
        printed()
        self.saved_note.show_message(
            _("Emergency Kit sent to the printer. Keep the printout somewhere safe.")
        )

    def is_ready(self) -> bool:
        return self.confirm.isChecked() and bool(self.key_label.text())

    def copy_key(self) -> None:
        if self.key_label.text():
            self.clipboard.copy(self.key_label.text())
            self.saved_note.show_message(
                _(
                    "Copied. It will be cleared from the clipboard in a minute; paste it "
                    "somewhere private, not into an email or chat."
                )
            )

    def save_kit(self) -> None:
        if self._save is None:
            return
        chosen = ask_save_path(
            self._prompter,
            self,
            kind=EMERGENCY_KIT,
            title=_("Save Emergency Kit"),
            file_name="Boundary Desk Emergency Kit.pdf",
            avoid=self.app_folders,
        )
        if chosen is None:
            return
        try:
            with busy_cursor():
                self._save(chosen)
        except UserFacingError as exc:
            self._prompter.warn(self, _("Emergency Kit not saved"), exc.message)
            return
        self.saved_note.show_message(
            _("Emergency Kit saved to {path}. Print it, then keep it somewhere safe.").format(
                path=chosen
            )
        )
        offer_show_in_folder(self._prompter, self, chosen)

    def forget_key(self) -> None:
        """Drop the key from the screen once the clinician has moved on."""
        self.key_label.clear()
        self._save = None
        self._print = None
