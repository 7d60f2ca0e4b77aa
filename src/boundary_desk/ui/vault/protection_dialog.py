"""A new master passphrase: to change the vault's own, or to use one instead of the keychain."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.session import KeyMode
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.vault.unlock import NewPassphraseFields
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import InlineMessage, busy_cursor, button, label, vbox

CHANGE_TEXT = N_(
    "Type the passphrase you unlock Boundary Desk with today, then choose a new one. From "
    "now on the new one unlocks Boundary Desk and the old one stops working. Your recovery "
    "key and Emergency Kit are unchanged."
)
NO_PASSPHRASE_YET = N_(
    "This vault has no passphrase yet: this computer's keychain holds its key, so there is "
    "no current passphrase to type. Anyone logged in to this computer as you can already "
    "open it; a passphrase chosen here is asked for every time from now on."
)
SWITCH_TEXT = N_(
    "Instead of this computer's keychain, a master passphrase will unlock Boundary Desk: "
    "you type it each time, and the key is taken out of the keychain. Choose one you can "
    "remember; your recovery key and Emergency Kit still work if you forget it."
)
OLD_COPIES = N_(
    "Backups made before now still open the way they did then. To re-encrypt the whole "
    "vault under a new key as well, choose Vault › Re-key the vault…"
)
CHANGED = N_("Your new master passphrase is in use; the old one no longer unlocks.")
SWITCHED = N_(
    "Boundary Desk now asks for your master passphrase when it unlocks, and the key is no "
    "longer in the keychain."
)


class PassphraseDialog(QDialog):
    """The new passphrase typed twice; Save puts it to use, or says what to fix."""

    def __init__(self, services: Services, prompter: Prompter, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self.changing = services.vault.key_mode is KeyMode.PASSPHRASE
        title = _("Change passphrase") if self.changing else _("Use a master passphrase")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = vbox(self, 12)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.addWidget(label(title, "heading"))
        layout.addWidget(label(_(CHANGE_TEXT) if self.changing else _(SWITCH_TEXT)))
        self.note = InlineMessage("note")
        if not self.changing:
            self.note.show_message(_(NO_PASSPHRASE_YET))
        layout.addWidget(self.note)
        self.fields = NewPassphraseFields(_("New passphrase"), ask_current=self.changing)
        self.fields.first.setAccessibleName(_("New passphrase"))
        self.fields.second.setAccessibleName(_("Confirm the new passphrase"))
        layout.addWidget(self.fields)
        self.error = InlineMessage()
        layout.addWidget(self.error)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.go_button = button(
            _("Change passphrase") if self.changing else _("Use passphrase"), "primary"
        )
        self.go_button.setDefault(True)
        self.go_button.clicked.connect(self.go)
        self.fields.second.returnPressed.connect(self.go)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.go_button)
        layout.addLayout(row)
        first = self.fields.current or self.fields.first
        if self.fields.current is not None:
            self.setTabOrder(self.fields.current, self.fields.first)
        self.setTabOrder(self.fields.first, self.fields.second)
        self.setTabOrder(self.fields.second, self.go_button)
        self.setTabOrder(self.go_button, self.cancel_button)
        first.setFocus()

    def go(self) -> None:
        from boundary_desk.services import setup  # loaded when first used, not with the menu

        self.error.clear_message()
        current = self.fields.current_passphrase()
        try:
            if current == "":  # said at once, before the new one is judged
                raise setup.WrongCurrentPassphrase(setup.NO_CURRENT)
            passphrase = self.fields.checked_passphrase()
            with busy_cursor():
                if self.changing:
                    setup.change_passphrase(self._services, current, passphrase)
                else:
                    setup.use_passphrase(self._services, passphrase)
        except setup.WrongCurrentPassphrase as exc:
            self.error.show_message(exc.message)
            if self.fields.current is not None:
                self.fields.current.clear()
                self.fields.current.setFocus()
            return
        except UserFacingError as exc:
            self.error.show_message(exc.message)
            return
        self.fields.clear()
        self.accept()
        if self.changing:
            self._prompter.inform(
                self.parentWidget(), _("Passphrase changed"), f"{_(CHANGED)} {_(OLD_COPIES)}"
            )
        else:
            self._prompter.inform(
                self.parentWidget(), _("Passphrase in use"), f"{_(SWITCHED)} {_(OLD_COPIES)}"
            )

    def reject(self) -> None:
        self.fields.clear()
        super().reject()
