"""First run: explain, choose how the key is kept, save the recovery key, describe the practice.

The recovery key is made and shown first; the vault is created with that very key
only once the clinician confirms it is saved. So however setup ends (closed, killed,
a kit that failed to save) there is never a vault whose key nobody saw. From then on
there is no way back: the vault exists, and the rest only adds to it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from boundary_desk.domain.practice_settings import REGION, SETTINGS_BY_KEY, validate_setting
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.documents import FirstKit
from boundary_desk.services.session import PassphraseRequired, VaultLocation
from boundary_desk.services.setup import VaultPlan, check_keychain, plan_vault
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.settings.places import RegionPicker, ZonePicker, computer_zone, guessed_zone
from boundary_desk.ui.vault.practice_step import CONTACT_KEYS, ContactFields
from boundary_desk.ui.vault.recovery_key_panel import RecoveryKeyPanel
from boundary_desk.ui.vault.unlock import NewPassphraseFields
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    PageStack,
    busy_cursor,
    button,
    card_screen,
    label,
    tab_order,
    vbox,
)

NO_KEYCHAIN = N_(
    "No working system keychain was found on this computer, so Boundary Desk will "
    "protect your vault with a master passphrase."
)
WELCOME_POINTS = (
    (
        N_("Your records stay on this computer"),
        N_("There is no account and no server; nothing is sent."),
    ),
    (
        N_("Everything is encrypted"),
        N_("Client records are kept in a vault that only you can unlock."),
    ),
    (
        N_("Setup takes about three minutes"),
        N_(
            "Choose how to protect the vault, save your recovery key, and add your practice "
            "details."
        ),
    ),
)
PRACTICE_KEYS = ("clinician", "practice", "region", "timezone", "hours", "review")
HELPED_KEYS = ("timezone", "hours", "region", "review")  # the names explain themselves
NEW_KEY_NOTE = N_("A new recovery key will be shown next; the one shown before was never used.")


def local_region() -> str:
    """The country of this computer's locale (e.g. "CA"), if the holiday calendar knows it."""
    _, _, country = QLocale.system().name().partition("_")
    try:
        return validate_setting(REGION.key, country) if country else REGION.default
    except UserFacingError:
        return REGION.default


class WizardPage(QWidget):
    """One step: its heading, its main button's text, and what leaving it does."""

    step_title = ""
    next_text = N_("Continue")
    ready_changed = Signal()
    submitted = Signal()  # Enter in the page's last field

    def __init__(self, heading: str, intro: str) -> None:
        super().__init__()
        self.layout_ = vbox(self, 14)
        self.eyebrow = label("", "eyebrow")
        self.layout_.addWidget(self.eyebrow)
        self.heading = label(heading, "heading")
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(label(intro))
        self.layout_.addSpacing(4)

    def is_ready(self) -> bool:
        return True

    def leave(self) -> bool:
        """Do this step's work; False keeps the clinician on the page."""
        return True


class WelcomePage(WizardPage):
    step_title = N_("Welcome")
    next_text = N_("Get started")

    def __init__(self) -> None:
        super().__init__(
            _("Welcome to Boundary Desk"),
            _(
                "Boundary Desk helps you keep professional boundaries around contact with "
                "clients between sessions (texts, calls, emails and messages) and keeps a "
                "clear record of it for you."
            ),
        )
        for title, text in WELCOME_POINTS:
            point = QWidget()
            point_layout = vbox(point, 2)
            point_layout.addWidget(label(_(title), "subheading"))
            point_layout.addWidget(label(_(text), "muted"))
            self.layout_.addWidget(point)


