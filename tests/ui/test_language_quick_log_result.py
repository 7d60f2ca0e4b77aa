"""What the quick log says once an entry is saved, in French and in Hebrew: the hours,
the count of warnings below, the entry's title, the warnings' names and badges."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.services import Services
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import (
    LANGUAGE_TEST,
    clipped,
    settle,
    shown_texts,
    the_app,
)
from tests.ui.test_quick_log import FRIDAY_2240, set_up_practice

pytestmark = LANGUAGE_TEST


def _logged_late_text(qtbot: QtBot, services: Services, language: str) -> QuickLogDialog:
    """A text from Ana Lima at 22:40 on a Friday, logged in `language`: after hours, and
    by a channel her agreement doesn't allow."""
    set_up_practice(services)
    apply_language(the_app(), language, remember=False)
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.client_field.edit, "ana l")
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    dialog.save()
    settle(qtbot)
    assert dialog.result_panel.isVisible()
    return dialog


def test_in_french_the_saved_entry_is_told_in_french(qtbot: QtBot, services: Services) -> None:
    dialog = _logged_late_text(qtbot, services, "fr")
    result = dialog.result_panel
    warnings = len(result.rows)
    assert warnings >= 2
    assert result.headline.text() == "Vendredi à 22 h 40 est hors des heures de travail."
    assert result.hours.text() == f"Consigné, avec {warnings} avertissements ci-dessous."
    assert result.what.text().startswith("Texto du client · Ana Lima (AL1) · ")
    texts = shown_texts(result)
    assert "Ce que cela signifie pour vos limites" in texts
    assert "Contact hors des heures de travail" in texts  # a warning's name
    assert clipped(result) == []


def test_in_hebrew_the_saved_entry_is_told_in_hebrew_right_to_left(
    qtbot: QtBot, services: Services
) -> None:
    dialog = _logged_late_text(qtbot, services, "he")
    result = dialog.result_panel
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert result.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert result.what.text().startswith("הודעת טקסט מהמטופל/ת · Ana Lima (AL1) · ")
    assert result.hours.text().startswith("נרשם, עם ")
    assert "פנייה מחוץ לשעות העבודה" in shown_texts(result)
    assert clipped(result) == []


def test_in_french_the_warnings_say_what_happened_in_french(
    qtbot: QtBot, services: Services
) -> None:
    dialog = _logged_late_text(qtbot, services, "fr")
    texts = shown_texts(dialog.result_panel)
    assert (
        "Ce contact (texto) est arrivé à 22 h 40 le vendredi, en dehors de vos heures de travail."
        in texts
    )
    assert not [t for t in texts if "outside your working hours" in t or "agreement" in t]


def test_in_hebrew_the_warnings_say_what_happened_in_hebrew(
    qtbot: QtBot, services: Services
) -> None:
    dialog = _logged_late_text(qtbot, services, "he")
    texts = shown_texts(dialog.result_panel)
    assert "פנייה זו (הודעת טקסט) הגיעה ב־22:40 ביום שישי, מחוץ לשעות העבודה שלך." in texts
    assert not [t for t in texts if "outside your working hours" in t or "agreement" in t]
