"""The timeline in the pseudo-language, in French and in Hebrew: its filters, its list,
an entry's details with its edit history, and the edit dialog; every word translated,
nothing cut off, Hebrew mirrored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.services import Services
from boundary_desk.system import i18n
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.timeline.details import facts
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.timeline.model import RangeChoice, TimelineEntry, markers
from boundary_desk.ui.timeline.page import TimelinePage
from boundary_desk.ui.widgets.acknowledge import AcknowledgeAllRow, AcknowledgeRow
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
from tests.ui.test_timeline_page import (
    LATE_FRIDAY,
    MARKUP,
    NOW,
    SEPTEMBER,
    TUESDAY_NOON,
    TWO_WEEKS_AGO,
    contact,
    log,
)

pytestmark = LANGUAGE_TEST

# The timeline as it stands beside the sidebar of a 1366-wide window.
PAGE_WIDTH, PAGE_HEIGHT = 1140, 700
# The warning rows are the shared acknowledging widget's; the review screens test them.
_SHARED_ROWS = (AcknowledgeRow, AcknowledgeAllRow)


@pytest.fixture
def practice(services: Services) -> Services:
    """The timeline tests' practice: Toronto, with working hours."""
    services.settings.set_many({
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
    })  # fmt: skip
    return services


@pytest.fixture
def logged(practice: Services) -> dict[str, int]:
    """As the timeline tests log them: a late Friday text (after hours, two warnings),
    a Tuesday email, a search out of curiosity, an old friend request."""
    zoe = practice.clients.add(Client(code="", display_name="Zoë Martin"))
    sam = practice.clients.add(Client(code="", display_name="Sam Okafor"))
    search = Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED)
    request = FriendRequest("Instagram", RequestAction.DECLINED)
    return {
        "late": log(practice, contact(zoe, LATE_FRIDAY, MARKUP)),
        "email": log(
            practice,
            contact(sam, TUESDAY_NOON, "Asked for a receipt.", channel=ContactChannel.EMAIL),
        ),
        "search": log(
            practice,
            ContactEvent(client_id=sam.id or 0, kind=EventKind.SEARCH, occurred_at=TWO_WEEKS_AGO,
                         direction=Direction.OUT, search=search),
        ),
        "request": log(
            practice,
            ContactEvent(client_id=zoe.id or 0, kind=EventKind.FRIEND_REQUEST,
                         occurred_at=SEPTEMBER, channel=ContactChannel.DM,
                         direction=Direction.IN, request=request),
        ),
    }  # fmt: skip


def _page(qtbot: QtBot, services: Services) -> TimelinePage:
    page = TimelinePage(services, ScriptedPrompter(), now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, PAGE_HEIGHT)
    page.show()
    qtbot.waitExposed(page)
    page.filters.span.setCurrentIndex(page.filters.span.findData(RangeChoice.ALL))
    settle(qtbot)
    return page


def _select(qtbot: QtBot, page: TimelinePage, event_id: int) -> TimelineEntry:
    page.select(event_id)
    settle(qtbot)
    chosen = page.selected_entry()
    assert chosen is not None and chosen.event_id == event_id
    return chosen


def _edit_once(qtbot: QtBot, page: TimelinePage, event_id: int) -> None:
    """An edit of the late text (a new time and channel), so its history has a line."""
    _select(qtbot, page, event_id)
    editor = page.edit_selected()
    assert editor is not None
    editor.when.setText("2026-11-24 11:00")
    editor.channel.setCurrentIndex(editor.channel.findData(ContactChannel.EMAIL))
    with qtbot.waitSignal(editor.accepted):
        editor.save()
    _select(qtbot, page, event_id)


