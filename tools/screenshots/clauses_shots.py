"""Render the agreement wording page, with one clause edited, to PNGs for a look.

Not a test. Run under Xvfb so real fonts and the app style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tools/screenshots/clauses_shots.py /tmp/shots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from tests.fakes import MemoryKeychain

from boundary_desk.services import Services
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.agreements.clauses_page import ClausesPage
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.style import apply_style

EDITED = (
    "Between-session contact that takes more than ten minutes is billed at my usual "
    "rate, in fifteen-minute steps. {client_name}, I will always tell you first."
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
            services.settings.set_many(
                {
                    "clinician": "Dr. Jo Rivera",
                    "practice": "Harbourview Counselling",
                    "region": "CA-ON",
                    "timezone": "America/Toronto",
                }
            )
            services.clauses.set("billing.yes", EDITED)
            services.clauses.set("intro", "<b>Not bold</b> & {client_name} with {clinician}.")
            workspace = Workspace(services, ScriptedPrompter())
            workspace.show_page("Agreement wording")
            page = workspace.clauses_page
            page.select_clause("billing.yes")
            shoot(workspace, folder, "clauses_workspace", 1280, 860)
            page.editor.setPlainText(EDITED + " Dear {client_nmae}.")
            page.save()
            shoot(workspace, folder, "clauses_error", 1280, 860)
            page.revert()
            page.select_clause("intro")
            QApplication.processEvents()
            shoot(workspace, folder, "clauses_markup", 1280, 860)
            alone = ClausesPage(services, ScriptedPrompter())
            alone.select_clause("social_media")
            alone.editor.setPlainText(services.clauses.clause_set().text("social_media") * 4)
            shoot(alone, folder, "clauses_long_unsaved", 1000, 700)
            # Delete the windows now: PySide's own clean-up at exit sometimes crashes on them.
            for window in (workspace, alone):
                shiboken6.delete(window)
        finally:
            services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
