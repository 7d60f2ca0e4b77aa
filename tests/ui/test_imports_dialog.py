"""Import…: from the menus, through the preview, to entries on the timeline; and every way out.

The import use case is the real one, on a real vault; the exports are written here (an
SMS Backup & Restore file with one client's texts among a stranger's) or are the real
samples when they are there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, imports
from boundary_desk.storage.errors import VaultBusy
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.imports import dialog as import_dialog
from boundary_desk.ui.imports.dialog import (
    CANCELLED,
    CHOOSE,
    DAMAGED,
    DONE,
    NOTHING_IMPORTED,
    PREVIEW,
    QUESTIONS,
    READING,
    ImportDialog,
)
from boundary_desk.ui.imports.preview_step import KEEP_TEXT
from boundary_desk.ui.imports.questions_step import NOT_A_CLIENT
from boundary_desk.ui.imports.status_steps import IMPORT_NOTHING
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.importers.telegram_files import account, chat, message
from tests.importers.telegram_files import write as write_json
from tests.importers.whatsapp_files import android, write
from tests.ui.import_files import (
    STRANGER_PHONE,
    STRANGER_TEXTS,
    TORONTO,
    ZOE_PHONE,
    ZOE_TEXTS,
    contact_cards,
    last_week,
    sms_backup,
    truncated,
)

SAMPLES = Path("/work/shared/samples")
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON",
                                "hours": "mon-fri 09:00-17:00"})  # fmt: skip
    return services


@pytest.fixture
def zoe(practice: Services) -> Client:
    handle = ContactHandle(HandleKind.PHONE, ZOE_PHONE, "mobile", True)
    return practice.clients.add(Client(code="", display_name="Zoë Martin", handles=(handle,)))


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    return sms_backup(tmp_path / "sms-20261130.xml", [*ZOE_TEXTS, *STRANGER_TEXTS])


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def workspace(
    qtbot: QtBot, practice: Services, zoe: Client, prompter: ScriptedPrompter
) -> Workspace:
    shown = Workspace(practice, prompter)
    qtbot.addWidget(shown)
    shown.resize(1200, 760)
    shown.show()
    return shown


def opened(workspace: Workspace) -> ImportDialog:
    workspace.open_import()
    dialog = workspace.import_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def preview_of(qtbot: QtBot, dialog: ImportDialog, path: Path) -> imports.ImportPreview:
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert dialog.preview is not None
    return dialog.preview


def table_lines(dialog: ImportDialog) -> list[str]:
    step = dialog.preview_step
    assert step is not None
    lines = []
    found = QTreeWidgetItemIterator(step.table)
    while found.value():
        item = found.value()
        lines.append(
            " | ".join(item.text(c) for c in range(step.table.columnCount()) if item.text(c))
        )
        found += 1
    return lines


def events(services: Services) -> list[object]:
    return list(services.events.list())


# -- the front doors ---------------------------------------------------------------------


def unlocked_window(qtbot: QtBot, location: VaultLocation, prompter: ScriptedPrompter) -> AppWindow:
    window = AppWindow(location, prompter)
    qtbot.addWidget(window)
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)
    return window


@pytest.fixture
def app_location(location: VaultLocation) -> VaultLocation:
    created = location.create()
    services = Services.open(created.vault)
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    handle = ContactHandle(HandleKind.PHONE, ZOE_PHONE, "mobile", True)
    services.clients.add(Client(code="", display_name="Zoë Martin", handles=(handle,)))
    services.close()
    return location


def test_the_file_menu_and_the_client_list_open_the_same_import(
    qtbot: QtBot, app_location: VaultLocation
) -> None:
    window = unlocked_window(qtbot, app_location, ScriptedPrompter())
    (file_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert window.import_action in file_menu.actions()
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    window.import_action.trigger()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    first = workspace.import_dialog
    assert first is not None and first.isVisible()
    workspace.clients_page.import_button.click()
    assert workspace.import_dialog is first  # brought forward, not a second one
    first.close()
    qtbot.waitUntil(lambda: workspace.import_dialog is None)
    workspace.clients_page.import_button.click()
    assert isinstance(workspace.import_dialog, ImportDialog)


def test_import_waits_for_an_unlocked_writable_vault(
    qtbot: QtBot, app_location: VaultLocation
) -> None:
    window = unlocked_window(qtbot, app_location, ScriptedPrompter())
    assert window.import_action.isEnabled()
    window.lock()
    assert not window.import_action.isEnabled()


# -- choose, preview, import ---------------------------------------------------------------


def test_a_backup_previews_then_imports_once_and_the_timeline_shows_it(
    qtbot: QtBot,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    practice: Services,
    zoe: Client,
    backup: Path,
) -> None:
    prompter.open_paths.append(backup)
    dialog = opened(workspace)
    qtbot.mouseClick(dialog.choose.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and (found.new, found.already) == (3, 0)
    lines = table_lines(dialog)
    assert lines[0].startswith(f"Zoë Martin ({zoe.code}): 3 new, 0 already imported")
    assert "after hours" in lines[0]
    assert any("Can we move Thursday?" in line for line in lines)
    assert any("⚠ Contact after hours" in line for line in lines)
    assert events(practice) == []  # nothing is written before Import
    assert not dialog.preview_step.keep_text.isChecked()  # the summary only, by default

    workspace.show_page("Timeline")  # open behind the import, as the clinician left it
    timeline = workspace.timeline_page
    assert timeline.model.entries() == []
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    assert dialog.outcome.text() == "3 new, 0 already imported, for 1 client."
    assert len(events(practice)) == 3
    summaries = [e.event.summary for e in timeline.model.entries()]  # shown at once
    assert "Can we move Thursday?" in summaries
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)  # Close
    assert not dialog.isVisible()

    again = opened(workspace)
    found = preview_of(qtbot, again, backup)
    assert (found.new, found.already) == (0, 3)
    assert table_lines(again)[0].startswith(f"Zoë Martin ({zoe.code}): 0 new, 3 already imported")
    assert not again.next_button.isEnabled()  # nothing to import
    assert len(events(practice)) == 3


def test_a_dropped_file_is_read_as_a_chosen_one(
    qtbot: QtBot, workspace: Workspace, backup: Path, tmp_path: Path
) -> None:
    dialog = opened(workspace)

    kept: list[QMimeData] = []  # an event doesn't own its data: keep it alive

    def dragged(*paths: Path) -> tuple[QDragEnterEvent, QDropEvent]:
        mime = QMimeData()
        kept.append(mime)
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        where, copy = QPoint(20, 20), Qt.DropAction.CopyAction
        buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        return (QDragEnterEvent(where, copy, mime, buttons, keys),
                QDropEvent(QPointF(where), copy, mime, buttons, keys))  # fmt: skip

    enter, _drop = dragged(backup, tmp_path)  # two things at once: refused
    dialog.dragEnterEvent(enter)
    assert not enter.isAccepted()
    enter, drop = dragged(backup)
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    dialog.dropEvent(drop)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert dialog.path == backup


def test_a_dropped_telegram_export_folder_is_previewed(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "ChatExport_2026-11-10"
    folder.mkdir()
    said = message(1, 1_794_300_000, "Zoë Martin", 2002, "SECRET-ZOE hello")
    document = account(chat("Zoë Martin", "personal_chat", 2002, said),
                       phones=(("Zoë", "Martin", ZOE_PHONE),))  # fmt: skip
    write_json(folder / "result.json", document)
    dialog = opened(workspace)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    where, copy = QPoint(20, 20), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, copy, mime, buttons, keys)
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    dialog.dropEvent(QDropEvent(QPointF(where), copy, mime, buttons, keys))
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert dialog.path == folder and dialog.preview is not None
    assert [(c.name, c.new) for c in dialog.preview.clients] == [("Zoë Martin", 1)]


def test_a_wrong_file_is_refused_in_the_use_cases_sentence(
    qtbot: QtBot, workspace: Workspace, practice: Services, tmp_path: Path
) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("Shopping: milk, bread\n")
    with pytest.raises(UserFacingError) as refused:
        imports.questions(practice, wrong)
    dialog = opened(workspace)
    dialog.open_file(wrong)
    qtbot.waitUntil(lambda: dialog.step() == CHOOSE and dialog.choose.error.isVisible())
    assert dialog.choose.error.text() == refused.value.message
    assert "Traceback" not in dialog.choose.error.text()
    assert events(practice) == []


def test_a_damaged_backup_imports_its_whole_records_or_nothing(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path, tmp_path: Path
) -> None:
    damaged = truncated(tmp_path / "sms-cut.xml", backup, keep=0.6)
    with pytest.raises(imports.BrokenFile) as refused:  # what the dialog tells a damaged file by
        imports.preview(practice, damaged, imports.ImportChoices())
    dialog = opened(workspace)
    dialog.open_file(damaged)
    qtbot.waitUntil(lambda: dialog.step() == DAMAGED, timeout=10_000)
    assert dialog.damage.text() == refused.value.message
    assert dialog.nothing_button.text() == IMPORT_NOTHING
    qtbot.mouseClick(dialog.nothing_button, Qt.MouseButton.LeftButton)
    assert dialog.step() == CHOOSE and dialog.note.text() == NOTHING_IMPORTED
    assert events(practice) == []

    dialog.open_file(damaged)
    qtbot.waitUntil(lambda: dialog.step() == DAMAGED, timeout=10_000)
    whole = refused.value.records_read
    assert dialog.whole_button.text() == f"Import the {whole} whole records"
    qtbot.mouseClick(dialog.whole_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and found.damage and found.new == whole == 3  # Zoë's come first
    step = dialog.preview_step
    assert step is not None and step.damage.isVisible() and found.damage in step.damage.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    assert len(events(practice)) == found.new


def test_a_handle_seen_often_can_be_added_to_a_client_and_is_then_previewed(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, backup: Path
) -> None:
    dialog = opened(workspace)
    found = preview_of(qtbot, dialog, backup)
    assert [(u.count) for u in found.unmatched] == [4]
    step = dialog.preview_step
    assert step is not None
    (add,) = step.add_buttons
    (to_zoe,) = [a for a in add.menu().actions() if a.text() == f"Zoë Martin ({zoe.code})"]
    to_zoe.trigger()
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW and dialog.preview is not found)
    assert dialog.preview is not None and dialog.preview.new == 7
    assert dialog.preview.unmatched == ()
    handles = practice.clients.get(zoe.id).handles
    assert any(STRANGER_PHONE[-4:] in h.value for h in handles)


# -- cancelling, closing and locking mid-way ----------------------------------------------


@pytest.fixture
def held_reading(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The real preview, held at its first progress report until the test lets it go."""
    reading, release = threading.Event(), threading.Event()
    real = imports.preview

    def held(services: Services, path: Path, choices: imports.ImportChoices, *,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> imports.ImportPreview:  # fmt: skip
        def report(done: int, total: int) -> None:
            reading.set()
            while not release.is_set() and not (cancelled and cancelled()):
                release.wait(0.005)
            if progress is not None:
                progress(done, total)

        report(0, 0)
        return real(services, path, choices, progress=report, cancelled=cancelled)

    monkeypatch.setattr(import_dialog.imports, "preview", held)
    yield reading
    release.set()


def readings_ended(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not any(t.name == "import-reading" for t in threading.enumerate()))
    QApplication.processEvents()


def test_cancel_stops_the_reading_and_leaves_nothing(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path,
    held_reading: threading.Event,
) -> None:  # fmt: skip
    dialog = opened(workspace)
    dialog.open_file(backup)
    qtbot.waitUntil(held_reading.is_set, timeout=10_000)
    assert dialog.step() == READING and dialog.progress.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.step() == CHOOSE and dialog.note.text() == CANCELLED
    readings_ended(qtbot)
    assert dialog.preview is None and dialog.step() == CHOOSE
    assert events(practice) == []


def test_closing_mid_way_stops_the_reading(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path,
    held_reading: threading.Event,
) -> None:  # fmt: skip
    dialog = opened(workspace)
    dialog.open_file(backup)
    qtbot.waitUntil(held_reading.is_set, timeout=10_000)
    dialog.close()
    assert not any(t.name == "import-reading" for t in threading.enumerate())  # waited for
    assert events(practice) == []


def test_the_vault_locking_mid_way_stops_the_reading_before_it_closes(
    qtbot: QtBot, app_location: VaultLocation, tmp_path: Path, held_reading: threading.Event
) -> None:
    backup = sms_backup(tmp_path / "sms.xml", ZOE_TEXTS)
    window = unlocked_window(qtbot, app_location, ScriptedPrompter())
    window.import_action.trigger()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace) and workspace.import_dialog is not None
    workspace.import_dialog.open_file(backup)
    qtbot.waitUntil(held_reading.is_set, timeout=10_000)
    window.lock()
    assert window.is_locked
    assert not any(t.name == "import-reading" for t in threading.enumerate())
    reopened = Services.open(app_location.unlock())
    try:
        assert list(reopened.events.list()) == []
    finally:
        reopened.close()


