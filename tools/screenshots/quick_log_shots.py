"""The quick log as PNGs: empty, a Friday 22:40 text, its warnings, a search.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/quick_log_shots.py /tmp/shots-quick_log
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import Category, ContactChannel, EventKind
from boundary_desk.services import Services
from boundary_desk.ui.quick_log.boundary_forms import SearchForm
from boundary_desk.ui.quick_log.forms import ContactForm
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tools.screenshots.harness import run, screenshot_session, settle

FRIDAY_2240 = datetime(2026, 11, 21, 3, 40, tzinfo=UTC)  # 22:40 on Friday in Toronto
SUMMARY = "Asked to move Monday's session to Tuesday. Said work has been “a lot” this week."
CLIENTS = (  # "an" finds three of them
    Client(
        code="AL1",
        display_name="Ana Lima",
        handles=(ContactHandle(HandleKind.EMAIL, "ana.lima@example.org"),),
    ),
    Client(code="AD2", display_name="Anaïs Dubois"),
    Client(code="C-003", display_name="Jordan Ellis"),
    Client(code="", display_name="Sam Okafor"),
)


def sign_email_only(services: Services, ana: Client) -> None:
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    signed = date(2025, 11, 1)
    draft = first_draft(ana, services.settings.load()).with_terms(email)
    services.agreements.sign(
        replace(draft, client_signed_on=signed, review_on=date(2027, 11, 1)), date(2026, 11, 20)
    )


def dialog(services: Services) -> QuickLogDialog:
    window = QuickLogDialog(services, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    window.show()
    window.activateWindow()
    settle()
    return window


def fill_text(window: QuickLogDialog, category: Category = Category.ADMIN) -> None:
    QTest.keyClicks(window.client_field.edit, "ana l")
    QTest.keyClick(window.client_field.edit, Qt.Key.Key_Return)
    form = window.current_form
    assert isinstance(form, ContactForm)
    form.channel.setCurrentIndex(form.channel.findData(ContactChannel.TEXT))
    form.category.setCurrentIndex(form.category.findData(category))
    form.summary.setPlainText(SUMMARY)
    form.summary.setFocus()


def main(folder: Path) -> None:
    with screenshot_session(folder, clients=CLIENTS) as shots:
        services = shots.services
        sign_email_only(services, shots.clients["Ana Lima"])
        window = dialog(services)
        shots.shoot(window, "1-empty", None)

        QTest.keyClicks(window.client_field.edit, "an")
        shots.shoot_screen("2-typeahead-screen")
        window.client_field.set_client(None)

        fill_text(window)
        shots.shoot(window, "3-filled-friday-2240", None)
        window.save()
        shots.shoot(window, "4-saved-with-warnings", None)
        window.result_panel.rows[0].open_note()
        shots.shoot(window, "5-acknowledge-note", None)
        window.done(0)

        window = dialog(services)
        fill_text(window, Category.CRISIS)
        window.save()
        shots.shoot(window, "6-saved-crisis", None)
        window.done(0)

        window = dialog(services)
        QTest.keyClicks(window.client_field.edit, "ana l")
        QTest.keyClick(window.client_field.edit, Qt.Key.Key_Return)
        window.choose_kind(EventKind.SEARCH)
        search = window.current_form
        assert isinstance(search, SearchForm)
        search.location.setText("Google")
        shots.shoot(window, "7-search-form", None)
        window.choose_kind(EventKind.FRIEND_REQUEST)
        shots.shoot(window, "8-friend-request-form", None)
        window.choose_kind(EventKind.CLIENT_APPROACH)
        shots.shoot(window, "9-approach-form", None)
        window.choose_kind(EventKind.CONTACT)
        contact = window.current_form
        assert isinstance(contact, ContactForm)
        contact.when.set_text("2027-11-20 22:40")
        contact.replied.setChecked(True)
        window.save()
        shots.shoot(window, "10-refused-future", None)
        window.reject()

        window = dialog(services)
        shots.shoot(window, "11-restored-draft", None)
        contact = window.current_form
        assert isinstance(contact, ContactForm)
        contact.when.set_text("last tue 22:40")
        shots.shoot(window, "12-when-typed-last-tuesday", None)
        picker = contact.when.open_picker()
        settle()
        shots.shoot(picker, "13-when-picker", None)
        picker.reject()
        contact.when.set_text("31/02 22:40")
        shots.shoot(window, "14-when-no-such-date", None)
        window.done(0)

        # Two texts with Ana tonight already (shots 4 and 6): a third makes a long exchange.
        services.settings.set("long_thread", "3 messages within 24 hours")
        window = dialog(services)
        window.discard_draft()
        fill_text(window)
        window.save()
        shots.shoot(window, "15-saved-long-exchange", None)
        window.done(0)


if __name__ == "__main__":
    run(main)
