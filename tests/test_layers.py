"""Only the ui package may import Qt: the core runs with PySide6 made unimportable."""

import subprocess
import sys

CORE = [
    "boundary_desk.app",
    "boundary_desk.cli",
    "boundary_desk.services",
    "boundary_desk.system.crash",
    "boundary_desk.system.logs",
    "boundary_desk.storage.vault.vault",
    "boundary_desk.storage.stores.clients",
    "boundary_desk.storage.stores.settings",
    "boundary_desk.domain.practice_settings",
    "boundary_desk.domain.clients",
    "boundary_desk.reports.emergency_kit",
    "boundary_desk.importers.sbr",
    "boundary_desk.importers.vcard",
]

PROBE = """
import sys, importlib
sys.modules["PySide6"] = None
sys.modules["shiboken6"] = None
for name in sys.argv[1:]:
    importlib.import_module(name)
leaked = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")) and sys.modules[m])
print("leaked:" + ",".join(leaked))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *CORE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "leaked:"


def test_cli_runs_without_qt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys; sys.modules['PySide6'] = None; "
        "from boundary_desk.app import main; raise SystemExit(main(['--version']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("boundary-desk ")
