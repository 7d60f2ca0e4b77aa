"""The replaced-vaults limit in Settings, and a full disk during Back up now, through the app."""

from __future__ import annotations

import sqlcipher3
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.services.backups import chosen_folder
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.settings.page import SECTIONS, SettingsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_settings_page import enter


def test_the_replaced_vaults_limit_is_shown_and_saved(qtbot: QtBot, services: Services) -> None:
    page = SettingsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    assert "replaced" in dict(SECTIONS)["Security and records"]
    assert page.fields["replaced"].text() == "3"

    enter(qtbot, page, "replaced", "0")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "from 1 to 50" in page.fields["replaced"].error.text()
    assert services.settings.load().replaced_kept == 3  # nothing was saved

    enter(qtbot, page, "replaced", "5")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert services.settings.load().replaced_kept == 5


def test_a_full_disk_during_back_up_now_is_one_sentence_not_a_crash(
    qtbot: QtBot, services: Services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from boundary_desk.storage.vault import backups

    def full(*_a: object, **_k: object) -> None:
        raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "export_encrypted_copy", full)
    page = BackupsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()

    with qtbot.waitSignal(page.backup_finished, timeout=20_000) as finished:
        page.back_up_button.click()

    assert finished.args[0] is not None
    assert "is full, so the backup could not be written" in page.message.text()
    assert page.table.topLevelItemCount() == 0
    assert list(chosen_folder(services).iterdir()) == []
