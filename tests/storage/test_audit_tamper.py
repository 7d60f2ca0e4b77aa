"""Tampering the HMAC chain alone can't show: a cut-back tail, cleared payloads, dropped
triggers, an edited anchor. Each is done to a decrypted copy, as an attacker with the
key would, and each must be named by `audit verify`, and stay named."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
import sqlcipher3

from boundary_desk.domain.clients import Client
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.recovery_key import new_recovery_key
from boundary_desk.storage.vault.backups import list_backups
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths

GUARDS = ("audit_log_no_delete", "audit_log_only_redact")


def seeded(location: VaultLocation, clients: int = 30) -> bytes:
    """A vault with `clients` clients, closed (so its head is anchored); returns its key."""
    services = Services.open(location.create().vault)
    for i in range(clients):
        services.clients.add(Client(code="", display_name=f"Client {i}"))
    key = services.vault._vault_key.copy()  # closing wipes the vault's own
    services.close()
    return key


def tamper(
    location: VaultLocation, key: bytes, *statements: str, restore_guards: bool = True
) -> None:
    """Decrypt a copy, run `statements` on it, and put it back encrypted in the vault's place."""
    work = location.paths.data_dir.parent
    plain, back = work / "plain.db", work / "back.db"
    for path in (plain, back):
        path.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(location.paths.vault_file))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    edit = sqlite3.connect(plain)
    guards = [
        str(r[0])
        for r in edit.execute("SELECT sql FROM sqlite_master WHERE name IN (?, ?)", GUARDS)
    ]
    for guard in GUARDS:
        edit.execute(f"DROP TRIGGER {guard}")
    for statement in statements:
        edit.execute(statement)
    if restore_guards:  # so only what the statements did is left to find
        for sql in guards:
            edit.execute(sql)
    edit.commit()
    edit.close()
    conn = sqlcipher3.connect(str(plain))
    conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(back), f"x'{key.hex()}'"))
    conn.execute("SELECT sqlcipher_export('enc')")
    conn.execute(f"PRAGMA enc.user_version = {version}")
    conn.execute("DETACH DATABASE enc")
    conn.close()
    back.replace(location.paths.vault_file)
    for end in ("-wal", "-shm"):
        location.paths.vault_file.with_name("vault.db" + end).unlink(missing_ok=True)


def problems_after_reopening(location: VaultLocation) -> str:
    """What verify names; it must still name it after another unlock and lock."""
    vault = location.unlock()
    first = vault.verify_audit()
    vault.close()
    vault = location.unlock()
    again = vault.verify_audit()
    vault.close()
    assert not first.intact
    assert not again.intact, "a lock must not re-anchor a trail that fell behind its anchor"
    return first.summary()


@pytest.mark.parametrize(
    "cut",
    [
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "DELETE FROM audit_log WHERE id > (SELECT max(id) - 25 FROM audit_log)",
        "DELETE FROM audit_log",
    ],
    ids=["last row", "last 25 rows", "all rows"],
)
def test_a_trail_cut_back_is_named(location: VaultLocation, cut: str) -> None:
    key = seeded(location)
    tamper(location, key, cut)
    summary = problems_after_reopening(location)
    assert "anchor" in summary, summary


def test_a_cleared_payload_without_a_purge_is_named(location: VaultLocation) -> None:
    key = seeded(location, clients=3)
    vault = location.unlock()
    target = next(r.id for r in audit.history(vault.conn) if r.action == "insert")
    vault.close()
    tamper(location, key, f"UPDATE audit_log SET payload = NULL WHERE id = {target}")  # noqa: S608
    summary = problems_after_reopening(location)
    assert f"row {target} were removed, and no purge accounts for it" in summary, summary


@pytest.mark.parametrize("trigger", ["audit_clients_update", "audit_log_no_delete"])
def test_a_dropped_trigger_is_named(location: VaultLocation, trigger: str) -> None:
    key = seeded(location, clients=2)
    tamper(location, key, f"DROP TRIGGER IF EXISTS {trigger}", restore_guards=trigger not in GUARDS)
    summary = problems_after_reopening(location)
    assert f"the trigger {trigger} is missing" in summary, summary


