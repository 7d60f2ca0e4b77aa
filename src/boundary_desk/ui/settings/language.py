"""The app's language, picked from the languages it has, each by its own name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from boundary_desk.system.i18n import LANGUAGE_NAMES, LANGUAGES, _
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.shell.language import system_language
from boundary_desk.ui.widgets.style import screen_reader_label


class LanguagePicker(ValueEditor):
    """The system's language, then English, Français, עברית; the stored value is the
    language's code, or empty to follow the system."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        system = LANGUAGE_NAMES[system_language()]
        self.combo.addItem(_("As the system ({language})").format(language=system), "")
        for code in LANGUAGES:
            self.combo.addItem(LANGUAGE_NAMES[code], code)
        self.combo.setAccessibleName(_("Language"))
        screen_reader_label(self.combo)  # the form's label names the picker, not its box
        self.combo.currentIndexChanged.connect(self.edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str:
        return str(self.combo.currentData())

    def set_value(self, stored: str) -> None:
        found = self.combo.findData(stored.strip().casefold())
        self.combo.setCurrentIndex(max(found, 0))