class ProtectionPage(WizardPage):
    step_title = N_("Protect your records")

    def __init__(self, location: VaultLocation) -> None:
        super().__init__(
            _("How should Boundary Desk protect your records?"),
            _(
                "Your records are encrypted with a key that only you can unlock. Choose how "
                "that key is kept."
            ),
        )
        self._location = location
        self.plan: VaultPlan | None = None
        self.keychain_option = QRadioButton(
            _("Keep the key in this computer's keychain (recommended)")
        )
        self.passphrase_option = QRadioButton(_("Ask for a master passphrase every time (strict)"))
        self._group = QButtonGroup(self)
        for option, text in (
            (
                self.keychain_option,
                _(
                    "Boundary Desk opens without typing anything once you are logged in to "
                    "this computer. Best for a laptop that only you use."
                ),
            ),
            (
                self.passphrase_option,
                _(
                    "You type a passphrase each time Boundary Desk opens or unlocks. Choose "
                    "this if anyone else can log in to this computer."
                ),
            ),
        ):
            option.setObjectName("option")
            self._group.addButton(option)
            self.layout_.addWidget(option)
            description = label(text, "muted")
            description.setContentsMargins(28, 0, 0, 6)
            self.layout_.addWidget(description)
        self.no_keychain = InlineMessage("note")
        self.layout_.addWidget(self.no_keychain)
        self.fields = NewPassphraseFields()
        self.layout_.addWidget(self.fields)
        self.error = InlineMessage()
        self.layout_.addWidget(self.error)
        self.passphrase_option.toggled.connect(self._show_fields)
        self.fields.second.returnPressed.connect(self.submitted)

        usable, _reason = location.keychain_available()
        if usable:
            self.keychain_option.setChecked(True)
        else:
            self._force_passphrase()
        self._show_fields()

    def _force_passphrase(self, why: str = "") -> None:
        self.keychain_option.setEnabled(False)
        self.passphrase_option.setChecked(True)
        self.no_keychain.show_message(why or _(NO_KEYCHAIN))

    def _show_fields(self) -> None:
        self.fields.setVisible(self.passphrase_option.isChecked())
        self.error.clear_message()

    def leave(self) -> bool:
        """Choose the protection and make the plan; nothing is written yet."""
        self.error.clear_message()
        passphrase: str | None = None
        try:
            if self.passphrase_option.isChecked():
                passphrase = self.fields.checked_passphrase()
            else:
                with busy_cursor():
                    check_keychain(self._location)
        except PassphraseRequired as refusal:
            # The keychain can't hold the key: say so, and ask for a passphrase instead.
            self.refuse_keychain(refusal.message)
            return False
        except UserFacingError as exc:
            self.error.show_message(exc.message)
            return False
        self.fields.clear()
        self.plan = plan_vault(passphrase, datetime.now(UTC))
        return True

    def refuse_keychain(self, why: str) -> None:
        self._force_passphrase(why)
        self.fields.first.setFocus()


class RecoveryKeyPage(WizardPage):
    step_title = N_("Save your recovery key")
    next_text = N_("Create my vault")

    def __init__(self, prompter: Prompter) -> None:
        super().__init__(
            _("Save your recovery key"),
            _(
                "If this computer's keychain is ever reset, or you forget your passphrase, "
                "this key is the only way back into your records. It is shown only this "
                "once; your vault is created with it when you continue."
            ),
        )
        self.panel = RecoveryKeyPanel(prompter)
        self.panel.ready_changed.connect(self.ready_changed)
        self.layout_.addWidget(self.panel)
        self.error = InlineMessage()
        self.layout_.addWidget(self.error)
        # The panel's parts, by the names the rest of setup (and its tests) use.
        self.key_label = self.panel.key_label
        self.save_button = self.panel.save_button
        self.print_button = self.panel.print_button
        self.copy_button = self.panel.copy_button
        self.saved_note = self.panel.saved_note
        self.confirm = self.panel.confirm

    def show_plan(self, plan: VaultPlan, data_dir: Path) -> None:
        """Show the plan's key, with its kit to save or print as the Vault menu offers."""
        kit = FirstKit(
            recovery_key=plan.recovery_key,
            vault_id=plan.vault_id,
            created_at=plan.created_at,
            data_dir=str(data_dir),
            key_mode=plan.key_mode,
            country=local_region().partition("-")[0],
        )
        self.error.clear_message()
        self.panel.app_folders = [data_dir]
        # No vault yet, so no audit trail to note the printout in (nor the saved file).
        self.panel.allow_print(kit.pdf, kit.paper, lambda: None)
        self.panel.show_key(plan.recovery_key, kit.save)

    def is_ready(self) -> bool:
        return self.panel.is_ready()

    def save_kit(self) -> None:
        self.panel.save_kit()

    def forget_key(self) -> None:
        self.panel.forget_key()


