"""What anchoring the audit trail's head costs, at unlock, lock, backup and export.

    .venv/bin/python benchmarks/bench_audit_anchor.py

Anchoring reads the trail's head and checks it against the anchor (answered from the
index), then rewrites vault.key atomically (temp file, fsync, rename, fsync of the
folder). The write is nearly all of it; it is also timed alone, as the floor.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes import MemoryKeychain

from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import behind_anchor, current_head
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.keys.wrap import Argon2Cost
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.fileio import atomic_write
from boundary_desk.system.paths import resolve_paths

ROWS = 20_000


def median_ms(work: Callable[[], object], runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    keychain: Keychain = MemoryKeychain()
    location = VaultLocation(resolve_paths(folder / "vault"), keychain, Argon2Cost(1024, 1, 1))
    services = Services.open(location.create().vault)
    conn = services.vault.conn
    with transaction(conn):
        for _ in range(ROWS):
            audit.record(conn, "view", "events", client_id=1)
    head = current_head(conn)
    print(f"audit rows: {ROWS}")
    check = median_ms(lambda: behind_anchor(conn, current_head(conn)))
    write = median_ms(lambda: atomic_write(folder / "k", b"x" * 1500))
    print(f"head + check:        {check:.3f} ms")
    print(f"key-file write:      {write:.2f} ms")
    print(f"anchor (all of it):  {median_ms(services.vault.anchor_audit):.2f} ms")
    print(f"audit verify (full): {median_ms(services.vault.verify_audit, runs=5):.1f} ms")
    assert head.rows == ROWS
    services.close()


if __name__ == "__main__":
    main()
