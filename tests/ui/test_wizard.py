"""First-run setup: protection choice, recovery key, practice details."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout

from boundary_desk.domain.places import zones_for_region
from boundary_desk.domain.region import parse_region
from boundary_desk.services.documents import FirstKit
from boundary_desk.storage.errors import KeychainUnavailable, WeakPassphrase
from boundary_desk.storage.keys.key_file import KeyMode
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.passphrase import check_passphrase
from boundary_desk.storage.vault.state import VaultState
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.settings.places import guessed_zone
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.setup_wizard import (
    NO_KEYCHAIN,
    FirstRunSetup,
    local_region,
)
from boundary_desk.ui.vault.unlock import MISMATCH
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain

RECOVERY_KEY_SHAPE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){8}$")
GOOD_PRACTICE = {
    "clinician": "Alex Rivera, MSW",
    "practice": "Harbourview Counselling",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
    "region": "ca-on",
    "review": "fri 16:00",
}

WindowFactory = Callable[..., AppWindow]


@pytest.fixture
def make_window(qtbot) -> WindowFactory:
    def make(location: VaultLocation, prompter: ScriptedPrompter | None = None) -> AppWindow:
        window = AppWindow(location, prompter or ScriptedPrompter())
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def setup_of(window: AppWindow) -> FirstRunSetup:
    screen = window.current_screen
    assert isinstance(screen, FirstRunSetup)
    return screen


def to_protection(window: AppWindow) -> FirstRunSetup:
    setup = setup_of(window)
    setup.next_button.click()
    assert setup.page is setup.protection
    return setup


def vault_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir()) if data_dir.exists() else []


def test_keychain_choice_creates_a_keychain_vault_and_shows_its_recovery_key(
    make_window: WindowFactory, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    setup = to_protection(make_window(location))
    assert setup.protection.keychain_option.isChecked()
    assert setup.protection.fields.isHidden()

    setup.next_button.click()

    assert setup.page is setup.recovery
    assert location.state() is VaultState.ABSENT  # not until the key is confirmed saved
    assert keychain.entries == {}
    shown = setup.recovery.key_label.text()
    assert RECOVERY_KEY_SHAPE.match(shown)
    assert setup.back_button.isHidden()  # a key was shown: no way back to choose again

    confirm_key(setup)

    assert setup.page is setup.practice
    assert location.state() is VaultState.PRESENT
    assert location.key_mode() is KeyMode.KEYCHAIN
    assert len(keychain.entries) == 1
    location.unlock(recovery_key=shown).close()  # the key shown is the vault's real one


def confirm_key(setup: FirstRunSetup) -> None:
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()


def test_without_a_working_keychain_it_says_so_and_creates_a_passphrase_vault(
    make_window: WindowFactory, data_dir: Path
) -> None:
    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)
    setup = to_protection(make_window(location))
    protection = setup.protection

    assert protection.no_keychain.text() == NO_KEYCHAIN
    assert protection.no_keychain.isVisible()
    assert not protection.keychain_option.isEnabled()
    assert protection.passphrase_option.isChecked()
    assert protection.fields.isVisible()

    protection.fields.first.setText(PASSPHRASE)
    protection.fields.second.setText(PASSPHRASE)
    setup.next_button.click()

    assert setup.page is setup.recovery
    assert protection.fields.first.text() == ""  # the passphrase does not linger on screen
    confirm_key(setup)
    assert location.key_mode() is KeyMode.PASSPHRASE
    location.unlock(passphrase=PASSPHRASE).close()


def test_strict_choice_creates_a_passphrase_vault_even_with_a_keychain(
    make_window: WindowFactory, location: VaultLocation, keychain: MemoryKeychain, qtbot
) -> None:
    setup = to_protection(make_window(location))
    setup.protection.passphrase_option.setChecked(True)
    qtbot.keyClicks(setup.protection.fields.first, PASSPHRASE)
    qtbot.keyClicks(setup.protection.fields.second, PASSPHRASE)
    qtbot.keyClick(setup.protection.fields.second, Qt.Key.Key_Return)  # Enter creates it

    assert setup.page is setup.recovery
    confirm_key(setup)
    assert location.key_mode() is KeyMode.PASSPHRASE
    assert keychain.entries == {}


class RefusingKeychain(MemoryKeychain):
    """Says it works, then refuses to store anything (a locked or broken keychain)."""

    def store(self, vault_id: str, secret_hex: str) -> None:
        raise KeychainUnavailable("The system keychain refused to store the key.")


def test_a_keychain_that_refuses_the_key_leads_to_a_passphrase_and_nothing_is_made(
    make_window: WindowFactory, data_dir: Path
) -> None:
    location = VaultLocation(resolve_paths(data_dir), RefusingKeychain(), FAST_COST)
    setup = to_protection(make_window(location))
    protection = setup.protection

    setup.next_button.click()

    assert setup.page is protection
    assert protection.no_keychain.text().startswith("The system keychain refused")
    assert protection.passphrase_option.isChecked()
    assert not protection.keychain_option.isEnabled()
    assert vault_files(data_dir) == []

    protection.fields.first.setText(PASSPHRASE)
    protection.fields.second.setText(PASSPHRASE)
    setup.next_button.click()
    assert setup.page is setup.recovery
    confirm_key(setup)
    assert location.key_mode() is KeyMode.PASSPHRASE


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("short", "short", None),
        (PASSPHRASE, PASSPHRASE + " again", MISMATCH),
        ("", "", None),
    ],
)
def test_a_weak_or_mismatched_passphrase_is_refused_inline_and_nothing_is_created(
    make_window: WindowFactory,
    location: VaultLocation,
    keychain: MemoryKeychain,
    data_dir: Path,
    first: str,
    second: str,
    message: str | None,
) -> None:
    setup = to_protection(make_window(location))
    setup.protection.passphrase_option.setChecked(True)
    setup.protection.fields.first.setText(first)
    setup.protection.fields.second.setText(second)

    setup.next_button.click()

    expected = message or _weak_message(first)
    assert setup.protection.error.text() == expected
    assert setup.protection.error.isVisible()
    assert setup.page is setup.protection
    assert location.state() is VaultState.ABSENT
    assert vault_files(data_dir) == []
    assert keychain.entries == {}


def _weak_message(passphrase: str) -> str:
    with pytest.raises(WeakPassphrase) as refused:
        check_passphrase(passphrase)
    return refused.value.message


def test_choosing_the_other_option_clears_an_old_error(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    setup = to_protection(make_window(location))
    setup.protection.passphrase_option.setChecked(True)
    setup.next_button.click()
    assert setup.protection.error.isVisible()

    setup.protection.keychain_option.setChecked(True)

    assert setup.protection.error.isHidden()


def to_recovery(window: AppWindow) -> FirstRunSetup:
    setup = to_protection(window)
    setup.next_button.click()
    assert setup.page is setup.recovery
    return setup


def test_the_recovery_checkbox_is_required_to_go_on(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    setup = to_recovery(make_window(location))

    assert not setup.next_button.isEnabled()
    setup.next_button.click()
    setup.go_next()  # even asked directly, it stays
    assert setup.page is setup.recovery

    setup.recovery.confirm.setChecked(True)
    assert setup.next_button.isEnabled()
    setup.next_button.click()

    assert setup.page is setup.practice
    assert setup.recovery.key_label.text() == ""  # the key is gone from the screen


def test_save_emergency_kit_writes_a_pdf_where_chosen(
    make_window: WindowFactory, location: VaultLocation, tmp_path: Path
) -> None:
    prompter = ScriptedPrompter()
    prompter.save_paths.append(tmp_path / "my kit")
    setup = to_recovery(make_window(location, prompter))

    setup.recovery.save_button.click()

    saved = tmp_path / "my kit.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.stat().st_mode & 0o777 == 0o600
    assert str(saved) in setup.recovery.saved_note.text()
    assert prompter.messages("warn") == []


def test_emergency_kit_save_failure_is_told_plainly(
    make_window: WindowFactory, location: VaultLocation, tmp_path: Path
) -> None:
    prompter = ScriptedPrompter()
    prompter.save_paths.append(tmp_path / "no such folder" / "kit.pdf")
    setup = to_recovery(make_window(location, prompter))

    setup.recovery.save_button.click()

    (warning,) = prompter.messages("warn")
    assert "does not exist" in warning
    assert setup.recovery.saved_note.isHidden()
    assert not (tmp_path / "no such folder").exists()


def test_cancelling_the_save_dialog_does_nothing(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    prompter = ScriptedPrompter()
    prompter.save_paths.append(None)
    setup = to_recovery(make_window(location, prompter))

    setup.recovery.save_button.click()

    assert setup.recovery.saved_note.isHidden()
    assert prompter.messages("warn") == []


def test_the_first_emergency_kit_can_be_printed_as_from_the_vault_menu(
    make_window: WindowFactory, location: VaultLocation, tmp_path: Path
) -> None:
    from boundary_desk.ui.vault.recovery_key_panel import RecoveryKeyPanel

    prompter = ScriptedPrompter()
    setup = to_recovery(make_window(location, prompter))
    panel = setup.recovery.panel
    assert isinstance(panel, RecoveryKeyPanel)  # the Vault menu's own panel
    assert setup.recovery.print_button.isVisible() and setup.recovery.save_button.isVisible()
    asked: list[tuple[float, float]] = []

    def cancelled(printer, parent) -> bool:  # type: ignore[no-untyped-def]
        size = printer.pageLayout().fullRect(QPageLayout.Unit.Point)
        asked.append((round(size.width()), round(size.height())))
        return False

    panel.ask_printer = cancelled  # the system print dialog, cancelled
    setup.recovery.print_button.click()
    assert len(asked) == 1 and setup.recovery.saved_note.isHidden()
    expected = FirstKit(
        "k", "v", datetime.now(UTC), str(tmp_path), "keychain", local_region().partition("-")[0]
    ).paper
    assert asked[0] == (round(expected[0]), round(expected[1]))  # the kit's own paper

    printed = tmp_path / "printed.pdf"

    def to_file(printer, parent) -> bool:  # type: ignore[no-untyped-def]
        printer.setOutputFileName(str(printed))  # the "printer" is a file, to read back
        return True

    panel.ask_printer = to_file
    setup.recovery.print_button.click()
    assert printed.read_bytes().startswith(b"%PDF")
    assert "sent to the printer" in setup.recovery.saved_note.text()
    assert vault_files(location.paths.data_dir) == []  # printing makes no vault
    assert prompter.messages("warn") == []

    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    assert setup.page is setup.practice
    printed.unlink()
    panel.print_kit()  # the key has left the screen: nothing more to print
    assert not printed.exists()


def to_practice(window: AppWindow) -> FirstRunSetup:
    setup = to_recovery(window)
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    assert setup.page is setup.practice
    return setup


def fill_practice(setup: FirstRunSetup, values: dict[str, str], zone: str) -> None:
    for key, text in values.items():
        if key == "region":
            setup.practice.region.set_value(text)
        else:
            setup.practice.fields[key].setText(text)
    setup.practice.timezone.set_value(zone)


def test_practice_details_are_saved_into_the_vault_and_the_workspace_opens(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    window = make_window(location)
    setup = to_practice(window)
    fill_practice(setup, GOOD_PRACTICE, "america/toronto")

    setup.next_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert window.services is not None
    stored = window.services.settings.values()
    assert stored["clinician"] == "Alex Rivera, MSW"
    assert stored["practice"] == "Harbourview Counselling"
    assert stored["timezone"] == "America/Toronto"
    assert stored["region"] == "CA-ON"
    assert stored["hours"] == "mon-thu 09:00-17:00; fri 09:00-13:00"
    assert stored["review"] == "fri 16:00"
    assert window.current_screen.practice_name.text() == "Harbourview Counselling"


def test_setup_asks_how_clients_reach_the_clinician_and_keeps_it(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    """Issue 13: the first agreement had no way for the client to reach the clinician."""
    window = make_window(location)
    setup = to_practice(window)
    fill_practice(setup, GOOD_PRACTICE, "America/Toronto")
    contact = setup.practice.contact
    assert contact.phone.accessibleName() == "Practice phone"
    contact.phone.setText("+1 416-555-0100")
    contact.email.setText("office@harbourview.example")
    contact.address.setPlainText("12 King Street West\nToronto, ON")

    setup.next_button.click()

    assert isinstance(window.current_screen, Workspace)
    assert window.services is not None
    practice = window.services.settings.load()
    assert (practice.phone, practice.email) == ("+1 416-555-0100", "office@harbourview.example")
    assert practice.address == "12 King Street West\nToronto, ON"


def test_a_mistyped_practice_email_is_refused_in_place_and_nothing_is_saved(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    window = make_window(location)
    setup = to_practice(window)
    fill_practice(setup, GOOD_PRACTICE, "America/Toronto")
    setup.practice.contact.email.setText("office@harbourview")

    setup.next_button.click()

    assert setup.page is setup.practice
    assert 'must look like "name@example.org"' in setup.practice.error.text()
    assert setup.practice.focusWidget() is setup.practice.contact.email
    assert window.services is not None
    assert window.services.settings.values() == {}


def test_bad_hours_show_the_message_and_nothing_is_saved(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    window = make_window(location)
    setup = to_practice(window)
    fill_practice(setup, {**GOOD_PRACTICE, "hours": "weekdays 9 to 5"}, "Europe/London")

    setup.next_button.click()

    assert "Working hours must look like" in setup.practice.error.text()
    assert setup.practice.error.isVisible()
    assert setup.page is setup.practice
    assert window.services is not None
    assert window.services.settings.values() == {}

    setup.practice.fields["hours"].setText("mon-fri 09:00-17:00")
    setup.next_button.click()
    assert isinstance(window.current_screen, Workspace)


def test_a_bad_time_zone_is_refused_with_its_message(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    window = make_window(location)
    setup = to_practice(window)
    fill_practice(setup, GOOD_PRACTICE, "Mars/Olympus")

    setup.next_button.click()

    assert "time zone" in setup.practice.error.text()
    assert window.services is not None
    assert window.services.settings.values() == {}


def test_closing_the_window_during_setup_closes_the_new_vault(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    window = make_window(location)
    to_practice(window)
    services = window.services
    assert services is not None and services.vault.is_open

    window.close()

    assert not services.vault.is_open


def test_the_practice_page_starts_from_this_computer_and_the_declared_defaults(
    make_window: WindowFactory, location: VaultLocation
) -> None:
    setup = to_practice(make_window(location))

    region = parse_region(local_region())
    assert setup.practice.region.value() == local_region()
    assert setup.practice.timezone.value() == guessed_zone(region)
    assert setup.practice.timezone.value() != "UTC"
    assert setup.practice.fields["hours"].text() == "mon-fri 09:00-17:00"


def test_the_setup_zone_follows_the_computer_else_the_region_and_never_utc(
    make_window: WindowFactory, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert guessed_zone(parse_region("CA-ON")) == "Asia/Kolkata"
    monkeypatch.setenv("TZ", ":Not/AZone")
    monkeypatch.setattr("boundary_desk.ui.settings.places.computer_zone", lambda: None)
    assert guessed_zone(parse_region("CA-ON")) == zones_for_region(parse_region("CA-ON"))[0]
    setup = to_practice(make_window(location))
    setup.practice.region.set_value("IL")
    setup.practice.region.edited.emit()
    assert setup.practice.timezone.region_zones == ("Asia/Jerusalem",)


def test_a_setup_closed_or_killed_before_the_key_is_confirmed_leaves_no_vault(
    make_window: WindowFactory, location: VaultLocation, keychain: MemoryKeychain, data_dir: Path
) -> None:
    window = make_window(location)
    setup = to_recovery(window)
    assert RECOVERY_KEY_SHAPE.match(setup.recovery.key_label.text())

    window.close()  # or the process is killed here: nothing was written either way

    assert location.state() is VaultState.ABSENT
    assert vault_files(data_dir) == []
    assert keychain.entries == {}
    restarted = make_window(location)
    assert isinstance(restarted.current_screen, FirstRunSetup)  # setup starts again


def test_a_kit_that_fails_to_save_leaves_no_vault_until_the_key_is_confirmed(
    make_window: WindowFactory, location: VaultLocation, tmp_path: Path
) -> None:
    prompter = ScriptedPrompter()
    prompter.save_paths.append(tmp_path / "no such folder" / "kit.pdf")
    setup = to_recovery(make_window(location, prompter))
    shown = setup.recovery.key_label.text()

    setup.recovery.save_button.click()

    assert "does not exist" in prompter.messages("warn")[0]
    assert location.state() is VaultState.ABSENT
    confirm_key(setup)  # written down instead
    location.unlock(recovery_key=shown).close()


class ProbeOnlyKeychain(MemoryKeychain):
    """Takes setup's check, then refuses the real key (a keychain that locked meanwhile)."""

    def store(self, vault_id: str, secret_hex: str) -> None:
        if not vault_id.startswith("setup-check-"):
            raise KeychainUnavailable("The system keychain refused to store the key.")
        super().store(vault_id, secret_hex)


