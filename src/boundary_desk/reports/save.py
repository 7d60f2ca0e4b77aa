"""Saving a finished PDF where the clinician chose, all at once or not at all."""

from __future__ import annotations

from pathlib import Path

from boundary_desk.system.fileio import atomic_write


def save_pdf(pdf_bytes: bytes, path: Path) -> None:
    """Write `pdf_bytes` to `path` (mode 0600, atomically); WriteFailed says why not."""
    # atomic_write refuses a missing or unwritable folder with a clear message and
    # leaves any file already at `path` untouched.
    atomic_write(path, pdf_bytes)
