"""Where the shared real export samples are; tests that need them skip when absent.

BOUNDARY_SAMPLES names the folder; otherwise ../shared/samples beside the checkout,
then /work/shared/samples. The samples are read in place, never copied.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def samples_folder() -> Path | None:
    candidates = [os.environ.get("BOUNDARY_SAMPLES", "")]
    candidates += [str(ROOT.parent / "shared" / "samples"), "/work/shared/samples"]
    candidates += [str(ROOT.parent.parent / "shared" / "samples")]
    for candidate in candidates:
        if candidate and Path(candidate, "SOURCES.md").is_file():
            return Path(candidate)
    return None


def sample_files(kind: str, pattern: str = "*") -> list[Path]:
    folder = samples_folder()
    return sorted((folder / kind).glob(pattern)) if folder else []


def params(kind: str, pattern: str = "*") -> list[object]:
    """Parametrize over the samples of one kind, or one skipped case when there are none."""
    found = sample_files(kind, pattern)
    if not found:
        return [pytest.param(None, marks=pytest.mark.skip(reason="samples folder absent"))]
    return [pytest.param(path, id=path.name) for path in found]
