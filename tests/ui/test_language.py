"""The unlock screen and the quick log in French, in Hebrew (right to left), and in a
pseudo-language that shows any word left untranslated and any text cut off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.practice_settings import HOURS
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system import i18n
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.settings.language import LanguagePicker
from boundary_desk.ui.settings.page import SettingsPage
from boundary_desk.ui.shell.app_window import AppWindow
from boundary_desk.ui.shell.language import apply_language, remembered_language
from boundary_desk.ui.shell.workspace import BACKUPS, CLIENTS, Workspace, status_line
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain
from tests.ui.language_support import (
    LANGUAGE_TEST,
    PseudoLanguage,
    clipped,
    left_edge,
    right_edge,
    settle,
    shown_texts,
    the_app,
    untranslated,
)
from tests.ui.test_lock import unlocked_window, visible_texts
from tests.ui.test_quick_log import FRIDAY_2240, set_up_practice

pytestmark = LANGUAGE_TEST


def _passphrase_vault(tmp_path: Path) -> VaultLocation:
    location = VaultLocation(resolve_paths(tmp_path / "passphrase"), MemoryKeychain(), FAST_COST)
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()
    return location


def _unlock_screen(qtbot: QtBot, location: VaultLocation) -> UnlockScreen:
    screen = UnlockScreen(location)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_word_of_the_unlock_screen_is_translated_and_whole(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    screen = _unlock_screen(qtbot, location)
    for show in (screen.show_unlock, screen.show_recovery):
        show()
        settle(qtbot)
        texts = shown_texts(screen)
        assert texts, "nothing visible to check"
        assert untranslated(texts) == []
        assert clipped(screen) == []


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_quick_log_form_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    set_up_practice(services)
    i18n.use_translations(PseudoLanguage(), "pseudo")
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = shown_texts(dialog.form_page)
    # The time the field reads ("Fri 20 Nov, 22:40") is a date, written by the calendar's
    # own names rather than the catalog.
    when = dialog.forms[dialog.kinds.kind()].when
    assert untranslated(texts) == [when.meaning.text()]
    pseudo = PseudoLanguage()
    assert {pseudo.gettext("Channel"), pseudo.gettext("Contact")} <= set(texts)
    assert clipped(dialog.form_page) == []


def test_in_hebrew_the_unlock_screen_mirrors_and_speaks_hebrew(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    apply_language(the_app(), "he", remember=False)
    screen = _unlock_screen(qtbot, location)
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.heading.text() == "הרשומות שלך נעולות"
    assert screen.unlock_button.text() == "ביטול נעילה"
    # Mirrored: the heading and the button start at the right edge of the card.
    assert right_edge(screen, screen.unlock_button) == right_edge(screen, screen.heading)
    assert left_edge(screen, screen.unlock_button) > left_edge(screen, screen.heading)
    assert clipped(screen) == []


def test_in_french_the_unlock_screen_speaks_french_left_to_right(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    apply_language(the_app(), "fr", remember=False)
    screen = _unlock_screen(qtbot, location)
    assert screen.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert screen.heading.text() == "Vos dossiers sont verrouillés"
    assert "Déverrouiller" in visible_texts(screen)
    assert screen.passphrase.placeholderText() == "Phrase de passe principale"
    assert left_edge(screen, screen.unlock_button) == left_edge(screen, screen.heading)


def test_unlocking_puts_the_app_in_the_vaults_language_and_the_next_start_remembers(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    services.settings.set_many({"language": "he"})
    assert remembered_language() == "en"
    window = unlocked_window(qtbot, location)
    assert isinstance(window.current_screen, Workspace)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert i18n.current_language() == "he"
    assert remembered_language() == "he"  # so the next unlock screen is in Hebrew


def test_in_english_nothing_changes(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    apply_language(the_app(), "he", remember=False)
    apply_language(the_app(), "en", remember=False)
    screen = _unlock_screen(qtbot, location)
    assert screen.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert screen.heading.text() == "Your records are locked"
    assert screen.explanation.text() == (
        "Your vault key is kept in this computer's keychain. Unlock to open your records."
    )


def test_the_settings_page_offers_each_language_by_its_own_name_and_saves_it(
    qtbot: QtBot, services: Services
) -> None:
    page = SettingsPage(services, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    picker = page.fields["language"].input
    assert isinstance(picker, LanguagePicker)
    names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert names[1:] == ["English", "Français", "עברית"]
    assert names[0].startswith("As the system (")
    assert picker.value() == ""  # a new vault follows the system
    picker.combo.setCurrentIndex(names.index("Français"))
    assert page.save()
    assert services.settings.load().language == "fr"
    assert i18n.current_language() == "en"  # screens change at the next unlock


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_no_word_of_the_unlock_screen_is_cut_off(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    screen = _unlock_screen(qtbot, _passphrase_vault(tmp_path))
    screen.passphrase.setText("not the passphrase")
    screen.unlock()
    for show in (lambda: None, screen.show_recovery):
        show()
        settle(qtbot)
        assert untranslated(shown_texts(screen)) != shown_texts(screen)
        assert clipped(screen) == []


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_no_word_of_the_quick_log_is_cut_off(
    qtbot: QtBot, services: Services, language: str
) -> None:
    set_up_practice(services)
    apply_language(the_app(), language, remember=False)
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert clipped(dialog.form_page) == []


def test_a_wrong_passphrase_is_refused_in_the_screens_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    apply_language(the_app(), "he", remember=False)
    screen = _unlock_screen(qtbot, _passphrase_vault(tmp_path))
    screen.passphrase.setText("not the passphrase")
    screen.unlock()
    assert screen.error.text().startswith("הסיסמה הזו אינה פותחת את הכספת.")
    assert screen.passphrase.text() == ""  # cleared, as in English


def test_in_hebrew_the_kinds_row_is_rounded_at_its_two_ends_from_the_right(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "he", remember=False)
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    segments = sorted(dialog.kinds.buttons.values(), key=lambda b: b.x())
    assert segments[0].property("position") == "first"  # the left end on the screen
    assert segments[-1].property("position") == "last"
    assert segments[-1].text() == "יצירת קשר"  # the first kind, at the right


def test_with_no_choice_made_the_app_follows_the_systems_language(
    qtbot: QtBot, services: Services, location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.ui.shell import language

    monkeypatch.setattr(language, "system_language", lambda: "fr")
    settings = language.desktop_settings()
    settings.remove(language.REMEMBERED_KEY)  # as on a computer where the app never ran
    settings.sync()
    assert remembered_language() == "fr"  # before any unlock: the unlock screen in French
    assert services.settings.load().language == ""  # a new vault follows the system
    window = unlocked_window(qtbot, location)
    assert isinstance(window.current_screen, Workspace)
    assert i18n.current_language() == "fr"
    assert remembered_language() == "fr"
    monkeypatch.setattr(language, "system_language", lambda: "he")
    assert remembered_language() == "he"  # still following the system, not frozen at fr


def test_settings_offer_the_systems_language_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.ui.settings import language as picker_module

    monkeypatch.setattr(picker_module, "system_language", lambda: "he")
    picker = LanguagePicker()
    qtbot.addWidget(picker)
    assert picker.combo.itemText(0) == "As the system (עברית)"
    picker.set_value("")
    assert picker.value() == ""
    picker.set_value("fr")
    assert picker.value() == "fr" and picker.combo.currentText() == "Français"


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_how_to_reply_and_a_poor_fit_result_are_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    from boundary_desk.ui.quick_log.fields import select_data
    from boundary_desk.ui.quick_log.forms import ContactForm

    set_up_practice(services)  # Ana Lima's signed agreement allows email
    i18n.use_translations(PseudoLanguage(), "pseudo")
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.client_field.edit, "ana l")
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    form = dialog.current_form
    assert isinstance(form, ContactForm)
    select_data(form.category, "clinical")
    settle(qtbot)
    panel = form.reply_panel
    assert panel.isVisible()
    pseudo = PseudoLanguage()
    # The panel's own words; the ranking's one line per channel is built of translated words.
    own = [t for t in shown_texts(panel) if t != panel.ranking.text()]
    assert pseudo.gettext("How to reply") in own
    assert untranslated(own) == []
    assert panel.lines() == [f"1. {pseudo.gettext('Email')} · {pseudo.gettext('take care')}"]
    assert clipped(dialog.form_page) == []
    form.complex.setChecked(True)
    form.replied.setChecked(True)
    select_data(form.reply_channel, "text")
    dialog.save()
    settle(qtbot)
    result = dialog.result_panel
    assert result.poor_fit is not None and result.raise_button is not None
    box_texts = shown_texts(result.poor_fit)
    assert untranslated(box_texts) == []
    assert clipped(result.poor_fit) == []


# The first-run setup and the workspace's shell ----------------------------------------

RECOVERY_KEY = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){8}$")


def _setup_window(qtbot: QtBot, location: VaultLocation) -> tuple[AppWindow, FirstRunSetup]:
    """The app on a computer with no vault yet: the setup, as a clinician first sees it."""
    window = AppWindow(location, ScriptedPrompter())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    setup = window.current_screen
    assert isinstance(setup, FirstRunSetup)
    return window, setup


def _each_setup_page(qtbot: QtBot, setup: FirstRunSetup) -> Iterator[str]:
    """Walks welcome → protection (its passphrase fields shown too) → recovery key →
    practice, yielding each page's name once it is laid out."""
    settle(qtbot)
    yield "welcome"
    setup.next_button.click()
    assert setup.page is setup.protection
    setup.protection.passphrase_option.setChecked(True)  # its fields and their words
    settle(qtbot)
    yield "protection (passphrase)"
    setup.protection.keychain_option.setChecked(True)
    setup.next_button.click()
    assert setup.page is setup.recovery
    settle(qtbot)
    yield "recovery key"
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    assert setup.page is setup.practice
    settle(qtbot)
    yield "practice"


