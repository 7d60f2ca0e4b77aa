"""The key file beside the vault: its id, how it is unlocked, and the wrapped keys.

It holds no secret in the clear: only the vault key wrapped under the passphrase
and under the recovery key, and the audit trail's sealed head. Losing it means
needing a backup, so it is written atomically, and rewritten only to change a wrap
or to move the audit anchor (re-read first, so a wrap written meanwhile is kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.system.fileio import atomic_write

FORMAT = "boundary-desk-key"
VERSION = 1


class KeyMode(StrEnum):
    """How the vault key is held day to day."""

    KEYCHAIN = "keychain"
    PASSPHRASE = "passphrase"


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    key_mode: KeyMode
    created_at: datetime
    wraps: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The audit chain's sealed head (audit_anchor.py); absent in key files of earlier versions.
    audit_head: dict[str, Any] | None = None

    def aad(self, wrap_name: str) -> bytes:
        """Binds each wrap to this vault and its purpose, so wraps can't be swapped."""
        return f"{FORMAT}/{VERSION}/{self.vault_id}/{wrap_name}".encode()

    def with_wrap(self, name: str, wrap: dict[str, Any]) -> KeyFile:
        return replace(self, wraps={**self.wraps, name: wrap})

    def with_mode(self, mode: KeyMode) -> KeyFile:
        return replace(self, key_mode=mode)

    def with_audit_head(self, head: dict[str, Any]) -> KeyFile:
        return replace(self, audit_head=head)

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "key_mode": self.key_mode.value,
            "created_at": self.created_at.isoformat(),
            "wraps": self.wraps,
        }
        if self.audit_head is not None:
            doc["audit_head"] = self.audit_head
        return json.dumps(doc, indent=2, sort_keys=True).encode("utf-8")


def read_key_file(path: Path) -> KeyFile:
    """Parse the key file, or VaultDamaged saying the file is unreadable."""
    try:
        doc = json.loads(path.read_bytes())
        if not isinstance(doc, dict):
            raise ValueError("not a JSON object")
        if doc.get("format") != FORMAT:
            raise ValueError("not a Boundary Desk key file")
        if int(doc["version"]) > VERSION:
            raise VaultDamaged(
                f"The key file {path.name} was written by a newer Boundary Desk. "
                "Update the app; nothing was changed."
            )
        created = datetime.fromisoformat(doc["created_at"])
        if created.tzinfo is None:
            raise ValueError("naive timestamp")
        wraps = doc["wraps"]
        if not isinstance(wraps, dict) or not all(isinstance(w, dict) for w in wraps.values()):
            raise ValueError("wraps is not an object of objects")
        audit_head = doc.get("audit_head")
        if audit_head is not None and not isinstance(audit_head, dict):
            # Still unlocks; `audit verify` names the anchor as altered.
            audit_head = {"malformed": True}
        return KeyFile(
            vault_id=str(doc["vault_id"]),
            key_mode=KeyMode(doc["key_mode"]),
            created_at=created,
            wraps=wraps,
            audit_head=audit_head,
        )
    except VaultDamaged:
        raise
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise VaultDamaged(
            f"The key file {path} is damaged or unreadable ({type(exc).__name__}). "
            "It has not been changed. Restore it from a backup, or unlock with your "
            "recovery key after restoring it."
        ) from exc


def write_key_file(path: Path, key_file: KeyFile) -> None:
    atomic_write(path, key_file.to_json())