def _items(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def _inside(widget: QWidget, kinds: tuple[type[QWidget], ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def _words_of(root: QWidget, data: set[str]) -> list[str]:
    """What `root` shows (as `shown_texts` reads it) but the clinical data (names,
    summaries, answers: each shown to be selected and copied, or named in `data`) and
    the shared warning rows."""
    data_or_shared = set(data)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        selectable = isinstance(widget, QLabel) and bool(
            widget.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        )
        if selectable or _inside(widget, _SHARED_ROWS):
            data_or_shared.add(widget.text())
    return [text for text in shown_texts(root) if text not in data_or_shared]


@pytest.mark.usefixtures("app_look")
def test_in_the_pseudo_language_every_word_of_the_timeline_is_translated_and_whole(
    qtbot: QtBot, practice: Services, logged: dict[str, int]
) -> None:
    i18n.use_translations(PseudoLanguage(), "pseudo")
    page = _page(qtbot, practice)
    _edit_once(qtbot, page, logged["late"])
    entry = page.selected_entry()
    assert entry is not None
    # The entry's title is the domain's vocabulary ("Text message from the client").
    texts = _words_of(page, {entry.event.title()})
    assert len(texts) > 10
    assert untranslated(texts) == []
    assert clipped(page) == []
    assert page.count.text().startswith("[[")
    assert page.details.history.text().startswith("[[")
    # The filters' choices and the marks of each row.
    assert untranslated(_items(page.filters.kind)) == []
    assert untranslated(_items(page.filters.span)) == []
    assert untranslated(_items(page.filters.client)[:1]) == []  # then the clients
    marks = [mark for shown in page.model.entries() for mark in markers(shown)]
    assert marks and untranslated(marks) == []
    # The questions a search was asked, in the details pane.
    search = _select(qtbot, page, logged["search"])
    questions = [q for q, _answer in facts(search.event, practice.settings.load().timezone)]
    assert len(questions) > 5 and untranslated(questions) == []
    assert untranslated(_words_of(page, {search.event.title()})) == []
    # The edit dialog of a contact, as it opens.
    email = _select(qtbot, page, logged["email"])
    editor = page.edit_selected()
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    settle(qtbot)
    editor_texts = [t for t in shown_texts(editor) if t != email.event.title()]
    assert len(editor_texts) > 10
    assert untranslated(editor_texts) == []
    for choices in (editor.channel, editor.direction, editor.category, editor.reply_channel):
        assert untranslated(_items(choices)) == []  # "Text message", "Client initiated" …
    assert editor.windowTitle().startswith("[[")
    assert clipped(editor) == []
    editor.reject()
    # A period with nothing in it.
    page.filters.span.setCurrentIndex(page.filters.span.findData(RangeChoice.LAST_7_DAYS))
    page.filters.kind.setCurrentIndex(3)  # searches: none in the last 7 days
    settle(qtbot)
    assert page.empty.text().startswith("[[")
    assert untranslated(_words_of(page, set())) == []
    assert clipped(page) == []


def test_in_french_the_timeline_counts_filters_and_edits_in_french(
    qtbot: QtBot, practice: Services, logged: dict[str, int]
) -> None:
    apply_language(the_app(), "fr", remember=False)
    page = _page(qtbot, practice)
    assert page.title.text() == "Chronologie"
    assert page.count.text() == "4 entrées"
    assert _items(page.filters.kind)[:2] == ["Toutes les entrées", "Contacts"]
    assert page.filters.span.currentText() == "Depuis le début"
    assert page.filters.after_hours.text() == "Hors des heures seulement"
    late = _select(qtbot, page, logged["late"])
    assert markers(late) == ["Hors des heures", "2 avertissements"]
    assert page.details.edit_button.text() == "Modifier…"
    assert page.details.history.text() == "Non modifiée depuis qu'elle a été consignée."
    _edit_once(qtbot, page, logged["late"])
    assert page.details.history.text().startswith("Modifiée le ")
    assert "avant : moment : " in page.details.history.text()
    assert page.status.text().startswith("Modifications enregistrées.")
    assert clipped(page) == []
    editor = page.edit_selected()
    assert editor is not None
    qtbot.waitExposed(editor)
    assert editor.save_button.text() == "Enregistrer les modifications"
    assert editor.channel.currentText() == "Courriel"  # edited to email above
    assert "Crise / risque" in _items(editor.category)
    assert clipped(editor) == []
    editor.reject()
    # Nothing in the last 7 days of searches.
    page.filters.span.setCurrentIndex(page.filters.span.findData(RangeChoice.LAST_7_DAYS))
    page.filters.kind.setCurrentIndex(3)
    assert page.empty.text() == "Aucune entrée ne correspond à ces filtres."


def test_in_hebrew_the_timeline_mirrors_and_counts_in_hebrew(
    qtbot: QtBot, practice: Services, logged: dict[str, int]
) -> None:
    apply_language(the_app(), "he", remember=False)
    page = _page(qtbot, practice)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.title.text() == "ציר זמן"
    assert page.count.text() == "4 רשומות"
    late = _select(qtbot, page, logged["late"])
    assert markers(late) == ["מחוץ לשעות", "2 אזהרות"]
    assert page.details.delete_button.text() == "מחיקה"
    # Two entries: Hebrew's dual form.
    page.filters.kind.setCurrentIndex(1)  # contacts
    settle(qtbot)
    assert page.count.text() == "2 רשומות"
    assert not page.view.grab().isNull()  # the rows, drawn mirrored
    assert clipped(page) == []
    page.filters.span.setCurrentIndex(page.filters.span.findData(RangeChoice.LAST_7_DAYS))
    page.filters.kind.setCurrentIndex(0)
    page.filters.span.setCurrentIndex(page.filters.span.findData(RangeChoice.CUSTOM))
    assert page.filters.to_label.text() == "עד"
