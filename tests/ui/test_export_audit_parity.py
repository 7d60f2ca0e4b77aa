"""Every export from the app, and opening a client's timeline, leave the CLI's audit row.

Each test does the thing in the app, then runs the CLI command for the same thing on
the same vault, and compares the two rows: action, subject, client and details.
"""

from __future__ import annotations

import threading
from collections import deque
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
from boundary_desk.services import Services
from boundary_desk.services.documents import Exported, RecordRequest, write_record_pdf
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.backups.page import BackupsPage
from boundary_desk.ui.clients.client_timeline import ClientTimeline
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.timeline import page as timeline_page
from boundary_desk.ui.timeline.page import TimelinePage
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

    monkeypatch.setattr(timeline_page, "write_record_pdf", slow)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    services.close()  # the vault locks while the record is still being made
    gate.set()
    qtbot.waitUntil(lambda: not page.is_saving(), timeout=15_000)
    assert target.read_bytes().startswith(b"%PDF")
