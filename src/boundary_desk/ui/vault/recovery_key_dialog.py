"""New recovery key… and Re-key the vault… (the Vault menu).

The new key is shown, and confirmed as saved, before it is put to use: until then the
old key and the old Emergency Kit go on working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.documents import (
    emergency_kit,
    emergency_kit_paper,
    record_printed_kit,
    save_emergency_kit,
)
from boundary_desk.services.session import KeyMode
from boundary_desk.services.setup import new_recovery_key
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.vault.recovery_key_panel import RecoveryKeyPanel
from boundary_desk.ui.vault.unlock import NewPassphraseFields
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import VerticalScroll
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    busy_cursor,
    button,
    fit_to_contents,
    label,
    tab_order,
    vbox,
)

OLD_BACKUPS = N_(
    "Backups made before now are not changed: each still opens with the passphrase and "
    "recovery key of its day."
)
RENEW_TEXT = N_(
    "A new recovery key replaces the one on your Emergency Kit: once you continue, the old "
    "key no longer unlocks this vault."
)
RENEW_SAME_KEY = N_(
    "The vault key itself stays the same, so if your old kit may have been seen, re-key the "
    "vault instead."
)
REKEY_TEXT = N_(
    "Re-keying re-encrypts the whole vault under a new key, with the new recovery key below."
)
REKEY_PASSPHRASE = N_(
    "Re-keying re-encrypts the whole vault under a new key, with the new recovery key below "
    "and a master passphrase you choose now (it may be the one you use today); type "
    "today's passphrase first."
)
REKEY_AFTER = N_(
    "Afterwards old copies of vault.key, your old passphrase and your old recovery key no "
    "longer open this vault, nor anything you add from now on."
)
REKEY_WHEN = N_(
    "Re-key after changing a passphrase that may have been seen, or if this laptop, a "
    "backup or your Emergency Kit may have been exposed."
)
KEY_CHANGED = N_(
    "Your new recovery key is in use. The old key and its Emergency Kit no longer unlock "
    "this vault; backups made before now still open with the key of their day."
)
REKEYED = N_(
    "The vault is re-encrypted under a new key, and your new recovery key is in use. Old "
    "copies of vault.key, the old passphrase and the old recovery key no longer open it; "
    "backups made before now still open with the passphrase and key of their day."
)

Action = Callable[["RecoveryKeyDialog"], None]


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key; once it is saved, `action` puts it to use."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        *,
        rekey: bool,
        action: Action,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.recovery_key = new_recovery_key()
        self.rekey = rekey
        self._action = action
        self._prompter = prompter
        title = _("Re-key the vault") if rekey else _("New recovery key")
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        needs_passphrase = rekey and services.vault.key_mode is KeyMode.PASSPHRASE
        layout = vbox(self, 12)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.addWidget(label(title, "heading"))
        # On a short or magnified screen the words, the key and the fields scroll; the
        # error and the buttons stay in sight below them.
        body = QWidget(self)
        column = vbox(body, 12)
        column.setContentsMargins(0, 0, 0, 0)
        self.body_scroll = VerticalScroll(body, self)
        self.body_scroll.setAccessibleName(title)
        layout.addWidget(self.body_scroll, 1)
        if rekey:
            first = REKEY_PASSPHRASE if needs_passphrase else REKEY_TEXT
            parts: tuple[str, ...] = (first, REKEY_AFTER, OLD_BACKUPS, REKEY_WHEN)
        else:
            parts = (RENEW_TEXT, OLD_BACKUPS, RENEW_SAME_KEY)
        self.explanation = label(" ".join(_(part) for part in parts))
        column.addWidget(self.explanation)
        self.panel = RecoveryKeyPanel(prompter)
        self.panel.app_folders = [services.vault.location.paths.data_dir]
        self.panel.allow_print(
            lambda: emergency_kit(services, self.recovery_key),
            emergency_kit_paper(services),
            lambda: record_printed_kit(services),
        )
        self.panel.show_key(
            self.recovery_key, lambda path: save_emergency_kit(services, self.recovery_key, path)
        )
        self.panel.ready_changed.connect(self._update)
        column.addWidget(self.panel)
        self.fields: NewPassphraseFields | None = None
        if needs_passphrase:
            self.fields = NewPassphraseFields(_("New master passphrase"), ask_current=True)
            column.addWidget(self.fields)
        column.addStretch(1)
        self.error = InlineMessage()
        layout.addWidget(self.error)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.go_button = button(_("Re-key now") if rekey else _("Use this key"), "primary")
        self.go_button.clicked.connect(self.go)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.go_button)
        layout.addLayout(row)
        tab_order(self.go_button, self.cancel_button)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            # Qt opens a window at most two thirds of the screen high, which on a laptop
            # squeezed the key and the passphrase fields flat: as tall as it needs instead.
            fit_to_contents(self)

    def _update(self) -> None:
        self.go_button.setEnabled(self.panel.is_ready())

    def passphrase(self) -> str | None:
        """The new passphrase (checked), or None where the vault uses none."""
        return None if self.fields is None else self.fields.checked_passphrase()

    def current_passphrase(self) -> str | None:
        """The passphrase typed as today's, checked by the re-key; None where none is asked."""
        return None if self.fields is None else self.fields.current_passphrase()

    def go(self) -> None:
        if not self.panel.is_ready():
            return
        self.error.clear_message()
        try:
            with busy_cursor():
                self._action(self)
        except UserFacingError as exc:
            self.error.show_message(exc.message)
            return
        if self.fields is not None:
            self.fields.clear()
        self.panel.forget_key()
        self.accept()
        if self.rekey:
            self._prompter.inform(self.parentWidget(), _("Vault re-keyed"), _(REKEYED))
        else:
            self._prompter.inform(self.parentWidget(), _("New recovery key in use"), _(KEY_CHANGED))
