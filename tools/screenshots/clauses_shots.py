"""The agreement wording page, with one clause edited, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/clauses_shots.py /tmp/shots-clauses
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from boundary_desk.ui.agreements.clauses_page import ClausesPage
from boundary_desk.ui.shell.workspace import Workspace
from tools.screenshots.harness import run, screenshot_session

EDITED = (
    "Between-session contact that takes more than ten minutes is billed at my usual "
    "rate, in fifteen-minute steps. {client_name}, I will always tell you first."
)


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        services = shots.services
        services.clauses.set("billing.yes", EDITED)
        services.clauses.set("intro", "<b>Not bold</b> & {client_name} with {clinician}.")
        workspace = Workspace(services, shots.prompter)
        workspace.show_page("Agreement wording")
        page = workspace.clauses_page
        page.select_clause("billing.yes")
        shots.shoot(workspace, "clauses_workspace", shots.workspace_size)
        page.editor.setPlainText(EDITED + " Dear {client_nmae}.")
        page.save()
        shots.shoot(workspace, "clauses_error", shots.workspace_size)
        page.revert()
        page.select_clause("intro")
        shots.shoot(workspace, "clauses_markup", shots.workspace_size)
        alone = ClausesPage(services, shots.prompter)
        alone.select_clause("social_media")
        alone.editor.setPlainText(services.clauses.clause_set().text("social_media") * 4)
        shots.shoot(alone, "clauses_long_unsaved", shots.page_size)


if __name__ == "__main__":
    run(main)
