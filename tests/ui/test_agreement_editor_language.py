"""The agreement editor's language choice: the agreement prints in it, and a clause the
clinician reworded in another language only is shown missing instead of a preview."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.clauses import set_clause
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_agreement_editor import allow, click, history, open_editor, wait_for_preview


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def client(services: Services) -> Client:
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _choose(editor: AgreementEditor, language: str) -> None:
    editor.form.language.setCurrentIndex(editor.form.language.findData(language))


def test_the_language_chosen_is_saved_and_the_preview_prints_in_it(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, services, prompter, client)
    assert editor.form.language.currentData() == "en"  # the app's language
    assert [editor.form.language.itemText(i) for i in range(3)] == ["English", "Français", "עברית"]
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    _choose(editor, "fr")
    assert editor.isWindowModified()
    click(qtbot, editor.save_button)
    [saved] = history(services, client)
    assert saved.language == "fr"
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    text = _pdf_text(editor.preview.pdf, tmp_path)
    assert "Entente de communication" in text and "Préparée pour Zoë Martin" in text

    reopened = open_editor(qtbot, services, prompter, client)
    assert reopened.form.language.currentData() == "fr"


def test_a_clause_reworded_only_in_english_is_shown_missing_in_french(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    set_clause(services, "records", "My own records wording, {client_name}.")
    editor = open_editor(qtbot, services, prompter, client)
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    wait_for_preview(qtbot, editor)
    _choose(editor, "fr")
    editor.preview.refresh()
    message = editor.preview.view.message
    qtbot.waitUntil(lambda: "no French version" in message.text(), timeout=15_000)
    assert "records" in message.text() and message.isVisible()
    _choose(editor, "en")
    editor.preview.refresh()
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
