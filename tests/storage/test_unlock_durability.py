"""What an unlock writes reaches the disk, in an order a crash can't turn into a false
alarm, and is still there at the next open: its audit row, then the trail's anchor.

The waits for the disk are most of what an unlock costs, so this pins down that each
one is still made: the row committed with `synchronous = FULL` (SQLite's own fsyncs of
its WAL, in C, not seen here), then the anchor as one atomic replace of vault.key with
the fewest fsyncs that make it durable: the new file, the rename, the folder. When the
anchor already names the row before the unlock's (the last session locked cleanly),
that replace waits for the next write, and is made before it begins.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import AuditHead, behind_anchor, read_anchor
from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.stores.drafts import DraftStore
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.vault import Vault
from boundary_desk.system.paths import resolve_paths
from tests.fakes import MemoryKeychain


def _unlock_rows(location: VaultLocation) -> list[tuple[int, str]]:
    vault = location.unlock()
    try:
        rows = vault.conn.execute(
            "SELECT id, mac FROM audit_log WHERE action = 'unlock' ORDER BY id"
        ).fetchall()
        return [(int(i), str(m)) for i, m in rows]
    finally:
        vault.close()


def _watch_writes(monkeypatch: pytest.MonkeyPatch, conn: Connection | None = None) -> list[str]:
    """Python's fsyncs and renames from now on, in order (each rename with the trail's
    last row id at that moment, when `conn` is given)."""
    writes: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        writes.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        writes.append(f"rename to {Path(dst).name}")
        if conn is not None:
            last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
            writes.append(f"trail ends at {last}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return writes


def _end_without_lock(vault: Vault) -> None:
    """The session ends as a killed process's does: no lock row, no anchor moved."""
    vault._close_database(record_lock=False)
    vault._lock.release()


def _anchored(location: VaultLocation, key: SecretKey, vault_id: str) -> AuditHead:
    doc = json.loads(location.paths.key_file.read_text())["audit_head"]
    head = read_anchor(doc, key, vault_id)
    assert head is not None
    return head


def test_an_unlock_after_an_unanchored_session_commits_its_row_then_anchors_it_at_once(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    # A session whose rows were never anchored (it was killed after a write): the next
    # unlock is the first chance to anchor them, so it does so before it returns.
    killed = location.unlock()
    audit.record(killed.conn, "view", "vault")
    _end_without_lock(killed)
    key_file = location.paths.key_file
    writes = _watch_writes(monkeypatch)
    vault = location.unlock()
    monkeypatch.undo()
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


def test_after_a_clean_lock_the_unlock_leaves_vault_key_alone_and_the_next_write_anchors_first(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    before = location.paths.key_file.read_bytes()
    writes = _watch_writes(monkeypatch)
    vault = location.unlock()
    try:
        conn = vault.conn
        assert writes == []  # no replace of vault.key on the way to the first list
        assert location.paths.key_file.read_bytes() == before
        assert conn.execute("PRAGMA synchronous").fetchone()[0] >= 2  # the row: FULL
        assert not conn.in_transaction
        unlock_id, unlock_mac = conn.execute(
            "SELECT id, mac FROM audit_log WHERE action = 'unlock' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        anchor = _anchored(location, vault._vault_key, vault.key_file.vault_id)
        assert anchor.last_id == unlock_id - 1  # one row behind: the unlock's own
        assert behind_anchor(conn, anchor) is None
        assert vault.anchor_owed

        monkeypatch.undo()
        writes = _watch_writes(monkeypatch, conn)
        DraftStore(conn).save("quick log", {"summary": "Asked to reschedule"})
        monkeypatch.undo()
        # The anchor moved to the unlock's row before the write began: durably, in one
        # replace, while the trail still ended at that row.
        assert writes == [
            "fsync file",
            "rename to vault.key",
            f"trail ends at {unlock_id}",
            "fsync folder",
        ]
        anchor = _anchored(location, vault._vault_key, vault.key_file.vault_id)
        assert (anchor.last_id, anchor.mac) == (unlock_id, unlock_mac)
        assert not vault.anchor_owed
        assert DraftStore(conn).load("quick log") is not None
    finally:
        vault.close()


def test_an_audit_row_outside_a_transaction_also_pays_the_anchor_first(
    location: VaultLocation,
) -> None:
    location.create().vault.close()
    vault = location.unlock()
    try:
        unlock_id = vault.conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        assert vault.anchor_owed
        audit.record(vault.conn, "view", "vault")
        assert not vault.anchor_owed
        anchor = _anchored(location, vault._vault_key, vault.key_file.vault_id)
        assert anchor.last_id == unlock_id
    finally:
        vault.close()
    # The lock anchored its own row, past both.
    again = location.unlock()
    try:
        anchor = _anchored(location, again._vault_key, again.key_file.vault_id)
        lock_id = again.conn.execute(
            "SELECT max(id) FROM audit_log WHERE action = 'lock'"
        ).fetchone()[0]
        assert anchor.last_id == lock_id
    finally:
        again.close()


def _copy_folder(location: VaultLocation, to: Path) -> VaultLocation:
    """The data folder as a kill at this instant would leave it on disk (every commit
    so far was synced), opened as a fresh process would."""
    shutil.copytree(location.paths.data_dir, to)
    for lock_file in to.glob("*.lock"):
        lock_file.unlink()
    keychain = location.keychain
    assert isinstance(keychain, MemoryKeychain)
    copy = MemoryKeychain()
    copy.entries = dict(keychain.entries)
    return VaultLocation(resolve_paths(to), copy, location.kdf_cost)


def test_a_crash_before_the_deferred_anchor_reads_as_sound_and_the_next_unlock_anchors(
    location: VaultLocation, tmp_path: Path
) -> None:
    location.create().vault.close()
    vault = location.unlock()
    try:
        assert vault.anchor_owed
        crashed = _copy_folder(location, tmp_path / "after-crash")
    finally:
        vault.close()

    reopened = crashed.unlock()
    try:
        assert reopened.verify_audit().intact  # no false alarm: the anchor is behind, held
        assert reopened.anchor_problems() == []
        # Two rows past the anchor now (the lost session's unlock and this one): this
        # unlock anchored at once rather than wait.
        assert not reopened.anchor_owed
        head = _anchored(crashed, reopened._vault_key, reopened.key_file.vault_id)
        last = reopened.conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        assert head.last_id == last
    finally:
        reopened.close()


def test_a_vault_rolled_back_to_the_deferred_moment_is_still_reported(
    location: VaultLocation, tmp_path: Path
) -> None:
    location.create().vault.close()
    vault = location.unlock()
    try:
        assert vault.anchor_owed
        old = _copy_folder(location, tmp_path / "old")  # the files at the deferred moment
        audit.record(vault.conn, "view", "vault")  # pays the anchor, then a row after it
    finally:
        vault.close()  # the lock's row, anchored

    # The vault's file put back as it was at the deferred moment; vault.key is current.
    for name in ("vault.db", "vault.db-wal", "vault.db-shm", "vault.open"):
        target = location.paths.data_dir / name
        target.unlink(missing_ok=True)
        if (old.paths.data_dir / name).exists():
            shutil.copy2(old.paths.data_dir / name, target)
    rolled = location.unlock()
    try:
        problems = rolled.anchor_problems()
        assert problems and "deleted" in problems[0]
        assert not rolled.anchor_owed  # in doubt: no deferring, and the anchor stays
        rolled.anchor_audit()
        assert rolled.anchor_problems() == problems  # still reported
    finally:
        rolled.close()
