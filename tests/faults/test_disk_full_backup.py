"""A disk that fills up in the middle of a backup: one sentence, exit 2, no partial folder.

Same 2 MiB tmpfs and seed vault as test_disk_full.py (about 170 KB). With the free
space below, the vault still opens, and the backup beside it runs out of room while
its encrypted copy is written (or, with more room, while the copy is checked).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Result, assert_user_error
from tests.faults.test_disk_full import full_disk
from tests.faults.test_disk_full import seed as seed

AFTER = {"check": ["check"], "clients": ["client", "list", "--json"], "backup": ["backup"]}


@pytest.mark.parametrize("free_kib", [64, 120, 200])
def test_a_backup_that_fills_the_disk_says_so_and_leaves_nothing_half_made(
    seed: Path, tmp_path: Path, free_kib: int
) -> None:
    found = full_disk(tmp_path, free_kib, [["backup"]], seed=seed, after=AFTER)

    backing_up = Result(**found["attempts"][0])
    assert_user_error(backing_up, "is full, so the backup could not be written")
    assert "no partial backup was left" in backing_up.err
    assert found["backups_left"] == []
    after = {name: Result(**r) for name, r in found["after"].items()}
    assert after["check"].code == 0, after["check"].err
    assert [c["code"] for c in after["clients"].json()] == ["AE1"]
    assert after["backup"].code == 0, after["backup"].err  # once there is room again
