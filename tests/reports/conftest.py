"""Reading rendered PDFs back as text, the way a person copying from them would."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

PdfText = Callable[..., str]


@pytest.fixture
def pdf_text(tmp_path: Path) -> PdfText:
    """A function from PDF bytes to its text (pages end with a form feed).

    `layout=True` keeps each printed line as it is; by default pdftotext joins a
    line ending in "-" to the next one, as if it were a hyphenated word.
    """
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    counter = iter(range(1_000_000))

    def extract(pdf: bytes, *, layout: bool = False) -> str:
        path = tmp_path / f"rendered-{next(counter)}.pdf"
        path.write_bytes(pdf)
        options = ["-layout"] if layout else []
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        return result.stdout

    return extract
