"""The Emergency Kit prints the key exactly, on one page, whatever the names hold."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4, LETTER

from boundary_desk.reports.emergency_kit import emergency_kit_pdf, long_date

PdfText = Callable[..., str]

KEY = "7M3S-LZ3B-VFSP-RZ3X-GKAK-K6B5-OL3M-5PGG-A3M7"
VAULT_ID = "7f3c2a9e-4b1d-4e8a-9c55-2d61f0b8a413"
# Midday in UTC+1 is 22 November on every clock from UTC-11 to UTC+12.
CREATED = datetime(2026, 11, 22, 12, 0, tzinfo=timezone(timedelta(hours=1)))


def kit(**changes: Any) -> bytes:
    arguments: dict[str, Any] = {
        "recovery_key": KEY,
        "vault_id": VAULT_ID,
        "created_at": CREATED,
        "data_dir": "/home/sam/.local/share/BoundaryDesk",
        "key_mode": "keychain",
    }
    return emergency_kit_pdf(**(arguments | changes))


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_kit_carries_the_key_and_what_is_needed_to_use_it(pdf_text: PdfText) -> None:
    text = pdf_text(kit())
    flat = one_line(text)

    assert KEY in text.splitlines()  # on a line of its own, exactly as given
    assert VAULT_ID in text
    assert "/home/sam/.local/share/BoundaryDesk" in text
    assert "Boundary Desk — Emergency Kit" in text
    assert "22 November 2026" in text
    assert "System keychain" in text
    assert "Use recovery key" in text
    assert "--recovery-key" not in text  # the key never goes on a command line
    assert "boundary-desk recover" in text
    assert "BOUNDARY_DESK_RECOVERY_KEY" in text
    assert "anyone holding it together with your laptop can read your records" in flat
    assert "Notes" in text


def test_the_footer_numbers_the_single_page(pdf_text: PdfText) -> None:
    text = pdf_text(kit())

    assert "Page 1 of 1" in text
    assert "Emergency Kit · created 22 November 2026" in text
    assert text.count("\f") == 1


def test_passphrase_mode_says_so(pdf_text: PdfText) -> None:
    text = pdf_text(kit(key_mode="passphrase"))

    assert "Master passphrase" in text
    assert "System keychain" not in text


def test_greek_and_cyrillic_names_print_as_typed(pdf_text: PdfText) -> None:
    text = pdf_text(kit(clinician="Μαρία Παπαδοπούλου", practice="Практика «Тихая гавань»"))

    assert "Prepared for Μαρία Παπαδοπούλου · Практика «Тихая гавань»" in one_line(text)


def test_markup_in_names_prints_literally(pdf_text: PdfText) -> None:
    text = pdf_text(kit(clinician="<b>Sam</b> & Co", practice='<img src="x">'))

    assert '<b>Sam</b> & Co · <img src="x">' in one_line(text)


def test_no_prepared_for_line_without_names(pdf_text: PdfText) -> None:
    assert "Prepared for" not in pdf_text(kit(clinician="  ", practice=""))


@pytest.mark.parametrize("pagesize", [A4, LETTER], ids=["A4", "Letter"])
def test_absurdly_long_inputs_still_fit_one_page(pagesize: Any, pdf_text: PdfText) -> None:
    long_key = "-".join(["AB2D"] * 40)
    text = pdf_text(
        kit(
            recovery_key=long_key,
            vault_id="V" * 300,
            data_dir="/srv/" + "folder_name/" * 60,
            clinician="Ω" * 3000,
            practice="Практика\n" * 200,
            pagesize=pagesize,
        ),
        layout=True,
    )

    assert text.count("\f") == 1
    assert "Page 1 of 1" in text
    key_lines = [line.strip() for line in text.splitlines() if "AB2D" in line]
    assert "".join(key_lines) == long_key  # never cut short
    assert all(re.fullmatch(r"(AB2D-)*AB2D-?", line) for line in key_lines)  # nor mid-group


def test_same_input_gives_identical_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Made at the same moment: the creation time is the one thing that changes with the clock.
    moment = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)
    monkeypatch.setattr("boundary_desk.reports.document.made_now", lambda: moment)
    assert kit() == kit()


def test_metadata_names_the_document_but_not_the_clinician(tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "kit.pdf"
    path.write_bytes(kit(clinician="Sam Rivera", practice="Harbour Practice"))

    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)

    assert "Title:           Boundary Desk — Emergency Kit" in info.stdout
    assert "Author:          Boundary Desk" in info.stdout
    assert "Sam Rivera" not in info.stdout
    assert "Harbour" not in info.stdout


@pytest.fixture
def los_angeles_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("los_angeles_clock")
def test_the_date_is_the_one_on_the_clinicians_clock(pdf_text: PdfText) -> None:
    # 05:00 UTC on 23 November is still the evening of 22 November in California.
    text = pdf_text(kit(created_at=datetime(2026, 11, 23, 5, 0, tzinfo=UTC)))

    assert "22 November 2026" in text
    assert "23 November" not in text


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime(2026, 11, 22, tzinfo=UTC), "22 November 2026"),
        (datetime(2027, 1, 1, tzinfo=UTC), "1 January 2027"),
    ],
)
def test_long_date(moment: datetime, written: str) -> None:
    assert long_date(moment) == written


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"created_at": datetime(2026, 11, 22, 12, 0)}, "timezone-aware"),  # noqa: DTZ001
        ({"key_mode": "sticky-note"}, "key_mode"),
        ({"recovery_key": "  "}, "recovery_key"),
    ],
)
def test_programming_mistakes_are_refused(changes: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        kit(**changes)
