"""A restore keeps the record of what happened after the backup, and still verifies."""

from __future__ import annotations

import json
from pathlib import Path

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.vault.location import VaultLocation

MARKER = "Carried-Marker-Quince"


def export_after_backup(services: Services, tmp_path: Path) -> Path:
    services.clients.add(Client(code="", display_name="Kept"))
    made = services.vault.backup(tmp_path / "backups")
    audit.record(services.vault.conn, "export", "vault", details={"json": "/exports/all.json"})
    services.clients.add(Client(code="", display_name=MARKER))
    return made.path


def carried(services: Services) -> list[audit.AuditRow]:
    rows = audit.history(services.vault.conn)
    return [r for r in reversed(rows) if "carried_over" in r.details()]


def assert_export_kept(services: Services) -> None:
    rows = carried(services)
    export = next(r for r in rows if r.action == "export")
    assert export.details()["details"] == {"json": "/exports/all.json"}
    # The client added after the backup is undone: only the fact is carried, never the name.
    insert = next(r for r in rows if (r.action, r.table_name) == ("insert", "clients"))
    assert insert.details()["undone_by_restore"] is True
    assert MARKER not in json.dumps([r.details() for r in rows])
    assert audit.history(services.vault.conn, limit=1)[0].action == "restore"
    check = services.vault.verify_audit()
    assert check.intact, check.summary()


def test_an_open_vault_restored_keeps_an_export_made_after_the_backup(
    services: Services, tmp_path: Path
) -> None:
    backup = export_after_backup(services, tmp_path)
    restored = Services.open(services.vault.restore(backup))
    try:
        assert [c.display_name for c in restored.clients.list()] == ["Kept"]
        assert_export_kept(restored)
    finally:
        restored.close()


def test_a_locked_vault_restored_keeps_an_export_made_after_the_backup(
    location: VaultLocation, tmp_path: Path
) -> None:
    services = Services.open(location.create().vault)
    backup = export_after_backup(services, tmp_path)
    services.close()
    restored = Services.open(location.restore(backup))
    try:
        assert_export_kept(restored)
    finally:
        restored.close()
    vault = location.unlock()  # and the anchor moved with the restored trail
    assert vault.verify_audit().intact
    vault.close()


def test_restoring_twice_carries_each_row_once(services: Services, tmp_path: Path) -> None:
    backup = export_after_backup(services, tmp_path)
    vault = services.vault.restore(backup).restore(backup)
    try:
        exports = [r for r in audit.history(vault.conn) if r.action == "export"]
        assert len(exports) == 1
        assert vault.verify_audit().intact
    finally:
        vault.close()
