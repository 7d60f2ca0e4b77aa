"""The agreement editor: each channel's profile beside it, and printing why each allowed
channel is used for what, chosen in the editor and kept with the agreement."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_agreement_editor import (
    allow,
    click,
    history,
    open_editor,
    signing_as_proposed,
    wait_for_preview,
)
from tests.ui.test_client_editor import tick

TEXT_REASON = (
    "We use text messages (SMS) only to arrange times and other admin, because short messages "
    "without tone of voice are easy to misread."
)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def client(services: Services) -> Client:
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


@pytest.fixture
def in_french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def pdf_words(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(shown.stdout.split())


def test_each_channel_shows_its_profile_from_the_clinicians_own_tools(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    services.settings.set("channels", "email: encrypted")
    editor = open_editor(qtbot, services, prompter, client)
    editor.resize(1366, 768)
    profiles = editor.form.channels.profiles
    assert set(profiles) == set(Channel)
    email, text = profiles[Channel.EMAIL].text(), profiles[Channel.TEXT].text()
    assert email.splitlines() == [
        "Some cues · replies later · confidential · formal · some detail",
        "Good for scheduling, documents and considered notes; not for anything urgent or a crisis.",
    ]
    assert "not encrypted" in text and "nor for private details" in text
    assert profiles[Channel.PHONE].accessibleName() == "Phone calls: what it is like"
    qtbot.waitUntil(lambda: profiles[Channel.VOICEMAIL].width() > 0)
    grid = editor.form.channels
    for channel, shown in profiles.items():
        assert shown.isVisible(), channel
        # Whole: as tall as its wrapped text needs, and inside the grid's width.
        assert shown.height() >= shown.heightForWidth(shown.width()), channel
        assert shown.geometry().right() <= grid.width(), channel


def test_the_reasons_are_chosen_saved_with_the_draft_and_printed(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, services, prompter, client)
    allow(editor, Channel.TEXT, Purpose.SCHEDULING)
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    assert TEXT_REASON not in pdf_words(editor.preview.pdf, tmp_path)
    option = editor.form.channel_reasons
    assert not option.isChecked()
    tick(qtbot, option)
    assert editor.isWindowModified()
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    assert TEXT_REASON in pdf_words(editor.preview.pdf, tmp_path)
    click(qtbot, editor.save_button)
    [saved] = history(services, client)
    assert saved.channel_reasons
    editor.reject()
    again = open_editor(qtbot, services, prompter, client)
    assert again.form.channel_reasons.isChecked()
    tick(qtbot, again.form.channel_reasons)
    assert again.save_draft()
    assert not history(services, client)[-1].channel_reasons


def test_a_signed_version_shows_its_choice_but_cannot_change_it(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    editor = open_editor(
        qtbot, services, prompter, client, ask_signing=signing_as_proposed(prompter)
    )
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    tick(qtbot, editor.form.channel_reasons)
    prompter.confirms.append(True)
    click(qtbot, editor.sign_button)
    [signed] = history(services, client)
    assert signed.channel_reasons and signed.client_signed_on is not None
    assert editor.form.channel_reasons.isChecked()
    assert not editor.form.channel_reasons.isEnabled()


def test_in_french_the_profiles_and_the_choice_speak_french(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, in_french: None
) -> None:
    editor = open_editor(qtbot, services, prompter, client)
    text = editor.form.channels.profiles[Channel.TEXT].text().splitlines()
    assert (
        text[0] == "Mots seulement · réponse différée · non chiffré · informel · questions simples"
    )
    assert text[1].startswith("Convient pour fixer des rendez-vous")
    assert editor.form.channel_reasons.text() == (
        "Imprimer, pour chaque moyen permis, la raison de son usage"
    )


def test_the_not_encrypted_note_and_the_printed_choice_follow_the_clinicians_profiles(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    services.settings.set("channels", "email: encrypted")
    editor = open_editor(qtbot, services, prompter, client)
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    note = editor.form.channels.unencrypted_note
    assert note.isHidden()  # an encrypted email service carries none of those risks
    allow(editor, Channel.TEXT, Purpose.SCHEDULING)
    assert note.isVisible()
    assert note.text().startswith("Not encrypted: text messages (SMS).")
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    printed = pdf_words(editor.preview.pdf, tmp_path)
    assert "you have chosen to use text messages (SMS)." in printed
    assert "chosen to use email" not in printed
