"""Against a real Secret Service (gnome-keyring under dbus-run-session), where installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIO = Path(__file__).with_name("keychain_scenario.py")
MISSING = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(t) is None]

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)}"),
]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("real-keychain")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root / "home"),
        "XDG_DATA_HOME": str(root / "home" / "data"),
        "XDG_RUNTIME_DIR": str(root / "runtime"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "LANG": "C.UTF-8",
    }
    (root / "runtime").mkdir(mode=0o700)
    proc = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(SCENARIO), str(root / "vault")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_vault_key_goes_to_the_secret_service(steps: dict) -> None:  # type: ignore[type-arg]
    assert steps["backend"] == "Keyring"  # keyring.backends.SecretService.Keyring
    assert steps["init"]["code"] == 0, steps["init"]["err"]
    assert json.loads(steps["init"]["out"])["key_mode"] == "keychain"
    assert steps["stored"] is True


def test_keychain_unlocks_without_a_passphrase(steps: dict) -> None:  # type: ignore[type-arg]
    assert steps["add"]["code"] == 0, steps["add"]["err"]
    names = [c["name"] for c in json.loads(steps["list"]["out"])]
    assert names == ["Keychain Marker Client"]


def test_deleted_keychain_entry_points_to_the_recovery_key(steps: dict) -> None:  # type: ignore[type-arg]
    result = steps["after_delete"]
    assert result["code"] == 2
    assert "recovery key" in result["err"]
    assert len(result["err"].strip().splitlines()) == 1


def test_recovery_key_restores_access_and_sets_a_passphrase(steps: dict) -> None:  # type: ignore[type-arg]
    assert steps["recover"]["code"] == 0, steps["recover"]["err"]
    names = [c["name"] for c in json.loads(steps["list_after_recover"]["out"])]
    assert names == ["Keychain Marker Client"]


def test_the_keychain_can_hold_the_key_again_after_recovery(steps: dict) -> None:  # type: ignore[type-arg]
    assert steps["back_to_keychain"]["code"] == 0, steps["back_to_keychain"]["err"]
    result = steps["list_from_keychain_again"]
    assert result["code"] == 0, result["err"]
    assert [c["name"] for c in json.loads(result["out"])] == ["Keychain Marker Client"]
