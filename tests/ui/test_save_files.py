"""Where a save dialog opens: Documents, then the folder last used for that kind of file,
never Boundary Desk's own folders; and "Show in folder" after saving."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl

from boundary_desk.services import Services
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.widgets import save_files
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from boundary_desk.ui.widgets.save_files import (
    AGREEMENT,
    EMERGENCY_KIT,
    REVIEW,
    ask_save_path,
    offer_show_in_folder,
    start_folder,
)


@pytest.fixture(autouse=True)
def _no_remembered_folders() -> Iterator[None]:
    settings = QSettings(save_files.SETTINGS_ORG, save_files.SETTINGS_APP)
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


def ask(prompter: ScriptedPrompter, kind: str, answer: Path | None, **kw) -> Path | None:
    prompter.save_paths.append(answer)
    return ask_save_path(prompter, None, kind=kind, title="Save", file_name="Doc.pdf", **kw)


def suggested(prompter: ScriptedPrompter) -> Path:
    kind, _, where = prompter.asked[-1]
    assert kind == "save_file"
    return Path(where)


def test_the_first_save_opens_in_documents(qtbot, documents: Path) -> None:
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, None)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_the_folder_is_remembered_for_its_own_kind(qtbot, documents: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "supervision"
    chosen.mkdir()
    prompter = ScriptedPrompter()
    assert ask(prompter, REVIEW, chosen / "Week 47") == chosen / "Week 47.pdf"  # .pdf added

    ask(prompter, REVIEW, None)
    assert suggested(prompter) == chosen / "Doc.pdf"
    ask(prompter, AGREEMENT, None)  # another kind of file starts where it did
    assert suggested(prompter) == documents / "Doc.pdf"


def test_only_the_folder_is_kept_in_the_settings(qtbot, documents: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "records"
    chosen.mkdir()
    ask(ScriptedPrompter(), REVIEW, chosen / "Boundary review C-001 Jane Doe.pdf")
    settings = QSettings(save_files.SETTINGS_ORG, save_files.SETTINGS_APP)
    settings.beginGroup(save_files.FOLDERS_GROUP)
    kept = {key: settings.value(key) for key in settings.allKeys()}
    assert kept == {REVIEW: str(chosen)}
    assert "Jane" not in str(kept) and "C-001" not in str(kept)


def test_a_cancelled_dialog_remembers_nothing(qtbot, documents: Path) -> None:
    prompter = ScriptedPrompter()
    assert ask(prompter, REVIEW, None) is None
    ask(prompter, REVIEW, None)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_a_folder_since_removed_falls_back_to_documents(
    qtbot, documents: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "usb-stick"
    gone.mkdir()
    prompter = ScriptedPrompter()
    ask(prompter, EMERGENCY_KIT, gone / "kit.pdf")
    gone.rmdir()
    ask(prompter, EMERGENCY_KIT, None)
    assert suggested(prompter) == documents / "Doc.pdf"


def test_never_the_apps_data_folder(qtbot, documents: Path, services: Services) -> None:
    data_dir = services.vault.location.paths.data_dir
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, data_dir / "backups" / "week.pdf", avoid=[data_dir])
    ask(prompter, REVIEW, None, avoid=[data_dir])
    assert suggested(prompter) == documents / "Doc.pdf"

    # Nor when an older setting points there, nor when "Documents" is itself inside it.
    settings = QSettings(save_files.SETTINGS_ORG, save_files.SETTINGS_APP)
    settings.setValue(f"{save_files.FOLDERS_GROUP}/{REVIEW}", str(data_dir))
    assert start_folder(REVIEW, [data_dir]) == documents
    settings.remove(save_files.FOLDERS_GROUP)
    assert start_folder(REVIEW, [documents]) == Path.home()


def test_the_default_data_folder_is_avoided_without_being_named(
    qtbot, documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "default-data"
    default.mkdir()
    monkeypatch.setenv("BOUNDARY_DESK_DATA_DIR", str(default))
    prompter = ScriptedPrompter()
    ask(prompter, AGREEMENT, default / "a.pdf")
    assert start_folder(AGREEMENT) == documents


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


def test_a_folder_that_is_not_there_is_not_remembered(
    qtbot, documents: Path, tmp_path: Path
) -> None:
    prompter = ScriptedPrompter()
    ask(prompter, REVIEW, tmp_path / "no-such-folder" / "week.pdf")
    ask(prompter, REVIEW, None)
    assert suggested(prompter) == documents / "Doc.pdf"
