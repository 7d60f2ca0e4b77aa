"""The quick log's "How to reply" panel, the "Complex or emotional" toggle, and a poor-fit
reply's "Raise in next session", as a clinician uses them.

Practice: Toronto, Mon–Thu 09:00–17:00 and Fri 09:00–13:00. Maya Cohen (MC4) has a signed
agreement that allows email, text messages and the portal; Jordan Ellis (JE3) has none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.channel_fit import CRISIS_FIRST
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.quick_log.fields import select_data
from boundary_desk.ui.quick_log.result import POOR_FIT_LINE, RAISED
from boundary_desk.ui.quick_log.window import QuickLogDialog
from tests.ui.test_quick_log import contact_form, open_dialog, set_up_practice

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
)

TUESDAY_11 = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)  # 11:00 on a working Tuesday


@pytest.fixture
def practice(services: Services) -> Services:
    set_up_practice(services)
    maya = services.clients.add(Client(code="MC4", display_name="Maya Cohen"))
    draft = first_draft(maya, services.settings.load())
    for channel in (Channel.EMAIL, Channel.TEXT, Channel.PORTAL):
        draft = draft.with_terms(
            ChannelTerms(channel, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
        )
    services.agreements.sign(
        replace(draft, client_signed_on=date(2025, 11, 1), review_on=date(2027, 11, 1)),
        date(2026, 11, 2),
    )
    return services


def pick(qtbot: QtBot, dialog: QuickLogDialog, typed: str) -> None:
    qtbot.keyClicks(dialog.client_field.edit, typed)
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    assert dialog.client_field.client is not None


def category(dialog: QuickLogDialog, chosen: Category) -> None:
    select_data(contact_form(dialog).category, chosen.value)


def test_the_panel_ranks_the_agreed_channels_for_an_unanswered_message(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    form = contact_form(dialog)
    assert not form.reply_panel.isVisible()  # no client yet: nothing agreed to rank
    pick(qtbot, dialog, "maya")
    category(dialog, Category.CLINICAL)
    panel = form.reply_panel
    assert panel.isVisible()
    assert panel.lines() == [
        "1. Portal message · good fit",
        "2. Email · take care",
        "3. Text · poor fit",
    ]
    # One sentence per deciding factor, shown with "Why".
    portal = panel.fits[0]
    assert all(reason not in panel.ranking.text() for reason in portal.reasons)
    qtbot.mouseClick(panel.why_button, Qt.MouseButton.LeftButton)
    assert panel.why_button.text() == "Hide why"
    assert "A portal message is confidential, as clinical content should be." in (
        panel.ranking.text()
    )
    # Answered already, or written by the clinician: no panel.
    form.replied.setChecked(True)
    assert not panel.isVisible()
    form.replied.setChecked(False)
    assert panel.isVisible()
    select_data(form.direction, Direction.OUT.value)
    assert not panel.isVisible()


def test_crisis_content_puts_the_crisis_protocol_first(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    category(dialog, Category.CRISIS)
    panel = contact_form(dialog).reply_panel
    assert panel.lines()[0] == "1. Crisis protocol first · before any reply"
    assert [f.channel for f in panel.fits[1:]] == [
        ContactChannel.PORTAL,
        ContactChannel.EMAIL,
        ContactChannel.TEXT,
    ]
    panel.why_button.click()
    assert CRISIS_FIRST.split(":")[0] in panel.ranking.text()


def test_the_complex_toggle_changes_the_ranking_and_an_adjusted_profile_too(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    form = contact_form(dialog)
    category(dialog, Category.ADMIN)
    admin = form.reply_panel.lines()
    assert all(line.endswith("good fit") for line in admin)
    form.complex.setChecked(True)
    assert form.reply_panel.lines() != admin
    assert not any(line.endswith("good fit") for line in form.reply_panel.lines())
    practice.settings.set("channels", "Email: encrypted")
    category(dialog, Category.CLINICAL)
    form.complex.setChecked(False)
    assert form.reply_panel.lines()[0] == "1. Email · good fit"


def test_without_a_signed_agreement_the_panel_says_so(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "jordan")
    panel = contact_form(dialog).reply_panel
    assert panel.isVisible()
    assert panel.empty.isVisible()
    assert panel.lines() == []
    assert not panel.why_button.isVisible()


def test_the_complex_flag_is_saved_and_kept_in_the_draft(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    form = contact_form(dialog)
    form.complex.setChecked(True)
    dialog.flush_draft()
    reopened = open_dialog(qtbot, practice, TUESDAY_11)
    assert contact_form(reopened).complex.isChecked()
    assert contact_form(reopened).reply_panel.isVisible()  # the client came back with it
    reopened.save()
    [saved] = practice.events.list()
    assert saved.is_complex is True
    dialog.close()


def test_a_poor_fit_reply_offers_raise_in_next_session_and_records_the_note(
    qtbot: QtBot, practice: Services
) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    form = contact_form(dialog)
    select_data(form.channel, ContactChannel.EMAIL.value)
    category(dialog, Category.CLINICAL)
    form.replied.setChecked(True)
    select_data(form.reply_channel, ContactChannel.TEXT.value)
    dialog.save()
    result = dialog.result_panel
    assert result.poor_fit is not None and result.poor_fit.isVisible()
    assert result.raise_button is not None
    sentence = [w.text() for w in result.poor_fit.findChildren(type(result.headline))]
    assert POOR_FIT_LINE in sentence
    qtbot.mouseClick(result.raise_button, Qt.MouseButton.LeftButton)
    [saved] = practice.events.list()
    assert saved.raise_next_session is True
    [warning] = practice.events.warnings(saved.id or 0)
    assert (warning.code, warning.note) == ("reply_poor_fit", "to raise in the next session")
    assert warning.acknowledged_at is not None
    assert result.raise_button is None
    assert result.raised is not None and result.raised.text() == RAISED
    assert dialog.done_button.hasFocus()


def test_a_fitting_reply_shows_no_poor_fit_line(qtbot: QtBot, practice: Services) -> None:
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    form = contact_form(dialog)
    select_data(form.channel, ContactChannel.TEXT.value)
    category(dialog, Category.ADMIN)
    form.replied.setChecked(True)
    dialog.save()
    assert dialog.result_panel.poor_fit is None
    assert dialog.result_panel.raise_button is None


def test_the_text_that_makes_a_long_exchange_says_so_and_offers_raise_in_next_session(
    qtbot: QtBot, practice: Services
) -> None:
    practice.settings.set("long_thread", "3 messages within 24 hours")
    maya = practice.clients.find("MC4")
    for hours_before in (5, 2):
        log_event(
            practice,
            ContactEvent(
                maya.id or 0, EventKind.CONTACT, TUESDAY_11 - timedelta(hours=hours_before),
                ContactChannel.TEXT, Direction.IN, Category.ADMIN,
            ),
            TUESDAY_11,
        )  # fmt: skip
    dialog = open_dialog(qtbot, practice, TUESDAY_11)
    pick(qtbot, dialog, "maya")
    form = contact_form(dialog)
    select_data(form.channel, ContactChannel.TEXT.value)
    category(dialog, Category.ADMIN)
    dialog.save()

    result = dialog.result_panel
    assert result.poor_fit is not None and result.poor_fit.isVisible()
    assert result.poor_fit_text is not None
    assert result.poor_fit_text.text().startswith(
        "This is one of 3 text messages with this client over 5 hours"
    )
    assert POOR_FIT_LINE not in result.poor_fit_text.text()  # an admin text fits its channel
    assert result.raise_button is not None
    qtbot.mouseClick(result.raise_button, Qt.MouseButton.LeftButton)
    raised = [e for e in practice.events.list() if e.raise_next_session]
    assert [e.occurred_at for e in raised] == [TUESDAY_11]
    assert result.raised is not None and result.raised.text() == RAISED
