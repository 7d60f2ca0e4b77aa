"""What starting up imports: the first window, `--version` and a command load only what they use.

Each case runs in a fresh process (this one has imported everything already) and
reads that process's sys.modules: the modules, not the time, so the check holds on a
busy machine. The unlock screen and the first-run screen are shown by the app's own
entry point, `boundary_desk.app.main`, which quits once the window is drawn
(BOUNDARY_DESK_QUIT_WHEN_SHOWN).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_desk.services import Services, backups
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.shell.application import QUIT_WHEN_SHOWN_ENV
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain

ROOT = Path(__file__).resolve().parent.parent
# Charts, PDFs and the command line: none is needed before the clinician asks for it.
NOT_FOR_THE_FIRST_WINDOW = ("pyqtgraph", "numpy", "reportlab", "pypdfium2", "boundary_desk.cli")
# Nor the stores, the workspace or what opens the vault: the unlock screen asks only
# where the vault is and how it unlocks; the rest loads while the passphrase is typed.
NOT_FOR_THE_UNLOCK_SCREEN = (
    "boundary_desk.storage.stores",
    "boundary_desk.storage.vault.vault",
    "boundary_desk.storage.keys.rekey",
    "boundary_desk.ui.shell.workspace",
    "boundary_desk.domain.review",
    "boundary_desk.domain.agreement_document",
    "boundary_desk.domain.practice_settings",
    "boundary_desk.ui.imports",
    "boundary_desk.services.imports",
)
NOT_FOR_VERSION = (
    "PySide6",
    "shiboken6",
    "sqlcipher3",
    "reportlab",
    "keyring",
    "boundary_desk.services",
)

_SHOW_THE_APP = """
import json, sys
from PySide6.QtWidgets import QApplication
from boundary_desk.app import main
code = main(["--data-dir", sys.argv[1]])
screens = [type(w.current_screen).__name__ for w in QApplication.topLevelWidgets()
           if hasattr(w, "current_screen")]
print(json.dumps({"code": code, "screens": screens, "modules": sorted(sys.modules)}))
"""

_RUN_THE_CLI = """
import json, sys
from boundary_desk.app import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# The app's window unlocked with the passphrase on stdin, then the quick log opened.
_UNLOCK_AND_LOG = """
import json, sys
from PySide6.QtWidgets import QApplication
from boundary_desk.app import make_location
from boundary_desk.ui.shell.application import build_window, prepare_application
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

app = QApplication([sys.argv[0]])
prepare_application(app)
window = build_window(make_location(sys.argv[1]), ScriptedPrompter())
window.show()
window.current_screen.passphrase.setText(sys.stdin.readline().rstrip("\\n"))
window.current_screen.unlock_button.click()
app.processEvents()
unlocked = sorted(sys.modules)
window.open_quick_log()
app.processEvents()
workspace = window.current_screen
print(json.dumps({
    "unlocked": unlocked,
    "workspace": type(workspace).__name__,
    "built": [name for name in workspace.pages.names if workspace.pages.is_built(name)],
    "quick_log": window.quick_log is not None and window.quick_log.isVisible(),
    "modules": sorted(sys.modules),
}))
window.close()
"""


# The app's loading ahead, once its first window is drawn, then what it loaded.
_LOAD_AHEAD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from boundary_desk.app import make_location
from boundary_desk.ui.shell.application import load_ahead

