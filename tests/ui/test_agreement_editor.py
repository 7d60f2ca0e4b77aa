"""The agreement editor: a draft from the client's details, checks shown in place, signing,
a live preview of the real PDF, saving and printing it."""

from __future__ import annotations

import stat
import threading
from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boundary_desk.domain.agreements import AgreementStatus, Channel, Purpose
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.agreements.pdf_preview import render_pages
from boundary_desk.ui.agreements.printing import print_pdf
from boundary_desk.ui.agreements.sign_dialog import (
    AskSigning,
    SignDialog,
    SigningDates,
    SigningRequest,
)
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.test_client_editor import tick, type_text

TODAY = date(2026, 3, 3)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


@pytest.fixture
def client(services: Services) -> Client:
    return services.clients.add(
        Client(
            code="",
            display_name="Zoë Martin",
            handles=(
                ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),
                ContactHandle(HandleKind.EMAIL, "zoe@example.org"),
            ),
        )
    )


def signing_as_proposed(prompter: ScriptedPrompter) -> AskSigning:
    """The Sign dialog, answered by the script: Sign with the dates it proposes, or Cancel."""

    def ask(request: SigningRequest, parent: QWidget | None) -> SigningDates | None:
        problem = request.check(request.proposed)
        assert problem is None, problem  # the dialog would refuse these dates
        signs = prompter.confirm(parent, "Sign agreement", request.question)
        return request.proposed if signs else None

    return ask


def signing_in_the_dialog(
    qtbot: QtBot, fill: Callable[[SignDialog], None], seen: list[SignDialog]
) -> AskSigning:
    """The real Sign dialog, filled in by `fill` (which presses its buttons)."""

    def ask(request: SigningRequest, parent: QWidget | None) -> SigningDates | None:
        dialog = SignDialog(request, parent)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.show()
        fill(dialog)
        return dialog.dates

    return ask


def open_editor(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, **kwargs: object
) -> AgreementEditor:
    kwargs.setdefault("ask_signing", signing_as_proposed(prompter))
    editor = AgreementEditor(services, prompter, client, today=TODAY, **kwargs)  # type: ignore[arg-type]
    # At the end of a test, close without the "save your changes?" question.
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.done(0))
    editor.resize(1300, 850)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


