"""Reaching another copy of this vault (a backup, a set-aside copy) with this vault's key.

Only a purge needs this: to find the copies that still hold a client, and to purge
them there too. A copy made before a re-key opens with the old key only, so it
doesn't open here; callers report it as "can't be checked".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.audit.anchor import current_head
from boundary_desk.storage.db.connection import Connection, open_database
from boundary_desk.storage.keys.secret_key import SecretKey


@dataclass(frozen=True)
class VaultCopies:
    vault_id: str
    _vault_key: SecretKey | bytes = field(repr=False)

    def open(self, db: Path, *, read_only: bool = False) -> Connection:
        """The copy at `db`, opened with this vault's key (integrity checked unless read-only)."""
        return open_database(db, self._vault_key, check=not read_only, read_only=read_only)

    def verify(self, conn: Connection) -> audit.ChainCheck:
        return audit.verify_chain(conn, self._vault_key)

    def sealed_head(self, conn: Connection) -> dict[str, Any]:
        """The copy's audit head, sealed, for its manifest."""
        return current_head(conn).to_dict(self._vault_key, self.vault_id)