app = QApplication([sys.argv[0]])
before = set(sys.modules)
load_ahead(make_location(sys.argv[1]))
QTimer.singleShot(500, app.quit)  # the steps take a turn of the event loop each
app.exec()
print(json.dumps({"modules": sorted(set(sys.modules) - before)}))
"""


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        QUIT_WHEN_SHOWN_ENV: "1",
    }


def _run(code: str, *args: str, home: Path, stdin: str = "") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=_env(home),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _loaded(modules: object, packages: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return sorted({p for p in packages for m in modules if m == p or m.startswith(p + ".")})


def _commands(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m.startswith("boundary_desk.cli.") and m.endswith("_commands")]


@pytest.fixture
def passphrase_vault(tmp_path: Path) -> Path:
    """A vault behind a passphrase, backed up today (so unlocking starts no backup)."""
    folder = tmp_path / "vault"
    location = VaultLocation(resolve_paths(folder), MemoryKeychain(working=False), FAST_COST)
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    backups.take_backup(services)
    services.close()
    return folder


def test_the_unlock_screen_loads_no_charts_pdfs_or_command_line(
    passphrase_vault: Path, tmp_path: Path
) -> None:
    shown = _run(_SHOW_THE_APP, str(passphrase_vault), home=tmp_path / "home")

    assert shown["code"] == 0
    assert shown["screens"] == ["UnlockScreen"]
    assert _loaded(shown["modules"], NOT_FOR_THE_FIRST_WINDOW) == []
    assert _loaded(shown["modules"], NOT_FOR_THE_UNLOCK_SCREEN) == []
    assert "boundary_desk.ui.review.page" not in shown["modules"]  # no page before unlock


def test_the_first_run_screen_loads_no_charts_pdfs_or_command_line(tmp_path: Path) -> None:
    shown = _run(_SHOW_THE_APP, str(tmp_path / "no-vault-yet"), home=tmp_path / "home")

    assert shown["code"] == 0
    assert shown["screens"] == ["FirstRunSetup"]
    assert _loaded(shown["modules"], NOT_FOR_THE_FIRST_WINDOW) == []


def test_unlocking_builds_the_client_list_only_and_the_quick_log_waits_for_no_charts(
    passphrase_vault: Path, tmp_path: Path
) -> None:
    opened = _run(
        _UNLOCK_AND_LOG, str(passphrase_vault), home=tmp_path / "home", stdin=PASSPHRASE + "\n"
    )

    assert opened["workspace"] == "Workspace"
    assert opened["built"] == ["Clients"]
    assert opened["quick_log"] is True
    later = ("pyqtgraph", "numpy", "reportlab", "boundary_desk.cli", "boundary_desk.ui.imports")
    assert _loaded(opened["modules"], later) == []  # the import screen loads when first opened
    # The holiday calendars (~19 MiB for as long as the app runs) wait for the first
    # judgement that needs them: the quick log loads them as it opens, unlocking doesn't.
    assert _loaded(opened["unlocked"], ("holidays",)) == []
    assert "holidays.countries" in opened["modules"]


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_qt_vault_or_documents(flag: str, tmp_path: Path) -> None:
    ran = _run(_RUN_THE_CLI, flag, home=tmp_path / "home")

    assert ran["code"] == 0
    assert _loaded(ran["modules"], NOT_FOR_VERSION) == []
    assert _commands(ran["modules"]) == []


def test_a_command_loads_its_own_module_and_no_other(tmp_path: Path) -> None:
    # `clause list` on a folder with no vault in it: refused in one line, once its module
    # was loaded (the vault is opened after the command is found).
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o700)
    ran = _run(_RUN_THE_CLI, "--data-dir", str(empty), "clause", "list", home=tmp_path / "home")

    assert ran["code"] == 2
    assert _commands(ran["modules"]) == ["boundary_desk.cli.clause_commands"]
    assert _loaded(ran["modules"], ("PySide6", "reportlab", "pyqtgraph")) == []


@pytest.mark.parametrize("strict", [True, False], ids=["passphrase", "keychain"])
def test_loading_ahead_brings_what_unlocking_needs_and_no_charts_or_pdfs(
    strict: bool, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    location = VaultLocation(resolve_paths(folder), MemoryKeychain(), FAST_COST)
    location.create(passphrase=PASSPHRASE if strict else None, strict=strict).vault.close()

    loaded = _run(_LOAD_AHEAD, str(folder), home=tmp_path / "home")["modules"]

    assert isinstance(loaded, list)
    assert "holidays" not in loaded  # the stored region is read back without the calendar
    assert "boundary_desk.ui.clients.page" in loaded
    assert "boundary_desk.ui.shell.workspace" in loaded
    assert "boundary_desk.storage.stores.clients" in loaded
    assert "boundary_desk.storage.vault.vault" in loaded
    assert "boundary_desk.ui.quick_log.window" in loaded
    assert ("keyring" in loaded) is not strict  # a passphrase vault never asks the keychain
    assert _loaded(loaded, NOT_FOR_THE_FIRST_WINDOW) == []


def test_loading_ahead_for_a_folder_with_no_vault_loads_no_keychain(tmp_path: Path) -> None:
    loaded = _run(_LOAD_AHEAD, str(tmp_path / "no-vault"), home=tmp_path / "home")["modules"]

    assert isinstance(loaded, list)
    assert "keyring" not in loaded
    assert _loaded(loaded, NOT_FOR_THE_FIRST_WINDOW) == []
