"""The clients page, the client editor and the settings page, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/page_shots.py /tmp/shots-page
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QScrollArea

from boundary_desk.domain.clients import Client
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.settings.hours_grid import HoursGrid
from boundary_desk.ui.settings.numbers import WholeNumberSetting
from boundary_desk.ui.settings.page import SettingsPage
from tools.screenshots.harness import SAMPLE_CLIENTS, add_clients, run, screenshot_session


def to_the_end(page: SettingsPage) -> None:
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())


def to_field(page: SettingsPage, key: str) -> None:
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    field = page.fields[key]
    scroll.verticalScrollBar().setValue(field.mapTo(scroll.widget(), field.rect().topLeft()).y())


def main(folder: Path) -> None:
    with screenshot_session(folder, clients=()) as shots:
        services, prompter, room = shots.services, shots.prompter, shots.page_size
        shots.shoot(ClientsPage(services, prompter), "clients_empty", room)
        saved = add_clients(services, SAMPLE_CLIENTS)
        clients = ClientsPage(services, prompter)
        shots.shoot(clients, "clients", room)
        # As a click selects; QTableView.selectRow selects nothing in a right-to-left table.
        clients.table.setCurrentIndex(clients.model.index(1, 0))
        clients.table.setFocus()
        shots.shoot(clients, "clients_selected", room)
        clients.search.setText("zoe")
        shots.shoot(clients, "clients_search", room)
        shots.shoot(ClientEditor(services, prompter, None), "editor_new", None)
        shots.shoot(ClientEditor(services, prompter, saved["Jordan Díaz"]), "editor_ended", None)
        editor = ClientEditor(services, prompter, saved["Sam Okafor"])
        shots.shoot(editor, "editor_filled", None)
        editor.name.clear()
        editor.save()
        shots.shoot(editor, "editor_error", None)
        add_clients(
            services, (Client(code="", display_name=n) for n in ("<b>x</b>", "Zoë 😀", "שלום"))
        )
        clients.search.clear()
        shots.shoot(clients, "clients_literal_names", room)
        settings = SettingsPage(services, prompter)
        shots.shoot(settings, "settings", room)
        for key in ("hours", "vacation", "review", "autolock", "crisis"):
            to_field(settings, key)
            shots.shoot(settings, f"settings_{key}", room)
        to_the_end(settings)
        shots.shoot(settings, "settings_end", room)
        hours = settings.fields["hours"].input
        assert isinstance(hours, HoursGrid)
        hours.days[0].add_shift()  # a split Monday, then two mistakes
        hours.days[1].shifts[0].start.setTime(QTime(18, 0))
        settings.fields["timezone"].input.set_value("Mars/Olympus")  # type: ignore[attr-defined]
        autolock = settings.fields["autolock"].input
        assert isinstance(autolock, WholeNumberSetting)
        autolock.spin.lineEdit().setText("0")
        settings.save()
        shots.shoot(settings, "settings_error", room)
        to_field(settings, "hours")
        shots.shoot(settings, "settings_error_hours", room)
        to_field(settings, "autolock")
        shots.shoot(settings, "settings_error_autolock", room)
        to_the_end(settings)
        shots.shoot(settings, "settings_error_end", room)


if __name__ == "__main__":
    run(main)