class PracticePage(WizardPage):
    step_title = N_("Your practice")
    next_text = N_("Finish")

    def __init__(self) -> None:
        super().__init__(
            _("About your practice"),
            _(
                "These details go on the agreements you give clients, and your hours let "
                "Boundary Desk notice contact outside them. You can change them at any "
                "time in Settings."
            ),
        )
        self.fields: dict[str, QLineEdit] = {}
        # The same pickers as Settings: the region by name, then its zones first.
        self.region = RegionPicker()
        self.region.set_value(local_region())
        self.timezone = ZonePicker()
        self.timezone.set_region(self.region.region())
        self.timezone.set_value(self._guessed_zone())
        self.region.edited.connect(lambda: self.timezone.set_region(self.region.region()))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(4)
        for key in PRACTICE_KEYS:
            spec = SETTINGS_BY_KEY[key]
            if key in ("region", "timezone"):
                field: QWidget = self.region if key == "region" else self.timezone
            else:
                line = QLineEdit(spec.default)
                line.setAccessibleName(_(spec.label))  # its label sits beside a column, not it
                line.returnPressed.connect(self.submitted)
                self.fields[key] = line
                field = line
            column = QWidget()
            column_layout = vbox(column, 3)
            column_layout.addWidget(field)
            if key in HELPED_KEYS:
                column_layout.addWidget(label(_(spec.help), "help"))
            else:
                field.setToolTip(_(spec.help))
            column_layout.addSpacing(6)
            form.addRow(_(spec.label), column)
        self.fields["clinician"].setPlaceholderText(_("e.g. Dr. Alex Rivera"))
        self.fields["practice"].setPlaceholderText(_("e.g. Harbourview Counselling"))
        self.contact = ContactFields(self)
        self.contact.submitted.connect(self.submitted)
        self.contact.add_to(form)
        self.layout_.addLayout(form)
        tab_order(self, *(self._field(key) for key in (*PRACTICE_KEYS, *CONTACT_KEYS)))
        self.error = InlineMessage()
        self.layout_.addWidget(self.error)

    def values(self) -> dict[str, str]:
        values = {key: line.text() for key, line in self.fields.items()}
        values["region"] = self.region.value()
        values["timezone"] = self.timezone.value()
        return {**values, **self.contact.values()}

    def _field(self, key: str) -> QWidget:
        if key in CONTACT_KEYS:
            return self.contact.field(key)
        if key in ("region", "timezone"):
            return self.region if key == "region" else self.timezone
        return self.fields[key]

    def _guessed_zone(self) -> str:
        """The computer's zone, else the region's first: never UTC by default."""
        region = self.region.region()
        return guessed_zone(region) if region is not None else computer_zone() or "America/New_York"

    def save_into(self, services: Services) -> bool:
        """Validate every field, then save them together; False (and a message) if any fail."""
        self.error.clear_message()
        values = self.values()
        try:
            for key in (*PRACTICE_KEYS, *CONTACT_KEYS):  # in turn, to put the cursor on it
                try:
                    validate_setting(key, values[key])
                except UserFacingError:
                    self._field(key).setFocus()
                    raise
            services.settings.set_many(values)
        except UserFacingError as exc:
            self.error.show_message(exc.message)
            return False
        return True


