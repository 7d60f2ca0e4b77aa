"""The unlock screen and the quick log in French and in Hebrew, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/language_shots.py /tmp/shots-language
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import run, screenshot_session, settle
from tools.screenshots.quick_log_shots import FRIDAY_2240


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        with_passphrase = shots.another_location("passphrase-vault")
        with_passphrase.create(passphrase="a calm harbour at dusk", strict=True).vault.close()
        for language in ("fr", "he"):
            apply_language(shots.app, language, remember=False)
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
