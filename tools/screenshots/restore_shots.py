"""Save PNGs of restoring: the Backups page, a damaged vault's unlock screen, the restore
dialog, and a read-only vault's workspace.

Not a test. Run it under Xvfb, so real fonts and the app's style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tools/screenshots/restore_shots.py /tmp/shots
"""

from __future__ import annotations

import sys
import tempfile
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from PySide6.QtWidgets import QApplication  # noqa: E402
from tests.fakes import MemoryKeychain  # noqa: E402

from boundary_desk.services import Services  # noqa: E402
from boundary_desk.storage.vault.location import VaultLocation  # noqa: E402
from boundary_desk.system.paths import resolve_paths  # noqa: E402
from boundary_desk.ui.shell.app_window import AppWindow  # noqa: E402
from boundary_desk.ui.shell.application import prepare_application  # noqa: E402
from boundary_desk.ui.shell.workspace import Workspace  # noqa: E402
from boundary_desk.ui.vault.unlock import UnlockScreen  # noqa: E402
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter  # noqa: E402
from tools.screenshots.screenshots import FAST, SAMPLE_CLIENTS, shoot  # noqa: E402


def vault_with_backups(folder: Path) -> VaultLocation:
    location = VaultLocation(resolve_paths(folder / "vault"), MemoryKeychain(), FAST)
    services = Services.open(location.create().vault)
    services.settings.set_many({"practice": "Harbour Counselling", "timezone": "America/Toronto"})
    for client in SAMPLE_CLIENTS:
        services.clients.add(client)
        services.back_up()
    services.close()
    return location


def unlocked(location: VaultLocation, *confirms: bool) -> AppWindow:
    window = AppWindow(location, ScriptedPrompter(confirms=deque(confirms)))
    window.resize(1120, 720)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    return window


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    prepare_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        location = vault_with_backups(Path(tmp))

        window = unlocked(location, True)
        workspace = window.current_screen
        assert isinstance(workspace, Workspace)
        workspace.show_page("Backups")
        workspace.backups_page.table.select(0)
        shoot(window, out, "restore-backups-page")
        workspace.backups_page.restore_button.click()  # confirmed
        shoot(window, out, "restore-done")
        window.close()

        original = VaultLocation.is_read_only
        VaultLocation.is_read_only = lambda self: True  # type: ignore[method-assign]
        window = unlocked(location)
        shoot(window, out, "restore-read-only-workspace")
        window.close()
        VaultLocation.is_read_only = original  # type: ignore[method-assign]

        db = location.paths.vault_file
        raw = bytearray(db.read_bytes())
        raw[5000] ^= 0xFF
        db.write_bytes(bytes(raw))
        window = unlocked(location)  # the unlock fails: the vault is damaged
        screen = window.current_screen
        assert isinstance(screen, UnlockScreen)
        shoot(window, out, "restore-damaged-unlock")
        screen.restore_button.click()
        dialog = window.restore_dialog
        assert dialog is not None
        shoot(dialog, out, "restore-dialog")
        dialog.reject()
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
