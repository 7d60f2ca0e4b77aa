"""Where a vault lives, and the doors into it: create, unlock, recover, restore."""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.storage.keys.cost import DEFAULT_COST, Argon2Cost
from boundary_desk.storage.keys.key_file import KeyMode, read_key_file
from boundary_desk.storage.keys.keychain import Keychain
from boundary_desk.storage.vault.lock import VaultLock
from boundary_desk.storage.vault.state import VaultState, require_present, vault_state
from boundary_desk.system.paths import AppPaths

# The doors themselves (creating, unlocking, restoring, and the open vault with its
# audit trail, re-key and backups) load when first used: the app's first window asks
# only where the vault is and how it unlocks.
if TYPE_CHECKING:
    from boundary_desk.storage.vault.creating import NewVault
    from boundary_desk.storage.vault.vault import Vault

READ_ONLY_NOTE = (
    "This vault is on a disk or folder that can't be written, so it opened read-only: "
    "you can read everything, but nothing can be changed, logged or backed up, and "
    "views aren't added to the audit trail. To work in it, copy the whole data folder "
    "to a disk that can be written."
)


@dataclass(frozen=True)
class VaultLocation:
    """A place a vault lives, and the keychain and key-stretching cost used to reach it."""

    paths: AppPaths
    keychain: Keychain
    kdf_cost: Argon2Cost = field(default=DEFAULT_COST)

    def state(self) -> VaultState:
        return vault_state(self.paths)

    def is_read_only(self) -> bool:
        """Whether the vault's file or folder can't be written (a read-only disk, say)."""
        return not (
            os.access(self.paths.vault_file, os.W_OK) and os.access(self.paths.data_dir, os.W_OK)
        )

    def key_mode(self) -> KeyMode:
        """How the existing vault is unlocked (read from its key file)."""
        require_present(self.paths, self.keychain)
        return read_key_file(self.paths.key_file).key_mode

    def keychain_available(self) -> tuple[bool, str]:
        return self.keychain.available()

    def create(
        self,
        *,
        passphrase: str | None = None,
        strict: bool = False,
        now: datetime | None = None,
        recovery_key: str | None = None,
        vault_id: str | None = None,
    ) -> NewVault:
        """Create a new vault here. Refuses if anything of a vault is already present.

        `recovery_key` and `vault_id` let setup show the key (and print its kit) first.
        """
        from boundary_desk.storage.vault import creating

        return creating.create_vault(
            self,
            passphrase=passphrase,
            strict=strict,
            now=now,
            recovery_key=recovery_key,
            vault_id=vault_id,
        )

    def exclusive(self) -> AbstractContextManager[None]:
        """Sole use of the vault here for a `with` block, for a process that hasn't it open.

        Refused with VaultInUse, before anything changes, while another process has it open.
        """
        return VaultLock(self.paths.data_dir).exclusive()

    def unlock(self, *, passphrase: str | None = None, recovery_key: str | None = None) -> Vault:
        """Open the vault with the recovery key, the passphrase or the keychain."""
        from boundary_desk.storage.vault import unlocking

        return unlocking.unlock(self, passphrase=passphrase, recovery_key=recovery_key)

    def recover(self, recovery_key: str, new_passphrase: str) -> Vault:
        """Unlock with the recovery key and set a new passphrase in one step."""
        from boundary_desk.storage.vault import unlocking

        return unlocking.recover(self, recovery_key, new_passphrase)

    def restore_needs_passphrase(self, backup: Path) -> bool:
        """Whether restoring `backup` here asks for the master passphrase."""
        from boundary_desk.storage.vault import restoring

        return restoring.restore_needs_passphrase(self, backup)

    def restore(
        self,
        backup: Path,
        *,
        passphrase: str | None = None,
        recovery_key: str | None = None,
        now: datetime | None = None,
    ) -> Vault:
        """Replace the vault with a verified backup; the current files are kept aside first.

        This is for a locked (or unopenable) vault; an open one restores with
        `Vault.restore`, which needs no secret. Refused (VaultInUse) while another
        window or command has the vault open.
        """
        from boundary_desk.storage.vault import restoring

        return restoring.restore_locked(
            self, backup, passphrase=passphrase, recovery_key=recovery_key, now=now
        )
