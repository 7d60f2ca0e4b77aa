"""The Backups page: back up now, failures shown in place, and the guarded export."""

from __future__ import annotations

import json
import stat
from collections import deque
from pathlib import Path

import pytest

from boundary_desk.services import Services
from boundary_desk.storage.backups import BackupFailed
from boundary_desk.storage.export import RISK_WARNING
from boundary_desk.ui.backups_page import RESTORE_NOTE, SAME_DISK_WARNING, BackupsPage
from boundary_desk.ui.dialogs import ScriptedPrompter


def open_page(qtbot, services: Services, prompter: ScriptedPrompter | None = None) -> BackupsPage:
    page = BackupsPage(services, prompter or ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    return page


def test_an_empty_folder_lists_nothing_and_explains_restore(qtbot, services: Services) -> None:
    page = open_page(qtbot, services)

    assert page.table.topLevelItemCount() == 0
    assert str(services.vault.location.paths.backup_dir) in page.folder.text()
    assert not page.message.isVisible()
    texts = [w.text() for w in page.findChildren(type(page.folder))]
    assert RESTORE_NOTE in texts


def test_back_up_now_lists_a_verified_backup(qtbot, services: Services) -> None:
    page = open_page(qtbot, services)

    page.back_up_button.click()

    assert page.table.topLevelItemCount() == 1
    row = page.table.topLevelItem(0)
    assert row.text(1) == "0"  # no clients yet
    assert row.text(3) == "✓"
    assert page.done.isVisible()
    assert not page.message.isVisible()
    # The default folder lives beside the vault: one disk failure would take both.
    assert page.disk_warning.isVisible()
    assert page.disk_warning.text() == SAME_DISK_WARNING


def test_a_failed_backup_is_shown(
    qtbot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(dest_dir=None):
        raise BackupFailed("The backup folder is full.")

    monkeypatch.setattr(services.vault, "backup", fail)
    page = open_page(qtbot, services)

    page.back_up_button.click()

    assert page.message.isVisible()
    assert "The backup folder is full." in page.message.text()
    assert not page.done.isVisible()
    assert page.table.topLevelItemCount() == 0


def test_declining_the_export_writes_nothing(qtbot, services: Services, tmp_path: Path) -> None:
    prompter = ScriptedPrompter(confirms=deque([False]))
    page = open_page(qtbot, services, prompter)

    page.export_button.click()

    (question,) = prompter.messages("confirm")
    assert RISK_WARNING in question
    assert not any(kind == "save_file" for kind, _, _ in prompter.asked)
    assert list(tmp_path.glob("*.json")) == []


def test_an_accepted_export_is_private(qtbot, services: Services, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    prompter = ScriptedPrompter(confirms=deque([True]), save_paths=deque([target]))
    page = open_page(qtbot, services, prompter)

    page.export_button.click()

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["format"] == "boundary-desk-export"
    assert prompter.messages("inform")


def test_an_export_that_cannot_be_written_warns(qtbot, services: Services, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "export.json"
    prompter = ScriptedPrompter(confirms=deque([True]), save_paths=deque([target]))
    page = open_page(qtbot, services, prompter)

    page.export_button.click()

    (warning,) = prompter.messages("warn")
    assert "missing" in warning
    assert not target.exists()