def _menu_texts(window: AppWindow) -> list[str]:
    """The menu bar's titles and every action in its menus (separators aside)."""
    texts: list[str] = []
    for top in window.menuBar().actions():
        texts.append(top.text())
        menu = top.menu()
        assert isinstance(menu, QMenu)
        texts += [action.text() for action in menu.actions() if not action.isSeparator()]
    return texts


def _setup_words(setup: FirstRunSetup) -> list[str]:
    """The page's words, less the recovery key itself and the pickers' place names."""
    return [t for t in shown_texts(setup) if not RECOVERY_KEY.match(t)]


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_page_of_the_setup_is_translated_and_whole(
    qtbot: QtBot, location: VaultLocation
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    window, setup = _setup_window(qtbot, location)
    walked = []
    for page in _each_setup_page(qtbot, setup):
        walked.append(page)
        texts = _setup_words(setup)
        assert len(texts) > 4, page
        assert untranslated(texts) == [], page
        assert clipped(setup) == [], page
        # The setting labels beside the practice fields come from the domain's specs.
        if page == "practice":
            pseudo = PseudoLanguage()
            assert pseudo.gettext("Working hours") in texts
            assert pseudo.gettext(HOURS.help) in texts
    assert walked == ["welcome", "protection (passphrase)", "recovery key", "practice"]
    # The menus are built with the window, before any vault is open.
    assert untranslated(_menu_texts(window)) == []


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_the_workspace_navigation_and_header_are_translated(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    workspace = Workspace(services, ScriptedPrompter())
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitExposed(workspace)
    settle(qtbot)
    nav = [workspace.nav.item(row).text() for row in range(workspace.nav.count())]
    assert len(nav) == 6 and untranslated(nav) == []
    # Every part of the status line, and its plural of minutes.
    parts = workspace.status.text().split(" · ")
    assert len(parts) == 3 and untranslated(parts) == []
    # Each section still opens by its own (English) name, whatever the labels read.
    workspace.show_page(BACKUPS)
    assert workspace.nav.currentRow() == 5
    workspace.show_page(CLIENTS)
    assert workspace.nav.currentRow() == 0
    # The sidebar's rows are wide enough for the (longer) names.
    room = workspace.nav.viewport().width()
    metrics = workspace.nav.fontMetrics()
    assert [t for t in nav if metrics.horizontalAdvance(t) > room] == []
    header = workspace.findChild(QWidget, "header")
    assert isinstance(header, QWidget) and clipped(header) == []


def test_the_auto_lock_in_the_status_line_counts_in_each_language(services: Services) -> None:
    i18n.set_language("fr")
    assert status_line(services, 1).endswith("se verrouille après 1 minute d'inactivité")
    assert status_line(services, 10).endswith("se verrouille après 10 minutes d'inactivité")
    i18n.set_language("he")
    assert status_line(services, 2).endswith("ננעל אחרי 2 דקות ללא פעילות")
    i18n.set_language("en")
    assert status_line(services, 1).endswith("locks after 1 idle minute")
    assert status_line(services, 5).endswith("locks after 5 idle minutes")


@pytest.mark.usefixtures("app_look")
@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_no_word_of_the_setup_is_cut_off(
    qtbot: QtBot, location: VaultLocation, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    _window, setup = _setup_window(qtbot, location)
    for page in _each_setup_page(qtbot, setup):
        # It speaks the language: the main button reads as the catalog has it.
        english = setup.page.next_text
        assert setup.next_button.text() == i18n._(english) != english, page
        assert clipped(setup) == [], page


def test_in_french_the_setup_speaks_french_in_a_clinicians_words(
    qtbot: QtBot, location: VaultLocation
) -> None:
    apply_language(the_app(), "fr", remember=False)
    window, setup = _setup_window(qtbot, location)
    assert setup.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert setup.welcome.eyebrow.text() == "ÉTAPE 1 SUR 4 · BIENVENUE"
    assert setup.next_button.text() == "Commencer"
    setup.next_button.click()
    assert setup.protection.passphrase_option.text() == (
        "Demander une phrase de passe principale chaque fois (strict)"
    )
    setup.next_button.click()
    assert setup.next_button.text() == "Créer mon coffre"
    assert "Sauvegarder la trousse d'urgence…" in visible_texts(setup)
    setup.recovery.confirm.setChecked(True)
    setup.next_button.click()
    assert setup.page is setup.practice
    assert "Heures de travail" in shown_texts(setup)
    assert setup.practice.fields["clinician"].accessibleName() == "Votre nom"
    assert _menu_texts(window)[:2] == ["&Fichier", "Importer…"]


def test_in_hebrew_the_setup_mirrors_and_speaks_hebrew(
    qtbot: QtBot, location: VaultLocation
) -> None:
    apply_language(the_app(), "he", remember=False)
    window, setup = _setup_window(qtbot, location)
    assert setup.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.menuBar().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert setup.welcome.heading.text() == "ברוכים הבאים ל־Boundary Desk"
    setup.next_button.click()
    setup.next_button.click()
    assert setup.page is setup.recovery
    settle(qtbot)
    # Mirrored: the main button (Create my vault) sits at the left, the kit's at the right.
    assert setup.next_button.text() == "יצירת הכספת"
    assert left_edge(setup, setup.next_button) < left_edge(setup, setup.recovery.save_button)
    assert right_edge(setup, setup.recovery.save_button) > right_edge(
        setup, setup.recovery.copy_button
    )
    assert clipped(setup) == []


def test_unlocked_in_french_the_workspace_names_its_sections_and_menus_in_french(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    services.settings.set_many({"language": "fr", "autolock": "10"})
    window = unlocked_window(qtbot, location)  # the window was built in English
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    nav = [workspace.nav.item(row).text() for row in range(workspace.nav.count())]
    assert nav == [
        "Clients",
        "Chronologie",
        "Bilan hebdomadaire",
        "Paramètres",
        "Libellé de l'entente",
        "Sauvegardes",
    ]
    # The menus built before the unlock now speak the vault's language too.
    menus = _menu_texts(window)
    assert {"C&offre", "Verrouiller", "Quitter", "Changer la phrase de passe…"} <= set(menus)
    assert "Lock" not in menus
    assert workspace.status.text().startswith("Coffre déverrouillé · ")
    workspace.open_review()
    assert workspace.nav.currentItem().text() == "Bilan hebdomadaire"


def test_unlocked_in_hebrew_the_workspace_mirrors(
    qtbot: QtBot, services: Services, location: VaultLocation
) -> None:
    services.settings.set_many({"language": "he"})
    window = unlocked_window(qtbot, location)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    assert workspace.layoutDirection() == Qt.LayoutDirection.RightToLeft
    sidebar = workspace.findChild(QWidget, "sidebar")
    assert isinstance(sidebar, QWidget)
    assert left_edge(workspace, sidebar) > left_edge(workspace, workspace.pages)  # at right
    assert workspace.nav.item(0).text() == "מטופלים"
    assert _menu_texts(window)[0] == "&קובץ"
