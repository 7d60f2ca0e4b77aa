"""Render the clients page, the client editor and the settings page to PNGs for a look.

Not a test. Run under Xvfb so real fonts and the app style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tools/screenshots/page_shots.py /tmp/pageshots
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget
from tests.fakes import MemoryKeychain

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.style import apply_style

SAMPLES = (
    Client(
        code="",
        display_name="Zoë Martin",
        started_on=date(2025, 1, 14),
        handles=(
            ContactHandle(HandleKind.PHONE, "+1 416 555 0142", "mobile", True),
            ContactHandle(HandleKind.EMAIL, "zoe.martin@example.org"),
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
)


def shoot(widget: QWidget, folder: Path, name: str, width: int, height: int) -> None:
    widget.resize(width, height)
    widget.show()
    QApplication.processEvents()
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(
            paths=resolve_paths(tmp),
            keychain=MemoryKeychain(),
            kdf_cost=Argon2Cost(memory_kib=1024, iterations=1, lanes=1),
        )
        services = Services.open(location.create().vault)
        try:
            prompter = ScriptedPrompter()
            shoot(ClientsPage(services, prompter), folder, "clients_empty", 900, 560)
            saved = [services.clients.add(client) for client in SAMPLES]
            clients = ClientsPage(services, prompter)
            shoot(clients, folder, "clients", 900, 560)
            clients.table.selectRow(1)
            clients.table.setFocus()
            shoot(clients, folder, "clients_selected", 900, 560)
            clients.search.setText("zoe")
            shoot(clients, folder, "clients_search", 900, 560)
            new = ClientEditor(services, prompter, None)
            shoot(new, folder, "editor_new", *_hint(new))
            ended = ClientEditor(services, prompter, saved[1])
            shoot(ended, folder, "editor_ended", *_hint(ended))
            editor = ClientEditor(services, prompter, saved[2])
            shoot(editor, folder, "editor_filled", *_hint(editor))
            editor.name.clear()
            editor.save()
            shoot(editor, folder, "editor_error", *_hint(editor))
            for name in ("<b>x</b>", "Zoë 😀", "שלום"):
                services.clients.add(Client(code="", display_name=name))
            clients.search.clear()
            shoot(clients, folder, "clients_literal_names", 900, 560)
            settings = SettingsPage(services, prompter)
            shoot(settings, folder, "settings", 900, 700)
            shoot(settings, folder, "settings_tall", 900, 1500)
            settings.fields["timezone"].input.setCurrentText("Mars/Olympus")
            settings.fields["autolock"].input.setText("0")
            settings.save()
            shoot(settings, folder, "settings_error", 900, 1650)
        finally:
            services.close()


def _hint(widget: QWidget) -> tuple[int, int]:
    hint = widget.sizeHint()
    return hint.width(), hint.height()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
