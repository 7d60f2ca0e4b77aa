"""The agreement editor (and the client list's Agreement column) as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/agreement_shots.py /tmp/shots-agreement
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.agreements.sign_dialog import (
    AskSigning,
    SignDialog,
    SigningDates,
    SigningRequest,
)
from boundary_desk.ui.clients.page import ClientsPage
from tools.screenshots.harness import Shots, run, screenshot_session, settle, wait_until

TODAY = date(2026, 3, 3)


SignStep = Callable[[SignDialog], None]


def dialog_signing(shots: Shots, steps: list[SignStep]) -> AskSigning:
    """The real Sign dialog, shown and filled in by the next of `steps`."""

    def ask(request: SigningRequest, parent: QWidget | None) -> SigningDates | None:
        dialog = SignDialog(request, parent)
        dialog.show()
        settle()
        steps.pop(0)(dialog)
        dialog.close()
        return dialog.dates

    return ask


def opened(shots: Shots, client: Client, steps: list[SignStep] | None = None) -> AgreementEditor:
    editor = AgreementEditor(
        shots.services,
        shots.prompter,
        client,
        today=TODAY,
        ask_signing=dialog_signing(shots, steps if steps is not None else []),
    )
    editor.show()
    wait_until(editor.preview.is_current)
    return editor


def tick_channels(editor: AgreementEditor) -> None:
    for channel, purposes in (
        (Channel.EMAIL, (Purpose.SCHEDULING, Purpose.HOMEWORK)),
        (Channel.TEXT, (Purpose.SCHEDULING,)),
    ):
        row = editor.form.rows[channel]
        row.allowed.setChecked(True)
        for purpose in purposes:
            row.purposes[purpose].setChecked(True)


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        prompter = shots.prompter

        def future(dialog: SignDialog) -> None:
            dialog.client_signed.setDate(QDate(2026, 3, 9))
            dialog.accept()
            shots.shoot(dialog, "05-future-signature", None)

        def sign_today(dialog: SignDialog) -> None:
            shots.shoot(dialog, "05b-sign-dialog", None)
            dialog.accept()

        editor = opened(shots, shots.clients["Zoë Martin"], [future, sign_today])
        shots.shoot(editor, "01-new-client", None)
        tick_channels(editor)
        editor.form.emergency_contact.setText("Luc Martin (brother), +1 416 555 0177")
        editor.form.nearest_er.setText("Toronto General Hospital, 200 Elizabeth St")
        wait_until(editor.preview.is_current)
        shots.shoot(editor, "02-email-and-text", None)
        editor.form.rows[Channel.PHONE].allowed.setChecked(True)
        editor.save_draft()
        shots.shoot(editor, "03-purpose-missing", None)
        editor.form.rows[Channel.PHONE].allowed.setChecked(False)
        editor.save_draft()
        wait_until(editor.preview.is_current)
        shots.shoot(editor, "04-draft-saved", None)
        editor.sign()
        editor.sign()
        wait_until(editor.preview.is_current)
        shots.shoot(editor, "06-signed", None)
        bar = editor.preview.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        shots.shoot(editor, "07-signed-preview-end", None)
        prompter.confirms.append(True)
        editor.withdraw(Channel.TEXT)
        bar.setValue(0)
        shots.shoot(editor, "07b-text-withdrawn", None)
        editor.start_new_version()
        editor.form.rows[Channel.TEXT].response.setCurrentText("the same working day")
        editor.form.bills.setChecked(True)
        editor.changes_button.setChecked(True)
        wait_until(editor.preview.is_current)
        shots.shoot(editor, "08-new-version-changes", None)
        editor.form_scroll.verticalScrollBar().setValue(10_000)  # the form, to its end
        shots.shoot(editor, "09-form-end", None)
        editor.save_draft()
        editor.versions.showPopup()
        shots.shoot_screen("09b-version-list")
        editor.versions.hidePopup()
        editor.versions.activated.emit(editor.versions.findData(1))
        wait_until(editor.preview.is_current)
        shots.shoot(editor, "09c-signed-v1-read-only", None)
        editor.done(0)

        # Version 1 as a vault from before migration 9 holds it: no practice details kept.
        zoe = shots.clients["Zoë Martin"]
        [v1] = [a for a in shots.services.agreements.history(zoe.id or 0) if a.version == 1]
        shots.services.vault.conn.execute(
            "DELETE FROM agreement_practice WHERE agreement_id = ?", (v1.id,)
        )
        old = opened(shots, zoe)
        old.versions.activated.emit(old.versions.findData(1))
        wait_until(old.preview.is_current)
        shots.shoot(old, "09d-signed-before-details-were-kept", None)
        old.done(0)

        minor = opened(shots, shots.clients["Sam Okafor"])
        minor.form_scroll.verticalScrollBar().setValue(10_000)
        shots.shoot(minor, "10-minor-form-end", None)
        minor.done(0)

        hostile = shots.services.clients.add(Client(code="", display_name="<b>x</b> 😀 שלום"))
        odd = opened(shots, hostile)
        shots.shoot(odd, "11-hostile-name", None)
        odd.done(0)

        page = ClientsPage(shots.services, prompter, today=lambda: TODAY)
        shots.shoot(page, "12-clients-agreement-column", shots.page_size)


if __name__ == "__main__":
    run(main)
