"""What every screenshot script shares: the app, a throwaway vault with sample data, and `shoot`.

A script is a `main(folder)` that opens a session and shoots what it shows:

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout

    from tools.screenshots.harness import run, screenshot_session

    def main(folder: Path) -> None:
        with screenshot_session(folder) as shots:
            page = ClientsPage(shots.services, shots.prompter)
            shots.shoot(page, "clients", shots.page_size)

    if __name__ == "__main__":
        run(main)

Each picture is taken as it looks on a 1366×768 screen (or the size in
BOUNDARY_SHOTS_SCREEN, e.g. "1920x1080"): a window at the full screen, a page at the
room it has inside the app's window (`page_size`), a dialog at its own size but no
larger than the screen. Run the scripts under Xvfb with a screen of that size, so
real fonts and the app's style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots/X.py OUTDIR

BOUNDARY_SHOTS_LANGUAGE ("fr", "he") takes them in that language, Hebrew mirrored.
(`run_all.py OUTDIR` runs them all.) The vault lives in a temporary folder, behind an
in-memory keychain (the test suite's `MemoryKeychain`), and is gone when the session
ends. Nothing here is a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenuBar, QWidget
from tests.fakes import MemoryKeychain

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.shell.application import prepare_application
from boundary_desk.ui.shell.collector import collect_on_gui_thread
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def _screen() -> tuple[int, int]:
    """The screen the pictures are taken for: 1366×768, or BOUNDARY_SHOTS_SCREEN="1920x1080".

    (With QT_SCALE_FACTOR=2, give the size in the app's own pixels: a 1920×1080 screen
    is then "960x540".)
    """
    wanted = os.environ.get("BOUNDARY_SHOTS_SCREEN", "1366x768")
    width, _, height = wanted.partition("x")
    return int(width), int(height)


SCREEN = _screen()
FAST = Argon2Cost(memory_kib=1024, iterations=1, lanes=1)  # a throwaway vault needs no cost
PRACTICE: Mapping[str, str] = {
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbourview Counselling",
    "address": "12 King Street West, Suite 400\nToronto, ON  M5H 1A1",
    "phone": "+1 416-555-0100",
    "email": "alex@harbourview.example",
    "region": "CA-ON",
    "timezone": "America/Toronto",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
}
SAMPLE_CLIENTS: tuple[Client, ...] = (
    Client(
        code="",
        display_name="Zoë Martin",
        started_on=date(2026, 3, 3),
        handles=(
            ContactHandle(HandleKind.PHONE, "+1 416 555 0142", "mobile", True),
            ContactHandle(HandleKind.EMAIL, "zoe.martin@example.org", "", True),
        ),
    ),
    Client(
        code="JD2",
        display_name="Jordan Díaz",
        status=ClientStatus.ENDED,
        started_on=date(2024, 3, 4),
        ended_on=date(2025, 2, 27),
        handles=(ContactHandle(HandleKind.EMAIL, "jdiaz@example.com"),),
    ),
    Client(
        code="",
        display_name="Sam Okafor",
        is_minor=True,
        guardian_name="Grace Okafor",
        handles=(ContactHandle(HandleKind.PHONE, "(604) 555-0199", "guardian's mobile"),),
    ),
    Client(
        code="",
        display_name="Priya Natarajan",
        handles=(ContactHandle(HandleKind.EMAIL, "priya.n@example.org"),),
    ),
)


def settle() -> None:
    """Let layouts, paints and queued signals run."""
    for _ in range(5):
        QApplication.processEvents()


def wait_until(done: Callable[[], bool], ms: int = 10_000) -> None:
    """Keep the event loop running until `done()` (a preview rendered, a save finished)."""
    timer = QElapsedTimer()
    timer.start()
    while not done():
        if timer.hasExpired(ms):
            raise SystemExit(f"timed out after {ms} ms waiting for {done}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def application() -> QApplication:
    """The one QApplication, named and styled as the app names and styles it."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    prepare_application(app)
    language = os.environ.get("BOUNDARY_SHOTS_LANGUAGE")
    if language:
        from boundary_desk.ui.shell.language import apply_language

        apply_language(app, language, remember=False)
    collect_on_gui_thread(app)  # as the app does: no widget is freed off the GUI thread
    return app


def add_clients(services: Services, clients: Iterable[Client]) -> dict[str, Client]:
    """Add `clients`; the saved ones (with their ids and codes) by display name."""
    saved = (services.clients.add(client) for client in clients)
    return {client.display_name: client for client in saved}


