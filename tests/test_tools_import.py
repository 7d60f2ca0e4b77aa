"""The screenshot tools still import: a module moved or renamed must take them along."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools" / "screenshots"
MODULES = sorted(p.stem for p in TOOLS.glob("*.py") if p.stem != "__init__")
SCRIPTS = [name for name in MODULES if name not in {"harness", "run_all"}]


@pytest.mark.parametrize("name", MODULES)
def test_a_screenshot_module_imports(name: str) -> None:
    module = importlib.import_module(f"tools.screenshots.{name}")
    assert callable(getattr(module, "main", None)) or name == "harness"


def test_run_all_runs_every_script() -> None:
    from tools.screenshots import run_all

    assert list(run_all.SCRIPTS) == SCRIPTS
    for script, _shot in run_all.README.values():
        assert script in SCRIPTS
