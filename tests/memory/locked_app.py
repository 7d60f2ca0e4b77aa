"""A child process for the memory-scan test: the app unlocked, used, then locked.

Run as `python -m tests.memory.locked_app DATA_DIR`. The passphrase and the marker
name come on stdin, so that this script holds no copy of the marker of its own.
It prints one JSON line once locked, then waits for a line on stdin before exiting,
so the parent can read its memory in that state. It uses the app's own start-up
(process hardening first) and the app's own window and lock path.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import sys
from datetime import UTC, datetime, timedelta

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system import hardening
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.fakes import MemoryKeychain

KEEP_READABLE_ENV = "MEMORY_SCAN_KEEP_READABLE"
# tests.conftest's FAST_COST, not imported: that module holds the test passphrase.
FAST_COST = Argon2Cost(memory_kib=1024, iterations=1, lanes=1)


def main() -> int:
    done = hardening.harden_process()
    if os.environ.get(KEEP_READABLE_ENV) == "1":
        # The parent is not root, so it could not read a non-dumpable child: make
        # this one readable again (test only). What memory holds doesn't change.
        ctypes.CDLL(None).prctl(hardening.PR_SET_DUMPABLE, 1, 0, 0, 0)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from boundary_desk.ui.shell.application import build_window, prepare_application
    from boundary_desk.ui.shell.workspace import Workspace
    from boundary_desk.ui.vault.unlock import UnlockScreen

    app = QApplication([sys.argv[0]])
    prepare_application(app)
    location = VaultLocation(
        paths=resolve_paths(sys.argv[1]), keychain=MemoryKeychain(working=False), kdf_cost=FAST_COST
    )
    window = build_window(location, ScriptedPrompter())
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(_read_line())
    screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace) and window.services is not None
    _use_the_app(app, window, workspace, _read_line())
    del screen, workspace  # the app's references are what's measured, not this script's
    window.lock()
    for _ in range(3):  # deleteLater'd screens and dialogs go on the next turns
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    gc.collect()
    state = {"pid": os.getpid(), "locked": window.is_locked, "hardening": done.__dict__}
    print(json.dumps(state), flush=True)
    # The parent reads memory now; then it sends the name, to ask who still holds it.
    name = _read_line()
    print(json.dumps({"live_holders": _live_holders(name)}), flush=True)
    _read_line()
    return 0


def _read_line() -> str:
    """One line from stdin, read a byte at a time: no input buffer keeps a copy of it."""
    line = bytearray()
    while (byte := os.read(0, 1)) not in (b"", b"\n"):
        line += byte
    text = line.decode("utf-8")
    line[:] = bytes(len(line))
    return text


def _live_holders(name: str) -> int:
    """How many live Python objects refer to a str holding `name` (frames and stdin aside)."""
    import types

    skip = (types.FrameType,)
    objects = gc.get_objects()
    return sum(
        1
        for obj in objects
        if not isinstance(obj, skip) and obj is not objects
        for item in gc.get_referents(obj)
        if isinstance(item, str) and name in item and item is not name
    )


def _use_the_app(app, window, workspace, name: str) -> None:  # type: ignore[no-untyped-def]
    """Put the name everywhere a clinician would see it: list, timeline, review, quick log."""
    services = window.services
    client = services.clients.add(Client(code="", display_name=name))
    services.events.add(
        ContactEvent(
            client_id=client.id or 0,
            kind=EventKind.CONTACT,
            occurred_at=datetime.now(UTC) - timedelta(hours=2),
            channel=ContactChannel.TEXT,
            direction=Direction.IN,
            summary=f"{name} asked to move Thursday",
        ),
        [],
    )
    workspace.clients_page.refresh()
    workspace.refresh_events()
    for page in ("Clients", "Timeline", "Weekly review", "Clients"):
        workspace.show_page(page)
        app.processEvents()
    window.open_quick_log()
    app.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
