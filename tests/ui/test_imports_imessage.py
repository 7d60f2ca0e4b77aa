"""Import… with a Messages database: dropped or chosen, previewed, imported once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.ui.imports.dialog import DONE, PREVIEW
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.importers.imessage_files import Chat, ChatDb, Row, chat_db, nanos

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
WHEN = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)  # a Tuesday, 14:00 in Toronto
ZOE, STRANGER = "+14165550142", "+14165559393"


@pytest.fixture
def workspace(qtbot: QtBot, services: Services) -> tuple[Workspace, ScriptedPrompter]:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON",
                                "hours": "mon-fri 09:00-17:00"})  # fmt: skip
    handle = ContactHandle(HandleKind.PHONE, "416-555-0142", "mobile", True)
    services.clients.add(Client(code="ZM1", display_name="Zoë Martin", handles=(handle,)))
    prompter = ScriptedPrompter()
    shown = Workspace(services, prompter)
    qtbot.addWidget(shown)
    shown.resize(1200, 760)
    shown.show()
    return shown, prompter


def test_a_chat_db_previews_then_imports_once(
    qtbot: QtBot, workspace: tuple[Workspace, ScriptedPrompter], services: Services, tmp_path: Path
) -> None:
    shown, prompter = workspace
    zoe = Chat("iMessage;-;" + ZOE, ZOE, (ZOE,))
    stranger = Chat("iMessage;-;" + STRANGER, STRANGER, (STRANGER,))
    path = chat_db(
        tmp_path,
        ChatDb(
            [zoe, stranger],
            [
                Row("U1", nanos(WHEN), ZOE, "Can we move Thursday?", chat=zoe.guid),
                Row(
                    "U2", nanos(WHEN + timedelta(minutes=2)), ZOE, "Sure", mine=True, chat=zoe.guid
                ),
                Row("U3", nanos(WHEN), ZOE, None, chat=zoe.guid, associated_message_type=2001),
                Row("U4", nanos(WHEN), STRANGER, "SECRET-OF-A-STRANGER", chat=stranger.guid),
            ],
        ),
    )
    prompter.open_paths.append(path)
    shown.open_import()
    dialog = shown.import_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.choose.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and found.kind is SourceKind.IMESSAGE
    assert (found.new, found.already, found.others) == (2, 0, 1)
    assert services.events.list() == []
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    assert dialog.outcome.text() == "2 new, 0 already imported, for 1 client."
    assert len(services.events.list()) == 2