# -- the real samples --------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared sample exports are not here")
def test_a_real_backup_previews_its_client_and_counts_the_rest(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client
) -> None:
    sample = SAMPLES / "sms" / "devadvance__sms-backup-reader-2__sample_small.xml"
    handle = ContactHandle(HandleKind.PHONE, "+1 555 000 0001")
    practice.clients.update(replace(zoe, handles=(*zoe.handles, handle)))
    dialog = opened(workspace)
    found = preview_of(qtbot, dialog, sample)
    assert found.new == 4  # three texts and an MMS with +1 555 000 0001
    assert table_lines(dialog)[0].startswith(f"Zoë Martin ({zoe.code}): 4 new")


def test_keep_text_is_explained(qtbot: QtBot, workspace: Workspace, backup: Path) -> None:
    dialog = opened(workspace)
    preview_of(qtbot, dialog, backup)
    step = dialog.preview_step
    assert step is not None and step.keep_text.text() == KEEP_TEXT


# -- contact cards -----------------------------------------------------------------------


def test_contact_cards_ask_whose_each_card_is_then_add_their_details(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    cards = contact_cards(tmp_path / "contacts.vcf")
    dialog = opened(workspace)
    dialog.open_file(cards)
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    asked = dialog.questions
    assert asked is not None and list(asked.ties) == ["Zoë Martin", "Robin Stranger"]  # every card
    assert asked.ties["Zoë Martin"].currentData() == zoe.code  # suggested by the name
    assert asked.ties["Robin Stranger"].currentText() == NOT_A_CLIENT

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW and dialog.preview.new == 1, timeout=10_000)
    assert table_lines(dialog) == [
        f"Zoë Martin ({zoe.code}): 1 contact detail to add, 1 already there"
    ]
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)  # the answers stay
    assert dialog.step() == QUESTIONS and asked.ties["Zoë Martin"].currentData() == zoe.code
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert dialog.outcome.text() == "1 new, 1 already imported, for 1 client."
    emails = [h.value for h in practice.clients.get(zoe.id).handles if h.kind is HandleKind.EMAIL]
    assert emails == ["zoe.martin@example.org"]
    assert events(practice) == []  # cards add contact details, never entries


