"""Every export from the app, and opening a client's timeline, leave the CLI's audit row.

Each test does the thing in the app, then runs the CLI command for the same thing on
the same vault, and compares the two rows: action, subject, client and details.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.cli import agreement_commands, export_commands, log_commands, review_commands
from boundary_desk.cli.parser import build_parser
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.services.documents import Exported, RecordRequest, write_record_pdf
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.clients.client_timeline import ClientTimeline
from boundary_desk.ui.clients.page import ClientsPage
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.timeline.page import TimelinePage
from boundary_desk.ui.widgets import record_saver
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_review_page import NOW
from tests.ui.test_review_page import clients as clients

Row = tuple[str, str, int | None, dict[str, Any]]


def last_row(services: Services) -> Row:
    (row,) = audit.history(services.vault.conn, limit=1)
    return row.action, row.table_name, row.client_id, row.details()


def cli_row(services: Services, command: Any, *argv: str) -> Row:
    """Run one CLI command in-process on the same vault; the row it left."""
    assert command(build_parser().parse_args(list(argv)), services) == 0
    return last_row(services)


def without_file(row: Row, key: str) -> Row:
    """The row with the path it names taken out (each door wrote a different file)."""
    action, subject, client_id, details = row
    return action, subject, client_id, {k: v for k, v in details.items() if k != key}


def same_row(app: Row, cli: Row, path_key: str, app_path: Path, cli_path: Path) -> None:
    assert app[3][path_key] == str(app_path)
    assert cli[3][path_key] == str(cli_path)
    assert without_file(app, path_key) == without_file(cli, path_key)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


def test_the_agreement_pdf_from_the_app_is_recorded_as_the_cli_records_it(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, zoe: Client, tmp_path: Path
) -> None:
    editor = AgreementEditor(services, prompter, zoe)
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.done(0))
    editor.show()
    target = tmp_path / "agreement.pdf"
    prompter.save_paths.append(target)
    qtbot.mouseClick(editor.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "agreement.pdf" in editor.status.text(), timeout=15_000)
    app = last_row(services)
    out = tmp_path / "cli.pdf"
    cli = cli_row(services, agreement_commands.pdf, "agreement", "pdf", zoe.code, "--out", str(out))
    assert app[:3] == ("export", "agreement", zoe.id)
    same_row(app, cli, "file", target, out)


def test_printing_the_agreement_records_the_version_printed(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, zoe: Client, tmp_path: Path
) -> None:
    def pdf_printer(printer: QPrinter, _parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setResolution(96)
        return True

    editor = AgreementEditor(services, prompter, zoe, ask_printer=pdf_printer)
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.done(0))
    editor.show()
    qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Sent"), timeout=15_000)
    assert last_row(services) == ("export", "agreement", zoe.id, {"printed": True, "version": 1})


def test_the_communication_record_from_the_app_is_recorded_as_the_cli_records_it(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, zoe: Client, tmp_path: Path
) -> None:
    page = TimelinePage(services, prompter, client_id=zoe.id)
    qtbot.addWidget(page)
    target = tmp_path / "record.pdf"
    prompter.save_paths.append(target)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=15_000)
    app = last_row(services)
    out = tmp_path / "cli.pdf"
    cli = cli_row(services, log_commands.record, "record", zoe.code, "--pdf", str(out))
    assert app[:3] == ("export", "record", zoe.id)
    same_row(app, cli, "file", target, out)


@pytest.mark.parametrize("self_review", [False, True])
def test_the_record_from_the_timeline_and_from_the_client_list_is_the_same_file_and_row(
    qtbot: QtBot,
    services: Services,
    zoe: Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    self_review: bool,
) -> None:
    moment = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)  # the PDFs' creation time
    monkeypatch.setattr("boundary_desk.reports.document.made_now", lambda: moment)
    late = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=moment,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        category=Category.ADMIN,
        summary="Can we move Monday?",
    )
    assert log_event(services, late, moment).warnings  # a self-review to leave out or put in
    from_timeline, from_list = tmp_path / "timeline.pdf", tmp_path / "list.pdf"
    prompter = ScriptedPrompter(save_paths=deque([from_timeline, from_list]))

    timeline = TimelinePage(services, prompter, client_id=zoe.id)
    qtbot.addWidget(timeline)
    timeline.self_review_box.setChecked(self_review)
    qtbot.mouseClick(timeline.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not timeline.is_saving(), timeout=15_000)
    by_timeline = last_row(services)

    client_list = ClientsPage(services, prompter)
    qtbot.addWidget(client_list)
    client_list.refresh()
    client_list.table.selectRow(0)
    with qtbot.waitSignal(client_list.record_saver.done, timeout=15_000):
        if self_review:  # from the row's menu
            assert client_list.record_for_selected(include_self_review=True)
        else:
            qtbot.mouseClick(client_list.record_button, Qt.MouseButton.LeftButton)
    by_list = last_row(services)

    assert by_timeline[:3] == ("export", "record", zoe.id)
    assert by_timeline[3].get("self_review", False) is self_review
    same_row(by_timeline, by_list, "file", from_timeline, from_list)
    assert from_timeline.read_bytes() == from_list.read_bytes()
    assert from_list.read_bytes().startswith(b"%PDF")
    asked = [
        (title, Path(name).name) for kind, title, name in prompter.asked if kind == "save_file"
    ]
    assert len(asked) == 2 and asked[0] == asked[1]  # the same dialog, the same file name
    assert len(prompter.messages("saved")) == 2  # both offer Show in folder
    assert timeline.status.text().split(". ", 1)[1] == client_list.status.text().split(". ", 1)[1]


@pytest.mark.parametrize("identified", [False, True])
def test_the_review_pdf_from_the_app_is_recorded_as_the_cli_records_it(
    qtbot: QtBot,
    services: Services,
    clients: dict[str, Client],
    prompter: ScriptedPrompter,
    tmp_path: Path,
    identified: bool,
) -> None:
    page = ReviewPage(services, prompter, now=lambda: NOW)
    qtbot.addWidget(page)
    prompter.save_paths.append(tmp_path / "review.pdf")
    if not identified:
        prompter.reviews.append(True)  # the supervision copy is shown before it is saved
    start = page.export_own_copy if identified else page.export_for_supervision
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        assert start()
    app = last_row(services)
    assert page.review is not None
    week = str(page.review.week)
    flags = ["--identified"] if identified else []
    pdf = str(tmp_path / "cli.pdf")
    cli = cli_row(services, review_commands.review, "review", "--week", week, "--pdf", pdf, *flags)
    assert app == cli == ("export", "review", None, {"week": week, "identified": identified})


def test_the_json_export_from_the_app_is_recorded_as_the_cli_records_it(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    target = tmp_path / "export.json"
    prompter = ScriptedPrompter(confirms=deque([True]), save_paths=deque([target]))
    page = BackupsPage(services, prompter)
    qtbot.addWidget(page)
    page.export_button.click()
    app = last_row(services)
    out = tmp_path / "cli.json"
    cli = cli_row(services, export_commands.export, "export", "--json", str(out), "--yes")
    assert app[:3] == ("export", "vault", None)
    same_row(app, cli, "json", target, out)


def test_opening_a_clients_timeline_records_the_view_the_cli_records(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    window = ClientTimeline(services, prompter, zoe)
    qtbot.addWidget(window)
    app = last_row(services)
    cli = cli_row(services, log_commands.events, "events", zoe.code)
    assert app == cli == ("view", "events", zoe.id, {})


def test_opening_a_clients_agreement_records_the_view_the_cli_records(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, zoe: Client
) -> None:
    editor = AgreementEditor(services, prompter, zoe)
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.done(0))
    app = last_row(services)
    cli = cli_row(services, agreement_commands.show, "agreement", "show", zoe.code)
    assert app == cli == ("view", "agreements", zoe.id, {})


def test_a_record_pdf_that_finishes_after_locking_is_saved_and_nothing_breaks(
    qtbot: QtBot, location: VaultLocation, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    target = tmp_path / "record.pdf"
    page = TimelinePage(services, ScriptedPrompter(save_paths=deque([target])), client_id=zoe.id)
    qtbot.addWidget(page)
    gate = threading.Event()

    def slow(request: RecordRequest, path: Path) -> Exported:
        gate.wait(10)
        return write_record_pdf(request, path)

    monkeypatch.setattr(record_saver, "write_record_pdf", slow)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    services.close()  # the vault locks while the record is still being made
    gate.set()
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=15_000)
    assert target.read_bytes().startswith(b"%PDF")
