"""The import's first step: the file chooser, dropping a file, and how to make each export."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from pytestqt.qtbot import QtBot

from boundary_desk.domain.vocabulary.import_help import EXPORT_HELP
from boundary_desk.services import Services
from boundary_desk.ui.imports.choose_step import ChooseStep, ask_export_path, dropped_file
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.importers.gvoice_files import takeout
from tests.importers.meta_files import write_tree
from tests.importers.meta_layouts import LAYOUTS
from tests.importers.telegram_files import account, chat, message
from tests.importers.telegram_files import write as write_json


def test_each_source_in_the_list_shows_its_steps(qtbot: QtBot) -> None:
    step = ChooseStep()
    qtbot.addWidget(step)
    sources = step.help
    assert [sources.source_name(i) for i in range(sources.count())] == [
        h.short for h in EXPORT_HELP
    ]
    for index, help_ in enumerate(EXPORT_HELP):
        sources.picker.setCurrentIndex(index)  # as a person picks it from the list
        shown = sources.shown_text()
        assert shown.startswith(help_.source)
        for number, words in enumerate(help_.steps, 1):
            assert f"{number}. {words}" in shown


def test_a_problem_is_shown_in_its_sentence_and_cleared(qtbot: QtBot) -> None:
    step = ChooseStep()
    qtbot.addWidget(step)
    step.show()
    step.show_problem("This file is a PDF document.")
    assert step.error.isVisible() and step.error.text() == "This file is a PDF document."
    step.show_problem("")
    assert not step.error.isVisible()


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_one_dropped_file_is_taken_and_anything_else_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "sms.xml", tmp_path / "calls.xml"
    first.write_text("<smses/>")
    second.write_text("<calls/>")
    assert dropped_file(_mime(first)) == first
    assert dropped_file(_mime(first, second)) is None  # one at a time
    assert dropped_file(_mime(tmp_path)) is None  # a folder
    assert dropped_file(_mime(tmp_path / "gone.xml")) is None
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/sms.xml")])
    assert dropped_file(web) is None
    assert dropped_file(QMimeData()) is None


def test_a_dropped_facebook_or_instagram_download_folder_is_taken(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "instagram-dana", LAYOUTS["instagram-new"][0]())
    assert dropped_file(_mime(folder)) == folder
    (tmp_path / "other").mkdir()
    assert dropped_file(_mime(tmp_path / "other")) is None  # any other folder is not


def test_a_dropped_google_voice_or_telegram_export_folder_is_taken(tmp_path: Path) -> None:
    voice = takeout(tmp_path / "google")
    assert dropped_file(_mime(voice)) == voice
    assert dropped_file(_mime(voice / "Calls")) == voice / "Calls"
    telegram = tmp_path / "ChatExport_2026-11-10"
    telegram.mkdir()
    said = chat("Robin Bell", "personal_chat", 2002, message(1, 1_794_300_000, "Robin", 2002, "hi"))
    write_json(telegram / "result.json", account(said))
    assert dropped_file(_mime(telegram)) == telegram
    other = tmp_path / "other"
    other.mkdir()
    (other / "result.json").write_text('{"result": 1}', encoding="utf-8")
    assert dropped_file(_mime(other)) is None  # a result.json Telegram did not write


def test_the_file_dialog_opens_where_the_last_export_was_chosen(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    exports = tmp_path / "Downloads"
    exports.mkdir()
    chosen = exports / "sms-20261130.xml"
    prompter = ScriptedPrompter(open_paths=deque([chosen, None]))
    step = ChooseStep()
    qtbot.addWidget(step)
    assert ask_export_path(prompter, step, services, None) == chosen
    assert ask_export_path(prompter, step, services, None) is None  # cancelled
    starts = [where for kind, _title, where in prompter.asked if kind == "open_file"]
    assert Path(starts[1]) == exports
    assert services.save_folders.get("import") == str(exports)  # the folder, not the file


def test_an_exports_folder_can_be_chosen_and_any_other_is_refused_in_a_sentence(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from boundary_desk.ui.imports.choose_step import CHOOSE_FOLDER_TITLE, NOT_AN_EXPORT_FOLDER
    from boundary_desk.ui.imports.dialog import CHOOSE, ImportDialog

    voice = takeout(tmp_path / "google")
    other = tmp_path / "Pictures"
    other.mkdir()
    prompter = ScriptedPrompter(folders=deque([other, voice]))
    dialog = ImportDialog(services, prompter)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose.folder_button.click()
    assert dialog.step() == CHOOSE
    assert dialog.choose.error.text() == NOT_AN_EXPORT_FOLDER
    dialog.choose.folder_button.click()
    qtbot.waitUntil(lambda: dialog.path == voice and dialog.step() != CHOOSE, timeout=10_000)
    assert [a[1] for a in prompter.asked] == [CHOOSE_FOLDER_TITLE, CHOOSE_FOLDER_TITLE]