@pytest.fixture
def editor(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> AgreementEditor:
    return open_editor(qtbot, services, prompter, client)


def allow(editor: AgreementEditor, channel: Channel, *purposes: Purpose) -> None:
    row = editor.form.rows[channel]
    row.allowed.setChecked(True)
    for purpose in purposes:
        row.purposes[purpose].setChecked(True)


def wait_for_preview(qtbot: QtBot, editor: AgreementEditor) -> None:
    qtbot.waitUntil(editor.preview.is_current, timeout=15_000)


def click(qtbot: QtBot, widget: QAbstractButton) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def history(services: Services, client: Client) -> list:  # type: ignore[type-arg]
    assert client.id is not None
    return services.agreements.history(client.id)


# -- opening --------------------------------------------------------------------------


def test_a_new_client_starts_from_their_contact_details(editor: AgreementEditor) -> None:
    assert editor.form.phone.text() == "+1 416 555 0142"
    assert editor.form.email.text() == "zoe@example.org"
    assert editor.form.emergency_number.text() == "911"
    assert "988" in editor.form.resources.text()
    assert editor.agreement.version == 1 and editor.agreement.id is None
    assert editor.subtitle.text() == "Zoë Martin · C-001 · version 1 · new draft, not saved yet"
    assert editor.windowTitle() == "Communication agreement · C-001[*]"
    assert not editor.isWindowModified()
    assert not any(row.allowed.isChecked() for row in editor.form.rows.values())
    assert "No channel is allowed" in editor.notes.text()
    assert not editor.changes_button.isVisible()


def test_purposes_are_enabled_only_for_an_allowed_channel(
    qtbot: QtBot, editor: AgreementEditor
) -> None:
    row = editor.form.rows[Channel.TEXT]
    assert not any(box.isEnabled() for box in row.purposes.values())
    assert not row.response.isVisible()
    tick(qtbot, row.allowed)
    assert all(box.isEnabled() for box in row.purposes.values())
    assert row.response.isVisible() and row.response.isEnabled()
    tick(qtbot, row.allowed)
    assert not any(box.isEnabled() for box in row.purposes.values())


def test_channels_ticked_by_keyboard_and_mouse_are_saved_as_a_draft(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client
) -> None:
    email = editor.form.rows[Channel.EMAIL]
    assert editor.focusWidget() is email.allowed
    qtbot.keyClick(email.allowed, Qt.Key.Key_Space)
    qtbot.keyClick(email.allowed, Qt.Key.Key_Tab)
    assert editor.focusWidget() is email.purposes[Purpose.SCHEDULING]
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Space)
    text = editor.form.rows[Channel.TEXT]
    tick(qtbot, text.allowed)
    tick(qtbot, text.purposes[Purpose.CHECK_IN])
    text.response.setCurrentText("the same working day")
    assert editor.isWindowModified()
    click(qtbot, editor.save_button)
    [saved] = history(services, client)
    assert saved.status is AgreementStatus.DRAFT
    assert saved.terms(Channel.EMAIL).purposes == {Purpose.SCHEDULING}
    assert saved.terms(Channel.TEXT).purposes == {Purpose.CHECK_IN}
    assert saved.terms(Channel.TEXT).response_time == "the same working day"
    assert not saved.allows(Channel.PHONE)
    assert editor.status.text() == "Draft version 1 saved."
    assert editor.subtitle.text().endswith("version 1 · draft")
    assert not editor.isWindowModified()


def test_ctrl_s_saves_the_draft(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client
) -> None:
    editor.form.bills.setChecked(True)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [saved] = history(services, client)
    assert saved.bills_between_session


def test_a_saved_draft_is_what_opens_next_time(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.VIDEO, Purpose.CHECK_IN)
    first.form.nearest_er.setText("Toronto General Hospital")
    assert first.save_draft()
    first.reject()
    again = open_editor(qtbot, services, prompter, client)
    assert again.agreement.id == first.agreement.id
    assert again.form.rows[Channel.VIDEO].purposes[Purpose.CHECK_IN].isChecked()
    assert again.form.nearest_er.text() == "Toronto General Hospital"
    assert not again.isWindowModified()


# -- refusals ---------------------------------------------------------------------------


def test_an_allowed_channel_without_a_purpose_is_refused_in_place(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client
) -> None:
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    allow(editor, Channel.PHONE)
    click(qtbot, editor.save_button)
    assert editor.error.isVisible()
    assert editor.error.text().startswith("Phone calls: choose at least one purpose")
    assert editor.error.textFormat() is Qt.TextFormat.PlainText
    assert history(services, client) == []
    assert editor.focusWidget() is editor.form.rows[Channel.PHONE].purposes[Purpose.SCHEDULING]
    tick(qtbot, editor.form.rows[Channel.PHONE].purposes[Purpose.SCHEDULING])
    assert not editor.error.isVisible()  # the fix clears the old message


def test_signing_with_a_future_date_is_refused_in_the_dialog_and_nothing_saved(
    qtbot: QtBot, services: Services, client: Client, prompter: ScriptedPrompter
) -> None:
    seen: list[SignDialog] = []

    def fill(dialog: SignDialog) -> None:
        dialog.client_signed.setDate(QDate(2026, 3, 9))
        click(qtbot, dialog.sign_button)
        assert dialog.isVisible()  # stays open, the dates as typed
        assert dialog.error.text() == "The client's signature date can't be in the future."
        click(qtbot, dialog.cancel_button)

    editor = open_editor(
        qtbot, services, prompter, client, ask_signing=signing_in_the_dialog(qtbot, fill, seen)
    )
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    click(qtbot, editor.sign_button)
    assert len(seen) == 1 and not seen[0].isVisible()
    assert history(services, client) == []
    assert editor.sign_button.isVisible()


