"""The first-run setup, the unlock screen and the main window, as PNGs.

`run_all.py --readme docs/screenshots` takes the README's pictures from these (and from
the quick log, review and agreement scripts). Not a test; run it under Xvfb:

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/screenshots.py /tmp/shots-screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from tests.fakes import MemoryKeychain

from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.crash_dialog import CrashDialog
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import (
    PRACTICE,
    SAMPLE_CLIENTS,
    Shots,
    add_clients,
    run,
    screenshot_session,
)


def setup_of(window: AppWindow) -> FirstRunSetup:
    screen = window.current_screen
    assert isinstance(screen, FirstRunSetup), type(screen)
    return screen


def first_run(shots: Shots, window: AppWindow) -> None:
    setup = setup_of(window)
    shots.shoot(window, "01-welcome")
    setup.next_button.click()
    shots.shoot(window, "02-protection")
    setup.protection.passphrase_option.setChecked(True)
    setup.protection.fields.first.setText("short")
    setup.next_button.click()
    shots.shoot(window, "03-protection-passphrase-error")
    setup.protection.keychain_option.setChecked(True)
    setup.next_button.click()
    shots.shoot(window, "04-recovery-key")
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    practice = setup.practice
    practice.fields["clinician"].setText(f"{PRACTICE['clinician']}, {PRACTICE['credentials']}")
    practice.fields["practice"].setText(PRACTICE["practice"])
    practice.region.set_value(PRACTICE["region"])
    practice.timezone.set_region(practice.region.region())
    practice.timezone.set_value(PRACTICE["timezone"])
    practice.contact.phone.setText(PRACTICE["phone"])
    practice.contact.email.setText(PRACTICE["email"])
    practice.contact.address.setPlainText(PRACTICE["address"])
    shots.shoot(window, "05-practice")
    setup._scroll.ensureWidgetVisible(practice.contact.address, 0, 24)
    shots.shoot(window, "05b-practice-contact")
    setup._scroll.verticalScrollBar().setValue(0)
    practice.fields["hours"].setText("weekdays 9 to 5")
    setup.next_button.click()
    shots.shoot(window, "06-practice-error")
    practice.fields["hours"].setText(PRACTICE["hours"])
    setup.next_button.click()


def add_sample_clients(location: VaultLocation) -> None:
    services = Services.open(location.unlock())
    try:
        add_clients(services, SAMPLE_CLIENTS)
    finally:
        services.close()


def main(folder: Path) -> None:
    with screenshot_session(folder, vault=False) as shots:
        window = AppWindow(shots.location, ScriptedPrompter())
        window.show()
        first_run(shots, window)
        shots.shoot(window, "07-workspace-empty")
        window.lock()
        shots.shoot(window, "08-unlock-keychain")

        add_sample_clients(shots.location)
        window.current_screen.unlock_button.click()  # type: ignore[union-attr]
        shots.shoot(window, "09-main-window-clients")
        window.current_screen.show_page("Settings")  # type: ignore[union-attr]
        shots.shoot(window, "10-main-window-settings")
        window.lock()
        window.current_screen.show_recovery()  # type: ignore[union-attr]
        shots.shoot(window, "11-unlock-recovery")
        window.close()

        strict = shots.another_location("strict")
        strict.create(passphrase="a calm harbour at dusk", strict=True).vault.close()
        locked = AppWindow(strict, ScriptedPrompter())
        locked.show()
        locked.current_screen.passphrase.setText("wrong guess")  # type: ignore[union-attr]
        locked.current_screen.unlock()  # type: ignore[union-attr]
        shots.shoot(locked, "12-unlock-passphrase-wrong")
        locked.close()

        nokey = shots.another_location("nokey", MemoryKeychain(working=False))
        plain = AppWindow(nokey, ScriptedPrompter())
        plain.show()
        setup_of(plain).next_button.click()
        shots.shoot(plain, "13-protection-no-keychain")
        plain.close()

        strict.paths.key_file.unlink()
        broken = AppWindow(strict, ScriptedPrompter())
        shots.shoot(broken, "14-vault-cannot-open")
        broken.close()

        report = "Boundary Desk crash report (contains no client data)\nerror: builtins.KeyError\n"
        dialog = CrashDialog(report, Path("/home/alex/.local/state/BoundaryDesk/crash-1.txt"))
        shots.shoot(dialog, "15-crash-dialog", size=None)


if __name__ == "__main__":
    run(main)
