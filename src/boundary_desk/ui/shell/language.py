"""Putting the app in the clinician's language: our catalogs, Qt's own words, the direction.

The language is a practice setting, stored in the vault, so it is known only once the
vault is open. The desktop settings file keeps a copy of the code (no client data), so
that the next start shows the unlock screen in the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from boundary_desk.system.i18n import LANGUAGES, is_right_to_left, language_of, set_language
from boundary_desk.ui.widgets.desktop_settings import desktop_settings, save_privately

REMEMBERED_KEY = "language"
_installed: list[QTranslator] = []


def system_language() -> str:
    """The first language of the system's preferred list that the app speaks, else English
    (Qt reads the list on every platform: LANGUAGE and LANG, macOS's and Windows' own)."""
    return language_of(QLocale.system().uiLanguages())


def remembered_language() -> str:
    """The language chosen at the last unlock; the system's before any, or when the
    clinician chose to follow it."""
    value = desktop_settings().value(REMEMBERED_KEY, "")
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


# The locale of each language's clinicians: French as written in Quebec, Hebrew in Israel.
_QT_LOCALES = {"fr": "fr_CA", "he": "he_IL"}


def apply_language(app: QApplication, chosen: str, *, remember: bool = True) -> None:
    """Speak `chosen` in screens built from now on, Qt's dialogs included; an empty
    choice follows the system's language."""
    language = chosen if chosen in LANGUAGES else system_language()
    set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        # Qt's own words (the context menu of a text field, the standard buttons).
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    direction = (
        Qt.LayoutDirection.RightToLeft
        if is_right_to_left(language)
        else (Qt.LayoutDirection.LeftToRight)
    )
    app.setLayoutDirection(direction)
    # Qt's own date fields and calendars name the days and months in the app's language.
    # English keeps the system's own (a UK laptop's calendars start on Monday).
    chosen_locale = _QT_LOCALES.get(language)
    QLocale.setDefault(QLocale(chosen_locale) if chosen_locale else QLocale.system())
    settings = desktop_settings()
    if remember and chosen != settings.value(REMEMBERED_KEY, ""):
        settings.setValue(REMEMBERED_KEY, chosen)  # "" keeps following the system
        save_privately(settings)
