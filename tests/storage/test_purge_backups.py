"""After a purge, every backup and set-aside copy still holding the client is named,
and can be rewritten without them or deleted."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import sqlcipher3

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.services.backups import chosen_folder, take_backup
from boundary_desk.services.purge import purge_client, settle_copies
from boundary_desk.storage.db.migrations import export_encrypted_copy
from boundary_desk.storage.vault.backups import read_backup
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.purge_backups import BackupChoice, CopyState
from boundary_desk.system.paths import ensure_private_dir

MARKER = "Purged-Marker-Medlar"
TODAY = date(2026, 11, 30)


def former_client(services: Services) -> Client:
    return services.clients.add(
        Client(
            code="PB1",
            display_name=MARKER,
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )


def holds(path: Path, key: bytes, client_id: int) -> bool:
    conn = sqlcipher3.connect(str(path / "vault.db"))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        return (
            conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is not None
        )
    finally:
        conn.close()


def rekeyed_copy(source: Path, dest: Path, key: bytes) -> None:
    """A backup as it would be after a re-key elsewhere: same key file, another database key."""
    dest.mkdir(mode=0o700)
    (dest / "vault.key").write_bytes((source / "vault.key").read_bytes())
    conn = sqlcipher3.connect(str(source / "vault.db"))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(
        "ATTACH DATABASE ? AS other KEY ?", (str(dest / "vault.db"), "x'" + "ab" * 32 + "'")
    )
    conn.execute("SELECT sqlcipher_export('other')")
    conn.execute("DETACH DATABASE other")
    conn.close()


def test_purge_names_the_backups_and_set_aside_copies_that_hold_the_client(
    services: Services, tmp_path: Path
) -> None:
    client = former_client(services)
    services.settings.set("backups", str(tmp_path / "usb"))
    on_usb = take_backup(services)
    beside = services.vault.backup()  # the default folder beside the vault
    rekeyed_copy(
        on_usb.path, tmp_path / "usb" / "backup-20200101T000000000000Z", services.vault._vault_key
    )
    held = purge_client(services, client, TODAY)
    by_path = {c.path: c.state for c in held}
    assert by_path[on_usb.path.resolve()] is CopyState.HOLDS
    assert by_path[beside.path.resolve()] is CopyState.HOLDS
    assert (
        by_path[(tmp_path / "usb" / "backup-20200101T000000000000Z").resolve()]
        is CopyState.UNCHECKED
    )
    assert len(held) == 3


def test_rewrite_purges_the_client_from_each_copy_and_keeps_it_verified(
    location: VaultLocation, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)
    client = former_client(services)
    services.clients.add(Client(code="", display_name="Stays"))
    made = take_backup(services)
    restored = Services.open(services.vault.restore(made.path))  # leaves a replaced-* copy
    key = restored.vault._vault_key
    held = purge_client(restored, client, TODAY)
    assert {c.kind for c in held} == {"backup", "set-aside copy"}
    settled = settle_copies(restored, client, held, BackupChoice.REWRITE)
    assert [c.path for c in settled.done] == [c.path for c in held] and not settled.failed
    for copy in held:
        assert not holds(copy.path, key, client.id or 0)
        for path in copy.path.iterdir():
            assert MARKER.encode() not in path.read_bytes(), path
    after = read_backup(made.path)
    assert after.verified and after.counts["clients"] == 1
    manifest = json.loads((made.path / "manifest.json").read_text())
    assert manifest["audit_head"]["rows"] == after.counts["audit_log"]
    restored.close()
    # The rewritten backup still restores, and its trail verifies.
    again = location.restore(made.path)
    assert again.verify_audit().intact
    again.close()


def test_delete_removes_each_copy_and_keep_leaves_them(services: Services) -> None:
    client = former_client(services)
    first, second = take_backup(services), services.vault.backup(chosen_folder(services) / "more")
    services.settings.set("backups", str(second.path.parent))
    held = purge_client(services, client, TODAY)
    assert settle_copies(services, client, held, BackupChoice.KEEP).done == []
    assert first.path.exists() and second.path.exists()
    settle_copies(services, client, held, BackupChoice.DELETE)
    assert not first.path.exists() and not second.path.exists()


def test_a_copy_made_before_an_upgrade_is_named_and_can_be_purged_or_deleted(
    services: Services,
) -> None:
    client = former_client(services)
    backups = ensure_private_dir(services.vault.location.paths.backup_dir)
    key = services.vault._vault_key
    first, second = backups / "pre-migration-v6-1.db", backups / "pre-migration-v6-2.db"
    for dest in (first, second):
        export_encrypted_copy(services.vault.conn, key, dest)
    held = purge_client(services, client, TODAY)
    assert [(c.kind, c.state) for c in held] == [
        ("copy made before an upgrade", CopyState.HOLDS)
    ] * 2
    settle_copies(services, client, held[:1], BackupChoice.REWRITE)
    assert not holds_file(first, key, client.id or 0)
    settle_copies(services, client, held[1:], BackupChoice.DELETE)
    assert not second.exists()


def holds_file(db: Path, key: bytes, client_id: int) -> bool:
    conn = sqlcipher3.connect(str(db))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        return (
            conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is not None
        )
    finally:
        conn.close()