def test_an_altered_trigger_is_named(location: VaultLocation) -> None:
    key = seeded(location, clients=2)
    tamper(
        location,
        key,
        "DROP TRIGGER audit_events_delete",
        "CREATE TRIGGER audit_events_delete AFTER DELETE ON events BEGIN SELECT 1; END",
    )
    summary = problems_after_reopening(location)
    assert "the trigger audit_events_delete was altered" in summary, summary


def test_an_edited_anchor_in_the_key_file_is_named(location: VaultLocation) -> None:
    seeded(location, clients=2)
    doc = json.loads(location.paths.key_file.read_text())
    doc["audit_head"]["rows"] -= 1
    doc["audit_head"]["last_id"] -= 1
    location.paths.key_file.write_text(json.dumps(doc))
    summary = problems_after_reopening(location)
    assert "the audit anchor in the key file was altered (vault.key)" in summary, summary


def test_an_anchor_removed_from_the_key_file_is_named(location: VaultLocation) -> None:
    seeded(location, clients=2)
    location.unlock().close()  # an unlock that found the anchor is on record
    doc = json.loads(location.paths.key_file.read_text())
    del doc["audit_head"]
    location.paths.key_file.write_text(json.dumps(doc))
    summary = problems_after_reopening(location)
    assert "the audit anchor was removed from the key file (vault.key)" in summary, summary


def test_the_anchor_follows_the_trail_and_an_untouched_vault_verifies(
    location: VaultLocation,
) -> None:
    seeded(location, clients=2)
    for _ in range(3):
        vault = location.unlock()
        check = vault.verify_audit()
        assert check.intact, check.summary()
        vault.close()
    anchored = json.loads(location.paths.key_file.read_text())["audit_head"]
    vault = location.unlock()
    rows, last = vault.conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    vault.close()
    assert (anchored["rows"], anchored["last_id"]) == (rows - 1, last - 1)  # all but this unlock


def test_a_key_file_from_before_anchoring_opens_and_is_anchored(location: VaultLocation) -> None:
    seeded(location, clients=1)
    doc = json.loads(location.paths.key_file.read_text())
    del doc["audit_head"]
    location.paths.key_file.write_text(json.dumps(doc))
    vault = location.unlock()
    assert vault.verify_audit().intact
    vault.close()
    assert "seal" in json.loads(location.paths.key_file.read_text())["audit_head"]


def test_every_backup_manifest_holds_the_sealed_head(services: Services, tmp_path: Path) -> None:
    services.clients.add(Client(code="", display_name="Someone"))
    made = services.vault.backup(tmp_path / "b")
    head = json.loads((made.path / "manifest.json").read_text())["audit_head"]
    copy = sqlcipher3.connect(str(made.path / "vault.db"))
    copy.execute(f"PRAGMA key = \"x'{services.vault._vault_key.hex()}'\"")
    count, last = copy.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    copy.close()
    assert (head["rows"], head["last_id"]) == (count, last) and count > 0
    assert len(head["seal"]) == 64


def test_a_key_file_temp_left_by_a_kill_is_cleared_at_the_next_anchor(
    location: VaultLocation,
) -> None:
    seeded(location, clients=1)
    stale = location.paths.data_dir / ".vault.key.killed.part"
    fresh = location.paths.data_dir / ".vault.key.writing.part"
    for temp in (stale, fresh):
        temp.write_bytes(b"{}")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    location.unlock().close()
    assert not stale.exists()
    assert fresh.exists()  # may be another process's write in flight