def test_sign_opens_a_dialog_that_asks_for_the_dates_with_today_proposed(
    qtbot: QtBot, services: Services, client: Client, prompter: ScriptedPrompter
) -> None:
    """Issue 13: Sign… used to refuse with "Enter the date the client signed." instead."""
    seen: list[SignDialog] = []

    def fill(dialog: SignDialog) -> None:
        assert dialog.windowTitle() == "Sign version 1"
        assert dialog.chosen() == SigningDates(TODAY, TODAY, date(2026, 9, 3))
        dialog.client_signed.setDate(QDate(2026, 3, 2))  # signed yesterday, on paper
        assert dialog.chosen().clinician_signed_on == date(2026, 3, 2)
        assert dialog.chosen().review_on == date(2026, 9, 2)  # follows the signature
        click(qtbot, dialog.sign_button)

    editor = open_editor(
        qtbot, services, prompter, client, ask_signing=signing_in_the_dialog(qtbot, fill, seen)
    )
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    click(qtbot, editor.sign_button)
    [signed] = history(services, client)
    assert signed.status is AgreementStatus.SIGNED
    assert (signed.client_signed_on, signed.review_on) == (date(2026, 3, 2), date(2026, 9, 2))
    assert editor.status.text().startswith("Version 1 is signed.")


def test_a_channel_without_a_purpose_is_refused_before_the_dates_are_asked(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client,
    prompter: ScriptedPrompter,
) -> None:  # fmt: skip
    editor.form.rows[Channel.PHONE].allowed.setChecked(True)
    click(qtbot, editor.sign_button)
    assert editor.error.text().startswith("Phone calls: choose at least one purpose")
    assert prompter.asked == []
    assert history(services, client) == []


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_an_unknown_time_zone_is_refused(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client
) -> None:
    editor.form.timezone.setEditText("Mars/Olympus")
    assert not editor.save_draft()
    assert "time zone must be a name from the list" in editor.error.text()
    assert history(services, client) == []
    editor.form.timezone.setEditText("america/vancouver")
    assert editor.save_draft()
    assert history(services, client)[0].client_timezone == "America/Vancouver"


# -- signing ----------------------------------------------------------------------------


def test_signing_records_the_signature_and_shows_it_signed(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client,
    prompter: ScriptedPrompter,
) -> None:  # fmt: skip
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING, Purpose.HOMEWORK)
    qtbot.mouseClick(editor.form.client_signed.add_button, Qt.MouseButton.LeftButton)
    assert editor.form.client_signed.value() == TODAY
    assert "3 September 2026" in editor.form.review.unset.text()
    prompter.confirms.append(True)
    click(qtbot, editor.sign_button)
    [(kind, title, question)] = prompter.asked  # the Sign dialog's question
    assert (kind, title) == ("confirm", "Sign agreement")
    assert "version 1" in question and "C-001" in question and "Zoë" not in question
    [signed] = history(services, client)
    assert signed.status is AgreementStatus.SIGNED
    assert signed.review_on == date(2026, 9, 3)
    assert signed.unencrypted_choice
    assert editor.status.text().startswith("Version 1 is signed.")
    assert "signed 3 March 2026 · review by 3 September 2026" in editor.subtitle.text()
    assert not editor.save_button.isVisible() and not editor.sign_button.isVisible()
    assert editor.new_version_button.isVisible()
    assert not editor.form.rows[Channel.EMAIL].allowed.isEnabled()
    assert editor.form.rows[Channel.EMAIL].withdraw.isVisible()


def test_declining_to_sign_changes_nothing(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client,
    prompter: ScriptedPrompter,
) -> None:  # fmt: skip
    editor.form.client_signed.set_value(TODAY)
    prompter.confirms.append(False)
    click(qtbot, editor.sign_button)
    assert history(services, client) == []
    assert editor.sign_button.isVisible()


