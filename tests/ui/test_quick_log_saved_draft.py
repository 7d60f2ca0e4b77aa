"""Saving a quick-log entry and clearing its draft land together: never a duplicate entry.

A kill between the two used to keep the saved entry as a draft too; saving that draft
again logged the contact twice. The kill here is real (a child process dies with
os._exit at the moment the draft is cleared) and also simulated in this process.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.quick_log.window import DRAFT_NAME, QuickLogDialog
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import PASSPHRASE
from tests.ui.test_quick_log import contact_form

SUMMARY = "Asked to move Monday's session"

# The child: restores the draft in a quick log, then dies as the draft is cleared.
DIES_WHILE_SAVING = """
import os, sys
from PySide6.QtWidgets import QApplication
from boundary_desk.app import make_location
from boundary_desk.services import Services
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.quick_log.window import QuickLogDialog

app = QApplication([])
vault = make_location(sys.argv[1]).unlock(passphrase=os.environ["BOUNDARY_DESK_PASSPHRASE"])
services = Services.open(vault)
dialog = QuickLogDialog(services, ScriptedPrompter())
assert dialog.restored.isVisibleTo(dialog)
services.drafts.clear = lambda name: os._exit(9)
dialog.save()
os._exit(0)
"""


class Killed(BaseException):
    """Stands in for the process dying: no `except Exception` stops it."""


def open_dialog(qtbot: QtBot, services: Services) -> QuickLogDialog:
    dialog = QuickLogDialog(services, ScriptedPrompter())
    qtbot.addWidget(dialog)
    return dialog


def leave_a_draft(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    dialog.client_field.set_client(services.clients.find("AL1"))
    contact_form(dialog).summary.setPlainText(SUMMARY)
    dialog.reject()  # Esc: kept as a draft
    assert services.drafts.load(DRAFT_NAME) is not None


def save_the_restored_draft(qtbot: QtBot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    assert dialog.restored.isVisibleTo(dialog)
    assert contact_form(dialog).summary.toPlainText() == SUMMARY
    dialog.save()
    assert dialog.saved is not None


@pytest.fixture
def vault(location: VaultLocation) -> VaultLocation:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    services.close()
    return location


def test_a_kill_while_saving_never_leaves_the_entry_saved_and_drafted(
    qtbot: QtBot, vault: VaultLocation
) -> None:
    services = Services.open(vault.unlock(passphrase=PASSPHRASE))
    leave_a_draft(qtbot, services)
    services.close()
    env = dict(os.environ, BOUNDARY_DESK_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run(
        [sys.executable, "-c", DIES_WHILE_SAVING, str(vault.paths.data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 9, child.stderr

    services = Services.open(vault.unlock(passphrase=PASSPHRASE))
    # Not saved, so still a draft: the whole save was undone with the draft's clearing.
    assert services.events.list() == []
    save_the_restored_draft(qtbot, services)
    assert [e.summary for e in services.events.list()] == [SUMMARY]  # once, not twice
    assert services.drafts.load(DRAFT_NAME) is None
    services.close()


def test_a_save_that_fails_as_the_draft_clears_saves_nothing(
    qtbot: QtBot, vault: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(vault.unlock(passphrase=PASSPHRASE))
    leave_a_draft(qtbot, services)
    dialog = open_dialog(qtbot, services)

    def die(name: str) -> None:
        raise Killed

    monkeypatch.setattr(services.drafts, "clear", die)
    with pytest.raises(Killed):
        dialog.save()
    monkeypatch.undo()

    assert services.events.list() == []
    assert services.drafts.load(DRAFT_NAME) is not None
    save_the_restored_draft(qtbot, services)
    assert len(services.events.list()) == 1
    assert services.drafts.load(DRAFT_NAME) is None
    services.close()