def test_a_backup_whose_trail_was_cut_back_is_not_restored(
    location: VaultLocation, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)
    for i in range(5):
        services.clients.add(Client(code="", display_name=f"Client {i}"))
    made = services.vault.backup(tmp_path / "b")
    key = services.vault._vault_key.copy()  # closing wipes the vault's own
    copy = VaultLocation(resolve_paths(made.path), location.keychain)
    tamper(copy, key, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    # Refused by the manifest's row counts or by its sealed audit head, whichever sees it first.
    with pytest.raises(UserFacingError, match="can't be restored"):
        services.vault.restore(made.path)
    assert services.vault.is_open and len(services.clients.list()) == 5
    services.close()
    with pytest.raises(UserFacingError, match="can't be restored"):
        location.restore(made.path)
    vault = location.unlock()
    assert vault.verify_audit().intact
    vault.close()


def test_an_anchor_that_is_not_an_object_still_unlocks_and_is_named(
    location: VaultLocation,
) -> None:
    seeded(location, clients=1)
    doc = json.loads(location.paths.key_file.read_text())
    doc["audit_head"] = 5
    location.paths.key_file.write_text(json.dumps(doc))
    summary = problems_after_reopening(location)
    assert "the audit anchor in the key file is malformed" in summary, summary


def test_after_a_rekey_the_anchor_is_sealed_under_the_new_key(location: VaultLocation) -> None:
    created = location.create()
    Services.open(created.vault).clients.add(Client(code="", display_name="Rekeyed"))
    rekeyed = created.vault.rekey(new_recovery_key())
    check = rekeyed.verify_audit()
    assert check.intact, check.summary()
    rekeyed.close()
    vault = location.unlock()
    assert vault.verify_audit().intact
    vault.close()


def test_a_rekey_refuses_a_trail_cut_back(location: VaultLocation) -> None:
    key = seeded(location)
    tamper(location, key, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    vault = location.unlock()
    with pytest.raises(VaultDamaged, match="was not re-keyed"):
        vault.rekey(new_recovery_key())
    assert vault.is_open
    vault.close()


def strip_manifest(folder: Path, *fields: str) -> None:
    """Delete `fields` from a backup's manifest, as an attacker hiding its head would."""
    manifest = folder / "manifest.json"
    doc = json.loads(manifest.read_text())
    for field in fields:
        del doc[field]
    manifest.write_text(json.dumps(doc))


@pytest.mark.parametrize(
    "fields", [("audit_head",), ("audit_head", "bytes")], ids=["head", "head and bytes"]
)
def test_a_backup_whose_manifest_lost_its_head_is_not_restored(
    location: VaultLocation, tmp_path: Path, fields: tuple[str, ...]
) -> None:
    seeded(location, clients=3)  # unlocked again below: its trail says it was anchored
    services = Services.open(location.unlock())
    made = services.vault.backup(tmp_path / "b")
    strip_manifest(made.path, *fields)
    with pytest.raises(UserFacingError, match="its manifest lost the audit head it was written"):
        services.vault.restore(made.path)
    assert services.vault.is_open and len(services.clients.list()) == 3
    services.close()
    with pytest.raises(UserFacingError, match="lost the audit head"):
        location.restore(made.path)
    vault = location.unlock()
    assert vault.verify_audit().intact
    vault.close()


def test_a_backup_listed_without_its_head_is_not_verified(
    services: Services, tmp_path: Path
) -> None:
    made = services.vault.backup(tmp_path / "b")
    strip_manifest(made.path, "audit_head")
    [listed] = list_backups(tmp_path / "b")
    assert not listed.verified
    assert listed.problem == "its manifest lost the audit head it was written with"


def test_a_backup_from_before_anchoring_still_restores(
    location: VaultLocation, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)  # never unlocked: no anchored row
    services.clients.add(Client(code="", display_name="Kept"))
    made = services.vault.backup(tmp_path / "b")
    strip_manifest(made.path, "audit_head", "bytes")  # as an older version wrote it
    [listed] = list_backups(tmp_path / "b")
    assert listed.verified and listed.problem is None
    services.clients.add(Client(code="", display_name="Undone by the restore"))
    restored = services.vault.restore(made.path)
    assert [c.display_name for c in Services.open(restored).clients.list()] == ["Kept"]
    restored.close()


def test_a_later_tables_dropped_trigger_is_named_whatever_the_version_says(
    location: VaultLocation,
) -> None:
    from boundary_desk.storage.audit.verify import trigger_problems

    vault = location.create().vault
    assert trigger_problems(vault.conn) == []
    vault.conn.execute("DROP TRIGGER audit_sessions_insert")
    vault.conn.execute("PRAGMA user_version = 11")  # as if from before the sessions table
    assert trigger_problems(vault.conn) == [
        "the trigger audit_sessions_insert is missing, so changes can go unrecorded"
    ]
    vault.conn.execute("PRAGMA user_version = 12")
    vault.close()
