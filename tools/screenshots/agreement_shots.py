"""Render the agreement editor (and the client list's Agreement column) to PNGs for a look.

Not a test. Run it under Xvfb, so real fonts and the app's style are used:

    xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python tools/screenshots/agreement_shots.py /tmp/agreement_shots
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from PySide6.QtCore import QElapsedTimer, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from tests.fakes import MemoryKeychain  # noqa: E402

from boundary_desk.domain.agreements import Channel, Purpose  # noqa: E402
from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind  # noqa: E402
from boundary_desk.services import Services  # noqa: E402
from boundary_desk.storage.keys.wrap import Argon2Cost  # noqa: E402
from boundary_desk.storage.vault.location import VaultLocation  # noqa: E402
from boundary_desk.system.paths import resolve_paths  # noqa: E402
from boundary_desk.ui.agreements.editor import AgreementEditor  # noqa: E402
from boundary_desk.ui.clients.page import ClientsPage  # noqa: E402
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter  # noqa: E402
from boundary_desk.ui.widgets.style import apply_style  # noqa: E402

# PySide6 6.12.0 on Python 3.11 drops a reference to None on each call returning
# nothing and to True on each emit(); these keep them alive for the length of a run.
_REFERENCES_TO_SPARE = [None, True, False] * 2_000_000
TODAY = date(2026, 3, 3)
PRACTICE = {
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbour Counselling",
    "address": "12 King Street West, Suite 400\nToronto, ON  M5H 1A1",
    "phone": "+1 416-555-0100",
    "email": "alex@harbourcounselling.example",
    "region": "CA-ON",
    "timezone": "America/Toronto",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
}
ZOE = Client(
    code="",
    display_name="Zoë Martin",
    started_on=date(2026, 3, 3),
    handles=(
        ContactHandle(HandleKind.PHONE, "+1 416 555 0142", "mobile", True),
        ContactHandle(HandleKind.EMAIL, "zoe.martin@example.org", "", True),
    ),
)
OTHERS = (
    Client(code="JD2", display_name="Jordan Díaz", status=ClientStatus.ENDED,
           started_on=date(2024, 3, 4), ended_on=date(2025, 2, 27)),
    Client(code="", display_name="Sam Okafor", is_minor=True, guardian_name="Grace Okafor",
           handles=(ContactHandle(HandleKind.PHONE, "(604) 555-0199", "guardian's mobile"),)),
    Client(code="", display_name="Priya Natarajan",
           handles=(ContactHandle(HandleKind.EMAIL, "priya.n@example.org"),)),
)  # fmt: skip


def wait_until(done: Callable[[], bool], ms: int = 10_000) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not done():
        if timer.hasExpired(ms):
            raise SystemExit("timed out waiting for the preview")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def shoot(widget: QWidget, folder: Path, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(path)


def preview_settled(editor: AgreementEditor) -> Callable[[], bool]:
    return editor.preview.is_current


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
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(
            paths=resolve_paths(tmp),
            keychain=MemoryKeychain(),
            kdf_cost=Argon2Cost(memory_kib=1024, iterations=1, lanes=1),
        )
        services = Services.open(location.create().vault)
        try:
            services.settings.set_many(PRACTICE)
            zoe = services.clients.add(ZOE)
            others = [services.clients.add(client) for client in OTHERS]
            prompter = ScriptedPrompter()

            editor = AgreementEditor(services, prompter, zoe, today=TODAY)
            editor.show()
            wait_until(preview_settled(editor))
            shoot(editor, folder, "01-new-client")
            tick_channels(editor)
            editor.form.emergency_contact.setText("Luc Martin (brother), +1 416 555 0177")
            editor.form.nearest_er.setText("Toronto General Hospital, 200 Elizabeth St")
            wait_until(preview_settled(editor))
            shoot(editor, folder, "02-email-and-text")
            editor.form.rows[Channel.PHONE].allowed.setChecked(True)
            editor.save_draft()
            shoot(editor, folder, "03-purpose-missing")
            editor.form.rows[Channel.PHONE].allowed.setChecked(False)
            editor.save_draft()
            wait_until(preview_settled(editor))
            shoot(editor, folder, "04-draft-saved")
            editor.form.client_signed.set_value(date(2026, 3, 9))
            editor.sign()
            shoot(editor, folder, "05-future-signature")
            editor.form.client_signed.set_value(TODAY)
            prompter.confirms.append(True)
            editor.sign()
            wait_until(preview_settled(editor))
            shoot(editor, folder, "06-signed")
            bar = editor.preview.view.verticalScrollBar()
            bar.setValue(bar.maximum())
            shoot(editor, folder, "07-signed-preview-end")
            prompter.confirms.append(True)
            editor.withdraw(Channel.TEXT)
            bar.setValue(0)
            shoot(editor, folder, "07b-text-withdrawn")
            editor.start_new_version()
            editor.form.rows[Channel.TEXT].response.setCurrentText("the same working day")
            editor.form.bills.setChecked(True)
            editor.changes_button.setChecked(True)
            wait_until(preview_settled(editor))
            shoot(editor, folder, "08-new-version-changes")
            editor.form_scroll.verticalScrollBar().setValue(
                10_000
            )  # the form's scroll area, to its end
            shoot(editor, folder, "09-form-end")
            editor.done(0)

            minor = AgreementEditor(services, prompter, others[1], today=TODAY)
            minor.show()
            wait_until(preview_settled(minor))
            minor.form_scroll.verticalScrollBar().setValue(10_000)
            shoot(minor, folder, "10-minor-form-end")
            minor.done(0)

            hostile = services.clients.add(Client(code="", display_name="<b>x</b> 😀 שלום"))
            odd = AgreementEditor(services, prompter, hostile, today=TODAY)
            odd.show()
            wait_until(preview_settled(odd))
            shoot(odd, folder, "11-hostile-name")
            odd.done(0)

            page = ClientsPage(services, prompter, today=lambda: TODAY)
            page.resize(1000, 560)
            page.show()
            shoot(page, folder, "12-clients-agreement-column")
        finally:
            services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
    sys.stdout.flush()
    os._exit(0)  # past PySide6 6.12's dropped references, whose clean-up would abort
