"""Each import-linter contract is shown to hold, and to fail when it is broken on purpose.

A copy of the package gets one import it must not have; `lint-imports` on the copy
must then report that contract, and only that one, broken.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "boundary_desk"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
VERDICT = re.compile(r"^(?P<name>.+) (?P<verdict>KEPT|BROKEN)$", re.MULTILINE)

QT = "Only the ui package imports Qt"
PURE = "The domain is pure: no storage, reports or ui"
IMPORTERS = "The importers are pure: no storage, reports, services or ui"
LAYERS = "Layers point one way"
INDEPENDENT = "Each document in reports is independent"
STORAGE = "The ui and cli reach storage only through services"

# (contract, module file under boundary_desk/, the one import that breaks it)
VIOLATIONS = [
    (QT, "storage/stores/settings.py", "import PySide6.QtCore"),
    (QT, "cli/output.py", "import shiboken6"),
    (QT, "reports/review/trend.py", "import pyqtgraph"),
    (PURE, "domain/words.py", "import reportlab"),
    (PURE, "domain/trends.py", "import keyring"),  # a module the importers never reach
    (QT, "importers/sbr_stream.py", "import PySide6.QtCore"),
    (IMPORTERS, "importers/recognise.py", "import sqlcipher3"),
    (IMPORTERS, "importers/sbr.py", "from boundary_desk.storage.stores import settings"),
    (LAYERS, "reports/emergency_kit.py", "from boundary_desk.importers import records"),
    (LAYERS, "storage/stores/settings.py", "import boundary_desk.services"),
    (LAYERS, "system/paths.py", "from boundary_desk.domain import words"),
    (LAYERS, "errors.py", "import boundary_desk.system.paths"),
    (INDEPENDENT, "reports/emergency_kit.py", "from boundary_desk.reports import agreement_pdf"),
    (INDEPENDENT, "reports/review/tables.py", "import boundary_desk.reports.communication_record"),
    (STORAGE, "cli/audit_commands.py", "from boundary_desk.storage.audit import trail"),
    (STORAGE, "app.py", "from boundary_desk.storage.vault.vault import VaultLocation"),
    (STORAGE, "ui/shell/workspace.py", "from boundary_desk.storage.keys.key_file import KeyMode"),
    (STORAGE, "ui/vault/unlock.py", "import boundary_desk.storage.errors"),
    (STORAGE, "ui/backups/page.py", "from boundary_desk.storage.vault import backups"),
    (STORAGE, "ui/timeline/model.py", "from boundary_desk.storage.stores import events"),
    (STORAGE, "cli/client_commands.py", "import boundary_desk.storage.stores.clients"),
]


def contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(
        PACKAGE, tmp_path / "src" / "boundary_desk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def verdicts(copy: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(copy / "src"))
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(copy / "pyproject.toml"), "--no-cache"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = {m["name"]: m["verdict"] for m in VERDICT.finditer(result.stdout)}
    assert found, result.stdout + result.stderr
    return found


def test_every_contract_has_a_violation_to_prove_it() -> None:
    assert sorted(contract_names()) == sorted({name for name, _, _ in VIOLATIONS})


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    assert verdicts(copy_of_the_package(tmp_path)) == dict.fromkeys(contract_names(), "KEPT")


@pytest.mark.parametrize(
    ("contract", "module", "line"), VIOLATIONS, ids=[f"{c}:{m}" for c, m, _ in VIOLATIONS]
)
def test_one_forbidden_import_breaks_its_contract_alone(
    tmp_path: Path, contract: str, module: str, line: str
) -> None:
    copy = copy_of_the_package(tmp_path)
    target = copy / "src" / "boundary_desk" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    found = verdicts(copy)

    expected = dict.fromkeys(contract_names(), "KEPT") | {contract: "BROKEN"}
    assert found == expected
