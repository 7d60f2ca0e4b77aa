"""What `status` reports about an open vault: where it is, how it unlocks, what it holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.db.migrations import schema_version
from boundary_desk.storage.keys.key_file import KeyFile


@dataclass(frozen=True)
class VaultStatus:
    path: str
    vault_id: str
    key_mode: str
    schema_version: int
    cipher_version: str
    created_at: str
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "vault": self.path,
            "vault_id": self.vault_id,
            "key_mode": self.key_mode,
            "schema_version": self.schema_version,
            "cipher_version": self.cipher_version,
            "created_at": self.created_at,
            "counts": dict(self.counts),
        }


def read_status(conn: Connection, vault_file: Path, key_file: KeyFile) -> VaultStatus:
    """The status of the vault open on `conn`."""
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    counts = {
        "clients": _count(conn, "SELECT count(*) FROM clients WHERE archived_at IS NULL"),
        "archived_clients": _count(
            conn, "SELECT count(*) FROM clients WHERE archived_at IS NOT NULL"
        ),
    }
    return VaultStatus(
        path=str(vault_file),
        vault_id=key_file.vault_id,
        key_mode=key_file.key_mode.value,
        schema_version=schema_version(conn),
        cipher_version=str(cipher),
        created_at=key_file.created_at.isoformat(),
        counts=counts,
    )


def _count(conn: Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])
