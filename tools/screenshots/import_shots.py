"""The import screen, as PNGs: choosing a file, reading it, the questions, the preview
(of an SMS backup, contact cards and a WhatsApp chat), a damaged and a wrong file, and
what was imported.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/import_shots.py /tmp/shots-import
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from tests.ui.import_files import (
    STRANGER_TEXTS,
    ZOE_TEXTS,
    contact_cards,
    sms_backup,
    truncated,
)

from boundary_desk.services import Services, imports
from boundary_desk.services.imports import (
    ImportPreview,
    ImportQuestions,
    ImportResult,
    SourceKind,
)
from boundary_desk.ui.imports.dialog import (
    CHOOSE,
    DAMAGED,
    DONE,
    PREVIEW,
    QUESTIONS,
    ImportDialog,
)
from boundary_desk.ui.imports.running import Cancelled, Progress
from tools.screenshots.harness import run, screenshot_session, wait_until


def main(folder: Path) -> None:
    with screenshot_session(folder) as shots:
        backup = sms_backup(shots.tmp / "sms-20261130.xml", [*ZOE_TEXTS, *STRANGER_TEXTS] * 3)
        dialog = ImportDialog(shots.services, shots.prompter)
        shots.shoot(dialog, "1-choose", size=None)
        dialog.choose.help.setCurrentIndex(1)
        shots.shoot(dialog, "1-choose-email-help", size=None)

        dialog.open_file(backup)
        wait_until(lambda: dialog.step() == PREVIEW)
        shots.shoot(dialog, "3-preview", size=None)
        release = threading.Event()
        real = imports.commit

        def held(
            services: Services,
            shown: ImportPreview,
            *,
            progress: Callable[[int, int], None] | None = None,
        ) -> ImportResult:
            if progress is not None:
                progress(shown.new * 2 // 5, shown.new)  # held at 40%
            release.wait(30)
            return real(services, shown)

        imports.commit = held  # type: ignore[assignment]
        try:
            dialog.go_on()  # Import
            wait_until(lambda: dialog.progress.value() > 0)
            shots.shoot(dialog, "3-importing", size=None)
            release.set()
            wait_until(lambda: dialog.step() == DONE)
        finally:
            imports.commit = real
        shots.shoot(dialog, "4-imported", size=None)
        dialog.close()

        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.open_file(backup)
        wait_until(lambda: dialog.step() == PREVIEW)
        shots.shoot(dialog, "3-preview-again", size=None)
        dialog.close()

        damaged = truncated(shots.tmp / "sms-cut.xml", backup)
        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.open_file(damaged)
        wait_until(lambda: dialog.step() == DAMAGED)
        shots.shoot(dialog, "2-damaged", size=None)
        dialog.import_whole_records()
        wait_until(lambda: dialog.step() == PREVIEW)
        shots.shoot(dialog, "3-preview-damaged", size=None)
        dialog.close()

        wrong = shots.tmp / "notes.txt"
        wrong.write_text("Shopping: milk, bread\n")
        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.open_file(wrong)
        wait_until(lambda: dialog.step() == CHOOSE)
        shots.shoot(dialog, "1-wrong-file", size=None)
        dialog.close()

        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.open_file(contact_cards(shots.tmp / "contacts.vcf"))
        wait_until(lambda: dialog.step() == QUESTIONS)
        shots.shoot(dialog, "2-questions-cards", size=None)
        dialog.go_on()
        wait_until(lambda: dialog.step() == PREVIEW)
        shots.shoot(dialog, "3-preview-cards", size=None)
        dialog.close()

        # A chat export on disk, read as a person would: who is who, then the preview.
        chat_file = shots.tmp / "WhatsApp Chat with Zoë M.txt"
        chat_file.write_text(
            "23/11/2026, 21:58 - Zoë M: Are we still on for Thursday?\n"
            "23/11/2026, 22:05 - Alex Rivera: Yes, see you then.\n"
            "23/11/2026, 22:06 - Sam: Who is this?\n"
            "24/11/2026, 07:12 - Zoë M: Sorry, one more thing\n",
            encoding="utf-8",
        )
        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.open_file(chat_file)
        wait_until(lambda: dialog.step() == QUESTIONS)
        asked = dialog.questions
        assert asked is not None
        asked.me.setCurrentText("Alex Rivera")
        zoe = asked.ties["Zoë M"]
        zoe.setCurrentIndex(zoe.findData(shots.clients["Zoë Martin"].code))
        shots.shoot(dialog, "2-questions-chat-file", size=None)
        dialog.go_on()
        wait_until(lambda: dialog.step() == PREVIEW)
        shots.shoot(dialog, "3-preview-chat", size=None)
        dialog.close()

        # A chat export's questions, as the use case asks them (shown with a made-up chat).
        code = shots.clients["Zoë Martin"].code
        chat = ImportQuestions(
            SourceKind.WHATSAPP_TEXT,
            participants=("Alex Rivera", "Zoë M", "Sam"),
            suggested_me="Alex Rivera",
            suggested_ties={"Zoë M": code},
            date_order="day-first",
            date_order_decided=False,
            needs_zone=True,
        )
        dialog = ImportDialog(shots.services, shots.prompter)
        dialog.path = shots.tmp / "WhatsApp Chat with Zoë M.txt"
        dialog._got_questions(chat)
        shots.shoot(dialog, "2-questions-chat", size=None)
        dialog.close()

        dialog = ImportDialog(shots.services, shots.prompter)

        def reading(progress: Progress, cancelled: Cancelled) -> None:  # held at 40%
            while not cancelled():
                progress(400, 1000)
                time.sleep(0.01)

        dialog._read(f"Reading “{backup.name}”…", lambda _found: None, reading)
        wait_until(lambda: dialog.progress.value() == 400)
        shots.shoot(dialog, "2-reading", size=None)
        dialog.close()  # stops the reading


if __name__ == "__main__":
    run(main)
