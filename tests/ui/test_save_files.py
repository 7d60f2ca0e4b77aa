"""Where a save dialog opens: Documents, then the folder last used for that kind of file
(kept in the vault, never in the desktop's plaintext settings), never Boundary Desk's own
folders; and "Show in folder" after saving."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.widgets import save_files
from boundary_desk.ui.widgets.desktop_settings import desktop_settings
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.save_files import (
    AGREEMENT,
    EMERGENCY_KIT,
    RECORD,
    REVIEW,
    ask_save_path,
    forget_plaintext_folders,
    offer_show_in_folder,
    start_folder,
)


@pytest.fixture(autouse=True)
def _no_remembered_folders() -> Iterator[None]:
    settings = desktop_settings()
    settings.remove(save_files.FOLDERS_GROUP)
    yield
    settings.remove(save_files.FOLDERS_GROUP)
    settings.sync()


@pytest.fixture
def documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "home" / "Documents"
    folder.mkdir(parents=True)
    monkeypatch.setattr(save_files, "documents_folder", lambda: folder)
    return folder


def ask(
    prompter: ScriptedPrompter, kind: str, answer: Path | None, services: Services, **kw
) -> Path | None:
    prompter.save_paths.append(answer)
    return ask_save_path(
        prompter, None, kind=kind, title="Save", file_name="Doc.pdf", services=services, **kw
    )


def settings_file_text() -> str:
    settings = desktop_settings()
    settings.sync()
    file = Path(settings.fileName())
    return file.read_text(encoding="utf-8", errors="replace") if file.exists() else ""


def suggested(prompter: ScriptedPrompter) -> Path:
    kind, _, where = prompter.asked[-1]
    assert kind == "save_file"
    return Path(where)


def test_the_first_save_opens_in_documents(qtbot, documents: Path, services: Services) -> None:
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, None, services)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_the_folder_is_remembered_for_its_own_kind(
    qtbot, documents: Path, tmp_path: Path, services: Services
) -> None:
    chosen = tmp_path / "supervision"
    chosen.mkdir()
    prompter = ScriptedPrompter()
    assert ask(prompter, REVIEW, chosen / "Week 47", services) == chosen / "Week 47.pdf"

    ask(prompter, REVIEW, None, services)
    assert suggested(prompter) == chosen / "Doc.pdf"
    ask(prompter, AGREEMENT, None, services)  # another kind of file starts where it did
    assert suggested(prompter) == documents / "Doc.pdf"


def test_only_the_folder_is_kept_and_only_in_the_vault(
    qtbot, documents: Path, tmp_path: Path, services: Services
) -> None:
    chosen = tmp_path / "Clients" / "Jane Doe"
    chosen.mkdir(parents=True)
    ask(ScriptedPrompter(), REVIEW, chosen / "Boundary review C-001.pdf", services)
    assert services.save_folders.all() == {REVIEW: str(chosen)}  # no file name, no code
    settings = desktop_settings()
    assert [k for k in settings.allKeys() if save_files.FOLDERS_GROUP in k] == []
    text = settings_file_text()
    assert "Jane" not in text and str(tmp_path) not in text


def test_the_next_dialog_opens_in_the_kept_folder_after_locking_and_unlocking(
    qtbot, documents: Path, tmp_path: Path, location: VaultLocation
) -> None:
    chosen = tmp_path / "records"
    chosen.mkdir()
    services = Services.open(location.create().vault)
    prompter = ScriptedPrompter()
    ask(prompter, RECORD, chosen / "record.pdf", services)
    services.close()

    # Locked: nothing is read or written; the dialog opens in Documents.
    ask(prompter, RECORD, tmp_path / "elsewhere.pdf", services)
    assert suggested(prompter) == documents / "Doc.pdf"
    assert start_folder(RECORD, (), services) == documents

    reopened = Services.open(location.unlock())
    try:
        ask(prompter, RECORD, None, reopened)
        assert suggested(prompter) == chosen / "Doc.pdf"
    finally:
        reopened.close()


def test_without_a_vault_nothing_is_remembered(qtbot, documents: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "kit"
    chosen.mkdir()
    prompter = ScriptedPrompter()
    prompter.save_paths.extend([chosen / "kit.pdf", None])
    ask_save_path(prompter, None, kind=EMERGENCY_KIT, title="Save", file_name="Kit.pdf")
    ask_save_path(prompter, None, kind=EMERGENCY_KIT, title="Save", file_name="Kit.pdf")
    assert suggested(prompter) == documents / "Kit.pdf"
    assert str(tmp_path) not in settings_file_text()


def test_folders_an_older_version_kept_in_plaintext_are_removed(qtbot) -> None:
    settings = desktop_settings()
    settings.setValue(f"{save_files.FOLDERS_GROUP}/{RECORD}", "/home/me/Clients/Jane Doe")
    settings.setValue("window/geometry", b"kept")
    settings.sync()

    forget_plaintext_folders()

    again = desktop_settings()
    assert [k for k in again.allKeys() if k.startswith(save_files.FOLDERS_GROUP)] == []
    assert again.value("window/geometry") is not None  # only the folders go
    assert "Jane Doe" not in settings_file_text()
    again.remove("window/geometry")
    forget_plaintext_folders()  # nothing left to remove: nothing happens


def test_a_cancelled_dialog_remembers_nothing(qtbot, documents: Path, services: Services) -> None:
    prompter = ScriptedPrompter()
    assert ask(prompter, REVIEW, None, services) is None
    ask(prompter, REVIEW, None, services)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_a_folder_since_removed_falls_back_to_documents(
    qtbot, documents: Path, tmp_path: Path, services: Services
) -> None:
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    prompter = ScriptedPrompter()
    ask(prompter, EMERGENCY_KIT, gone / "kit.pdf", services)
    gone.rmdir()
    ask(prompter, EMERGENCY_KIT, None, services)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_never_the_apps_data_folder(qtbot, documents: Path, services: Services) -> None:
    data_dir = services.vault.location.paths.data_dir
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, data_dir / "backups" / "week.pdf", services, avoid=[data_dir])
    ask(prompter, REVIEW, None, services, avoid=[data_dir])
    assert suggested(prompter) == documents / "Doc.pdf"
    assert services.save_folders.all() == {}

    # Nor when a kept folder points there, nor when "Documents" is itself inside it.
    services.save_folders.set(REVIEW, str(data_dir))
    assert start_folder(REVIEW, [data_dir], services) == documents
    assert start_folder(REVIEW, [documents]) == Path.home()


def test_the_default_data_folder_is_avoided_without_being_named(
    qtbot,
    documents: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
) -> None:
    default = tmp_path / "default-data"
    default.mkdir()
    monkeypatch.setenv("BOUNDARY_DESK_DATA_DIR", str(default))
    prompter = ScriptedPrompter()
    ask(prompter, AGREEMENT, default / "a.pdf", services)
    assert start_folder(AGREEMENT, (), services) == documents


def test_an_unknown_kind_is_a_programming_error(qtbot) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        start_folder("notes")


def test_show_in_folder_opens_the_folder_not_the_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(save_files.QDesktopServices, "openUrl", lambda url: opened.append(url))
    saved = tmp_path / "Agreement C-001 v1.pdf"
    saved.write_bytes(b"%PDF")

    offer_show_in_folder(ScriptedPrompter(), None, saved)  # OK: nothing opens
    assert opened == []
    prompter = ScriptedPrompter(show_folders=deque([True]))
    offer_show_in_folder(prompter, None, saved)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]
    assert prompter.messages("saved") == [f"Saved “{saved.name}” in {tmp_path}."]


def test_the_export_from_the_backups_page_remembers_its_folder(
    qtbot, services: Services, documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(save_files.QDesktopServices, "openUrl", lambda url: opened.append(url))
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    prompter = ScriptedPrompter(
        confirms=deque([True, True]),
        save_paths=deque([elsewhere / "first.json", None]),
        show_folders=deque([True]),
    )
    page = BackupsPage(services, prompter)
    qtbot.addWidget(page)

    page.export_button.click()
    assert (elsewhere / "first.json").exists()
    assert [u.toLocalFile() for u in opened] == [str(elsewhere)]
    page.export_button.click()
    assert suggested(prompter).parent == elsewhere
    assert services.save_folders.all() == {save_files.EXPORT: str(elsewhere)}


def test_a_folder_that_is_not_there_is_not_remembered(
    qtbot, documents: Path, tmp_path: Path, services: Services
) -> None:
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, tmp_path / "no-such-folder" / "week.pdf", services)
    ask(prompter, REVIEW, None, services)
    assert suggested(prompter) == documents / "Doc.pdf"
