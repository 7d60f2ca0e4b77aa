"""A second Boundary Desk process for tests: it opens a vault and holds it until told.

    python tests/vault_holder.py DATA_DIR open|write

It unlocks with BOUNDARY_DESK_PASSPHRASE, prints "ready" once it holds the vault
(`write` also holds a write transaction), and lets go at a line or end of stdin.
`Holder` runs it from a test, so the test waits on the ready line, never on a clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

READY = "ready"


def _hold(data_dir: str, mode: str) -> int:
    from boundary_desk.app import make_location

    vault = make_location(data_dir).unlock(passphrase=os.environ["BOUNDARY_DESK_PASSPHRASE"])
    if mode == "write":
        vault.conn.execute("BEGIN IMMEDIATE")
        vault.conn.execute("DELETE FROM drafts WHERE name = 'holder'")
    print(READY, flush=True)
    sys.stdin.readline()
    if mode == "write":
        vault.conn.execute("ROLLBACK")
    vault.close()
    return 0


class Holder:
    """The holder process, started and waited for; `release()` (or exit) lets go."""

    def __init__(self, data_dir: Path, passphrase: str, mode: str = "open") -> None:
        env = dict(
            os.environ,
            BOUNDARY_DESK_PASSPHRASE=passphrase,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(data_dir), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line != READY:
            _, err = self.proc.communicate(timeout=60)
            raise AssertionError(f"the holder did not start: {line!r} {err}")

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.communicate("\n", timeout=60)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.communicate(timeout=60)

    def __enter__(self) -> Holder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if __name__ == "__main__":
    sys.exit(_hold(sys.argv[1], sys.argv[2]))
