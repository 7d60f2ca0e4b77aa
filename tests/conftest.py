"""Every test gets a fresh vault folder, a fake keychain and cheap key stretching.

Cheap Argon2 settings keep the suite fast; the real cost is exercised by the CLI
subprocess tests and measured in benchmarks/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from boundary_desk.services import Services
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system import i18n
from boundary_desk.system.paths import resolve_paths
from tests.fakes import MemoryKeychain

FAST_COST = Argon2Cost(memory_kib=1024, iterations=1, lanes=1)
PASSPHRASE = "a calm harbour at dusk"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real home folder, keychain or passphrase variables."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / "state"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    for name in (
        "BOUNDARY_DESK_DATA_DIR",
        "BOUNDARY_DESK_PASSPHRASE",
        "BOUNDARY_DESK_NEW_PASSPHRASE",
        "BOUNDARY_DESK_LOG_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def english_after() -> Iterator[None]:
    """The test ends with the app's language English again, whatever it switched to
    (tests/ui has its own, which also tells the QApplication)."""
    yield
    i18n.set_language("en")


@pytest.fixture
def keychain() -> MemoryKeychain:
    return MemoryKeychain()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def location(data_dir: Path, keychain: MemoryKeychain) -> VaultLocation:
    return VaultLocation(paths=resolve_paths(data_dir), keychain=keychain, kdf_cost=FAST_COST)


@pytest.fixture
def services(location: VaultLocation) -> Iterator[Services]:
    """An unlocked, empty vault held by the (fake) keychain."""
    created = location.create()
    opened = Services.open(created.vault)
    yield opened
    opened.close()


# -- Reading rendered PDFs back as text, the way a person copying from them would. --

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
