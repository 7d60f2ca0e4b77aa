"""How long a verified backup and a restore take on a ten-year vault.

    .venv/bin/python benchmarks/bench_backup.py

The vault is the one bench_review.py builds (~10,400 events over 520 weeks, 40
clients, their warnings and reviews). Baseline, measured in the same run: copying
the vault file with shutil.copyfile, the least any backup must do. A backup also
re-encrypts every page, reopens the copy, checks its integrity and counts its
rows; a restore copies, checks and swaps the files. Both run off the GUI thread,
so the goal is only "done before the clinician looks back": under ~2 s.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_review import build_vault, timed
from tests.conftest import FAST_COST  # key stretching is not what this measures
from tests.fakes import MemoryKeychain

from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths

GOAL_S = 2.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(resolve_paths(Path(tmp) / "vault"), MemoryKeychain(), FAST_COST)
        services = Services.open(location.create().vault)
        build_vault(services)
        vault = services.vault
        size = location.paths.vault_file.stat().st_size
        copy_to = Path(tmp) / "plain-copy.db"

        def plain_copy() -> None:
            shutil.copyfile(location.paths.vault_file, copy_to)

        baseline = timed(plain_copy, repeat=5)
        backup = timed(lambda: vault.write_backup(Path(tmp) / "backups"), repeat=5)
        made = vault.write_backup(Path(tmp) / "backups")
        state = {"vault": vault}

        def restore() -> None:
            state["vault"] = state["vault"].restore(made.path)

        restored = timed(restore, repeat=3)
        state["vault"].close()

    print(f"vault file: {size / 1e6:.1f} MB, {made.counts['events']} events")
    print(f"baseline (file copy):  {baseline * 1000:7.1f} ms")
    for name, seconds in (("verified backup", backup), ("restore (check+swap)", restored)):
        ratio = seconds / baseline
        print(f"{name + ':':22} {seconds * 1000:7.1f} ms  ({ratio:5.1f}x baseline)")
    verdict = "meets" if max(backup, restored) < GOAL_S else "MISSES"
    print(f"goal: under {GOAL_S:.0f} s each: {verdict}")


if __name__ == "__main__":
    main()
