"""The Backups page: back up now, failures shown in place, and the guarded export."""

from __future__ import annotations

import json
import stat
from collections import deque
from pathlib import Path

import pytest

from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.stores.export import RISK_WARNING
from boundary_desk.storage.vault.backups import BackupFailed
from boundary_desk.ui.backups.page import SAME_DISK_WARNING, BackupsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter


def open_page(qtbot, services: Services, prompter: ScriptedPrompter | None = None) -> BackupsPage:
    page = BackupsPage(services, prompter or ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    return page


def back_up(qtbot, page: BackupsPage) -> None:
    """Click Back up now and wait for the worker to finish."""
    with qtbot.waitSignal(page.backup_finished, timeout=20_000):
        page.back_up_button.click()


def test_an_empty_folder_lists_nothing_and_offers_no_restore(qtbot, services: Services) -> None:
    page = open_page(qtbot, services)

    assert page.table.topLevelItemCount() == 0
    assert str(services.vault.location.paths.backup_dir) in page.folder.text()
    assert "beside the vault" in page.folder.text()
    assert not page.default_folder_button.isVisible()
    assert not page.message.isVisible()
    assert not page.restore_button.isEnabled()


def test_back_up_now_lists_a_verified_backup(qtbot, services: Services) -> None:
    page = open_page(qtbot, services)

    back_up(qtbot, page)

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

    monkeypatch.setattr(services.vault, "write_backup", fail)
    page = open_page(qtbot, services)

    back_up(qtbot, page)

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
    assert prompter.messages("saved")  # told, and offered Show in folder


def test_an_export_from_the_app_is_in_the_audit_trail_and_anchored(
    qtbot, services: Services, tmp_path: Path
) -> None:
    target = tmp_path / "export.json"
    prompter = ScriptedPrompter(confirms=deque([True]), save_paths=deque([target]))
    page = open_page(qtbot, services, prompter)

    page.export_button.click()

    (last,) = audit.history(services.vault.conn, limit=1)
    assert (last.action, last.details()) == ("export", {"json": str(target)})
    anchored = json.loads(services.vault.location.paths.key_file.read_text())["audit_head"]
    assert anchored["last_id"] == last.id


def test_an_export_that_cannot_be_written_warns(qtbot, services: Services, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "export.json"
    prompter = ScriptedPrompter(confirms=deque([True]), save_paths=deque([target]))
    page = open_page(qtbot, services, prompter)

    page.export_button.click()

    (warning,) = prompter.messages("warn")
    assert "missing" in warning
    assert not target.exists()


def test_restore_asks_with_the_date_and_counts_then_hands_over_the_backup(
    qtbot, services: Services
) -> None:
    from boundary_desk.domain.clients import Client

    services.clients.add(Client(code="", display_name="Robin"))
    made = take_backup(services)
    prompter = ScriptedPrompter(confirms=deque([False, True]))
    page = open_page(qtbot, services, prompter)
    page.table.select(0)
    assert page.restore_button.isEnabled()

    with qtbot.assertNotEmitted(page.restore_requested):
        page.restore_button.click()  # declined: nothing happens
    with qtbot.waitSignal(page.restore_requested) as asked:
        page.restore_button.click()

    assert asked.args == [made.path]
    question = prompter.messages("confirm")[0]
    assert f"{made.created_at.astimezone():%Y-%m-%d}" in question
    assert "1 client and 0 logged contacts" in question
    assert "kept aside, still encrypted" in question


def test_choosing_a_backup_folder_sends_backups_there(
    qtbot, services: Services, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    prompter = ScriptedPrompter(folders=deque([usb, None]))
    page = open_page(qtbot, services, prompter)

    page.change_folder_button.click()
    assert services.settings.load().backup_folder == str(usb)
    assert f"Backup folder: {usb}" == page.folder.text()
    assert page.default_folder_button.isVisible()

    back_up(qtbot, page)
    assert [p.name.startswith("backup-") for p in usb.iterdir()] == [True]
    assert page.table.topLevelItemCount() == 1
    assert not (services.vault.location.paths.backup_dir).exists()

    page.change_folder_button.click()  # cancelled: nothing changes
    assert services.settings.load().backup_folder == str(usb)

    page.default_folder_button.click()
    assert services.settings.load().backup_folder == ""
    assert page.table.topLevelItemCount() == 0
    assert not page.default_folder_button.isVisible()


def test_a_backup_folder_that_cant_be_made_is_a_shown_failure(
    qtbot, services: Services, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "unplugged-drive"
    services.settings.set("backups", str(not_a_folder / "backups"))  # usable when chosen
    not_a_folder.write_text("")  # a file where the drive's folder was: nothing can go under it
    page = open_page(qtbot, services)

    back_up(qtbot, page)

    assert page.message.isVisible()
    assert "The backup failed" in page.message.text()
    assert "can't be used" in page.message.text()
    assert page.table.topLevelItemCount() == 0


def test_a_backup_that_finishes_after_locking_is_left_alone(
    qtbot, location, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    services = Services.open(location.create().vault)
    page = open_page(qtbot, services)
    gate = threading.Event()
    real = services.vault.write_backup

    def slow(dest_dir=None):
        gate.wait(10)
        return real(dest_dir)

    monkeypatch.setattr(services.vault, "write_backup", slow)
    page.back_up_button.click()
    qtbot.waitUntil(page.is_backing_up)
    services.close()  # the vault locks while the backup is still being written
    gate.set()

    with qtbot.assertNotEmitted(page.backup_finished, wait=1000):
        qtbot.waitUntil(lambda: not page.is_backing_up(), timeout=20_000)
