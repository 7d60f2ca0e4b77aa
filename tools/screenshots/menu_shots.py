"""The Vault and Help menus, the passphrase dialog, the user guide and the Clients page's
Communication record…, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/menu_shots.py /tmp/shots-menus
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import QPoint, QTimer

from boundary_desk.system.i18n import _
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import SCREEN, run, screenshot_session, settle


def open_menu(shots, window: AppWindow, title: str, name: str) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in window.menuBar().actions() if a.text() == _(title))
    menu = action.menu()
    rect = window.menuBar().actionGeometry(action)
    QTimer.singleShot(400, lambda: (shots.shoot_screen(name), menu.close()))
    menu.exec(window.menuBar().mapToGlobal(QPoint(rect.left(), rect.bottom())))


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        shots.close_vault()
        window = AppWindow(shots.location, ScriptedPrompter())
        window.resize(*SCREEN)
        window.show()
        screen = window.current_screen
        assert isinstance(screen, UnlockScreen)
        screen.unlock_button.click()
        workspace = window.current_screen
        assert isinstance(workspace, Workspace)
        settle()
        open_menu(shots, window, "&Vault", "menu-vault")
        open_menu(shots, window, "&Help", "menu-help")

        window.vault_actions.change_passphrase.trigger()  # a keychain vault: none yet
        dialog = window.vault_actions.dialog
        assert dialog is not None
        dialog.fields.first.setText("a quiet harbour")
        dialog.fields.second.setText("a quiet harbour!")
        dialog.go_button.click()
        shots.shoot(dialog, "passphrase-dialog", None)
        dialog.fields.second.setText("a quiet harbour")
        dialog.go_button.click()  # the vault now has a passphrase

        window.new_key_action.trigger()
        assert window.key_dialog is not None
        shots.shoot(window.key_dialog, "new-recovery-key", None)
        window.key_dialog.reject()

        window.vault_actions.change_passphrase.trigger()
        dialog = window.vault_actions.dialog
        assert dialog is not None and dialog.fields.current is not None
        dialog.fields.current.setText("not the one in use")
        dialog.fields.first.setText("a calm harbour at dawn")
        dialog.fields.second.setText("a calm harbour at dawn")
        dialog.go_button.click()  # refused: nothing changed
        shots.shoot(dialog, "change-passphrase-wrong-current", None)
        dialog.reject()

        window.rekey_action.trigger()
        assert window.key_dialog is not None
        shots.shoot(window.key_dialog, "rekey-asks-current", None)
        window.key_dialog.reject()

        window.open_guide()
        assert window.guide is not None
        shots.shoot(window.guide, "guide-top", None)
        window.guide.show_section("warnings")
        shots.shoot(window.guide, "guide-warnings", None)
        window.guide.show_section("security")
        shots.shoot(window.guide, "guide-security", None)
        window.guide.close()

        page = workspace.clients_page
        page.table.selectRow(0)
        shots.shoot(window, "clients-record-button")
        window.close()


if __name__ == "__main__":
    run(main)