class FirstRunSetup(QWidget):
    """The first-run steps. Emits `vault_created` with open services, then `completed`."""

    vault_created = Signal(object)  # Services
    completed = Signal()

    def __init__(self, location: VaultLocation, prompter: Prompter, parent: QWidget | None = None):
        super().__init__(parent)
        self._location = location
        self.services: Services | None = None
        self.welcome = WelcomePage()
        self.protection = ProtectionPage(location)
        self.recovery = RecoveryKeyPage(prompter)
        self.practice = PracticePage()
        self._pages: list[WizardPage] = [
            self.welcome,
            self.protection,
            self.recovery,
            self.practice,
        ]
        self._stack = PageStack()
        for number, page in enumerate(self._pages, start=1):
            step = _("STEP {number} OF {count} · {title}").format(
                number=number, count=len(self._pages), title=_(page.step_title).upper()
            )
            page.eyebrow.setText(step)
            page.ready_changed.connect(self._update_buttons)
            page.submitted.connect(self.go_next)
            self._stack.addWidget(page)

        self.back_button = button(_("Back"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = button(_("Continue"), "primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        content = QWidget()
        layout = vbox(content, 0)
        layout.addWidget(self._stack)
        layout.addSpacing(26)
        layout.addLayout(buttons)
        self._scroll = card_screen(content, width=720)
        vbox(self, 0).addWidget(self._scroll)
        tab_order(self.next_button, self.back_button)  # Back last: a typed space never hits it
        self._update_buttons()

    @property
    def page(self) -> WizardPage:
        return self._pages[self._stack.currentIndex()]

    def go_next(self) -> None:
        page = self.page
        if not (page.is_ready() and page.leave() and self._finish_step(page)):
            self._bring_into_view(self.next_button)  # the message sits just above it
            return
        if page is self.practice:
            self.completed.emit()
            return
        self._stack.setCurrentIndex(self._stack.currentIndex() + 1)
        self._update_buttons()
        self._scroll.verticalScrollBar().setValue(0)

    def _finish_step(self, page: WizardPage) -> bool:
        """What leaving `page` does beyond the page itself; False keeps the clinician there."""
        if page is self.protection and self.protection.plan is not None:
            self.recovery.show_plan(self.protection.plan, self._location.paths.data_dir)
        elif page is self.recovery:
            return self._create_vault()
        elif page is self.practice:
            return self.services is not None and self.practice.save_into(self.services)
        return True

    def _create_vault(self) -> bool:
        """The key was shown and saved: make the vault with it."""
        plan = self.protection.plan
        if plan is None:
            return False
        try:
            with busy_cursor():
                created = plan.create(self._location)
        except PassphraseRequired as refusal:
            # The keychain refused the key only now: back to the choice, nothing made.
            self.recovery.forget_key()
            self.protection.plan = None
            self._stack.setCurrentIndex(self._pages.index(self.protection))
            self.protection.refuse_keychain(f"{refusal.message} {_(NEW_KEY_NOTE)}")
            self._update_buttons()
            return False
        except UserFacingError as exc:
            self.recovery.error.show_message(exc.message)
            return False
        self.protection.plan = None
        self.recovery.forget_key()
        self.services = Services.open(created.vault)
        self.vault_created.emit(self.services)
        return True

    def _bring_into_view(self, widget: QWidget) -> None:
        # On a small screen the page scrolls; lay out the new message first, then scroll.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._scroll.ensureWidgetVisible(widget, 0, 24)

    def go_back(self) -> None:
        if self._can_go_back():
            self._stack.setCurrentIndex(self._stack.currentIndex() - 1)
            self._update_buttons()

    def _can_go_back(self) -> bool:
        # Once a recovery key has been shown, the steps before it are done for good.
        return self.page is self.protection

    def _update_buttons(self) -> None:
        page = self.page
        self.back_button.setVisible(self._can_go_back())
        self.next_button.setText(_(page.next_text))
        self.next_button.setEnabled(page.is_ready())
