"""Starting the desktop app: the Qt application, logging, the crash dialog, the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from boundary_desk.services import session
from boundary_desk.services.session import VaultLocation
from boundary_desk.system.crash import install_crash_handler, install_native_crash_report
from boundary_desk.system.hardening import Hardening
from boundary_desk.system.i18n import _
from boundary_desk.system.logs import configure_logging
from boundary_desk.system.resources import resource_path
from boundary_desk.ui.shell.app_name import APP_NAME
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.collector import collect_on_gui_thread
from boundary_desk.ui.shell.crash_dialog import CrashDialog
from boundary_desk.ui.shell.language import apply_language, remembered_language
from boundary_desk.ui.shell.single_instance import SingleInstance, socket_address
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.desktop_settings import SETTINGS_ORG
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import apply_style

log = logging.getLogger(__name__)

# Must match the .desktop file's name (without ".desktop") so the desktop shows our icon.
DESKTOP_FILE_NAME = "org.boundarydesk.BoundaryDesk"
# Set to 1, the app quits once its first window is on screen: benchmarks/bench_startup.py
# times the whole process that way, and tests read what it imported. Nothing is unlocked.
QUIT_WHEN_SHOWN_ENV = "BOUNDARY_DESK_QUIT_WHEN_SHOWN"


class CrashListener:
    """Shows the crash report in a calm dialog, one at a time, over the main window."""

    def __init__(self) -> None:
        self.window: QWidget | None = None
        self._showing = False

    def __call__(self, report: str, path: Path | None) -> None:
        if self._showing or QApplication.instance() is None:
            return  # a second failure while the dialog is up must not stack dialogs
        self._showing = True
        try:
            CrashDialog(report, path, self.window).exec()
        finally:
            self._showing = False


def prepare_application(app: QApplication) -> None:
    """Name the app (for QSettings and the desktop) and give it the calm look."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(SETTINGS_ORG)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    apply_style(app)


def app_icon() -> QIcon:
    """The icon at every rendered size (PNG, so no image plugin is needed to read it)."""
    icon = QIcon()
    for png in sorted(resource_path("icons", "hicolor").glob("*/apps/*.png")):
        icon.addFile(str(png))
    return icon


class WhenFirstShown(QObject):
    """Calls `then` once, as soon as the window it watches is on screen and drawn."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], object] | None = then
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handle = self._window.windowHandle()
        exposed = handle is not None and handle.isExposed()
        if self._then is not None and event.type() == QEvent.Type.Expose and exposed:
            QTimer.singleShot(0, self._then)  # after this expose has been painted
            self._then = None
        return False


def load_ahead(location: VaultLocation) -> None:
    """Once the first window is drawn: what the unlock and the workspace will need, a
    step per turn of the event loop, so typing and painting go on in between.

    The trade-off: the first window appears sooner, and these few tenths of a second
    of loading happen while the clinician types the passphrase instead of before.
    Charts and PDF code are not loaded ahead: only a page or document that needs them
    loads them."""

    def workspace() -> None:
        from boundary_desk.ui.shell import workspace  # noqa: F401 - shown on unlocking

    def client_list() -> None:
        from boundary_desk.ui.clients import page  # noqa: F401 - the first page shown

    def quick_log() -> None:
        from boundary_desk.ui.quick_log import window  # noqa: F401 - Ctrl+L after unlock

    steps: list[Callable[[], object]] = [
        lambda: session.load_ahead(location),
        workspace,
        client_list,
        quick_log,
    ]

    def next_step() -> None:
        if steps:
            steps.pop(0)()
            QTimer.singleShot(0, next_step)

    next_step()


def build_window(
    location: VaultLocation, prompter: Prompter | None = None, idle_ms: int | None = None
) -> AppWindow:
    """The main window for `location`, ready to show (tests build it without `exec`)."""
    return AppWindow(location, prompter or Prompter(), idle_ms=idle_ms)


def _instance_address(location: VaultLocation) -> str:
    try:
        return socket_address(location.paths.data_dir)
    except OSError:
        # No private folder for the socket: fall back to the data folder, which the
        # vault keeps 0700 and this user's own.
        return str(location.paths.data_dir / ".instance")


def run_app(location: VaultLocation, hardened: Hardening | None = None) -> int:
    """Run the desktop app on `location` until the window closes; returns the exit status.

    `hardened`, what process hardening switched off, is logged once the log is set up."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    prepare_application(app)
    apply_language(app, remembered_language(), remember=False)  # the last unlock's
    collect_on_gui_thread(app)  # a window freed by a reading thread crashed the app
    configure_logging(location.paths.log_dir)
    if hardened is not None:
        hardened.log()
    listener = CrashListener()
    install_crash_handler(location.paths.crash_dir, listener)
    install_native_crash_report(location.paths.crash_dir)
    instance = SingleInstance(_instance_address(location))
    if not instance.claim():
        log.info("already running on this data folder; asked it to come forward")
        return 0
    window = build_window(location)
    if instance.problem:
        print(f"boundary-desk: {instance.problem}", file=sys.stderr)
        screen = window.current_screen
        if isinstance(screen, UnlockScreen):
            screen.set_note(_(instance.problem))  # where the clinician looks first
    instance.raise_requested.connect(window.show_window)
    listener.window = window
    window.show()
    if os.environ.get(QUIT_WHEN_SHOWN_ENV) == "1":
        WhenFirstShown(window, QApplication.quit)
    else:
        WhenFirstShown(window, lambda: load_ahead(location))
    log.info("app started")
    try:
        return app.exec()
    finally:
        instance.release()
