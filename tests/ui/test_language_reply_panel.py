"""The quick log's "How to reply" panel in French and Hebrew: the ranking and every
reason behind it in the app's language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.services import Services
from boundary_desk.ui.shell.language import apply_language
from tests.ui.language_support import LANGUAGE_TEST, settle, the_app
from tests.ui.test_quick_log import contact_form, open_dialog
from tests.ui.test_quick_log_reply import TUESDAY_11, category, pick, practice

pytestmark = LANGUAGE_TEST
__all__ = ["practice"]  # the fixture, used by name


@pytest.mark.parametrize(
    ("language", "crisis", "reasons"),
    [
        (
            "fr",
            "Un contenu de crise suit d'abord le protocole de crise",
            (
                "Un courriel n'offre pas de chiffrement : un contenu de crise pourrait être lu "
                "par d'autres.",
                "Un texto peut n'être lu que des heures plus tard, trop tard pour une crise.",
            ),
        ),
        (
            "he",
            "תוכן של משבר עובר קודם לנוהל המשבר",
            (
                "דואר אלקטרוני: ערוץ לא מוצפן, ולכן אחרים עלולים לקרוא תוכן של משבר.",
                "הודעת טקסט: ערוץ שבו ההודעה עשויה להיקרא רק אחרי שעות, מאוחר מדי למשבר.",
            ),
        ),
    ],
)
def test_why_the_channels_rank_as_they_do_is_said_in_the_apps_language(
    qtbot: QtBot, practice: Services, language: str, crisis: str, reasons: tuple[str, ...]
) -> None:
    apply_language(the_app(), language, remember=False)
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    category(dialog, Category.CRISIS)
    panel = contact_form(dialog).reply_panel
    assert [f.channel for f in panel.fits[1:]] == [
        ContactChannel.PORTAL,
        ContactChannel.EMAIL,
        ContactChannel.TEXT,
    ]
    panel.why_button.click()
    settle(qtbot)
    page = QTextDocument()
    page.setHtml(panel.ranking.text())
    shown = " ".join(page.toPlainText().split())  # as read, without the markup
    assert crisis in shown
    for reason in reasons:
        assert reason in shown, (reason, shown)
    assert "An email" not in shown and "crisis protocol" not in shown
