"""First run: explain, choose how the key is kept, save the recovery key, describe the practice.

The vault is created when the clinician leaves the protection page, so the
recovery key shown next is the real one. From then on there is no way back to
that page: the vault exists, and the rest only adds to it.
"""

from __future__ import annotations

import os
import zoneinfo
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QStandardPaths, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from boundary_desk.domain.practice_settings import REGION, SETTINGS_BY_KEY, validate_setting
from boundary_desk.errors import UserFacingError
from boundary_desk.reports.emergency_kit import emergency_kit_pdf
from boundary_desk.reports.save import save_pdf
from boundary_desk.services import Services
from boundary_desk.storage.errors import PassphraseRequired
from boundary_desk.storage.vault import NewVault, VaultLocation
from boundary_desk.ui.dialogs import Prompter
from boundary_desk.ui.style import (
    InlineMessage,
    PageStack,
    busy_cursor,
    button,
    card_screen,
    label,
    monospace_font,
    vbox,
)
from boundary_desk.ui.unlock import NewPassphraseFields

NO_KEYCHAIN = (
    "No working system keychain was found on this computer, so Boundary Desk will "
    "protect your vault with a master passphrase."
)
WELCOME_POINTS = (
    ("Your records stay on this computer", "There is no account and no server; nothing is sent."),
    ("Everything is encrypted", "Client records are kept in a vault that only you can unlock."),
    (
        "Setup takes about three minutes",
        "Choose how to protect the vault, save your recovery key, and add your practice details.",
    ),
)
PRACTICE_KEYS = ("clinician", "practice", "timezone", "hours", "region", "review")
HELPED_KEYS = ("timezone", "hours", "region", "review")  # the names explain themselves


def local_zone_name() -> str:
    """This computer's IANA time zone (e.g. "America/Toronto"), or "UTC" if it can't be told."""
    zones = zoneinfo.available_timezones()
    candidates = (
        os.environ.get("TZ", "").lstrip(":"),
        bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace"),
        _zone_from_localtime_link(),
    )
    return next((name for name in candidates if name in zones), "UTC")


def _zone_from_localtime_link() -> str:
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    _, found, name = target.partition("zoneinfo/")
    return name if found else ""


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
    next_text = "Continue"
    ready_changed = Signal()
    submitted = Signal()  # Enter in the page's last field

    def __init__(self, heading: str, intro: str) -> None:
        super().__init__()
        self.layout_ = vbox(self, 14)
        self.eyebrow = label("", "eyebrow")
        self.layout_.addWidget(self.eyebrow)
        self.layout_.addWidget(label(heading, "heading"))
        self.layout_.addWidget(label(intro))
        self.layout_.addSpacing(4)

    def is_ready(self) -> bool:
        return True

    def leave(self) -> bool:
        """Do this step's work; False keeps the clinician on the page."""
        return True


class WelcomePage(WizardPage):
    step_title = "Welcome"
    next_text = "Get started"

    def __init__(self) -> None:
        super().__init__(
            "Welcome to Boundary Desk",
            "Boundary Desk helps you keep professional boundaries around contact with "
            "clients between sessions (texts, calls, emails and messages) and keeps a "
            "clear record of it for you.",
        )
        for title, text in WELCOME_POINTS:
            point = QWidget()
            point_layout = vbox(point, 2)
            point_layout.addWidget(label(title, "subheading"))
            point_layout.addWidget(label(text, "muted"))
            self.layout_.addWidget(point)


