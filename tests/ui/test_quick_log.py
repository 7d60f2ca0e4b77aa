"""The quick log: a Friday 22:40 text logged from the keyboard, its warnings, and its draft.

Practice: Toronto, Ontario holidays, Mon–Thu 09:00–17:00 and Fri 09:00–13:00.
Ana Lima (AL1) has a signed agreement that allows email only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    Direction,
    EventKind,
    RequestAction,
    SearchPurpose,
)
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.quick_log.boundary_forms import ApproachForm, FriendRequestForm, SearchForm
from boundary_desk.ui.quick_log.forms import ContactForm
from boundary_desk.ui.quick_log.result import CrisisProtocol
from boundary_desk.ui.quick_log.tray import QuickLogTray, tray_tooltip
from boundary_desk.ui.quick_log.window import DRAFT_NAME, QuickLogDialog
from boundary_desk.ui.shell.app_window import LOG_WHEN_LOCKED_NOTE, AppWindow
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.vault.unlock import UnlockScreen
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import type_text
from tests.ui.test_lock import unlocked_window, visible_texts

# The offscreen platform can't raise the matches list or give it the keyboard; the list
# still opens and works, so these two notices from the platform plugin are expected.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
)

FRIDAY_2240 = datetime(2026, 11, 21, 3, 40, tzinfo=UTC)  # 22:40 on Friday 20 Nov in Toronto
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def set_up_practice(services: Services) -> Client:
    services.settings.set_many(
        {
            "timezone": "America/Toronto",
            "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
            "region": "CA-ON",
        }
    )
    ana = services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    services.clients.add(Client(code="AD2", display_name="Anaïs Dubois"))
    services.clients.add(Client(code="JE3", display_name="Jordan Ellis"))
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    signed = date(2025, 11, 1)
    draft = first_draft(ana, services.settings.load()).with_terms(email)
    services.agreements.sign(
        replace(draft, client_signed_on=signed, review_on=date(2027, 11, 1)), date(2026, 11, 20)
    )
    return ana


@pytest.fixture
def practice(services: Services) -> Services:
    set_up_practice(services)
    return services


def open_dialog(qtbot: QtBot, services: Services, now: datetime = FRIDAY_2240) -> QuickLogDialog:
    dialog = QuickLogDialog(services, ScriptedPrompter(), now=lambda: now)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


class Keyboard:
    """Presses keys on whatever has focus, as a person would, and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.presses = 0

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        self.presses += 1
        self.qtbot.keyClick(self.focus, key, modifier)

    def type(self, text: str) -> None:
        self.presses += len(text)
        self.qtbot.keyClicks(self.focus, text)

    def dictate(self, text: str) -> None:
        """The summary itself: typed, but not counted as navigation."""
        type_text(self.qtbot, self.focus, text)


def contact_form(dialog: QuickLogDialog) -> ContactForm:
    form = dialog.current_form
    assert isinstance(form, ContactForm)
    return form


def pick_ana(qtbot: QtBot, dialog: QuickLogDialog) -> None:
    qtbot.keyClicks(dialog.client_field.edit, "ana")
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    assert dialog.client_field.client is not None


def codes(dialog: QuickLogDialog) -> list[str]:
    assert dialog.saved is not None
    return [w.code for w in dialog.saved.warnings]


def assert_refused(dialog: QuickLogDialog, services: Services, text: str, field: QWidget) -> None:
    assert dialog.error.isVisible()
    assert text in dialog.error.text()
    assert dialog.pages.currentWidget() is dialog.form_page
    assert field.hasFocus()
    assert dialog.saved is None
    assert services.events.list() == []


# -- the typical entry ----------------------------------------------------------------


