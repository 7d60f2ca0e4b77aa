"""The weekly review in the pseudo-language, in French and in Hebrew: every word of its
sections, figures, warnings, charts and reflection translated, nothing cut off, Hebrew
mirrored while the charts keep time running left to right."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.vocabulary.calendar_names import CALENDAR_NAMES
from boundary_desk.services import Services
from boundary_desk.services.documents import review_request
from boundary_desk.system import i18n
from boundary_desk.ui.review.banner import ReviewBanner, unreviewed_prompt
from boundary_desk.ui.review.charts import week_ticks
from boundary_desk.ui.review.export_preview import ExportPreview
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import (
    LANGUAGE_TEST,
    PseudoLanguage,
    clipped,
    settle,
    shown_texts,
    the_app,
    untranslated,
)
from tests.ui.test_review_page import NOW, W47, clients  # noqa: F401 - the week's entries

pytestmark = LANGUAGE_TEST

# The review as it stands beside the sidebar of a 1366-wide window.
PAGE_WIDTH, PAGE_HEIGHT = 1140, 640
NUMBERS = re.compile(r"^[\d\s·%.,–-]*$")  # figures and counts: "6 · 75%", "18"


def _page(qtbot: QtBot, services: Services) -> ReviewPage:
    page = ReviewPage(services, ScriptedPrompter(), now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, PAGE_HEIGHT)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot)
    return page


def _not_the_screens_words(page: ReviewPage) -> set[str]:
    """What the review shows that is not its own words, and so stays as it is here:
    - the week's dates and ISO code ("16–22 November 2026 · 2026-W47"), and the arrows;
    - clients' codes and names, alone or listed ("C-001 · Zoë Martin");
    - each warning's name and severity (the shared vocabulary, domain/vocabulary/labels.py,
      translated separately), its messages and what to do (written by the domain's checks
      and the client's agreement, not by this screen);
    - each message at risk: its heading is a date, a code, a name and a channel's name
      (shared vocabulary), its reason the domain's;
    - a search or friend request line: a date, a name, the shared words for purpose and
      consent, the platform typed by the clinician and the request's code ("pending").
    """
    kept = {page.title.text(), "←", "→"}
    for row in page.warnings.rows:
        kept |= {row.title.text(), row.badge.text(), row.who.text()}
        kept |= {row.messages.text(), row.guidance.text()}
    for risk in page.misread.rows:
        kept |= {risk.heading.text(), risk.why.text()}
    for body in page.loose_ends.lists.values():
        if not body.text().startswith("[["):
            kept.add(body.text())
    return kept


def _table_words(table: QTableWidget) -> list[str]:
    return [
        header.text()
        for c in range(table.columnCount())
        if not table.isColumnHidden(c) and (header := table.horizontalHeaderItem(c)) is not None
    ]


@pytest.mark.usefixtures("app_look", "clients")
def test_in_the_pseudo_language_every_word_of_the_review_is_translated_and_whole(
    qtbot: QtBot, services: Services
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    page = _page(qtbot, services)
    texts = shown_texts(page)
    assert len(texts) > 40
    kept = _not_the_screens_words(page)
    left = [t for t in untranslated(texts) if t not in kept and not NUMBERS.match(t)]
    assert left == []
    # The week has warnings and messages at risk, so their words were read too.
    assert page.warnings.rows and page.misread.rows
    assert clipped(page) == []
    for table in (page.channels, page.clients, page.trend.numbers):
        assert untranslated(_table_words(table)) == []
    # The words of each week in the list ("16–22 Nov 2026\nW47 · This week").
    statuses = [page.weeks.item(r).text().rsplit(" · ", 1)[1] for r in range(page.weeks.count())]
    assert statuses and untranslated(statuses) == []
    # The figures' averages and comparisons, and the note on how many weeks they cover.
    cards = page.figures.cards
    assert untranslated([c.title.text() for c in cards]) == []
    assert untranslated([c.average.text() for c in cards]) == []
    assert untranslated([c.direction.text() for c in cards]) == []
    assert page.figures.coverage.text().startswith("[[Averages are over the [[")
    # An hour's tip in the heatmap, counted in the language's plural.
    tip = page.heatmap.table.item(1, 19)  # Tuesday, 19:00
    assert tip is not None and tip.toolTip().startswith("[[Tue 19:00–19:59: 1 contact (after")
    # A decision's words, and what happens when saving it.
    row = page.warnings.rows[-1]
    qtbot.mouseClick(row.buttons["note"], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert row.note_editor is not None
    assert untranslated(shown_texts(row.note_editor)) == []
    assert clipped(row.note_editor) == []


@pytest.mark.usefixtures("app_look", "clients")
def test_in_the_pseudo_language_the_check_of_the_supervision_copy_is_translated(
    qtbot: QtBot, services: Services
) -> None:
    page = _page(qtbot, services)
    page.reflections.notes.setPlainText("Zoë Martin asked about the fee.")
    assert page.review is not None
    on_screen = replace(page.review, record=page.current_record())
    request = review_request(services, on_screen, identified=False)
    assert request.deidentified is not None
    i18n.use_translations(PseudoLanguage(), "pseudo")
    preview = ExportPreview(request.deidentified)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    settle(qtbot)
    texts = shown_texts(preview)
    # "Cancel" is Qt's own button, which Qt's catalog translates (qtbase_fr, qtbase_he).
    assert texts and untranslated(texts) == ["Cancel"]
    assert preview.windowTitle().startswith("[[")
    assert "[[Your words" in preview.preview.toHtml()
    assert clipped(preview) == []


@pytest.mark.usefixtures("clients")
def test_in_french_the_review_names_its_sections_and_counts_weeks_in_french(
    qtbot: QtBot, services: Services
) -> None:
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, services)
    texts = shown_texts(page)
    assert {"Tendance sur 12 semaines", "Avertissements", "Points en suspens"} <= set(texts)
    assert page.export_button.text() == "Exporter pour la supervision…"
    assert page.mark_button.text() == "Marquer la semaine comme revue"
    assert page.figures.coverage.text() == (
        "Les moyennes portent sur les 12 semaines de la tendance ci-dessous; seulement "
        "8 semaines ont des entrées, donc les moyennes peuvent paraître basses."
    )
    assert _table_words(page.clients)[:3] == ["Client", "Contacts", "Hors des heures"]
    assert page.misread.rows[0].check.text() == "Vérifier en séance"
    # The reminder of weeks not reviewed yet, with French's plural.
    assert unreviewed_prompt(services, NOW) == (
        "La semaine dernière (2026-W46) et 6 semaines antérieures n'ont pas encore été revues"
    )
    assert clipped(page) == []


@pytest.mark.usefixtures("clients")
def test_in_hebrew_the_review_mirrors_but_its_chart_runs_left_to_right(
    qtbot: QtBot, services: Services
) -> None:
    for back in range(2, 9):
        services.reviews.mark_reviewed(W47.shifted(-back))
    apply_language(the_app(), "he", remember=False)
    page = _page(qtbot, services)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.trend.plot.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert page.heatmap.table.layoutDirection() == Qt.LayoutDirection.LeftToRight
    texts = shown_texts(page)
    assert {"מגמה של 12 שבועות", "אזהרות", "קצוות פתוחים", "רפלקציה"} <= set(texts)
    assert page.export_button.text() == "ייצוא להדרכה…"
    # Earlier weeks lie to the right in a mirrored screen.
    assert (page.previous_button.text(), page.next_button.text()) == ("→", "←")
    assert page.figures.coverage.text().startswith("הממוצעים מחושבים על פני 12 שבועות")
    banner = ReviewBanner()
    qtbot.addWidget(banner)
    assert banner.refresh(services, NOW)
    assert banner.text.text() == "השבוע שעבר (\u20662026-W46\u2069) טרם נסקר ·"
    assert clipped(page) == []


@pytest.mark.parametrize("language", ["fr", "he"])
def test_in_french_and_hebrew_every_week_in_the_list_is_named_whole(
    qtbot: QtBot, services: Services, language: str
) -> None:
    apply_language(the_app(), language, remember=False)
    page = _page(qtbot, services)
    weeks = page.weeks
    room = weeks.viewport().width() - 16  # the rows' padding, 8 px a side
    for row in range(weeks.count()):
        item = weeks.item(row)
        metrics = QFontMetrics(item.font())
        for line in item.text().split("\n"):
            assert metrics.horizontalAdvance(line) <= room, line
    # The months under the trend chart's bars are named in the language.
    assert page.review is not None
    ticks = week_ticks([h.week for h in page.review.history])
    named = [tick.split("\n")[1] for _, tick in ticks if tick.split("\n")[1]]
    assert named and set(named) <= set(CALENDAR_NAMES[language].short_months)
