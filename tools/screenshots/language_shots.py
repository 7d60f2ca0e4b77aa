"""The first-run setup, the unlock screen, the quick log and the workspace's shell in
French and in Hebrew, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/language_shots.py /tmp/shots-language
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import Shots, run, screenshot_session, settle
from tools.screenshots.quick_log_shots import FRIDAY_2240


def shoot_setup(shots: Shots, language: str) -> None:
    """Each page of the first-run setup, in the window a clinician first sees."""
    window = AppWindow(shots.another_location(f"{language}-new-vault"), ScriptedPrompter())
    setup = window.current_screen
    assert isinstance(setup, FirstRunSetup)
    shots.shoot(window, f"{language}-setup-1-welcome")
    setup.next_button.click()
    shots.shoot(window, f"{language}-setup-2-protection")
    setup.protection.passphrase_option.setChecked(True)
    shots.shoot(window, f"{language}-setup-2-protection-passphrase")
    setup.protection.keychain_option.setChecked(True)
    setup.next_button.click()
    shots.shoot(window, f"{language}-setup-3-recovery-key")
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    shots.shoot(window, f"{language}-setup-4-practice")
    window.close()


def shoot_workspace(shots: Shots, language: str) -> None:
    """The workspace's shell (sidebar, header, menus) once a vault in `language` unlocks."""
    shots.services.settings.set_many({"language": language})
    window = AppWindow(shots.location, ScriptedPrompter())
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    shots.shoot(window, f"{language}-workspace")
    window.menuBar().actions()[1].menu().popup(window.mapToGlobal(window.rect().center()))
    shots.shoot_screen(f"{language}-workspace-vault-menu")
    window.menuBar().actions()[1].menu().close()
    window.close()
    apply_language(shots.app, language, remember=False)


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        # Unlocking remembers the language in the desktop settings: keep that in the
        # session's temporary folder, not in the settings of whoever runs this.
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.NativeFormat, scope, str(shots.tmp / "config"))
        with_passphrase = shots.another_location("passphrase-vault")
        with_passphrase.create(passphrase="a calm harbour at dusk", strict=True).vault.close()
        for language in ("fr", "he"):
            apply_language(shots.app, language, remember=False)
            shoot_setup(shots, language)
            shoot_workspace(shots, language)
            screen = UnlockScreen(with_passphrase)
            shots.shoot(screen, f"{language}-unlock")
            screen.passphrase.setText("wrong passphrase")
            screen.unlock()
            shots.shoot(screen, f"{language}-unlock-refused")
            screen.show_recovery()
            shots.shoot(screen, f"{language}-unlock-recovery")
            screen.close()
            keychain = UnlockScreen(shots.location)
            shots.shoot(keychain, f"{language}-unlock-keychain")
            keychain.close()
            dialog = QuickLogDialog(shots.services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
            dialog.show()
            settle()
            shots.shoot(dialog, f"{language}-quick-log", None)
            QTest.keyClicks(dialog.client_field.edit, "zo")
            QTest.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
            shots.shoot(dialog, f"{language}-quick-log-client", None)
            dialog.done(0)
        apply_language(shots.app, "en", remember=False)


if __name__ == "__main__":
    run(main)
