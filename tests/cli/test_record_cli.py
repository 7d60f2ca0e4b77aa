"""`record --pdf`: the communication record for the chart holds the clinical record only,
unless the clinician asks for their self-review too."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from boundary_desk.cli import run
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    Search,
    SearchPurpose,
)
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.vault.location import VaultLocation

LATE = datetime(2026, 11, 20, 23, 25, tzinfo=UTC)  # Friday 18:25 in Toronto, after hours
MOTIVE = "I wondered how she was doing"
SELF_REVIEW = ("Own motive", MOTIVE, "Warning.", "Not acknowledged", "curiosity, which is not")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")


@pytest.fixture
def logged(services: Services) -> Services:
    services.settings.set_many({"timezone": "America/Toronto", "hours": "mon-fri 09:00-17:00"})
    zoe = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    text = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=LATE,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        summary="Asked to move Tuesday's session",
    )
    search = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.SEARCH,
        occurred_at=LATE,
        summary="Looked her up",
        search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED, location="Google",
                      found="A blog", motive=MOTIVE),
    )  # fmt: skip
    assert log_event(services, text, LATE).warnings
    assert log_event(services, search, LATE).warnings
    return services


def record(location: VaultLocation, out: Path, *flags: str) -> str:
    assert run(["record", "ZM1", "--pdf", str(out), *flags], lambda _d: location) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    return " ".join(text.split())


def test_by_default_the_record_holds_the_clinical_record_only(
    logged: Services, location: VaultLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logged.close()
    capsys.readouterr()
    text = record(location, tmp_path / "record.pdf")
    said = capsys.readouterr().out
    assert "Zoë Martin" in text and "Asked to move Tuesday's session" in text
    assert "Purpose curiosity" in text and "What was found A blog" in text
    assert "AFTER HOURS" in text  # when a contact came is a fact of the record
    for self_review in SELF_REVIEW:
        assert self_review not in text
    assert "It holds the clinical record only" in said and "--include-self-review" in said


def test_the_flag_adds_the_self_review_and_says_so(
    logged: Services, location: VaultLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logged.close()
    capsys.readouterr()
    text = record(location, tmp_path / "record.pdf", "--include-self-review")
    for self_review in SELF_REVIEW:
        assert self_review in text
    assert "Includes the clinician's self-review" in text
    assert "It includes your self-review" in capsys.readouterr().out
    opened = Services.open(location.unlock())
    try:
        rows = audit.history(opened.vault.conn, limit=10)
        export = next(r for r in rows if r.action == "export")  # newest first
        assert export.details() == {"file": str(tmp_path / "record.pdf"), "self_review": True}
    finally:
        opened.close()
