"""What a Linux screen reader meets: Boundary Desk's accessible tree, read through AT-SPI.

Not a test, and not part of CI (it needs system packages the suite does not). It starts
the app on a throwaway vault with sample data (the screenshot harness's), opens each
main screen in turn, and for each one walks the accessible tree over D-Bus, as Orca
does, listing every focusable control with its role, its name and the label it is
"labelled by". It reports the controls with no name a screen reader could speak, and the
combo boxes with no label relation (a buddy label is what Orca reads for a combo box).

Once, on a Debian machine (the probe runs on the system Python, which has PyGObject;
the app runs on the checkout's .venv):

    apt-get install at-spi2-core gir1.2-atspi-2.0 python3-gi

Then, from the checkout:

    xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \\
        /usr/bin/python3 tools/a11y_probe.py [--json REPORT.json] [--python .venv/bin/python]

It exits 1 if anything is unnamed or unlabelled, 0 if all is well. The app side runs as
`tools/a11y_probe.py --app` (started by the probe, with QT_ACCESSIBILITY=1 and
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, so Qt speaks AT-SPI without a screen reader
running); it writes one line per screen shown and waits for a line before the next.
No clinical data is involved: the vault is made up and deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[1]
STEP_TIMEOUT_S = 90
REGISTER_TIMEOUT_S = 30
# Containers whose children are content (rows, cells, menu items), not controls of their own.
CONTENT_ROLES = {
    "table",
    "tree table",
    "tree",
    "list",
    "list box",
    "combo box",
    "page tab list",
    "menu bar",
    "menu",
    "text",
}


# -- the app's side: runs on the checkout's .venv ------------------------------------------


def app_side() -> None:
    """Show each screen, say its name on stdout, wait for a line on stdin, go on."""
    sys.path.insert(0, str(CHECKOUT))
    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from tools.screenshots.harness import screenshot_session, settle

    with screenshot_session(Path(os.environ.get("TMPDIR", "/tmp"))) as shots:
        steps = _screens(shots, settle)
        app = QApplication.instance()
        assert app is not None

        def advance() -> None:
            try:
                name, shown = next(steps)
            except StopIteration:
                print("DONE", flush=True)
                app.quit()
                return
            settle()
            print(f"SCREEN {name}\t{_title(shown)}", flush=True)

        def line_in() -> None:
            if not sys.stdin.readline():  # the probe went away
                app.quit()
                return
            notifier.setEnabled(False)  # a screen that runs the event loop can't be re-entered
            advance()
            notifier.setEnabled(True)

        notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        notifier.activated.connect(line_in)
        QTimer.singleShot(0, advance)
        app.exec()
    sys.stdout.flush()
    os._exit(0)  # as the screenshot scripts do: no Qt teardown with widgets left over


def _title(widget: Any) -> str:
    """A window's title as a screen reader hears it ("[*]" is Qt's unsaved-changes mark)."""
    return widget.window().windowTitle().replace("[*]", "")


def _screens(shots: Any, settle: Callable[[], None]) -> Iterator[tuple[str, Any]]:
    """Each screen a clinician works in, shown in turn: its name and its window."""
    from collections import deque
    from datetime import UTC, datetime, timedelta

    from boundary_desk.domain.events import (
        Category,
        ContactChannel,
        ContactEvent,
        Direction,
        EventKind,
    )
    from boundary_desk.services.contacts import log_event
    from boundary_desk.ui.agreements.editor import AgreementEditor
    from boundary_desk.ui.clients.editor import ClientEditor
    from boundary_desk.ui.quick_log.window import QuickLogDialog
    from boundary_desk.ui.shell.app_window import AppWindow
    from boundary_desk.ui.shell.workspace import Workspace
    from boundary_desk.ui.timeline.event_editor import EventEditor
    from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
    from boundary_desk.ui.vault.unlock import UnlockScreen
    from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

    services = shots.services
    zoe = shots.clients["Zoë Martin"]
    now = datetime.now(UTC)
    for hours_ago in (3, 27, 51):  # some late texts, so the timeline and review have warnings
        when = (now - timedelta(hours=hours_ago)).replace(hour=3, minute=10)
        text = ContactEvent(client_id=zoe.id or 0, kind=EventKind.CONTACT, occurred_at=when,
                            channel=ContactChannel.TEXT, direction=Direction.IN,
                            category=Category.ADMIN, minutes=3,
                            summary="Asked to move the appointment")  # fmt: skip
        logged = log_event(services, text, now).event
    shots.close_vault()

    prompter = ScriptedPrompter(confirms=deque([False] * 20))
    window = AppWindow(shots.location, prompter)
    window.resize(1366, 768)
    window.show()
    unlock = window.current_screen
    assert isinstance(unlock, UnlockScreen)
    yield "Unlock", window
    unlock.show_recovery()
    yield "Unlock: recovery key", window
    unlock.back_button.click()
    unlock.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    opened = window.services
    assert opened is not None
    for page in ("Clients", "Timeline", "Weekly review", "Settings", "Agreement wording",
                 "Backups"):  # fmt: skip
        workspace.show_page(page)
        yield page, window
    workspace.show_page("Timeline")
    workspace.timeline_page.select(logged.id)
    yield "Timeline: an entry open", window

    client = opened.clients.get(zoe.id or 0)
    entry = opened.events.get(logged.id or 0)
    dialogs: list[tuple[str, Callable[[], Any]]] = [
        ("Quick log", lambda: QuickLogDialog(opened, prompter, parent=window)),
        ("Client editor", lambda: ClientEditor(opened, prompter, client, window)),
        ("Entry editor", lambda: EventEditor(opened, entry, opened.clock, window)),
        ("Agreement editor", lambda: AgreementEditor(opened, prompter, client, parent=window)),
    ]
    for name, make in dialogs:
        dialog = make()
        dialog.show()
        dialog.activateWindow()
        settle()
        yield name, dialog
        dialog.hide()

    window.hide()
    setup = FirstRunSetup(shots.another_location("first-run"), prompter)
    setup.setWindowTitle("Boundary Desk setup")
    setup.resize(1000, 760)
    setup.show()
    setup.activateWindow()
    yield "Setup: welcome", setup
    setup.go_next()
    yield "Setup: protection", setup
    setup.go_next()
    yield "Setup: recovery key", setup
    setup.recovery.confirm.setChecked(True)
    setup.go_next()
    yield "Setup: practice", setup


# -- the probe's side: runs on the system Python, with PyGObject ------------------------------


@dataclass
class Control:
    role: str
    name: str
    labelled_by: list[str] = field(default_factory=list)

    @property
    def unnamed(self) -> bool:
        return not self.name.strip() and not any(label.strip() for label in self.labelled_by)

    @property
    def unlabelled_combo(self) -> bool:
        return self.role == "combo box" and not self.labelled_by


@dataclass
class Screen:
    name: str
    controls: list[Control]

    def problems(self) -> list[Control]:
        return [c for c in self.controls if c.unnamed or c.unlabelled_combo]


def probe_side(python: str, report: Path | None) -> int:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi

    if not os.environ.get("DISPLAY"):
        raise SystemExit("no display: run this under xvfb-run (see the docstring)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise SystemExit("no D-Bus session: run this under dbus-run-session (see the docstring)")
    env = dict(os.environ, QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    env.pop("QT_QPA_PLATFORM", None)  # a real X window under Xvfb, not offscreen
    app = subprocess.Popen(
        [python, str(Path(__file__).resolve()), "--app"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        cwd=CHECKOUT,
    )
    assert app.stdin is not None and app.stdout is not None
    screens: list[Screen] = []
    try:
        while True:
            line = _read_line(app)
            if line == "DONE":
                break
            if not line.startswith("SCREEN "):
                continue  # the harness's own chatter
            name, _, title = line.removeprefix("SCREEN ").partition("\t")
            window = _window(_find_app(Atspi, app.pid), title)
            screens.append(Screen(name, list(_controls(Atspi, window))))
            app.stdin.write("next\n")
            app.stdin.flush()
    finally:
        if app.poll() is None:
            app.stdin.close()
            try:
                app.wait(timeout=60)
            except subprocess.TimeoutExpired:
                app.kill()
    return _report(screens, report)


def _read_line(app: subprocess.Popen[str]) -> str:
    assert app.stdout is not None
    ready, _, _ = select.select([app.stdout], [], [], STEP_TIMEOUT_S)
    if not ready:
        raise SystemExit(f"the app showed nothing for {STEP_TIMEOUT_S} s")
    line = app.stdout.readline()
    if not line:
        raise SystemExit(f"the app stopped (exit code {app.wait()})")
    return line.strip()


def _find_app(atspi: Any, pid: int) -> Any:
    """The app's node on the AT-SPI desktop (it registers a moment after it starts)."""
    deadline = time.monotonic() + REGISTER_TIMEOUT_S
    while time.monotonic() < deadline:
        desktop = atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(index)
            if child is not None and child.get_process_id() == pid:
                return child
        time.sleep(0.5)
    raise SystemExit("the app never appeared on the AT-SPI bus (is at-spi2-core installed?)")


