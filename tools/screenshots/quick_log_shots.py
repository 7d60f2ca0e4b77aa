"""Render the quick log to PNGs for a look: empty, a Friday 22:40 text, its warnings, a search.

Not a test. Run under Xvfb so real fonts and the app style are used:

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tools/screenshots/quick_log_shots.py /tmp/qls
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from tests.fakes import MemoryKeychain  # noqa: E402

from boundary_desk.domain.agreement_rules import first_draft  # noqa: E402
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose  # noqa: E402
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind  # noqa: E402
from boundary_desk.domain.events import Category, ContactChannel, EventKind  # noqa: E402
from boundary_desk.services import Services  # noqa: E402
from boundary_desk.storage.keys.wrap import Argon2Cost  # noqa: E402
from boundary_desk.storage.vault.location import VaultLocation  # noqa: E402
from boundary_desk.system.paths import resolve_paths  # noqa: E402
from boundary_desk.ui.quick_log.boundary_forms import SearchForm  # noqa: E402
from boundary_desk.ui.quick_log.forms import ContactForm  # noqa: E402
from boundary_desk.ui.quick_log.window import QuickLogDialog  # noqa: E402
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter  # noqa: E402
from boundary_desk.ui.widgets.style import apply_style  # noqa: E402

FAST = Argon2Cost(memory_kib=1024, iterations=1, lanes=1)
FRIDAY_2240 = datetime(2026, 11, 21, 3, 40, tzinfo=UTC)  # 22:40 on Friday in Toronto
SUMMARY = "Asked to move Monday's session to Tuesday. Said work has been “a lot” this week."


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shoot(widget: QWidget, folder: Path, name: str) -> None:
    settle()
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(path)


def shoot_screen(folder: Path, name: str) -> None:
    """The whole screen, for popups that live in windows of their own."""
    settle()
    path = folder / f"{name}.png"
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def practice(services: Services) -> None:
    services.settings.set_many(
        {
            "timezone": "America/Toronto",
            "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
            "region": "CA-ON",
            "practice": "Harbour Counselling",
        }
    )
    ana = services.clients.add(
        Client(
            code="AL1",
            display_name="Ana Lima",
            handles=(ContactHandle(HandleKind.EMAIL, "ana.lima@example.org"),),
        )
    )
    for name, code in (("Anaïs Dubois", "AD2"), ("Jordan Ellis", "C-003"), ("Sam Okafor", "")):
        services.clients.add(Client(code=code, display_name=name))
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
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(paths=resolve_paths(tmp), keychain=MemoryKeychain(), kdf_cost=FAST)
        services = Services.open(location.create().vault)
        try:
            practice(services)
            window = dialog(services)
            shoot(window, folder, "1-empty")

            QTest.keyClicks(window.client_field.edit, "an")
            shoot_screen(folder, "2-typeahead-screen")
            window.client_field.set_client(None)

            fill_text(window)
            shoot(window, folder, "3-filled-friday-2240")
            window.save()
            shoot(window, folder, "4-saved-with-warnings")
            window.result_panel.rows[0].open_note()
            shoot(window, folder, "5-acknowledge-note")
            window.done(0)

            window = dialog(services)
            fill_text(window, Category.CRISIS)
            window.save()
            shoot(window, folder, "6-saved-crisis")
            window.done(0)

            window = dialog(services)
            QTest.keyClicks(window.client_field.edit, "ana l")
            QTest.keyClick(window.client_field.edit, Qt.Key.Key_Return)
            window.choose_kind(EventKind.SEARCH)
            search = window.current_form
            assert isinstance(search, SearchForm)
            search.location.setText("Google")
            shoot(window, folder, "7-search-form")
            window.choose_kind(EventKind.FRIEND_REQUEST)
            shoot(window, folder, "8-friend-request-form")
            window.choose_kind(EventKind.CLIENT_APPROACH)
            shoot(window, folder, "9-approach-form")
            window.choose_kind(EventKind.CONTACT)
            contact = window.current_form
            assert isinstance(contact, ContactForm)
            contact.when.set_text("2027-11-20 22:40")
            contact.replied.setChecked(True)
            window.save()
            shoot(window, folder, "10-refused-future")
            window.reject()

            window = dialog(services)
            shoot(window, folder, "11-restored-draft")
            window.done(0)
        finally:
            services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/quicklog_shots"))
