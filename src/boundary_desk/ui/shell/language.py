"""Putting the app in the clinician's language: our catalogs, Qt's own words, the direction.

The language is a practice setting, stored in the vault, so it is known only once the
vault is open. The desktop settings file keeps a copy of the code (no client data), so
that the next start shows the unlock screen in the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from boundary_desk.system.i18n import ENGLISH, LANGUAGES, is_right_to_left, set_language
from boundary_desk.ui.widgets.desktop_settings import desktop_settings, save_privately

REMEMBERED_KEY = "language"
_installed: list[QTranslator] = []


def remembered_language() -> str:
    """The language chosen at the last unlock, or English."""
    value = desktop_settings().value(REMEMBERED_KEY, ENGLISH)
    return value if isinstance(value, str) and value in LANGUAGES else ENGLISH


def apply_language(app: QApplication, language: str, *, remember: bool = True) -> None:
    """Speak `language` in screens built from now on, Qt's dialogs included."""
    set_language(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != ENGLISH:
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
    if remember and language != remembered_language():
        settings = desktop_settings()
        settings.setValue(REMEMBERED_KEY, language)
        save_privately(settings)
