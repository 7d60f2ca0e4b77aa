"""The audit trail: every change recorded, chained, append-only, and tamper-evident."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.stores.purge import purge_client
from boundary_desk.storage.vault.location import VaultLocation

MARKER = "Audit-Marker-Tamarind"


def actions(services: Services) -> list[tuple[str, str]]:
    return [(r.action, r.table_name) for r in reversed(audit.history(services.vault.conn))]


def test_creates_edits_deletes_and_settings_are_recorded(services: Services) -> None:
    client = services.clients.add(Client(code="", display_name=MARKER))
    services.clients.update(replace(client, display_name=MARKER + " II"))
    services.settings.set("autolock", "5")
    found = actions(services)
    assert ("insert", "clients") in found
    assert ("update", "clients") in found
    assert ("insert", "settings") in found
    edit = next(
        r
        for r in audit.history(services.vault.conn)
        if r.action == "update" and r.table_name == "clients"
    )
    assert edit.details()["old"]["display_name"] == MARKER
    assert edit.details()["new"]["display_name"] == MARKER + " II"
    assert edit.client_id == client.id


def test_unlock_lock_and_backup_are_recorded(location: VaultLocation) -> None:
    location.create().vault.close()
    services = Services.open(location.unlock())
    services.vault.backup()
    found = actions(services)
    assert ("lock", "vault") in found and ("unlock", "vault") in found
    assert ("backup", "vault") in found
    assert services.vault.verify_audit().intact
    services.close()


def test_the_trail_is_append_only(services: Services) -> None:
    services.clients.add(Client(code="", display_name="A"))
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        services.vault.conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        services.vault.conn.execute("UPDATE audit_log SET action = 'nothing'")
    assert services.vault.verify_audit().intact


def tamper_with_row(location: VaultLocation, data_dir: Path, vault_key: bytes, row: int) -> None:
    """Decrypt a copy, change one row as a hex editor would, and put it back encrypted."""
    plain = data_dir.parent / "plain.db"
    conn = sqlcipher3.connect(str(location.paths.vault_file))
    conn.execute(f"PRAGMA key = \"x'{vault_key.hex()}'\"")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    edit = sqlite3.connect(plain)
    edit.execute("DROP TRIGGER audit_log_only_redact")
    edit.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id = ?", (row,))
    edit.commit()
    edit.close()
    back = data_dir.parent / "back.db"
    conn = sqlcipher3.connect(str(plain))
    conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(back), f"x'{vault_key.hex()}'"))
    conn.execute("SELECT sqlcipher_export('enc')")
    conn.execute(f"PRAGMA enc.user_version = {version}")
    conn.execute("DETACH DATABASE enc")
    conn.close()
    back.replace(location.paths.vault_file)


def test_an_edited_row_is_named_exactly(location: VaultLocation, data_dir: Path) -> None:
    services = Services.open(location.create().vault)
    for i in range(5):
        services.clients.add(Client(code="", display_name=f"Client {i}"))
    key = services.vault._vault_key.copy()  # closing wipes the vault's own
    target = audit.history(services.vault.conn)[3].id
    services.close()
    tamper_with_row(location, data_dir, key, target)
    vault = location.unlock()
    check = vault.verify_audit()
    assert (check.intact, check.first_broken) == (False, target)
    vault.close()


def test_purge_leaves_no_trace(location: VaultLocation, data_dir: Path) -> None:
    services = Services.open(location.create().vault)
    client = services.clients.add(
        Client(
            code="PX9",
            display_name=MARKER,
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    services.clients.add(Client(code="", display_name="Someone Else"))
    with pytest.raises(InvalidInput, match="must be kept until 2019-06-30"):
        purge_client(services.vault, client, 7, date(2019, 6, 29))
    purge_client(services.vault, client, 7, date(2026, 11, 22))
    assert [c.code for c in services.clients.list(include_archived=True)] != ["PX9"]
    purge = audit.history(services.vault.conn)[0]
    assert (purge.action, purge.row_key) == ("purge", "PX9")
    assert services.vault.verify_audit().intact
    key = services.vault._vault_key.copy()  # closing wipes the vault's own
    services.close()
    for path in data_dir.rglob("*"):
        if path.is_file() and "backups" not in path.parts:
            assert MARKER.encode() not in path.read_bytes(), path
    decrypted = data_dir.parent / "decrypted.db"
    conn = sqlcipher3.connect(str(location.paths.vault_file))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(decrypted),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    assert MARKER.encode() not in decrypted.read_bytes()


def test_an_active_client_cannot_be_purged(services: Services) -> None:
    client = services.clients.add(Client(code="", display_name="Active"))
    with pytest.raises(InvalidInput, match="still an active client"):
        purge_client(services.vault, client, 7, date(2040, 1, 1))
    assert len(services.clients.list()) == 1


def test_bytes_changed_in_a_decrypted_copy_are_named_exactly(
    location: VaultLocation, data_dir: Path
) -> None:
    """As with a hex editor: a few bytes of one row's text, changed in place."""
    services = Services.open(location.create().vault)
    services.clients.add(Client(code="", display_name="Before"))
    audit.record(services.vault.conn, "export", "vault", details={"json": "/exports/Ginger.json"})
    target = audit.history(services.vault.conn, limit=1)[0].id
    services.clients.add(Client(code="", display_name="After"))
    key = services.vault._vault_key.copy()  # closing wipes the vault's own
    services.close()

    plain = data_dir.parent / "plain.db"
    conn = sqlcipher3.connect(str(location.paths.vault_file))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    raw = bytearray(plain.read_bytes())
    # Only the audit trail holds this text; change its first occurrence in place.
    first = raw.find(b"Ginger")
    assert first >= 0
    raw[first : first + 6] = b"Gingen"
    plain.write_bytes(bytes(raw))
    back = data_dir.parent / "back.db"
    conn = sqlcipher3.connect(str(plain))
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)  # still a sound file
    conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(back), f"x'{key.hex()}'"))
    conn.execute("SELECT sqlcipher_export('enc')")
    conn.execute(f"PRAGMA enc.user_version = {version}")
    conn.execute("DETACH DATABASE enc")
    conn.close()
    back.replace(location.paths.vault_file)

    vault = location.unlock()
    check = vault.verify_audit()
    assert (check.intact, check.first_broken) == (False, target)
    assert "changed" in check.reason
    vault.close()
