"""The agreement editor in the pseudo-language, in French and in Hebrew: every word of its
form, buttons, messages, version list and signing dialog translated, nothing cut off,
Hebrew mirrored; the agreement itself keeps to the client's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS, PURPOSE_LABELS
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.agreements.sign_dialog import SignDialog
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import (
    LANGUAGE_TEST,
    PseudoLanguage,
    clipped,
    right_edge,
    settle,
    shown_texts,
    the_app,
    untranslated,
)
from tests.ui.test_agreement_editor import (
    TODAY,
    allow,
    history,
    open_editor,
    sign,
    signing_in_the_dialog,
    wait_for_preview,
)

pytestmark = LANGUAGE_TEST

# Shown as they are: the channel and purpose names are the shared vocabulary, translated
# where it is kept; the rest is the client's own data and the practice's crisis lines.
CLIENT_DATA = {"Zoë Martin", "ZM", "+1 416 555 0142", "zoe@example.org"}
# Examples in empty fields, written as a number or an address is: codes, not words.
EXAMPLES = {"+1 416 555 0100", "name@example.org", "911"}


def _shared_words() -> set[str]:
    return {*CHANNEL_LABELS.values(), *PURPOSE_LABELS.values()}


def _minor(services: Services) -> Client:
    return services.clients.add(
        Client(
            code="ZM",
            display_name="Zoë Martin",
            is_minor=True,
            handles=(
                ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),
                ContactHandle(HandleKind.EMAIL, "zoe@example.org"),
            ),
        )
    )


def _drafted(editor: AgreementEditor) -> None:
    """Email for scheduling, texts (unencrypted) for scheduling and check-ins."""
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    allow(editor, Channel.TEXT, Purpose.SCHEDULING, Purpose.CHECK_IN)


def _texts(editor: AgreementEditor) -> list[str]:
    """What is shown, less the shared vocabulary, the client's data and the crisis lines."""
    shared = _shared_words()
    shown = []
    for text in shown_texts(editor):
        if text in shared or text in CLIENT_DATA or text in EXAMPLES:
            continue
        if (": " in text and "\n" in text) or text == editor.subtitle.text():
            continue  # the crisis lines ("label: number" each); the subtitle, read apart
        shown.append(text)
    return shown


def _subtitle_facts(editor: AgreementEditor) -> list[str]:
    """The line under the heading, less the client's name and code it starts with."""
    name, code, *facts = editor.subtitle.text().split(" · ")
    assert (name, code) == ("Zoë Martin", "ZM")
    return facts


def _cut(root: QWidget) -> list[str]:
    """`clipped`, with a two-line column header measured line by line."""
    headers = {w.text() for w in root.findChildren(QLabel) if "\n" in w.text() and _fits_lines(w)}
    return [text for text in clipped(root) if text not in headers]


def _fits_lines(widget: QLabel) -> bool:
    metrics = widget.fontMetrics()
    return widget.width() >= max(metrics.horizontalAdvance(t) for t in widget.text().split("\n"))


def _choices(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_word_of_the_agreement_editor_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    client = _minor(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    prompter = ScriptedPrompter()
    editor = open_editor(qtbot, services, prompter, client)
    _drafted(editor)
    wait_for_preview(qtbot, editor)
    editor.changes_button.setChecked(True)  # hidden for a first version, checked anyway
    settle(qtbot)
    texts = _texts(editor)
    assert len(texts) > 40
    assert untranslated(texts) == []
    assert untranslated(_subtitle_facts(editor)) == []
    assert untranslated(_choices(editor.versions)) == []
    reply = editor.form.rows[Channel.EMAIL].response
    assert untranslated(_choices(reply)) == []
    assert _cut(editor) == []

    # Signed: the version list, the signed line, "Withdraw…", a new version.
    sign(qtbot, editor, prompter)
    settle(qtbot)
    assert untranslated(_texts(editor)) == []
    assert untranslated(_subtitle_facts(editor)) == []
    assert editor.status.text().startswith("[[Version 1 is signed.")
    assert editor.form.rows[Channel.EMAIL].withdraw.isVisible()
    assert _cut(editor) == []
    editor.start_new_version()
    editor.changes_button.setChecked(True)
    settle(qtbot)
    assert editor.changes_panel.text().startswith("[[Changes since version 1")
    assert untranslated(_texts(editor)) == []
    assert untranslated(_choices(editor.versions)) == []
    assert _cut(editor) == []


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_signing_dialog_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    client = _minor(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    seen: list[SignDialog] = []
    texts: list[str] = []

    def read_and_cancel(dialog: SignDialog) -> None:
        qtbot.waitExposed(dialog)
        settle(qtbot)
        texts.extend(shown_texts(dialog))
        assert _cut(dialog) == []
        dialog.reject()

    ask = signing_in_the_dialog(qtbot, read_and_cancel, seen)
    editor = open_editor(qtbot, services, ScriptedPrompter(), client, ask_signing=ask)
    _drafted(editor)
    editor.sign()
    assert len(texts) > 5
    assert untranslated(texts) == []
    assert seen[0].windowTitle().startswith("[[Sign version 1")


def test_in_french_the_agreement_editor_speaks_french_and_the_agreement_keeps_english(
    qtbot: QtBot, services: Services
) -> None:
    client = _minor(services)
    apply_language(the_app(), "fr", remember=False)
    prompter = ScriptedPrompter()
    editor = open_editor(qtbot, services, prompter, client)
    editor.form.language.setCurrentIndex(editor.form.language.findData("en"))
    _drafted(editor)
    wait_for_preview(qtbot, editor)
    assert editor.windowTitle() == "Entente de communication · ZM[*]"
    assert editor.sign_button.text() == "Signer…"
    assert editor.save_button.text() == "Enregistrer le brouillon"
    assert editor.versions.itemText(0) == "Version 1 · nouveau brouillon, non enregistré"
    assert "Plan de crise" in shown_texts(editor)
    assert editor.form.channels.unencrypted_note.text().startswith("Non chiffrés : ")
    # The reply time in French on screen, kept in English: the agreement prints it in its
    # own language.
    reply = editor.form.rows[Channel.EMAIL].response
    assert reply.currentText() == "dans un délai d'un jour ouvrable"
    pages = editor.preview.page_count()
    assert editor.preview.pages.text() == f"{pages} pages"
    editor.save_draft()
    [saved] = history(services, client)
    assert saved.language == "en"
    assert saved.terms(Channel.EMAIL).response_time == "within one business day"
    assert editor.status.text() == "Brouillon de la version 1 enregistré."
    assert not editor.isWindowModified()
    assert _cut(editor) == []


def test_in_hebrew_the_agreement_editor_mirrors_and_counts_in_hebrew(
    qtbot: QtBot, services: Services
) -> None:
    client = _minor(services)
    apply_language(the_app(), "he", remember=False)
    prompter = ScriptedPrompter()
    editor = open_editor(qtbot, services, prompter, client)
    _drafted(editor)
    wait_for_preview(qtbot, editor)
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Mirrored: the form at the right, the preview to its left.
    assert right_edge(editor, editor.form) > right_edge(editor, editor.preview)
    assert editor.sign_button.text() == "חתימה…"
    pages = editor.preview.page_count()
    assert pages >= 2
    assert editor.preview.pages.text() == f"{pages} עמודים"
    sign(qtbot, editor, prompter)
    assert editor.new_version_button.text() == "התחלת גרסה חדשה"
    assert editor.status.text().startswith("גרסה 1 נחתמה.")
    assert _cut(editor) == []
    assert TODAY.year == 2026
