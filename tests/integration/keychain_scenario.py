"""Run inside `dbus-run-session`: a real gnome-keyring Secret Service, then the CLI.

Prints one JSON document describing what happened at each step; the pytest test
in test_real_keychain.py asserts on it. Kept as a script because every step must
share one D-Bus session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def start_keyring() -> None:
    proc = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
        input="integration-test-login\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    for line in proc.stdout.splitlines():
        name, _, value = line.partition("=")
        if name and value:
            os.environ[name] = value


def cli(data_dir: Path, *args: str, **env: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "boundary_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}


def main(data_dir: Path) -> None:
    os.environ.pop("PYTHON_KEYRING_BACKEND", None)
    os.environ.pop("BOUNDARY_DESK_PASSPHRASE", None)
    start_keyring()
    import keyring

    from boundary_desk.storage.keys.keychain import SERVICE

    steps: dict[str, object] = {"backend": type(keyring.get_keyring()).__name__}
    steps["init"] = cli(data_dir, "init", "--json")
    steps["add"] = cli(data_dir, "client", "add", "Keychain Marker Client")
    steps["list"] = cli(data_dir, "client", "list", "--json")
    vault_id = json.loads((data_dir / "vault.key").read_text())["vault_id"]
    steps["stored"] = keyring.get_password(SERVICE, f"vault-{vault_id}") is not None
    keyring.delete_password(SERVICE, f"vault-{vault_id}")
    steps["after_delete"] = cli(data_dir, "client", "list")
    init_doc = json.loads(str(steps["init"]["out"]))  # type: ignore[index]
    steps["recover"] = cli(
        data_dir,
        "recover",
        BOUNDARY_DESK_RECOVERY_KEY=init_doc["recovery_key"],
        BOUNDARY_DESK_NEW_PASSPHRASE="recovered passphrase 1",
    )
    steps["list_after_recover"] = cli(
        data_dir, "client", "list", "--json", BOUNDARY_DESK_PASSPHRASE="recovered passphrase 1"
    )
    steps["back_to_keychain"] = cli(
        data_dir, "protection", "keychain", BOUNDARY_DESK_PASSPHRASE="recovered passphrase 1"
    )
    steps["list_from_keychain_again"] = cli(data_dir, "client", "list", "--json")
    print(json.dumps(steps))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
