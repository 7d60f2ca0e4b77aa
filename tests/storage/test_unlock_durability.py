"""What an unlock writes reaches the disk, in an order a crash can't turn into a false
alarm, and is still there at the next open: its audit row, then the trail's anchor.

The waits for the disk are most of what an unlock costs, so this pins down that each
one is still made: the row committed with `synchronous = FULL` (SQLite's own fsyncs of
its WAL, in C, not seen here), then the anchor as one atomic replace of vault.key with
the fewest fsyncs that make it durable: the new file, the rename, the folder.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from boundary_desk.storage.audit.anchor import behind_anchor, read_anchor
from boundary_desk.storage.vault.location import VaultLocation


def _unlock_rows(location: VaultLocation) -> list[tuple[int, str]]:
    vault = location.unlock()
    try:
        rows = vault.conn.execute(
            "SELECT id, mac FROM audit_log WHERE action = 'unlock' ORDER BY id"
        ).fetchall()
        return [(int(i), str(m)) for i, m in rows]
    finally:
        vault.close()


def test_the_unlock_commits_its_row_then_anchors_it_with_one_atomic_replace(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    key_file = location.paths.key_file
    writes: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        writes.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        writes.append(f"rename to {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    vault = location.unlock()
    monkeypatch.setattr(os, "fsync", real_fsync)
    monkeypatch.setattr(os, "replace", real_replace)
    try:
        conn = vault.conn
        assert conn.execute("PRAGMA synchronous").fetchone()[0] >= 2  # FULL: a commit waits
        assert not conn.in_transaction  # the unlock's row is committed, not pending
        unlock_id, unlock_mac = conn.execute(
            "SELECT id, mac FROM audit_log WHERE action = 'unlock' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        doc = json.loads(key_file.read_text())["audit_head"]
        anchored = read_anchor(doc, vault._vault_key, vault.key_file.vault_id)
    finally:
        vault.close()

    # The anchor (written after the commit) is one atomic, durable replace of vault.key.
    assert writes == ["fsync file", "rename to vault.key", "fsync folder"]
    assert anchored is not None
    assert (anchored.last_id, anchored.mac) == (unlock_id, unlock_mac)


def test_the_unlocks_row_and_its_anchor_survive_a_reopen(location: VaultLocation) -> None:
    location.create().vault.close()

    first = _unlock_rows(location)
    again = location.unlock()  # a fresh process would open it just so
    try:
        kept = again.conn.execute(
            "SELECT id, mac FROM audit_log WHERE action = 'unlock' ORDER BY id"
        ).fetchall()
        doc = json.loads(location.paths.key_file.read_text())["audit_head"]
        anchor = read_anchor(doc, again._vault_key, again.key_file.vault_id)
        assert anchor is not None
        assert behind_anchor(again.conn, anchor) is None  # the trail holds its anchored head
        assert anchor.rows >= len(kept)
    finally:
        again.close()

    assert [(int(i), str(m)) for i, m in kept][: len(first)] == first
    assert len(kept) == len(first) + 1  # this open recorded itself too