def test_a_friday_2240_text_is_logged_from_the_keyboard_in_eleven_presses(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    keys = Keyboard(qtbot)
    form = contact_form(dialog)
    assert dialog.client_field.edit.hasFocus()

    keys.type("ana")
    keys.press(Qt.Key.Key_Return)  # the first match, Ana Lima; on to the channel
    assert dialog.client_field.badge.text() == "AL1"
    assert form.channel.hasFocus()
    keys.type("t")  # text message
    keys.press(Qt.Key.Key_Tab)  # who reached out: the client (default)
    assert form.direction.hasFocus()
    keys.press(Qt.Key.Key_Tab)  # when: now (default)
    assert form.when.edit.hasFocus()
    keys.press(Qt.Key.Key_Tab)  # category: admin (default)
    assert form.category.hasFocus()
    keys.press(Qt.Key.Key_Tab)  # complex or emotional: no (default)
    assert form.complex.hasFocus()
    keys.press(Qt.Key.Key_Tab)  # duration is only for calls, so straight to the summary
    assert form.summary.hasFocus()
    keys.dictate("Asked to move Monday's session to Tuesday.")
    keys.press(Qt.Key.Key_Return, CTRL)

    assert keys.presses == 11
    assert keys.presses <= 25
    (event,) = practice.events.list()
    assert event.client_id == practice.clients.find("AL1").id
    assert event.kind is EventKind.CONTACT
    assert event.channel is ContactChannel.TEXT
    assert event.direction is Direction.IN
    assert event.category is Category.ADMIN
    assert event.occurred_at == FRIDAY_2240
    assert event.summary == "Asked to move Monday's session to Tuesday."
    assert event.minutes is None and event.replied_at is None
    assert not event.raise_next_session
    assert not event.is_complex
    assert dialog.pages.currentWidget() is dialog.result_page


def test_after_saving_the_warnings_are_shown_in_place(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)

    dialog.save()

    assert dialog.isVisible()
    # The problem leads, not the reassurance that it was saved.
    assert dialog.result_panel.headline.text() == "22:40 Friday is after hours."
    assert dialog.result_panel.hours.text() == "Logged, with 2 warnings below."
    assert codes(dialog) == ["after_hours", "outside_agreement"]
    shown = dialog.result_panel.texts()
    assert shown[0] == "This text message came at 22:40 on Friday, outside your working hours."
    assert "AL1's agreement doesn't include text messages" in shown[1]
    assert all(row.start_button.isVisible() for row in dialog.result_panel.rows)
    assert dialog.result_panel.crisis is None
    assert practice.drafts.load(DRAFT_NAME) is None


def test_acknowledging_a_warning_keeps_the_note(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()
    row = dialog.result_panel.rows[1]

    qtbot.mouseClick(row.start_button, Qt.MouseButton.LeftButton)
    assert row.note.isVisible() and row.note.hasFocus()
    type_text(qtbot, row.note, "Will revisit the agreement — Zoë's idea")
    qtbot.keyClick(row.note, Qt.Key.Key_Return)

    assert dialog.saved is not None and dialog.saved.event.id is not None
    stored = {w.code: w for w in practice.events.warnings(dialog.saved.event.id)}
    assert stored["outside_agreement"].acknowledged_at is not None
    assert stored["outside_agreement"].note == "Will revisit the agreement — Zoë's idea"
    assert stored["after_hours"].acknowledged_at is None
    assert row.status.text() == "Acknowledged · Will revisit the agreement — Zoë's idea"
    assert not row.start_button.isVisible() and not row.note.isVisible()
    assert dialog.pages.currentWidget() is dialog.result_page


def test_an_overlong_note_is_refused_in_place_as_on_the_timeline(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()
    row = dialog.result_panel.rows[0]
    qtbot.mouseClick(row.start_button, Qt.MouseButton.LeftButton)
    row.note.setText("x" * 520)

    row.save_button.click()

    assert "at most 500 characters" in row.error.text()
    assert row.note.isVisible() and row.note.text() == "x" * 520  # nothing typed is lost
    assert dialog.saved is not None and dialog.saved.event.id is not None
    assert all(w.acknowledged_at is None for w in practice.events.warnings(dialog.saved.event.id))


def test_each_warning_shows_its_severity_in_words_and_what_the_agreement_says(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()

    after, outside = dialog.result_panel.rows
    assert after.badge.text() == "Needs attention" and after.badge.isVisible()
    assert outside.badge.text() == "Serious"
    assert outside.property("severity") == "serious"  # the colour repeats the words
    assert after.title.text() == "Contact after hours"
    # Ana's signed agreement allows email only, so the general promise is quoted.
    assert after.guidance.text().startswith("Your agreement says messages outside working")
    assert "keep in touch by email" in outside.guidance.text()


def test_acknowledge_all_stores_every_warning_with_the_one_note(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()
    everything = dialog.result_panel.acknowledge_all
    assert everything is not None and everything.isVisible()

    qtbot.mouseClick(everything.start_button, Qt.MouseButton.LeftButton)
    assert everything.note.hasFocus()
    type_text(qtbot, everything.note, "Raised in session")
    qtbot.keyClick(everything.note, Qt.Key.Key_Return)

    assert dialog.saved is not None and dialog.saved.event.id is not None
    stored = practice.events.warnings(dialog.saved.event.id)
    assert len(stored) == 2
    assert all(w.acknowledged_at is not None and w.note == "Raised in session" for w in stored)
    for row in dialog.result_panel.rows:
        assert row.status.text() == "Acknowledged · Raised in session"
        assert not row.start_button.isVisible()
    assert not everything.isVisible()  # nothing left to acknowledge


def test_acknowledge_all_refuses_an_overlong_note_and_stores_nothing(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()
    everything = dialog.result_panel.acknowledge_all
    assert everything is not None
    everything.open_note()
    everything.note.setText("x" * 520)

    everything.save_button.click()

    assert "at most 500 characters" in everything.error.text()
    assert everything.note.text() == "x" * 520  # nothing typed is lost
    assert dialog.saved is not None and dialog.saved.event.id is not None
    assert all(w.acknowledged_at is None for w in practice.events.warnings(dialog.saved.event.id))
    assert all(row.start_button.isVisible() for row in dialog.result_panel.rows)


def test_acknowledge_all_is_offered_only_while_two_are_open(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.save()
    everything = dialog.result_panel.acknowledge_all
    assert everything is not None and everything.isVisible()
    first = dialog.result_panel.rows[0]

    first.open_note()
    first.confirm()

    assert not everything.isVisible()


TUESDAY_11 = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # 11:00 on Tuesday in Toronto


@pytest.mark.parametrize(
    ("category", "flagged"), [(Category.CLINICAL, True), (Category.ADMIN, False)]
)
def test_a_clinical_reply_by_text_is_shown_as_a_poor_fit(
    qtbot: QtBot, practice: Services, category: Category, flagged: bool
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.channel.setCurrentIndex(form.channel.findData(ContactChannel.EMAIL))
    form.category.setCurrentIndex(form.category.findData(category))
    form.replied.setChecked(True)
    form.reply_channel.setCurrentIndex(form.reply_channel.findData(ContactChannel.TEXT))

    dialog.save()

    assert ("reply_poor_fit" in codes(dialog)) is flagged
    rows = [row for row in dialog.result_panel.rows if row.code == "reply_poor_fit"]
    if not flagged:
        assert rows == []
        return
    (row,) = rows
    assert row.isVisible() and row.title.text() == "Reply in a lean channel"
    assert row.message.text() == (
        "You wrote clinical content by text message, a lean channel where it is easily "
        "misread; consider checking in the next session how it landed."
    )
    assert row.guidance.text().startswith("Ask in the next session how your message read")
    assert row.start_button.isVisible()


def test_crisis_content_shows_the_crisis_protocol(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.category.setCurrentIndex(form.category.findData(Category.CRISIS))

    dialog.save()

    assert "crisis_channel" in codes(dialog)
    crisis = dialog.result_panel.crisis
    assert crisis is not None and crisis.isVisible()
    numbers = [
        lbl.text() for lbl in crisis.findChildren(QLabel) if lbl.objectName() == "crisisNumber"
    ]
    assert numbers == ["911", "988"]
    assert any("Document your follow-up" in text for text in visible_texts(crisis))
    assert dialog.result_panel.headline.text() == "Crisis content by a non-crisis channel."
    after = next(row for row in dialog.result_panel.rows if row.code == "after_hours")
    assert "can wait" not in after.guidance.text()


def test_the_crisis_protocol_calls_the_number_on_the_clients_agreement(
    qtbot: QtBot, practice: Services
) -> None:
    jordan = practice.clients.find("JE3")
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = first_draft(jordan, practice.settings.load()).with_terms(email)
    plan = replace(draft.crisis, emergency_number="999")  # the client lives abroad
    signed = replace(draft, crisis=plan, client_signed_on=date(2026, 11, 1))
    practice.agreements.sign(replace(signed, review_on=date(2027, 11, 1)), date(2026, 11, 2))
    protocol = CrisisProtocol.for_client(practice, jordan.id or 0)
    assert protocol.numbers[0] == ("Emergency", "999")
    assert [number for _, number in protocol.numbers[1:]] == ["911", "988"]


def test_an_email_in_working_hours_raises_nothing(qtbot: QtBot, practice: Services) -> None:
    tuesday_10 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 10:00 in Toronto
    dialog = open_dialog(qtbot, practice, now=tuesday_10)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    qtbot.keyClicks(form.channel, "e")

    dialog.save()

    assert codes(dialog) == []
    assert dialog.result_panel.hours.text() == "10:00 Tuesday is within your working hours."
    assert "No boundary warnings for this entry." in visible_texts(dialog.result_panel)


def test_log_another_keeps_the_client_and_starts_the_form_afresh(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    contact_form(dialog).summary.setPlainText("Asked to move Tuesday")
    dialog.save()

    qtbot.keyClick(dialog.done_button, Qt.Key.Key_N, CTRL)

    assert dialog.pages.currentWidget() is dialog.form_page
    assert dialog.client_field.client is not None
    assert dialog.client_field.client.code == "AL1"  # the next message is often theirs
    assert contact_form(dialog).summary.toPlainText() == ""
    assert contact_form(dialog).channel.hasFocus()
    assert dialog.saved is None
    assert dialog.result_panel.rows == []


# -- refusals: said in place, nothing saved --------------------------------------------


def test_a_time_a_year_ahead_is_refused(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.when.edit.setText("2027-11-20 22:40")
    assert "(in the future)" in form.when.meaning.text()

    qtbot.keyClick(form.summary, Qt.Key.Key_Return, CTRL)

    assert_refused(dialog, practice, "can't be in the future", form.when.edit)
    assert form.when.text() == "2027-11-20 22:40"


def test_a_time_it_cannot_read_is_refused(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    form.when.edit.setText("last tuesday")

    dialog.save()

    assert_refused(
        dialog, practice, 'Add the time of day, like "last tuesday 22:40"', form.when.edit
    )


def test_an_unknown_client_is_refused(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    qtbot.keyClicks(dialog.client_field.edit, "zzz")
    assert dialog.client_field.badge.text() == "no match"
    contact_form(dialog).summary.setFocus()

    dialog.save()

    assert_refused(dialog, practice, "No client matches “zzz”", dialog.client_field.edit)


def test_no_client_at_all_is_refused(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)

    dialog.save()

    assert_refused(dialog, practice, "Choose a client first", dialog.client_field.edit)


def test_an_ambiguous_client_asks_to_choose(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    qtbot.keyClicks(dialog.client_field.edit, "an")

    dialog.save()

    assert_refused(dialog, practice, "More than one client matches", dialog.client_field.edit)


def test_a_1_mb_summary_is_refused_and_kept(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    huge = "x" * 1_000_000
    form.summary.setPlainText(huge)

    dialog.save()

    assert_refused(dialog, practice, "at most 10,000 characters", form.summary)
    assert form.summary.toPlainText() == huge


def test_markup_in_the_summary_is_shown_literally(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    contact_form(dialog).summary.setPlainText("<b>x</b> & <i>y</i>")

    dialog.save()

    summary = dialog.result_panel.summary
    assert summary.text() == "“<b>x</b> & <i>y</i>”"
    assert summary.textFormat() is Qt.TextFormat.PlainText
    assert practice.events.list()[0].summary == "<b>x</b> & <i>y</i>"
    labels = dialog.result_page.findChildren(QLabel)
    assert all(lbl.textFormat() is Qt.TextFormat.PlainText for lbl in labels)


# -- the form's keys and fields --------------------------------------------------------


def test_down_opens_the_matches_and_enter_takes_the_highlighted_one(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    field = dialog.client_field
    qtbot.keyClicks(field.edit, "ANA")  # case and accents don't matter: Anaïs matches too
    assert field.completer.completionModel().rowCount() == 2

    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)

    assert field.client is not None and field.client.code == "AD2"
    assert field.edit.text() == "Anaïs Dubois"
    assert not field.popup.isVisible()


def test_an_unambiguous_name_is_taken_on_leaving_the_field(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    qtbot.keyClicks(dialog.client_field.edit, "jord")

    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Tab)

    assert dialog.client_field.client is not None
    assert dialog.client_field.badge.text() == "JE3"


def test_when_shows_the_time_it_means(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    form = contact_form(dialog)
    assert form.when.meaning.text() == "Fri 20 Nov, 22:40"

    qtbot.keyClicks(form.when.edit, "20 min ago")

    assert form.when.meaning.text() == "Fri 20 Nov, 22:20"


def test_duration_is_only_for_calls_and_video(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    assert not form.minutes.isEnabled()

    qtbot.keyClicks(form.channel, "c")  # call
    assert form.channel.currentData() == ContactChannel.CALL
    assert form.minutes.isEnabled()
    qtbot.keyClicks(form.minutes, "25")
    form.replied.setChecked(True)
    form.reply_when.set_text("now")
    dialog.save()

    (event,) = practice.events.list()
    assert event.channel is ContactChannel.CALL and event.minutes == 25
    assert event.replied_at == FRIDAY_2240 and event.reply_channel is ContactChannel.CALL
    assert "replied_after_hours" in codes(dialog)


def test_tab_in_the_summary_moves_on_and_enter_never_saves(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    qtbot.keyClick(form.channel, Qt.Key.Key_Return)  # Enter moves on, like Tab
    assert form.direction.hasFocus()
    form.summary.setFocus()

    qtbot.keyClick(form.summary, Qt.Key.Key_Tab)

    assert form.summary.toPlainText() == ""
    assert form.replied.hasFocus()
    assert practice.events.list() == []


def test_alt_and_a_number_choose_the_kind(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)

    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_3, ALT)

    assert dialog.kinds.kind() is EventKind.SEARCH
    assert isinstance(dialog.current_form, SearchForm)
    assert dialog.current_form.purpose.hasFocus()
    qtbot.keyClick(dialog.current_form.purpose, Qt.Key.Key_1, ALT)
    assert dialog.kinds.kind() is EventKind.CONTACT


def test_alt_and_a_number_keep_an_empty_client_field_in_focus(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice)
    assert dialog.client_field.edit.hasFocus()

    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_2, ALT)

    assert dialog.kinds.kind() is not EventKind.CONTACT  # the kind changed …
    assert dialog.client_field.edit.hasFocus()  # … and the client is still asked for first


# -- the boundary events ---------------------------------------------------------------


def test_a_curiosity_search_is_named_as_such(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.SEARCH)
    form = dialog.current_form
    assert isinstance(form, SearchForm)
    form.purpose.setCurrentIndex(form.purpose.findData(SearchPurpose.CURIOSITY))
    form.consent.setCurrentIndex(form.consent.findData(Consent.NOT_OBTAINED))
    form.location.setText("Instagram")
    form.found.setPlainText("A public profile.")
    form.documented.setChecked(True)
    form.consulted.setText("my supervisor")
    form.motive.setText("I wondered how she was doing.")

    dialog.save()

    assert codes(dialog) == ["search_curiosity", "search_no_consent", "search_undocumented"]
    (event,) = practice.events.list()
    assert event.search is not None
    assert event.search.location == "Instagram" and event.search.found == "A public profile."
    assert event.search.documented and not event.search.told_client
    assert event.search.motive == "I wondered how she was doing."


def test_a_search_needs_its_reason(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.SEARCH)
    form = dialog.current_form
    assert isinstance(form, SearchForm)

    dialog.save()

    assert_refused(dialog, practice, "Say why you searched", form.purpose)


def test_an_accepted_friend_request_warns(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_2, ALT)
    form = dialog.current_form
    assert isinstance(form, FriendRequestForm)
    assert form.platform.hasFocus()
    qtbot.keyClicks(form.platform, "Instagram")
    form.action.setCurrentIndex(form.action.findData(RequestAction.ACCEPTED))

    dialog.save()

    assert codes(dialog) == ["friend_request_accepted"]
    (event,) = practice.events.list()
    assert event.request is not None
    assert event.request.platform == "Instagram"
    assert event.request.action is RequestAction.ACCEPTED


def test_a_friend_request_needs_its_platform(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.FRIEND_REQUEST)
    form = dialog.current_form
    assert isinstance(form, FriendRequestForm)

    dialog.save()

    assert_refused(dialog, practice, "The platform can't be empty", form.platform)


def test_a_client_approach_is_logged_with_how_you_learned(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.choose_kind(EventKind.CLIENT_APPROACH)
    form = dialog.current_form
    assert isinstance(form, ApproachForm)
    form.summary.setPlainText("Said she had found my personal Instagram.")
    form.learned_how.setText("She told me in session")

    dialog.save()

    assert codes(dialog) == ["client_approach"]
    (event,) = practice.events.list()
    assert event.approach is not None and event.approach.learned_how == "She told me in session"


# -- the draft -------------------------------------------------------------------------


def test_the_draft_is_kept_in_the_vault_as_you_type(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)

    qtbot.waitUntil(lambda: practice.drafts.load(DRAFT_NAME) is not None, timeout=3000)

    body = practice.drafts.load(DRAFT_NAME)
    assert body is not None and body["client_text"] == "Ana Lima"
    assert body["forms"] == {}  # untouched forms are not kept
    dialog.save()
    assert practice.drafts.load(DRAFT_NAME) is None


def test_the_draft_survives_closing_the_dialog(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    form = contact_form(dialog)
    type_text(qtbot, form.summary, "Zoë asked about Monday")

    qtbot.keyClick(form.summary, Qt.Key.Key_Escape)

    assert not dialog.isVisible()
    again = open_dialog(qtbot, practice)
    assert again.restored.isVisible()
    assert again.client_field.client is not None and again.client_field.client.code == "AL1"
    restored = contact_form(again)
    assert restored.summary.toPlainText() == "Zoë asked about Monday"
    assert restored.when.text() == "2026-11-20 22:40"  # "now" kept as the time it meant
    assert restored.channel.hasFocus()


def test_discard_forgets_the_draft(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice)
    pick_ana(qtbot, dialog)
    dialog.reject()
    again = open_dialog(qtbot, practice)
    assert again.restored.isVisible()

    qtbot.mouseClick(again.discard_button, Qt.MouseButton.LeftButton)

    assert not again.restored.isVisible()
    assert again.client_field.edit.text() == ""
    assert practice.drafts.load(DRAFT_NAME) is None
    again.reject()
    assert practice.drafts.load(DRAFT_NAME) is None


# -- in the app: Ctrl+L, the tray's action, and locking --------------------------------


@pytest.fixture
def vault(location: VaultLocation) -> VaultLocation:
    created = location.create()
    set_up_practice(Services.open(created.vault))
    created.vault.close()
    return location


def test_ctrl_l_opens_the_quick_log(qtbot: QtBot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(window.current_screen, Qt.Key.Key_L, CTRL)

    dialog = window.quick_log
    assert isinstance(dialog, QuickLogDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Log a contact"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_L, CTRL)  # again: the same one
    assert window.quick_log is dialog


def test_ctrl_shift_l_in_the_quick_log_locks(qtbot: QtBot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    window.open_quick_log()
    dialog = window.quick_log
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.client_field.edit, "jordan")

    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)

    assert window.is_locked and window.quick_log is None
    assert not dialog.isVisible()


def test_the_draft_survives_a_lock_and_no_client_text_remains(
    qtbot: QtBot, vault: VaultLocation
) -> None:
    window = unlocked_window(qtbot, vault)
    services = window.services
    assert services is not None
    window.open_quick_log()
    dialog = window.quick_log
    assert dialog is not None
    qtbot.keyClicks(dialog.client_field.edit, "ana")
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    contact_form(dialog).summary.setPlainText("Quintessa marigold summary")

    window.lock()  # at once, before the draft's timer

    assert window.quick_log is None
    assert isinstance(window.current_screen, UnlockScreen)
    texts = visible_texts(window)
    assert not any("Ana Lima" in t or "Quintessa marigold" in t for t in texts)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    everywhere = [t for w in QApplication.allWidgets() for t in visible_texts(w)]
    assert not any("Quintessa marigold" in t or "Ana Lima" in t for t in everywhere)

    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.unlock_button.click()
    window.open_quick_log()
    again = window.quick_log
    assert again is not None and again.restored.isVisible()
    assert again.client_field.edit.text() == "Ana Lima"
    assert contact_form(again).summary.toPlainText() == "Quintessa marigold summary"


def test_logging_while_locked_asks_to_unlock_then_opens(qtbot: QtBot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    window.lock()

    window.log_action.trigger()  # as from the tray

    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    assert window.quick_log is None
    assert screen.note.text() == LOG_WHEN_LOCKED_NOTE
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace)
    assert window.quick_log is not None and window.quick_log.isVisible()


def test_a_saved_entry_refreshes_the_workspace(qtbot: QtBot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    workspace = window.current_screen
    assert isinstance(workspace, Workspace)
    refreshed: list[bool] = []
    workspace.refresh_events = lambda: refreshed.append(True)  # type: ignore[method-assign]
    window.open_quick_log()
    dialog = window.quick_log
    assert dialog is not None
    pick_ana(qtbot, dialog)

    dialog.save()

    assert dialog.saved is not None and refreshed == [True]


def test_closing_the_quick_log_deletes_it(qtbot: QtBot, vault: VaultLocation) -> None:
    window = unlocked_window(qtbot, vault)
    window.open_quick_log()
    dialog = window.quick_log
    assert dialog is not None

    dialog.reject()

    assert window.quick_log is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_the_tray_never_shows_client_data(qtbot: QtBot, vault: VaultLocation) -> None:
    window = AppWindow(vault, ScriptedPrompter())
    qtbot.addWidget(window)
    tray = QuickLogTray(
        [window.log_action, window.lock_action, window.show_action, None, window.quit_action],
        window.show_window,
        window,
    )
    menu = tray.contextMenu()
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Log contact…",
        "Lock",
        "Show Boundary Desk",
        "Quit",
    ]
    assert tray.toolTip() == tray_tooltip(locked=True) == "Boundary Desk (locked)"
    tray.set_locked(False)
    assert tray.toolTip() == "Boundary Desk"
