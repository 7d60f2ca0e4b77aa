"""The audit trail view: plain words, before → after for edits, one client's rows, the chain."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.ui.clients.audit_view import AuditView, ClientAuditWindow, local_time
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

MARKUP = "<b>Sam</b> & <i>Co</i>"


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set("timezone", "America/Toronto")
    return services


@pytest.fixture
def zoe(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Zoë Martin"))


@pytest.fixture
def sam(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Sam Okafor"))


def open_view(qtbot: QtBot, services: Services, client_id: int | None = None) -> AuditView:
    view = AuditView(services, ScriptedPrompter(), client_id)
    qtbot.addWidget(view)
    return view


def children_of(view: AuditView, row: int) -> list[str]:
    item = view.tree.topLevelItem(row)
    return [item.child(i).text(1) for i in range(item.childCount())]


def test_an_edit_shows_only_the_changed_fields_before_and_after(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    practice.clients.update(dataclasses.replace(zoe, display_name="Zoë M. Martin"))

    view = open_view(qtbot, practice)

    texts = [view.tree.topLevelItem(i).text(1) for i in range(view.tree.topLevelItemCount())]
    changed = texts.index("Changed the client's details")
    assert children_of(view, changed) == ["Display name: Zoë Martin \u2192 Zoë M. Martin"]
    assert texts.index("Added the client") > changed  # newest first
    assert children_of(view, texts.index("Added the client")) == []


def test_a_clients_view_shows_only_their_rows_and_records_the_viewing(
    qtbot: QtBot, practice: Services, zoe: Client, sam: Client
) -> None:
    assert zoe.id is not None and sam.id is not None
    before = len(audit.history(practice.vault.conn, zoe.id))

    view = open_view(qtbot, practice, zoe.id)

    rows = audit.history(practice.vault.conn, zoe.id)
    assert len(rows) == before + 1
    assert (rows[0].action, rows[0].table_name) == ("view", "audit")
    assert view.tree.topLevelItemCount() == len(rows)
    assert view.row_texts()[0].endswith("Viewed the audit trail")
    shown_ids = {
        view.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        for i in range(view.tree.topLevelItemCount())
    }
    sams = {r.id for r in audit.history(practice.vault.conn, sam.id)}
    assert sams and not shown_ids & sams
    assert shown_ids == {r.id for r in rows}


def test_the_whole_trail_view_records_nothing(qtbot: QtBot, practice: Services) -> None:
    count = len(audit.history(practice.vault.conn))
    open_view(qtbot, practice)
    assert len(audit.history(practice.vault.conn)) == count


def test_the_header_says_the_chain_is_intact(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    view = open_view(qtbot, practice, zoe.id)
    rows = practice.vault.verify_audit().rows
    assert view.header.text() == f"Audit trail intact: {rows} rows verified"


def test_markup_in_a_name_is_shown_literally(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    practice.clients.update(dataclasses.replace(zoe, display_name=MARKUP))

    view = open_view(qtbot, practice, zoe.id)

    shown = [text for i in range(view.tree.topLevelItemCount()) for text in children_of(view, i)]
    assert f"Display name: Zoë Martin \u2192 {MARKUP}" in shown
    for lbl in view.findChildren(QLabel):
        assert lbl.textFormat().name == "PlainText"


def test_times_are_in_the_practice_zone(qtbot: QtBot, practice: Services) -> None:
    audit.record(practice.vault.conn, "unlock", "vault")
    conn = practice.vault.conn
    (latest,) = conn.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    view = open_view(qtbot, practice)
    first = view.tree.topLevelItem(0)
    assert first.text(1) == "Unlocked the vault"
    assert first.text(0) == local_time(latest, practice.settings.load().timezone)
    assert local_time("2026-11-24T18:00:00.000Z", practice.settings.load().timezone) == (
        "Tue 24 Nov 2026 13:00"
    )


def test_the_clients_page_opens_a_window_titled_by_code(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    clients = ClientsPage(practice, ScriptedPrompter(), today=lambda: date(2026, 11, 24))
    qtbot.addWidget(clients)
    assert not clients.audit_button.isEnabled()
    clients.table.selectRow(0)
    assert clients.audit_button.isEnabled()

    clients.audit_button.click()

    (window,) = clients.findChildren(ClientAuditWindow)
    assert window.isVisible() and not window.isModal()
    assert window.windowTitle() == "Audit trail · C-001"
    assert clients.audit_for_selected() is window  # one window per client
    window.close()


def test_an_export_kept_across_a_restore_is_shown_as_such(
    qtbot: QtBot, practice: Services, zoe: Client, tmp_path: Path
) -> None:
    made = practice.vault.backup(tmp_path / "b")
    audit.record(practice.vault.conn, "export", "vault", details={"json": "/x.json"})
    restored = Services.open(practice.vault.restore(made.path))
    try:
        view = open_view(qtbot, restored)
        assert "Exported the vault (before a restore; kept as a record)" in [
            text.split(" · ", 1)[1] for text in view.row_texts()
        ]
        assert view.header.text().startswith("Audit trail intact")
    finally:
        restored.close()
