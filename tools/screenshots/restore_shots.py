"""Restoring, as PNGs: the Backups page, a damaged vault's unlock screen, the restore
dialog, and a read-only vault's workspace.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/restore_shots.py /tmp/shots-restore
"""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from boundary_desk.services.backups import take_backup
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import SAMPLE_CLIENTS, add_clients, run, screenshot_session


def unlocked(location: VaultLocation, *confirms: bool) -> AppWindow:
    window = AppWindow(location, ScriptedPrompter(confirms=deque(confirms)))
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    return window


def main(folder: Path) -> None:
    with screenshot_session(folder, clients=()) as shots:
        for client in SAMPLE_CLIENTS:  # one backup after each client
            add_clients(shots.services, [client])
            take_backup(shots.services)
        shots.close_vault()
        location = shots.location

        window = unlocked(location, True)
        workspace = window.current_screen
        assert isinstance(workspace, Workspace)
        workspace.show_page("Backups")
        workspace.backups_page.table.select(0)
        shots.shoot(window, "restore-backups-page")
        workspace.backups_page.restore_button.click()  # confirmed
        shots.shoot(window, "restore-done")
        window.close()

        original = VaultLocation.is_read_only
        VaultLocation.is_read_only = lambda self: True  # type: ignore[method-assign]
        window = unlocked(location)
        shots.shoot(window, "restore-read-only-workspace")
        window.close()
        VaultLocation.is_read_only = original  # type: ignore[method-assign]

        db = location.paths.vault_file
        raw = bytearray(db.read_bytes())
        raw[5000] ^= 0xFF
        db.write_bytes(bytes(raw))
        window = unlocked(location)  # the unlock fails: the vault is damaged
        screen = window.current_screen
        assert isinstance(screen, UnlockScreen)
        shots.shoot(window, "restore-damaged-unlock")
        screen.restore_button.click()
        dialog = window.restore_dialog
        assert dialog is not None
        shots.shoot(dialog, "restore-dialog", size=None)
        dialog.reject()
        window.close()


if __name__ == "__main__":
    run(main)