def test_a_card_named_like_a_client_said_not_to_be_one_adds_nothing(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    cards = contact_cards(tmp_path / "contacts.vcf")
    dialog = opened(workspace)
    dialog.open_file(cards)
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    asked = dialog.questions
    assert asked is not None
    asked.ties["Zoë Martin"].setCurrentText(NOT_A_CLIENT)
    asked.ties["Robin Stranger"].setCurrentIndex(asked.ties["Robin Stranger"].findData(zoe.code))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and [(c.code, c.new) for c in found.clients] == [(zoe.code, 1)]
    assert dialog.preview_step is not None
    assert dialog.preview_step.summary.text() == found.sentence()  # the use case's own words
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    handles = [h.value for h in practice.clients.get(zoe.id).handles]
    assert handles == [ZOE_PHONE, STRANGER_PHONE]  # the stranger's number; not Zoë's e-mail


def test_a_chat_participant_left_as_not_a_client_is_not_matched_by_a_clients_name(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    social = ContactHandle(HandleKind.SOCIAL, "Zoë Martin")  # her WhatsApp name
    practice.clients.update(replace(zoe, handles=(*zoe.handles, social)))
    chat = [
        ("24/11/2026", "22:05", "Zoë Martin", "Are we still on?"),
        ("24/11/2026", "22:40", "Alex Rivera", "Yes"),
    ]
    path = write(tmp_path, android(chat))
    dialog = opened(workspace)
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    asked = dialog.questions
    assert asked is not None
    asked.me.setCurrentText("Alex Rivera")
    asked.ties["Zoë Martin"].setCurrentText(NOT_A_CLIENT)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and found.clients == () and found.others == 2
    assert not dialog.next_button.isEnabled()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared sample exports are not here")
def test_a_real_whatsapp_chat_asks_who_is_who_then_imports_the_clients_messages(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client
) -> None:
    chat = SAMPLES / "whatsapp" / "lucasrodes__whatstk__pokemon.txt"
    dialog = opened(workspace)
    dialog.open_file(chat)
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    asked = dialog.questions
    assert asked is not None and "Misty" in asked.ties and asked.zone.isVisible()
    assert asked.zone.value() == "America/Toronto"
    assert not dialog.next_button.isEnabled()  # which one is you, first
    asked.me.setCurrentText("Ash Ketchum")
    assert dialog.next_button.isEnabled() and not asked.ties["Ash Ketchum"].isVisible()
    asked.ties["Misty"].setCurrentIndex(asked.ties["Misty"].findData(zoe.code))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None and found.new > 0
    assert [c.code for c in found.clients] == [zoe.code]
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    assert len(events(practice)) == found.new


def test_a_partial_match_is_imported_only_once_confirmed_and_full_text_on_request(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    local = [
        (when, "555-0142", 1, f"Running late {n}") for n, (when, *_rest) in enumerate(ZOE_TEXTS)
    ]
    backup = sms_backup(tmp_path / "sms.xml", local)
    dialog = opened(workspace)
    found = preview_of(qtbot, dialog, backup)
    assert found.new == 0 and len(found.partial) == 1  # never matched silently
    step = dialog.preview_step
    assert step is not None
    (box,) = step.partial_boxes
    assert box.text() == f"555-0142 could be Zoë Martin ({zoe.code}): 3 messages"
    assert not box.isChecked() and not dialog.next_button.isEnabled()
    box.setChecked(True)
    qtbot.waitUntil(
        lambda: dialog.step() == PREVIEW and dialog.preview is not found, timeout=10_000
    )
    confirmed = dialog.preview
    assert confirmed is not None and confirmed.new == 3 and not confirmed.keep_text
    step = dialog.preview_step
    assert step is not None and not step.keep_text.isChecked()
    step.keep_text.setChecked(True)
    qtbot.waitUntil(
        lambda: dialog.step() == PREVIEW and dialog.preview is not confirmed, timeout=10_000
    )
    kept = dialog.preview
    assert kept is not None and kept.keep_text and kept.new == 3
    assert dialog.preview_step is not None and dialog.preview_step.keep_text.isChecked()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert dialog.outcome.text() == "3 new, 0 already imported, for 1 client."


def test_a_refused_import_is_said_in_its_sentence_and_can_be_tried_again(
    qtbot: QtBot,
    workspace: Workspace,
    practice: Services,
    backup: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = opened(workspace)
    preview_of(qtbot, dialog, backup)
    real = imports.commit

    def busy(
        services: Services, shown: imports.ImportPreview, **_progress: object
    ) -> imports.ImportResult:
        raise VaultBusy("Another Boundary Desk is writing to the vault; try again.")

    monkeypatch.setattr(import_dialog.imports, "commit", busy)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.step() == PREVIEW
    assert dialog.error.text() == "Another Boundary Desk is writing to the vault; try again."
    assert events(practice) == []
    monkeypatch.setattr(import_dialog.imports, "commit", real)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE and len(events(practice)) == 3


def test_the_weekly_review_open_behind_the_import_counts_what_it_added(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path
) -> None:
    workspace.show_page("Weekly review")
    review = workspace.review_page
    review.show_week(Week.of(ZOE_TEXTS[0][0], TORONTO))
    assert review.review is not None and review.review.figures.contacts == 0
    dialog = opened(workspace)
    (zoes,) = preview_of(qtbot, dialog, backup).clients
    assert zoes.after_hours >= 1  # Friday at 22:40 (a holiday adds more)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)  # written off the GUI thread
    assert dialog.step() == DONE
    assert review.review is not None
    figures = review.review.figures
    assert (figures.contacts, figures.after_hours) == (3, zoes.after_hours)


@pytest.fixture
def held_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The real commit, held at its first progress report until the test sets `release`:
    (writing, release)."""
    writing, release = threading.Event(), threading.Event()
    real = imports.commit

    def held(
        services: Services,
        shown: imports.ImportPreview,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> imports.ImportResult:
        def report(done: int, total: int) -> None:
            writing.set()
            release.wait(10)
            if progress is not None:
                progress(done, total)

        report(0, shown.new)
        return real(services, shown, progress=report)

    monkeypatch.setattr(import_dialog.imports, "commit", held)
    yield writing, release
    release.set()


def test_the_import_writes_off_the_gui_thread_and_cannot_be_closed_half_way(
    qtbot: QtBot, workspace: Workspace, practice: Services, backup: Path,
    held_commit: tuple[threading.Event, threading.Event],
) -> None:  # fmt: skip
    writing, release = held_commit
    dialog = opened(workspace)
    preview_of(qtbot, dialog, backup)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(writing.is_set, timeout=10_000)
    assert dialog.step() == READING and dialog.heading.text() == import_dialog.IMPORTING
    assert dialog.progress.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.is_committing() and dialog.isModal()
    dialog.reject()  # Escape, or Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.note.text() == import_dialog.STILL_IMPORTING
    assert events(practice) == []  # one transaction, not yet committed
    release.set()
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    assert dialog.outcome.text() == "3 new, 0 already imported, for 1 client."
    assert not dialog.isModal() and len(events(practice)) == 3


def test_the_vault_locking_mid_import_waits_for_the_whole_import(
    qtbot: QtBot, app_location: VaultLocation, tmp_path: Path,
    held_commit: tuple[threading.Event, threading.Event],
) -> None:  # fmt: skip
    writing, release = held_commit
    backup = sms_backup(tmp_path / "sms.xml", ZOE_TEXTS)
    window = unlocked_window(qtbot, app_location, ScriptedPrompter())
    window.import_action.trigger()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace) and workspace.import_dialog is not None
    dialog = workspace.import_dialog
    preview_of(qtbot, dialog, backup)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(writing.is_set, timeout=10_000)
    threading.Timer(0.3, release.set).start()  # the commit goes on while the lock waits
    window.lock()
    assert window.is_locked
    assert not any(t.name == "import-reading" for t in threading.enumerate())
    reopened = Services.open(app_location.unlock())
    try:
        assert len(list(reopened.events.list())) == 3  # all of it, never half
    finally:
        reopened.close()


def test_a_telegram_group_export_asks_which_participant_is_you_then_imports(
    qtbot: QtBot, workspace: Workspace, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    # One group exported alone: no personal_information, so nothing says who the owner is.
    when = int(last_week(1, 11).timestamp())
    group = chat(
        "Parents' group",
        "private_group",
        5005,
        message(1, when, "Zoë Martin", 2002, "SECRET-ZOE question"),
        message(2, when + 60, "Dana Clinician", 1001, "answered in session"),
        message(3, when + 120, "Sam Other", 3003, "SECRET-SAM hello"),
    )
    path = write_json(tmp_path / "result.json", {"name": "Parents' group", **group})
    dialog = opened(workspace)
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == QUESTIONS, timeout=10_000)
    asked = dialog.questions
    assert asked is not None and asked.me.isVisible()
    assert [asked.me.itemText(i) for i in range(asked.me.count())] == [
        "Zoë Martin",
        "Dana Clinician",
        "Sam Other",
    ]
    assert asked.me.currentIndex() == -1 and not dialog.next_button.isEnabled()
    assert not asked.zone.isVisible() and not asked.date_order.isVisible()  # instants in UTC
    assert asked.ties["Zoë Martin"].currentData() == zoe.code  # suggested by the name
    asked.me.setCurrentText("Dana Clinician")
    assert dialog.next_button.isEnabled() and not asked.ties["Dana Clinician"].isVisible()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    found = dialog.preview
    assert found is not None
    assert [(c.code, c.new) for c in found.clients] == [(zoe.code, 2)]  # hers, and the reply
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step() == DONE, timeout=10_000)
    written = sorted(practice.events.list(), key=lambda e: e.occurred_at)
    assert [e.direction.value for e in written] == ["in", "out"]


def test_a_whole_telegram_account_names_its_owner_and_asks_nothing(
    qtbot: QtBot, workspace: Workspace, zoe: Client, tmp_path: Path
) -> None:
    when = int(last_week(1, 11).timestamp())
    said = message(1, when, "Zoë Martin", 2002, "hello")
    group = chat("Group", "private_group", 5005, message(2, when, "Sam Other", 3003, "hi"))
    path = write_json(tmp_path / "result.json", account(chat("Zoë Martin", "personal_chat",
                      2002, said), group, phones=(("Zoë", "Martin", ZOE_PHONE),)))  # fmt: skip
    dialog = opened(workspace)
    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    assert dialog.questions is None
