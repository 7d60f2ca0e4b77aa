"""No page or import step leaves a wrapper on a layout item Qt has deleted.

Every page of the workspace, and the Import… screen at each of its steps, is made
narrow and wide twice (its panes stacking and going side by side again), and then no
layout of it may hold a Python wrapper for an item that is in none of its layouts: such
a wrapper, left at a freed address, once crashed the app (see test_layout_moves).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.imports.dialog import CHOOSE, DAMAGED, DONE, PREVIEW, QUESTIONS
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.import_files import (
    STRANGER_TEXTS,
    ZOE_PHONE,
    ZOE_TEXTS,
    contact_cards,
    sms_backup,
    truncated,
)
from tests.ui.test_layout_moves import stale_item_wrappers

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
NARROW, WIDE = 700, 1366


@pytest.fixture
def workspace(qtbot: QtBot, services: Services) -> Workspace:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    handle = ContactHandle(HandleKind.PHONE, ZOE_PHONE, "mobile", True)
    services.clients.add(Client(code="", display_name="Zoë Martin", handles=(handle,)))
    shown = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(shown)
    shown.resize(WIDE, 760)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def narrow_and_wide_twice(widget: QWidget) -> list[str]:
    """The stale wrappers found after each resize, named by the width that left them."""
    found = []
    for width in (NARROW, WIDE) * 2:
        widget.resize(QSize(width, widget.height()))
        QApplication.processEvents()
        assert (widget.width() < WIDE) is (width == NARROW)  # as narrow as it can be made
        found += [f"{width} px: {stale}" for stale in stale_item_wrappers(widget)]
    return found


def test_every_page_of_the_workspace_narrow_and_wide(workspace: Workspace) -> None:
    for row in range(workspace.nav.count()):
        name = workspace.nav.item(row).text()
        workspace.show_page(name)
        QApplication.processEvents()
        assert narrow_and_wide_twice(workspace) == [], name
    assert workspace.pages.currentIndex() == workspace.nav.count() - 1  # each was shown


def test_the_import_screen_at_each_step_narrow_and_wide(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    backup = sms_backup(tmp_path / "sms-20261130.xml", [*ZOE_TEXTS, *STRANGER_TEXTS])
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None and dialog.step() == CHOOSE
    assert narrow_and_wide_twice(dialog) == [], "choose"

    def reach(step: int, name: str) -> None:
        qtbot.waitUntil(lambda: dialog.step() == step, timeout=10_000)
        assert narrow_and_wide_twice(dialog) == [], name
        assert stale_item_wrappers(workspace) == [], name

    dialog.open_file(backup)
    reach(PREVIEW, "preview")
    dialog.go_on()  # Import
    reach(DONE, "imported")
    dialog.open_file(backup)
    reach(PREVIEW, "preview again")
    dialog.open_file(truncated(tmp_path / "sms-cut.xml", backup, keep=0.6))
    reach(DAMAGED, "damaged")
    dialog.import_whole_records()
    reach(PREVIEW, "preview of the whole records")
    dialog.open_file(contact_cards(tmp_path / "contacts.vcf"))
    reach(QUESTIONS, "questions")
    dialog.go_on()
    reach(PREVIEW, "preview of the cards")