class ProtectionPage(WizardPage):
    step_title = "Protect your records"
    next_text = "Create my vault"

    def __init__(self, location: VaultLocation) -> None:
        super().__init__(
            "How should Boundary Desk protect your records?",
            "Your records are encrypted with a key that only you can unlock. Choose how "
            "that key is kept.",
        )
        self._location = location
        self.created: NewVault | None = None
        self.keychain_option = QRadioButton(
            "Keep the key in this computer's keychain (recommended)"
        )
        self.passphrase_option = QRadioButton("Ask for a master passphrase every time (strict)")
        self._group = QButtonGroup(self)
        for option, text in (
            (
                self.keychain_option,
                "Boundary Desk opens without typing anything once you are logged in to this "
                "computer. Best for a laptop that only you use.",
            ),
            (
                self.passphrase_option,
                "You type a passphrase each time Boundary Desk opens or unlocks. Choose "
                "this if anyone else can log in to this computer.",
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

    def _force_passphrase(self, why: str = NO_KEYCHAIN) -> None:
        self.keychain_option.setEnabled(False)
        self.passphrase_option.setChecked(True)
        self.no_keychain.show_message(why)

    def _show_fields(self) -> None:
        self.fields.setVisible(self.passphrase_option.isChecked())
        self.error.clear_message()

    def leave(self) -> bool:
        self.error.clear_message()
        passphrase: str | None = None
        try:
            if self.passphrase_option.isChecked():
                passphrase = self.fields.checked_passphrase()
            with busy_cursor():
                self.created = self._location.create(
                    passphrase=passphrase, strict=passphrase is not None
                )
        except PassphraseRequired as refusal:
            # The keychain failed only when asked to hold the key: say so, and ask for
            # a passphrase instead. Nothing was written.
            self._force_passphrase(refusal.message)
            self.fields.first.setFocus()
            return False
        except UserFacingError as exc:
            self.error.show_message(exc.message)
            return False
        self.fields.clear()
        return True


class RecoveryKeyPage(WizardPage):
    step_title = "Save your recovery key"

    def __init__(self, prompter: Prompter) -> None:
        super().__init__(
            "Save your recovery key",
            "If this computer's keychain is ever reset, or you forget your passphrase, this "
            "key is the only way back into your records. It is shown only this once.",
        )
        self._prompter = prompter
        self._vault: NewVault | None = None
        self._data_dir = ""
        self.key_label = label("", "recoveryKey", selectable=True)
        self.key_label.setWordWrap(False)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFont(monospace_font(15))
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.layout_.addWidget(self.key_label)
        self.layout_.addWidget(
            label(
                "Save the Emergency Kit (a one-page PDF) and print it, or write the key on "
                "paper. Keep it somewhere private, such as a locked drawer.",
                "muted",
            )
        )
        self.save_button = button("Save Emergency Kit…")
        self.save_button.clicked.connect(self.save_kit)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.saved_note = InlineMessage("success")
        self.layout_.addWidget(self.saved_note)
        self.layout_.addSpacing(4)
        self.confirm = QCheckBox("I have saved my Emergency Kit or written down this key")
        self.confirm.setObjectName("confirm")
        self.confirm.toggled.connect(self.ready_changed)
        self.layout_.addWidget(self.confirm)

    def show_vault(self, created: NewVault, data_dir: Path) -> None:
        self._vault = created
        self._data_dir = str(data_dir)
        self.key_label.setText(created.recovery_key)

    def is_ready(self) -> bool:
        return self.confirm.isChecked()

    def save_kit(self) -> None:
        if self._vault is None:
            return
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = Path(documents or Path.home()) / "Boundary Desk Emergency Kit.pdf"
        chosen = self._prompter.save_file(
            self, "Save Emergency Kit", suggested, "PDF documents (*.pdf)"
        )
        if chosen is None:
            return
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        key_file = self._vault.vault.key_file
        try:
            with busy_cursor():
                pdf = emergency_kit_pdf(
                    recovery_key=self._vault.recovery_key,
                    vault_id=key_file.vault_id,
                    created_at=key_file.created_at,
                    data_dir=self._data_dir,
                    key_mode=key_file.key_mode.value,
                )
                save_pdf(pdf, chosen)
        except UserFacingError as exc:
            self._prompter.warn(self, "Emergency Kit not saved", exc.message)
            return
        self.saved_note.show_message(
            f"Emergency Kit saved to {chosen}. Print it, then keep it somewhere safe."
        )

    def forget_key(self) -> None:
        """Drop the key from the screen once the clinician has moved on."""
        self.key_label.clear()
        self._vault = None


class PracticePage(WizardPage):
    step_title = "Your practice"
    next_text = "Finish"

    def __init__(self) -> None:
        super().__init__(
            "About your practice",
            "These details go on the agreements you give clients, and your hours let "
            "Boundary Desk notice contact outside them. You can change them at any time "
            "in Settings.",
        )
        self.fields: dict[str, QLineEdit] = {}
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones()))
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.timezone.model(), self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(local_zone_name())
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(4)
        for key in PRACTICE_KEYS:
            spec = SETTINGS_BY_KEY[key]
            if key == "timezone":
                field: QWidget = self.timezone
            else:
                line = QLineEdit(local_region() if key == "region" else spec.default)
                line.returnPressed.connect(self.submitted)
                self.fields[key] = line
                field = line
            column = QWidget()
            column_layout = vbox(column, 3)
            column_layout.addWidget(field)
            if key in HELPED_KEYS:
                column_layout.addWidget(label(spec.help, "help"))
            else:
                field.setToolTip(spec.help)
            column_layout.addSpacing(6)
            form.addRow(spec.label, column)
        self.fields["clinician"].setPlaceholderText("e.g. Alex Rivera, MSW, RSW")
        self.fields["practice"].setPlaceholderText("e.g. Harbourview Counselling")
        self.layout_.addLayout(form)
        self.error = InlineMessage()
        self.layout_.addWidget(self.error)

    def values(self) -> dict[str, str]:
        values = {key: line.text() for key, line in self.fields.items()}
        values["timezone"] = self.timezone.currentText()
        return values

    def save_into(self, services: Services) -> bool:
        """Validate every field, then save them together; False (and a message) if any fail."""
        self.error.clear_message()
        values = self.values()
        try:
            for key in PRACTICE_KEYS:  # one at a time, to put the cursor on the culprit
                try:
                    validate_setting(key, values[key])
                except UserFacingError:
                    (self.timezone if key == "timezone" else self.fields[key]).setFocus()
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
            page.eyebrow.setText(f"STEP {number} OF {len(self._pages)} · {page.step_title.upper()}")
            page.ready_changed.connect(self._update_buttons)
            page.submitted.connect(self.go_next)
            self._stack.addWidget(page)

        self.back_button = button("Back")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = button("Continue", "primary")
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
        if page is self.protection and self.protection.created is not None:
            created = self.protection.created
            self.services = Services.open(created.vault)
            self.recovery.show_vault(created, self._location.paths.data_dir)
            self.vault_created.emit(self.services)
        elif page is self.recovery:
            self.recovery.forget_key()
        elif page is self.practice:
            return self.services is not None and self.practice.save_into(self.services)
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
        # Once the vault exists, the steps before it are done for good.
        return self.page is self.protection

    def _update_buttons(self) -> None:
        page = self.page
        self.back_button.setVisible(self._can_go_back())
        self.next_button.setText(page.next_text)
        self.next_button.setEnabled(page.is_ready())