def _window(app: Any, title: str) -> Any:
    """The app's window with this title (the one just shown), else the whole app."""
    for index in range(app.get_child_count()):
        window = app.get_child_at_index(index)
        if window is not None and (window.get_name() or "") == title:
            return window
    print(f"(no window named {title!r}: walking every window)", file=sys.stderr)
    return app


def _controls(atspi: Any, node: Any) -> Iterator[Control]:
    """Every showing, focusable control under `node`, in tree order."""
    states = node.get_state_set()
    role = node.get_role_name()
    showing = states.contains(atspi.StateType.SHOWING)
    if showing and states.contains(atspi.StateType.FOCUSABLE):
        yield Control(role, node.get_name() or "", _labelled_by(atspi, node))
    if role in CONTENT_ROLES or (not showing and role not in {"application"}):
        return
    for index in range(node.get_child_count()):
        child = node.get_child_at_index(index)
        if child is not None:
            yield from _controls(atspi, child)


def _labelled_by(atspi: Any, node: Any) -> list[str]:
    names = []
    for relation in node.get_relation_set():
        if relation.get_relation_type() == atspi.RelationType.LABELLED_BY:
            for index in range(relation.get_n_targets()):
                names.append(relation.get_target(index).get_name() or "")
    return names


def _report(screens: list[Screen], report: Path | None) -> int:
    walked = sum(len(screen.controls) for screen in screens)
    unnamed = [(s.name, c) for s in screens for c in s.controls if c.unnamed]
    combos = [(s.name, c) for s in screens for c in s.controls if c.unlabelled_combo]
    for screen in screens:
        print(f"\n{screen.name}: {len(screen.controls)} focusable controls")
        for control in screen.controls:
            flag = " <- NO NAME" if control.unnamed else ""
            flag += " <- COMBO WITHOUT A LABEL" if control.unlabelled_combo else ""
            label = (
                f"  [labelled by {', '.join(control.labelled_by)!r}]" if control.labelled_by else ""
            )
            print(f"  {control.role:<14} {control.name!r}{label}{flag}")
    print(
        f"\n{len(screens)} screens, {walked} controls walked: {len(unnamed)} with no name, "
        f"{len(combos)} combo boxes without a label"
    )
    if report is not None:
        report.write_text(json.dumps([asdict(screen) for screen in screens], indent=2))
    return 1 if unnamed or combos else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="store_true", help="(internal) the app's side")
    parser.add_argument("--json", type=Path, help="also write the controls found as JSON")
    parser.add_argument(
        "--python",
        default=str(CHECKOUT / ".venv" / "bin" / "python"),
        help="the Python that runs the app (the checkout's .venv by default)",
    )
    args = parser.parse_args()
    if args.app:
        app_side()
        return 0
    return probe_side(args.python, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
