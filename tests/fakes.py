"""Test doubles shared across the suite."""

from __future__ import annotations


class MemoryKeychain:
    """An in-memory keychain; `working=False` behaves like a machine with none."""

    def __init__(self, *, working: bool = True) -> None:
        self.working = working
        self.entries: dict[str, str] = {}

    def available(self) -> tuple[bool, str]:
        if self.working:
            return True, "MemoryKeychain"
        return False, "No working system keychain was found on this computer."

    def store(self, vault_id: str, secret_hex: str) -> None:
        from boundary_desk.storage.errors import KeychainUnavailable

        if not self.working:
            raise KeychainUnavailable("The system keychain refused to store the key.")
        self.entries[vault_id] = secret_hex

    def load(self, vault_id: str) -> str | None:
        return self.entries.get(vault_id)

    def delete(self, vault_id: str) -> None:
        self.entries.pop(vault_id, None)
