"""The bundle's THIRD-PARTY-NOTICES.txt names every library of the runtime lock, with
its licence and its licence text, so what is frozen into the app is all accounted for."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _notices() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notices", ROOT / "packaging" / "notices.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["notices"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bundle")
    path = _notices().write_notices(folder, "9.9.9")
    assert path == folder / "THIRD-PARTY-NOTICES.txt"
    return path.read_text(encoding="utf-8")


def test_every_locked_runtime_package_is_listed_with_its_version(written: str) -> None:
    locked = _notices().locked_packages()
    assert len(locked) >= 30
    summary = written.split("=" * 78, 1)[0]
    for name, version in locked:
        line = next(line for line in summary.splitlines() if line.split()[:1] == [name])
        if "not installed on this platform" not in line:
            assert version in line


def test_the_licences_that_bind_the_app_are_printed_in_full(written: str) -> None:
    assert written.startswith("Boundary Desk 9.9.9: third-party notices")
    # SQLCipher's Python binding, the PDF writer, and the LGPL calendar reader.
    for heading in ("sqlcipher3 ", "reportlab ", "recurring-ical-events "):
        section = written.split("\n" + heading, 1)[1].split("=" * 78 + "\n", 2)[1]
        assert "--- " in section.split("\n" + "=" * 78, 1)[0]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in written


def test_qt_for_python_points_to_the_lgpl_text_and_its_source(written: str) -> None:
    section = written.split("\npyside6-essentials ", 1)[1].split("\n" + "=" * 78 + "\n\n", 1)[1]
    section = section.split("\n" + "=" * 78, 1)[0]
    assert "GNU LGPL version 3 is printed in full under" in section
    assert "https://download.qt.io/official_releases/QtForPython/" in section


def test_a_licence_file_in_latin_1_is_read_rather_than_refused(tmp_path: Path) -> None:
    notices = _notices()
    lock = tmp_path / "runtime.txt"
    # pypdfium2's FreeType licence file is Latin-1; a pin is followed by its hashes.
    lock.write_text("pypdfium2==5.15.2 \\\n    --hash=sha256:00\n")
    text = (notices.write_notices(tmp_path, "1.0", lock)).read_text(encoding="utf-8")
    freetype = text.split("BUILD_LICENSES/freetype.txt ---", 1)[1][:4000]
    assert "FreeType" in freetype and "\N{COPYRIGHT SIGN}" in text


def test_a_package_with_no_licence_at_all_stops_the_build(tmp_path: Path) -> None:
    notices = _notices()
    silent = notices.Notice("quiet-lib", "1.0", "see the licence text below", ())
    lock = tmp_path / "runtime.txt"
    lock.write_text("quiet-lib==1.0\n")
    notices.notice = lambda name, version: silent  # as if installed with no licence
    with pytest.raises(SystemExit, match="no licence found for: quiet-lib"):
        notices.write_notices(tmp_path, "1.0", lock)
    assert not (tmp_path / "THIRD-PARTY-NOTICES.txt").exists()