def sign(qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter) -> None:
    editor.form.client_signed.set_value(TODAY)
    prompter.confirms.append(True)
    click(qtbot, editor.sign_button)
    assert editor.agreement.status is AgreementStatus.SIGNED, editor.error.text()


def test_a_new_version_supersedes_the_signed_one(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.EMAIL, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    first.reject()

    second = open_editor(qtbot, services, prompter, client)
    # Issue 13: it opens on the signed version, read-only, rather than on a new draft.
    assert second.agreement.version == 1 and not second.save_button.isVisible()
    click(qtbot, second.new_version_button)
    assert second.agreement.version == 2 and second.agreement.id is None
    assert second.form.rows[Channel.EMAIL].allowed.isChecked()
    assert second.form.client_signed.value() is None
    assert second.changes_button.isVisible()
    allow(second, Channel.TEXT, Purpose.SCHEDULING)
    tick(qtbot, second.changes_button)
    assert "Changes since version 1" in second.changes_panel.text()
    assert "Text messages (SMS): now allowed" in second.changes_panel.text()
    assert "Review date" not in second.changes_panel.text()
    sign(qtbot, second, prompter)
    assert "Version 1 stays on record" in prompter.asked[-1][2]
    old, new = history(services, client)
    assert old.status is AgreementStatus.SUPERSEDED
    assert new.status is AgreementStatus.SIGNED and new.version == 2
    assert new.allows(Channel.TEXT)


def test_withdrawing_a_channel_is_recorded_on_the_signed_version(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.TEXT, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    row = first.form.rows[Channel.TEXT]
    prompter.confirms.append(True)
    click(qtbot, row.withdraw)
    assert "text messages (SMS)" in prompter.asked[-1][2]
    [signed] = history(services, client)
    assert signed.terms(Channel.TEXT).withdrawn_on == TODAY
    assert not signed.allows(Channel.TEXT)
    assert row.withdrawn.isVisible() and row.withdrawn.text() == "Consent withdrawn 3 Mar 2026"
    assert not row.withdraw.isVisible() and not row.allowed.isChecked()
    assert "withdrawn on 3 March 2026" in first.status.text()


# -- names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["<b>x</b>", "Zoë 😀", "שלום", "Ana & <i>Bo</i>"])
def test_names_are_never_read_as_markup_or_put_in_the_title(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, name: str
) -> None:
    client = services.clients.add(Client(code="", display_name=name))
    editor = open_editor(qtbot, services, prompter, client)
    assert name not in editor.windowTitle()
    assert editor.windowTitle() == f"Communication agreement · {client.code}[*]"
    shown = [w for w in editor.findChildren(QLabel) if name in w.text()]
    assert shown, "the name should be shown somewhere"
    for widget in editor.findChildren(QLabel):
        assert widget.textFormat() is Qt.TextFormat.PlainText, widget.text()
    wait_for_preview(qtbot, editor)
    assert editor.preview.page_count() >= 1


def test_a_name_typed_into_the_contact_fields_stays_literal(
    qtbot: QtBot, editor: AgreementEditor, services: Services, client: Client
) -> None:
    editor.form.emergency_contact.clear()
    type_text(qtbot, editor.form.emergency_contact, "<b>Luc</b> & שלום 😀")
    assert editor.save_draft()
    assert history(services, client)[0].crisis.emergency_contact == "<b>Luc</b> & שלום 😀"
    wait_for_preview(qtbot, editor)


# -- preview ----------------------------------------------------------------------------


def test_the_preview_shows_the_pdf_and_follows_edits(qtbot: QtBot, editor: AgreementEditor) -> None:
    wait_for_preview(qtbot, editor)
    assert editor.preview.page_count() >= 1
    before = editor.preview.view.page_pixmap(0).toImage()
    assert not before.isNull() and before.width() > 100
    assert editor.preview.pdf is not None and editor.preview.pdf.startswith(b"%PDF")
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    assert not editor.preview.is_current()
    wait_for_preview(qtbot, editor)
    assert editor.preview.view.page_pixmap(0).toImage() != before


def test_whole_pages_fit_the_pane_height(qtbot: QtBot, editor: AgreementEditor) -> None:
    editor.resize(1300, 560)  # too short for a whole page at the pane's width
    wait_for_preview(qtbot, editor)
    width = editor.preview.view.page_pixmap(0).deviceIndependentSize().width()
    tick(qtbot, editor.preview.whole_pages)
    page = editor.preview.view.page_pixmap(0).deviceIndependentSize()
    assert page.height() <= editor.preview.view.viewport().height()
    assert page.width() < width
    assert editor.preview.whole_pages.text() == "Fit to width"


def test_render_pages_makes_one_image_per_page(editor: AgreementEditor, qtbot: QtBot) -> None:
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    images = render_pages(editor.preview.pdf, scale=0.5)
    assert len(images) == editor.preview.page_count()
    assert images[0].width() == pytest.approx(612 / 2, abs=1)  # US Letter at half size


def test_stale_results_are_dropped(qtbot: QtBot) -> None:
    """A job cancelled while queued never runs; one cancelled while running is ignored."""
    jobs = BackgroundJobs()
    release = threading.Event()
    finished: list[object] = []
    jobs.finished.connect(lambda _job, result: finished.append(result))
    running = jobs.submit(lambda: release.wait(10) and "running")
    queued = jobs.submit(lambda: "queued")
    jobs.cancel(queued)
    jobs.cancel(running)
    latest = jobs.submit(lambda: "latest")
    release.set()
    qtbot.waitUntil(lambda: finished == ["latest"])
    assert latest > running


# -- PDF files and printing -----------------------------------------------------------


def test_save_pdf_writes_a_private_pdf_named_by_code(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    wait_for_preview(qtbot, editor)
    target = tmp_path / "agreement.pdf"
    prompter.save_paths.append(target)
    click(qtbot, editor.pdf_button)
    (kind, _, suggested), offered = prompter.asked
    assert kind == "save_file"
    assert Path(suggested).name == "Agreement C-001 v1.pdf"
    assert offered[0] == "saved"  # with Show in folder
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "agreement.pdf" in editor.status.text()


def test_save_pdf_before_the_preview_is_ready_still_saves_the_current_fields(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    target = tmp_path / "early"
    prompter.save_paths.append(target)
    click(qtbot, editor.pdf_button)
    saved = tmp_path / "early.pdf"  # the extension is added
    qtbot.waitUntil(saved.exists, timeout=15_000)
    assert saved.read_bytes() == editor.preview.pdf


def test_save_pdf_to_a_missing_folder_warns_and_writes_nothing(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    wait_for_preview(qtbot, editor)
    folder = tmp_path / "out"
    folder.mkdir()
    prompter.save_paths.append(folder / "gone" / "agreement.pdf")
    click(qtbot, editor.pdf_button)
    [warning] = prompter.messages("warn")
    assert "does not exist" in warning
    assert list(folder.iterdir()) == []
    assert not editor.status.text()


def test_cancelling_the_save_dialog_does_nothing(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    prompter.save_paths.append(None)
    click(qtbot, editor.pdf_button)
    assert prompter.messages("warn") == []
    assert editor.status.text() == ""


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_pdf_paints_every_page_onto_the_printer(
    qtbot: QtBot, editor: AgreementEditor, tmp_path: Path
) -> None:
    wait_for_preview(qtbot, editor)
    assert editor.preview.pdf is not None
    out = tmp_path / "printed.pdf"
    pages = print_pdf(editor.preview.pdf, pdf_printer(out))
    assert pages == editor.preview.page_count()
    assert out.stat().st_size > 1000
    assert out.read_bytes().startswith(b"%PDF")


def test_print_sends_the_agreement_to_the_chosen_printer(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def choose_pdf_printer(printer: QPrinter, parent: QWidget | None) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        return True

    editor = open_editor(qtbot, services, prompter, client, ask_printer=choose_pdf_printer)
    click(qtbot, editor.print_button)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Sent"), timeout=15_000)
    assert asked[0].docName() == "Agreement C-001 v1"
    assert asked[0].fullPage()
    assert out.read_bytes().startswith(b"%PDF")


def test_a_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    editor = open_editor(
        qtbot, services, prompter, client, ask_printer=lambda printer, parent: False
    )
    wait_for_preview(qtbot, editor)
    click(qtbot, editor.print_button)
    assert editor.status.text() == ""


# -- closing ----------------------------------------------------------------------------


def test_closing_without_edits_asks_nothing(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter
) -> None:
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert prompter.asked == []


def test_closing_with_edits_offers_to_save_them(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, services: Services,
    client: Client,
) -> None:  # fmt: skip
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    prompter.confirms.extend([True])
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert prompter.confirms == deque()
    assert prompter.asked[0][1] == "Unsaved changes"
    assert history(services, client)[0].allows(Channel.EMAIL)


def test_closing_and_declining_to_save_keeps_nothing(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, services: Services,
    client: Client,
) -> None:  # fmt: skip
    allow(editor, Channel.EMAIL, Purpose.SCHEDULING)
    prompter.confirms.append(False)
    with qtbot.waitSignal(editor.rejected):
        click(qtbot, editor.close_button)
    assert history(services, client) == []


def test_closing_with_edits_that_cannot_be_saved_stays_open(
    qtbot: QtBot, editor: AgreementEditor, prompter: ScriptedPrompter, services: Services,
    client: Client,
) -> None:  # fmt: skip
    allow(editor, Channel.PHONE)  # no purpose: the store refuses it
    prompter.confirms.append(True)
    editor.close()
    assert editor.isVisible()
    assert "choose at least one purpose" in editor.error.text()
    assert history(services, client) == []


def test_a_minor_gets_the_guardian_section(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter
) -> None:
    sam = services.clients.add(
        Client(code="", display_name="Sam", is_minor=True, guardian_name="Grace")
    )
    editor = open_editor(qtbot, services, prompter, sam)
    assert editor.form.guardian_role.toPlainText().startswith("Grace is kept informed")
    editor.form.guardian_role.setPlainText("Grace hears about\nattendance only.")
    assert editor.save_draft()
    assert history(services, sam)[0].guardian_role == "Grace hears about attendance only."


def test_an_adult_has_no_guardian_section(editor: AgreementEditor) -> None:
    assert not hasattr(editor.form, "guardian_role")


# -- the version history and reprinting a signed version -------------------------------------


def _pdftotext(path: Path) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _letterhead(text: str) -> str:
    return text.split("Communication agreement", 1)[0]


def test_the_version_list_opens_a_signed_version_read_only_and_reprints_it_as_signed(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    services.settings.set_many({"practice": "Harbour", "phone": "+1 416-555-0100"})
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.EMAIL, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    wait_for_preview(qtbot, first)
    signed_pdf = tmp_path / "as-signed.pdf"
    prompter.save_paths.append(signed_pdf)
    click(qtbot, first.pdf_button)
    first.done(0)

    services.settings.set("phone", "+1 416-555-0199")  # changed in Settings since
    editor = open_editor(qtbot, services, prompter, client)
    click(qtbot, editor.new_version_button)
    allow(editor, Channel.TEXT, Purpose.SCHEDULING)
    assert editor.save_draft()
    assert [editor.versions.itemText(i) for i in range(editor.versions.count())] == [
        "Version 2 · draft",
        "Version 1 · signed 3 March 2026",
    ]

    editor.versions.setCurrentIndex(1)
    editor.versions.activated.emit(1)
    assert editor.agreement.version == 1
    assert editor.agreement.status is AgreementStatus.SIGNED
    assert not editor.save_button.isVisible() and not editor.sign_button.isVisible()
    assert not editor.form.rows[Channel.TEXT].allowed.isEnabled()
    assert editor.print_button.isVisible() and editor.pdf_button.isVisible()
    assert "as it was signed" in editor.status.text()

    wait_for_preview(qtbot, editor)
    reprint = tmp_path / "reprint.pdf"
    prompter.save_paths.append(reprint)
    click(qtbot, editor.pdf_button)
    (*_, suggested) = [asked for asked in prompter.asked if asked[0] == "save_file"][-1]
    assert Path(suggested).name == "Agreement C-001 v1.pdf"
    as_signed, again = _pdftotext(signed_pdf), _pdftotext(reprint)
    assert "+1 416-555-0100" in _letterhead(as_signed)
    assert _letterhead(again) == _letterhead(as_signed)
    assert "0199" not in again

    editor.versions.activated.emit(0)  # back to the draft, which has today's details
    assert editor.agreement.version == 2 and editor.save_button.isVisible()


def test_leaving_an_edited_draft_for_another_version_offers_to_save_it(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client
) -> None:
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.EMAIL, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    click(qtbot, first.new_version_button)
    allow(first, Channel.TEXT, Purpose.SCHEDULING)
    prompter.confirms.append(True)
    first.versions.activated.emit(first.versions.findData(1))
    assert prompter.asked[-1][1] == "Unsaved changes"
    assert first.agreement.version == 1
    [_v1, v2] = history(services, client)
    assert v2.status is AgreementStatus.DRAFT and v2.allows(Channel.TEXT)


def test_printing_a_signed_version_sends_the_pages_as_signed(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"

    def choose_pdf_printer(printer: QPrinter, parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        return True

    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.EMAIL, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    first.done(0)
    editor = open_editor(qtbot, services, prompter, client, ask_printer=choose_pdf_printer)
    assert editor.agreement.status is AgreementStatus.SIGNED  # opens on the signed version
    click(qtbot, editor.print_button)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Sent"), timeout=15_000)
    assert out.read_bytes().startswith(b"%PDF")


def test_a_version_signed_before_its_details_were_kept_says_its_reprint_shows_todays(
    qtbot: QtBot, services: Services, prompter: ScriptedPrompter, client: Client, tmp_path: Path
) -> None:
    services.settings.set_many({"practice": "Harbour", "phone": "+1 416-555-0100"})
    first = open_editor(qtbot, services, prompter, client)
    allow(first, Channel.EMAIL, Purpose.SCHEDULING)
    sign(qtbot, first, prompter)
    assert first.reprint_note.isHidden()  # kept at signing: it reprints exactly as signed
    first.done(0)
    [signed] = history(services, client)
    # As a vault from before migration 9 holds it: no practice details kept with it.
    services.vault.conn.execute(
        "DELETE FROM agreement_practice WHERE agreement_id = ?", (signed.id,)
    )
    services.settings.set("phone", "+1 416-555-0199")

    editor = open_editor(qtbot, services, prompter, client)

    assert editor.agreement.status is AgreementStatus.SIGNED
    assert not editor.reprint_note.isHidden()
    assert editor.reprint_note.text() == (
        "Version 1 was signed before its practice details were kept with it, so a reprint "
        "shows today's practice details, and says so; the copy signed on 3 March 2026 may "
        "show earlier ones."
    )
    click(qtbot, editor.new_version_button)  # a draft prints as it is today: no note
    assert editor.reprint_note.isHidden()
    editor.versions.activated.emit(editor.versions.findData(1))
    assert not editor.reprint_note.isHidden()
    assert "exactly as signed" not in editor.status.text()
    wait_for_preview(qtbot, editor)
    reprint = tmp_path / "reprint.pdf"
    prompter.save_paths.append(reprint)
    click(qtbot, editor.pdf_button)
    text = " ".join(_pdftotext(reprint).split())
    assert (
        "Reprinted 3 March 2026. The practice details above are today's; "
        "the copy signed on 3 March 2026 may show earlier ones."
    ) in text
    assert "+1 416-555-0199" in text
