"""Save PNGs of the first-run setup, the unlock screen and the main window, to look at.

Not a test. Run it under Xvfb, so real fonts and the app's style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tools/screenshots/screenshots.py /tmp/shots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from tests.fakes import MemoryKeychain  # noqa: E402

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind  # noqa: E402
from boundary_desk.services import Services  # noqa: E402
from boundary_desk.storage.keys.wrap import Argon2Cost  # noqa: E402
from boundary_desk.storage.vault.location import VaultLocation  # noqa: E402
from boundary_desk.system.paths import resolve_paths  # noqa: E402
from boundary_desk.ui.shell.app_window import AppWindow  # noqa: E402
from boundary_desk.ui.shell.application import prepare_application  # noqa: E402
from boundary_desk.ui.shell.crash_dialog import CrashDialog  # noqa: E402
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup  # noqa: E402
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter  # noqa: E402

FAST = Argon2Cost(memory_kib=1024, iterations=1, lanes=1)
SAMPLE_CLIENTS = (
    Client(
        code="C-001",
        display_name="Jordan Ellis",
        handles=(ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),),
    ),
    Client(
        code="C-002",
        display_name="Priya Natarajan",
        handles=(ContactHandle(HandleKind.EMAIL, "priya.n@example.org"),),
    ),
    Client(code="C-003", display_name="Sam O'Connor", is_minor=True, guardian_name="Dana O'Connor"),
)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shoot(widget: QWidget, folder: Path, name: str) -> Path:
    settle()
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(path)
    return path


def setup_of(window: AppWindow) -> FirstRunSetup:
    screen = window.current_screen
    assert isinstance(screen, FirstRunSetup), type(screen)
    return screen


def first_run(window: AppWindow, folder: Path) -> None:
    setup = setup_of(window)
    shoot(window, folder, "01-welcome")
    setup.next_button.click()
    shoot(window, folder, "02-protection")
    setup.protection.passphrase_option.setChecked(True)
    setup.protection.fields.first.setText("short")
    setup.next_button.click()
    shoot(window, folder, "03-protection-passphrase-error")
    setup.protection.keychain_option.setChecked(True)
    setup.next_button.click()
    shoot(window, folder, "04-recovery-key")
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    practice = setup.practice
    practice.fields["clinician"].setText("Alex Rivera, MSW, RSW")
    practice.fields["practice"].setText("Harbourview Counselling")
    practice.timezone.setCurrentText("America/Toronto")
    practice.fields["region"].setText("CA-ON")
    shoot(window, folder, "05-practice")
    practice.fields["hours"].setText("weekdays 9 to 5")
    setup.next_button.click()
    shoot(window, folder, "06-practice-error")
    practice.fields["hours"].setText("mon-thu 09:00-17:00; fri 09:00-13:00")
    setup.next_button.click()


def add_sample_clients(location: VaultLocation) -> None:
    services = Services.open(location.unlock())
    try:
        for client in SAMPLE_CLIENTS:
            services.clients.add(client)
    finally:
        services.close()


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    prepare_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(resolve_paths(Path(tmp) / "vault"), MemoryKeychain(), FAST)
        window = AppWindow(location, ScriptedPrompter())
        window.resize(1120, 780)
        window.show()
        first_run(window, folder)
        shoot(window, folder, "07-workspace-empty")
        window.lock()
        shoot(window, folder, "08-unlock-keychain")

        add_sample_clients(location)
        unlock = window.current_screen
        unlock.unlock_button.click()  # type: ignore[union-attr]
        shoot(window, folder, "09-main-window-clients")
        window.current_screen.show_page("Settings")  # type: ignore[union-attr]
        shoot(window, folder, "10-main-window-settings")
        window.lock()
        window.current_screen.show_recovery()  # type: ignore[union-attr]
        shoot(window, folder, "11-unlock-recovery")
        window.close()

        strict = VaultLocation(resolve_paths(Path(tmp) / "strict"), MemoryKeychain(), FAST)
        strict.create(passphrase="a calm harbour at dusk", strict=True).vault.close()
        locked = AppWindow(strict, ScriptedPrompter())
        locked.resize(1120, 780)
        locked.show()
        locked.current_screen.passphrase.setText("wrong guess")  # type: ignore[union-attr]
        locked.current_screen.unlock()  # type: ignore[union-attr]
        shoot(locked, folder, "12-unlock-passphrase-wrong")
        locked.close()

        no_keychain = MemoryKeychain(working=False)
        nokey = VaultLocation(resolve_paths(Path(tmp) / "nokey"), no_keychain, FAST)
        plain = AppWindow(nokey, ScriptedPrompter())
        plain.resize(1120, 780)
        plain.show()
        setup_of(plain).next_button.click()
        shoot(plain, folder, "13-protection-no-keychain")
        plain.close()

        strict.paths.key_file.unlink()
        broken = AppWindow(strict, ScriptedPrompter())
        broken.resize(1120, 780)
        broken.show()
        shoot(broken, folder, "14-vault-cannot-open")
        broken.close()

    report = "Boundary Desk crash report (contains no client data)\nerror: builtins.KeyError\n"
    dialog = CrashDialog(report, Path("/home/alex/.local/state/BoundaryDesk/crash-1.txt"))
    dialog.show()
    shoot(dialog, folder, "15-crash-dialog")
    QTimer.singleShot(0, app.quit)
    app.exec()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: screenshots.py OUTPUT_FOLDER")
    main(Path(sys.argv[1]))