def test_a_keychain_refusing_at_creation_goes_back_to_the_choice_and_makes_nothing(
    make_window: WindowFactory, data_dir: Path
) -> None:
    location = VaultLocation(resolve_paths(data_dir), ProbeOnlyKeychain(), FAST_COST)
    setup = to_recovery(make_window(location))
    first_key = setup.recovery.key_label.text()

    confirm_key(setup)

    assert setup.page is setup.protection
    assert "refused" in setup.protection.no_keychain.text()
    assert "new recovery key" in setup.protection.no_keychain.text()
    assert vault_files(data_dir) == []
    setup.protection.fields.first.setText(PASSPHRASE)
    setup.protection.fields.second.setText(PASSPHRASE)
    setup.next_button.click()
    assert setup.recovery.key_label.text() not in ("", first_key)
    confirm_key(setup)
    assert location.key_mode() is KeyMode.PASSPHRASE


def test_the_copied_key_is_marked_secret_and_cleared_soon_after(
    make_window: WindowFactory, location: VaultLocation, qtbot
) -> None:
    from PySide6.QtGui import QGuiApplication

    setup = to_recovery(make_window(location))
    shown = setup.recovery.key_label.text()
    setup.recovery.panel.clipboard.clear_after_ms = 30

    setup.recovery.copy_button.click()

    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == shown
    assert bytes(clipboard.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)


def test_the_clipboard_is_left_alone_if_something_else_was_copied_since(
    make_window: WindowFactory, location: VaultLocation, qtbot
) -> None:
    from PySide6.QtGui import QGuiApplication

    setup = to_recovery(make_window(location))
    panel = setup.recovery.panel
    panel.clipboard.clear_after_ms = 30
    setup.recovery.copy_button.click()
    QGuiApplication.clipboard().setText("an appointment time")

    qtbot.waitUntil(lambda: not panel.clipboard.pending, timeout=2000)

    assert QGuiApplication.clipboard().text() == "an appointment time"


@pytest.mark.parametrize(
    ("platform", "hint"),
    [
        ("linux", "x-kde-passwordManagerHint"),
        ("win32", "ExcludeClipboardContentFromMonitorProcessing"),
        ("darwin", "application/x-nspasteboard-concealed-type"),
    ],
)
def test_each_platform_gets_its_clipboard_managers_secret_mark(platform: str, hint: str) -> None:
    from boundary_desk.ui.vault.secret_clipboard import secret_mime

    mime = secret_mime("KEY", platform)
    assert mime.text() == "KEY"
    assert mime.hasFormat(hint)
