"""The Vault menu's key-holding actions and the Help menu's offline guide: each action
reaches its use case, and the guide explains every warning the app can give."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction

from boundary_desk.domain.vocabulary.labels import WARNING_LABELS
from boundary_desk.services import session
from boundary_desk.storage.errors import PassphraseRequired, WrongPassphrase
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.help import guide
from boundary_desk.ui.help.guide import GuideWindow, guide_html, warning_explanations
from boundary_desk.ui.shell import vault_menu
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.vault.protection_dialog import PassphraseDialog
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import PASSPHRASE
from tests.fakes import MemoryKeychain
from tests.ui.test_vault_keys import unlocked

NEW = "a quiet harbour at dawn"


def menu_actions(window: AppWindow, title: str) -> list[QAction]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a for a in menu.actions() if not a.isSeparator()]


def passphrase_dialog(window: AppWindow, action: QAction) -> PassphraseDialog:
    assert action.isEnabled()
    action.trigger()
    dialog = window.vault_actions.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_vault_menu_offers_each_change_of_key(qtbot, location: VaultLocation) -> None:
    location.create()
    window = unlocked(qtbot, location, ScriptedPrompter())
    texts = [a.text() for a in menu_actions(window, "&Vault")]
    assert texts == [
        "Lock",
        "Change passphrase…",
        "Use a master passphrase instead of the keychain…",
        "Use the system keychain instead of a passphrase…",
        "New recovery key and Emergency Kit…",
        "Re-key the vault…",
        "Open data folder",
        "Quit",
    ]
    actions = window.vault_actions
    # A keychain vault is on the keychain already; Change passphrase… says it has none yet.
    assert actions.use_passphrase.isEnabled()
    assert actions.change_passphrase.isEnabled()
    assert not actions.use_keychain.isEnabled()

    window.lock()
    assert not any(a.isEnabled() for a in actions.key_actions())
    assert actions.open_folder.isEnabled()  # the folder can be shown while locked


def test_switching_a_keychain_vault_to_a_passphrase(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    location.create()
    prompter = ScriptedPrompter()
    window = unlocked(qtbot, location, prompter)
    dialog = passphrase_dialog(window, window.vault_actions.use_passphrase)

    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW + "!")
    dialog.go_button.click()
    assert "differ" in dialog.error.text() and dialog.isVisible()
    dialog.fields.first.setText("short")
    dialog.fields.second.setText("short")
    dialog.go_button.click()
    assert dialog.error.isVisible() and dialog.isVisible()
    assert not session.needs_passphrase(location)  # nothing changed yet

    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.go_button.click()
    assert not dialog.isVisible()
    assert "asks for your master passphrase" in prompter.messages("inform")[-1]
    assert session.needs_passphrase(location)
    assert keychain.entries == {}
    assert window.vault_actions.change_passphrase.isEnabled()
    assert window.vault_actions.use_keychain.isEnabled()
    assert not window.vault_actions.use_passphrase.isEnabled()

    window.lock()
    with pytest.raises(PassphraseRequired):
        session.unlock(location)
    session.lock(session.unlock(location, NEW))


def test_changing_the_passphrase(qtbot, location: VaultLocation) -> None:
    location.create(passphrase=PASSPHRASE, strict=True)
    prompter = ScriptedPrompter()
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    dialog = passphrase_dialog(window, window.vault_actions.change_passphrase)
    assert dialog.fields.current is not None and dialog.focusWidget() is dialog.fields.current
    dialog.fields.current.setText(PASSPHRASE)
    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.go_button.click()

    assert "old one no longer unlocks" in prompter.messages("inform")[-1]
    assert dialog.fields.first.text() == "" and dialog.fields.second.text() == ""
    assert dialog.fields.current.text() == ""
    window.lock()
    with pytest.raises(WrongPassphrase):
        session.unlock(location, PASSPHRASE)
    session.lock(session.unlock(location, NEW))


def test_a_wrong_current_passphrase_changes_nothing(qtbot, location: VaultLocation) -> None:
    location.create(passphrase=PASSPHRASE, strict=True)
    prompter = ScriptedPrompter()
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    dialog = passphrase_dialog(window, window.vault_actions.change_passphrase)
    current = dialog.fields.current
    assert current is not None
    assert dialog.fields.form.labelForField(current).text() == "Current passphrase"

    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.go_button.click()  # the current one left empty
    assert "current passphrase first" in dialog.error.text() and dialog.isVisible()

    current.setText("a calm harbour at noon")  # wrong
    dialog.go_button.click()
    assert "not your current passphrase" in dialog.error.text()
    assert "nothing was changed" in dialog.error.text()
    assert dialog.isVisible() and current.text() == "" and dialog.focusWidget() is current
    assert prompter.messages("inform") == []

    dialog.reject()
    window.lock()
    with pytest.raises(WrongPassphrase):
        session.unlock(location, NEW)
    session.lock(session.unlock(location, PASSPHRASE))  # still the old one


def test_change_passphrase_on_a_keychain_vault_says_it_has_none_yet(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    location.create()
    prompter = ScriptedPrompter()
    window = unlocked(qtbot, location, prompter)
    dialog = passphrase_dialog(window, window.vault_actions.change_passphrase)
    assert dialog.fields.current is None  # nothing to ask: the keychain holds the key
    assert "no passphrase yet" in dialog.note.text() and dialog.note.isVisible()
    assert dialog.windowTitle() == "Use a master passphrase"
    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.go_button.click()
    assert not dialog.isVisible()
    window.lock()
    session.lock(session.unlock(location, NEW))


def test_switching_to_the_keychain_asks_first(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    location.create(passphrase=PASSPHRASE, strict=True)
    prompter = ScriptedPrompter(confirms=deque([False, True]), secrets=deque([PASSPHRASE]))
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    action = window.vault_actions.use_keychain

    action.trigger()  # declined
    assert prompter.messages("secret") == []  # declined before any passphrase is asked
    assert session.needs_passphrase(location)
    assert "passphrase will stop working" in prompter.messages("confirm")[0]
    action.trigger()
    assert not session.needs_passphrase(location)
    assert "held by this computer's keychain" in prompter.messages("inform")[-1]
    assert window.vault_actions.use_passphrase.isEnabled()
    assert not action.isEnabled()
    window.lock()
    session.lock(session.unlock(location))  # no passphrase now


def test_a_keychain_that_refuses_is_said_and_changes_nothing(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    location.create(passphrase=PASSPHRASE, strict=True)
    prompter = ScriptedPrompter(confirms=deque([True]), secrets=deque([PASSPHRASE]))
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    keychain.working = False
    window.vault_actions.use_keychain.trigger()
    assert "keeps using your passphrase" in prompter.messages("warn")[0]
    assert session.needs_passphrase(location)


def test_the_keychain_needs_the_current_passphrase(
    qtbot, location: VaultLocation, keychain: MemoryKeychain
) -> None:
    location.create(passphrase=PASSPHRASE, strict=True)
    prompter = ScriptedPrompter(
        confirms=deque([True, True]), secrets=deque([PASSPHRASE + "x", None])
    )
    window = unlocked(qtbot, location, prompter, PASSPHRASE)
    window.vault_actions.use_keychain.trigger()  # a wrong passphrase
    assert "nothing was changed" in prompter.messages("warn")[0].lower()
    window.vault_actions.use_keychain.trigger()  # cancelled at the passphrase
    assert len(prompter.messages("secret")) == 2
    assert len(prompter.messages("warn")) == 1
    assert keychain.entries == {}
    assert window.vault_actions.use_keychain.isEnabled()
    window.lock()
    assert session.needs_passphrase(location)
    session.lock(session.unlock(location, PASSPHRASE))


def test_locking_closes_the_passphrase_dialog(qtbot, location: VaultLocation) -> None:
    location.create()
    window = unlocked(qtbot, location, ScriptedPrompter())
    dialog = passphrase_dialog(window, window.vault_actions.use_passphrase)
    dialog.fields.first.setText(NEW)
    window.lock()
    assert not dialog.isVisible()
    assert window.vault_actions.dialog is None
    assert not session.needs_passphrase(location)


def test_open_data_folder_shows_the_vaults_folder(
    qtbot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(vault_menu.QDesktopServices, "openUrl", lambda url: opened.append(url))
    location.create()
    window = unlocked(qtbot, location, ScriptedPrompter())
    window.vault_actions.open_folder.trigger()
    assert [u.toLocalFile() for u in opened] == [str(location.paths.data_dir)]


# -- Help › User guide ------------------------------------------------------------------


def test_every_warning_has_an_explanation_in_plain_words() -> None:
    explained = warning_explanations()
    assert set(explained) == set(WARNING_LABELS)  # none missing, none left over
    for code, parts in explained.items():
        assert set(parts) == {"when", "why", "do"}, code
        assert all(len(text) > 20 for text in parts.values()), code
        assert "_" not in " ".join(parts.values()), code  # no codes shown to the clinician


def test_the_guide_lists_every_warning_by_its_name() -> None:
    html = guide_html()
    assert guide.WARNINGS_MARK not in html
    for code, name in WARNING_LABELS.items():
        assert f'name="warning-{code}"' in html
        assert name.replace("&", "&amp;") in html


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_help_opens_the_guide_with_every_warning_the_review_and_the_security_model(
    qtbot, location: VaultLocation
) -> None:
    window = AppWindow(location, ScriptedPrompter())  # no vault needed: it works from setup
    qtbot.addWidget(window)
    window.show()
    action = next(a for a in menu_actions(window, "&Help") if a.text() == "User guide")
    action.trigger()
    shown = window.guide
    assert isinstance(shown, GuideWindow) and shown.isVisible()
    text = shown.browser.toPlainText()
    for name in WARNING_LABELS.values():
        assert name in text
    for heading in ("The weekly review", "How your records are protected", "recovery key"):
        assert heading in text
    action.trigger()  # brought forward, not a second window
    assert window.guide is shown
    assert len(window.findChildren(GuideWindow)) == 1


def test_the_guide_is_shipped_as_package_data() -> None:
    from boundary_desk.system.resources import resource_path

    assert resource_path("guide", "en.html").is_file()
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    assert '"data/guide/*.html"' in pyproject.read_text()
    assert '"data/guide/*.json"' in pyproject.read_text()
