"""The unlock screen: passphrase or keychain, and the way back in with the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QWidget

from boundary_desk.errors import InvalidInput, UserFacingError
from boundary_desk.services import Services, session
from boundary_desk.services.session import (
    MIN_PASSPHRASE,
    KeychainEntryMissing,
    KeyMode,
    VaultDamaged,
    VaultLocation,
    check_passphrase,
)
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    PageStack,
    busy_cursor,
    button,
    card_screen,
    label,
    monospace_font,
    tab_order,
    vbox,
)

# Declared in English for the catalog; each is translated where it is shown.
MISMATCH = N_("The two passphrases are different. Type the same passphrase in both fields.")
PASSPHRASE_HINT = N_(
    "At least {count} characters. A short sentence that only you would think "
    "of is strong and easy to type."
)
RECOVERY_INTRO = N_(
    "Type the recovery key from your Emergency Kit, then choose a new master passphrase. "
    "From now on Boundary Desk will ask for this passphrase when it opens."
)


def passphrase_hint() -> str:
    """The passphrase rule, in the current language."""
    return _(PASSPHRASE_HINT).format(count=MIN_PASSPHRASE)


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setMinimumWidth(300)
    return field


class NewPassphraseFields(QWidget):
    """A new passphrase typed twice, with the rule shown beneath; first, where asked, the
    current passphrase (a change of key is checked against it in services/setup.py)."""

    def __init__(
        self,
        first_label: str | None = None,  # "Master passphrase"
        parent: QWidget | None = None,
        *,
        ask_current: bool = False,
    ):
        super().__init__(parent)
        self.current: QLineEdit | None = None
        if ask_current:  # made first, so Tab goes from it to the new passphrase
            self.current = _password_field(_("The passphrase you unlock with today"))
            self.current.setAccessibleName(_("Current passphrase"))
        self.first = _password_field(_("At least {count} characters").format(count=MIN_PASSPHRASE))
        self.second = _password_field(_("Type it again"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(14)
        # A label too long to sit beside its field (French runs long) goes above it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        if self.current is not None:
            form.addRow(_("Current passphrase"), self.current)
            self.current.returnPressed.connect(self.first.setFocus)
        form.addRow(first_label or _("Master passphrase"), self.first)
        form.addRow(_("Confirm"), self.second)
        layout = vbox(self, 8)
        layout.addLayout(form)
        layout.addWidget(label(passphrase_hint(), "help"))
        self.first.returnPressed.connect(self.second.setFocus)
        self.form = form

    def current_passphrase(self) -> str | None:
        """What was typed as the current passphrase; None where it is not asked."""
        return None if self.current is None else self.current.text()

    def checked_passphrase(self) -> str:
        """The passphrase, or WeakPassphrase / InvalidInput saying what to fix."""
        passphrase = self.first.text()
        check_passphrase(passphrase)
        if passphrase != self.second.text():
            raise InvalidInput(_(MISMATCH))
        return passphrase

    def clear(self) -> None:
        if self.current is not None:
            self.current.clear()
        self.first.clear()
        self.second.clear()


class UnlockScreen(QWidget):
    """Opens the vault and emits `unlocked` with its services; nothing else changes on failure."""

    unlocked = Signal(object)  # Services
    restore_requested = Signal()  # the vault is damaged: offer its backups

    def __init__(self, location: VaultLocation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._location = location
        self._mode = location.key_mode()
        self._forms = PageStack()
        self._forms.addWidget(self._build_unlock_form())
        self._forms.addWidget(self._build_recovery_form())
        vbox(self, 0).addWidget(card_screen(self._forms, width=560))
        self.show_unlock()

    # The unlock form --------------------------------------------------------------

    def _build_unlock_form(self) -> QWidget:
        form = QWidget()
        layout = vbox(form, 14)
        self.heading = label(_("Your records are locked"), "heading")
        self.note = InlineMessage("note")
        self.explanation = label()
        self.passphrase = _password_field(_("Master passphrase"))
        self.passphrase.setAccessibleName(_("Master passphrase"))
        self.passphrase.returnPressed.connect(self.unlock)
        self.unlock_button = button(_("Unlock"), "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.error = InlineMessage()
        self.recovery_link = button(_("Use recovery key…"), "link")
        self.recovery_link.clicked.connect(self.show_recovery)
        self.restore_button = button(_("Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore_requested)
        self.restore_button.hide()  # offered once the vault is found damaged

        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        eyebrow = label("BOUNDARY DESK", "eyebrow")
        for widget in (eyebrow, self.heading, self.note, self.explanation):
            layout.addWidget(widget)
        layout.addSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.error)
        link_row = QHBoxLayout()
        link_row.addWidget(self.recovery_link)
        link_row.addStretch(1)
        link_row.addWidget(self.restore_button)
        layout.addLayout(link_row)
        tab_order(self.passphrase, self.unlock_button, self.recovery_link, self.restore_button)
        return form

    def show_unlock(self) -> None:
        """Show the unlock form for the vault's current key mode."""
        # Back from recovery forgets what was typed there, so it is never appended to.
        self.recovery_key.clear()
        self.new_passphrase.clear()
        self.recovery_error.clear_message()
        passphrase_mode = self._mode is KeyMode.PASSPHRASE
        self.passphrase.setVisible(passphrase_mode)
        self.explanation.setText(
            _("Enter your master passphrase to open your records.")
            if passphrase_mode
            else _(
                "Your vault key is kept in this computer's keychain. Unlock to open your records."
            )
        )
        self._forms.setCurrentIndex(0)
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        if self._forms.currentIndex() == 1:
            self.recovery_key.setFocus()
        elif self._mode is KeyMode.PASSPHRASE:
            self.passphrase.setFocus()
        else:
            self.unlock_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        # Focus set while hidden is lost; once shown, typing goes straight to the form.
        super().showEvent(event)
        self._focus_first_field()

    def set_note(self, text: str) -> None:
        """A calm line above the form, e.g. why the app locked itself."""
        self.note.show_message(text)

    def unlock(self) -> None:
        self.error.clear_message()
        passphrase = self.passphrase.text() if self._mode is KeyMode.PASSPHRASE else None
        try:
            with busy_cursor():
                opened = session.unlock(self._location, passphrase)
        except KeychainEntryMissing as exc:
            self.show_recovery()
            self.recovery_error.show_message(exc.message)
            return
        except UserFacingError as exc:
            self.passphrase.clear()
            if isinstance(exc, VaultDamaged):
                self.show_damaged(exc.message)
                return
            self.error.show_message(exc.message)
            self.restore_button.setVisible(False)
            (self.passphrase if passphrase is not None else self.unlock_button).setFocus()
            return
        self._opened(opened)

    def show_damaged(self, message: str) -> None:
        """The vault is damaged: say so, and offer its backups."""
        self.error.show_message(message)
        self.restore_button.setVisible(True)
        self.restore_button.setFocus()

    # The recovery form ------------------------------------------------------------

    def _build_recovery_form(self) -> QWidget:
        form = QWidget()
        layout = vbox(form, 14)
        layout.addWidget(label(_("BOUNDARY DESK · RECOVERY"), "eyebrow"))
        layout.addWidget(label(_("Unlock with your recovery key"), "heading"))
        self.recovery_error = InlineMessage()
        layout.addWidget(label(_(RECOVERY_INTRO)))
        layout.addWidget(self.recovery_error)
        self.recovery_key = QLineEdit()
        self.recovery_key.setFont(monospace_font(12))
        self.recovery_key.setPlaceholderText("ABCD-EFGH-2345-…")
        self.new_passphrase = NewPassphraseFields(_("New passphrase"))
        self.new_passphrase.form.insertRow(0, _("Recovery key"), self.recovery_key)
        layout.addWidget(self.new_passphrase)
        self.new_passphrase.second.returnPressed.connect(self.recover)
        self.recovery_key.returnPressed.connect(self.new_passphrase.first.setFocus)

        self.recover_button = button(_("Unlock and set passphrase"), "primary")
        self.recover_button.clicked.connect(self.recover)
        self.back_button = button(_("Back"))
        self.back_button.clicked.connect(self.show_unlock)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.recover_button)
        layout.addSpacing(6)
        layout.addLayout(row)
        # Reading order: the key, the new passphrase twice, then the buttons. (Back
        # must not follow the key field, where a typed space would press it.)
        tab_order(
            self.recovery_key,
            self.new_passphrase.first,
            self.new_passphrase.second,
            self.recover_button,
            self.back_button,
        )
        self.recovery_key.setAccessibleName(_("Recovery key"))
        return form

    def show_recovery(self) -> None:
        self.error.clear_message()
        self.passphrase.clear()
        self.recovery_error.clear_message()
        self._forms.setCurrentIndex(1)
        self._focus_first_field()

    def recover(self) -> None:
        self.recovery_error.clear_message()
        try:
            new_passphrase = self.new_passphrase.checked_passphrase()
            with busy_cursor():
                opened = session.recover(self._location, self.recovery_key.text(), new_passphrase)
        except UserFacingError as exc:
            self.recovery_error.show_message(exc.message)
            return
        self._opened(opened)

    def _opened(self, services: Services) -> None:
        for field in (self.passphrase, self.recovery_key):
            field.clear()
        self.new_passphrase.clear()
        self.unlocked.emit(services)