@dataclass
class Shots:
    """One script's run: where the pictures go, and the throwaway vault behind them."""

    folder: Path
    tmp: Path
    app: QApplication
    location: VaultLocation
    prompter: ScriptedPrompter = field(default_factory=ScriptedPrompter)
    clients: dict[str, Client] = field(default_factory=dict)
    opened: Services | None = None
    _page_size: tuple[int, int] | None = None

    @property
    def services(self) -> Services:
        if self.opened is None:
            raise RuntimeError("this session has no open vault (screenshot_session(vault=False))")
        return self.opened

    def close_vault(self) -> None:
        """Close the session's vault, for scripts that go on to open it in a window."""
        if self.opened is not None:
            self.opened.close()
            self.opened = None

    def shoot(self, widget: QWidget, name: str, size: tuple[int, int] | None = SCREEN) -> Path:
        """Save `widget` as `name`.png, at `size`, or with None at its own size as a window
        manager would show it on the screen: no larger than SCREEN."""
        if size is not None:
            widget.resize(*size)
        if not widget.isVisible():
            widget.show()
        settle()
        if size is None and widget.isWindow():
            widget.resize(min(widget.width(), SCREEN[0]), min(widget.height(), SCREEN[1]))
            settle()
        path = self.folder / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not save {path}")
        width, height = widget.width(), widget.height()
        if widget.isWindow() and (width > SCREEN[0] or height > SCREEN[1]):
            print(f"{path}  (larger than the {SCREEN[0]}×{SCREEN[1]} screen: {width}×{height})")
        else:
            print(path)
        return path

    def shoot_screen(self, name: str) -> Path:
        """The whole screen, for popups that live in windows of their own."""
        settle()
        path = self.folder / f"{name}.png"
        if not QGuiApplication.primaryScreen().grabWindow(0).save(str(path)):
            raise SystemExit(f"could not save {path}")
        print(path)
        return path

    @property
    def workspace_size(self) -> tuple[int, int]:
        """The room the workspace has under the menu bar of a window that fills the screen."""
        menu = QMenuBar()
        for title in ("&File", "&Vault", "&Log", "&Help"):
            menu.addMenu(title)
        height = menu.sizeHint().height()
        menu.deleteLater()
        return SCREEN[0], SCREEN[1] - height

    @property
    def page_size(self) -> tuple[int, int]:
        """The room a page has inside the app's window when that window fills the screen."""
        if self._page_size is None:
            workspace = Workspace(self.services, ScriptedPrompter())
            workspace.resize(*self.workspace_size)
            workspace.show()
            settle()
            room = workspace.clients_page.size()
            self._page_size = (room.width(), room.height())
            workspace.close()
            workspace.deleteLater()
            settle()
        return self._page_size

    def another_location(self, name: str, keychain: MemoryKeychain | None = None) -> VaultLocation:
        """A second place for a vault, in the same temporary folder (not created yet)."""
        return VaultLocation(resolve_paths(self.tmp / name), keychain or MemoryKeychain(), FAST)


@contextmanager
def screenshot_session(
    folder: Path,
    *,
    vault: bool = True,
    practice: Mapping[str, str] = PRACTICE,
    clients: Iterable[Client] = SAMPLE_CLIENTS,
) -> Iterator[Shots]:
    """The app and a throwaway vault (created, open, with `practice` and `clients` in it).

    With `vault=False` the vault's place is left empty, for a first run; `shots.location`
    is where it would be, and `practice` and `clients` are not used.
    """
    folder.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory(prefix="boundary-shots-") as tmp:
        location = VaultLocation(resolve_paths(Path(tmp) / "vault"), MemoryKeychain(), FAST)
        shots = Shots(folder=folder, tmp=Path(tmp), app=app, location=location)
        if vault:
            shots.opened = Services.open(location.create().vault)
        try:
            if shots.opened is not None:
                chosen = os.environ.get("BOUNDARY_SHOTS_LANGUAGE")
                # The vault's own language too: unlocking applies it to the app again.
                language = {"language": chosen} if chosen else {}
                shots.opened.settings.set_many({**dict(practice), **language})
                shots.clients = add_clients(shots.opened, clients)
            yield shots
        finally:
            shots.close_vault()


def run(main: Callable[[Path], None]) -> None:
    """A script's entry point: `main(OUTDIR)`, then out without Qt's teardown.

    Widgets outlive the vault in these scripts, and PySide's clean-up of them at exit
    sometimes crashes; nothing is left to save by then.
    """
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: {Path(sys.argv[0]).name} OUTPUT_FOLDER")
    main(Path(sys.argv[1]))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
