"""`agreement pdf --version`: an old signed version reprints saying what is today's."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from tests.old_vaults import signed_before_the_practice_was_kept

TODAY = date(2026, 11, 22)
PRACTICE = {
    "practice": "Harbour Counselling",
    "clinician": "Dr. Jo Rivera",
    "phone": "+1 416-555-0100",
    "region": "CA-ON",
    "timezone": "America/Toronto",
}

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "boundary_desk.cli.agreement_commands.today_in_practice", lambda _services: TODAY
    )


def reprint(location: VaultLocation, out: Path) -> str:
    assert (
        run(["agreement", "pdf", "AL1", "--version", "1", "--out", str(out)], lambda _d: location)
        == 0
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    return " ".join(text.split())


def test_a_version_signed_before_the_practice_was_kept_reprints_saying_so(
    location: VaultLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = Client(code="AL1", display_name="Ana Lima")
    signed_before_the_practice_was_kept(location, PRACTICE, client)
    opened = Services.open(location.unlock())
    opened.settings.set("phone", "+1 416-555-0199")
    opened.close()
    capsys.readouterr()

    text = reprint(location, tmp_path / "v1.pdf")

    assert (
        "Reprinted 22 November 2026. The practice details above are today's; "
        "the copy signed on 1 November 2026 may show earlier ones."
    ) in text
    assert "+1 416-555-0199" in text
    said = capsys.readouterr()
    assert "Version 1 was signed before its practice details were kept with it" in said.err
    assert "Agreement version 1 (signed) saved to" in said.out


def test_a_version_signed_with_its_details_kept_reprints_without_the_line(
    services: Services, location: VaultLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services.settings.set_many(PRACTICE)
    services.clients.add(Client(code="AL1", display_name="Ana Lima"))
    services.close()
    made = ["agreement", "new", "AL1", "--channels", "email", "--signed", "2026-11-01"]
    assert run(made, lambda _d: location) == 0
    first = reprint(location, tmp_path / "signed.pdf")
    opened = Services.open(location.unlock())
    opened.settings.set("phone", "+1 416-555-0199")
    opened.close()
    capsys.readouterr()

    again = reprint(location, tmp_path / "again.pdf")

    assert again == first
    assert "Reprinted" not in again and "+1 416-555-0100" in again
    assert "was signed before" not in capsys.readouterr().err
