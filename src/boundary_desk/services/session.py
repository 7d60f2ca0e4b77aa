"""The session: which vault, how it opens, how its key is held, and closing it again.

The app's unlock screen and every CLI command open the vault here, so both front
doors unlock, recover and report the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    KeychainUnavailable,
    PassphraseRequired,
    VaultDamaged,
)
from boundary_desk.storage.keys.key_file import KeyMode
from boundary_desk.storage.keys.keychain import SystemKeychain
from boundary_desk.storage.vault.location import READ_ONLY_NOTE, VaultLocation
from boundary_desk.storage.vault.passphrase import MIN_PASSPHRASE, check_passphrase
from boundary_desk.storage.vault.state import VaultState
from boundary_desk.system.paths import resolve_paths

if TYPE_CHECKING:
    from boundary_desk.storage.vault.status import VaultStatus

__all__ = [
    "MIN_PASSPHRASE",
    "READ_ONLY_NOTE",
    "KeyMode",
    "KeychainEntryMissing",
    "KeychainUnavailable",
    "PassphraseRequired",
    "VaultDamaged",
    "VaultLocation",
    "VaultState",
    "check_passphrase",
    "lock",
    "needs_passphrase",
    "read_only_note",
    "recover",
    "status",
    "system_location",
    "unlock",
]


def system_location(data_dir: str | None) -> VaultLocation:
    """The vault in `data_dir` (or the default folder), its key held by the system keychain."""
    return VaultLocation(paths=resolve_paths(data_dir), keychain=SystemKeychain())


def needs_passphrase(location: VaultLocation) -> bool:
    """Whether unlocking the vault here asks for the master passphrase."""
    return location.key_mode() is KeyMode.PASSPHRASE


def unlock(location: VaultLocation, passphrase: str | None = None) -> Services:
    """Open the vault with its keychain entry, or with `passphrase`; nothing changes on failure."""
    return Services.open(location.unlock(passphrase=passphrase))


def load_ahead(location: VaultLocation) -> None:
    """Import now what unlocking `location` needs that the unlock screen didn't load.

    The keychain's library (for a vault held there), the open vault's code and the
    stores are left out of the app's first window, so that it appears sooner; the app
    calls this once the window is drawn, while the clinician types, so the unlock
    doesn't wait for them. The holiday calendars are not loaded ahead: unlocking reads
    the stored region without them, and they cost ~19 MiB for as long as the app runs,
    so they load at the first judgement that needs a date's holidays (the quick log
    loads them as it opens, see ui/shell/app_window.py).
    """
    from boundary_desk.storage.audit.functions import set_up_ahead
    from boundary_desk.storage.keys.keychain import load_library

    # The unlock and the open vault (its audit trail, re-key and backups) and the
    # stores `Services.open` builds: none is imported by the unlock screen itself.
    from boundary_desk.storage.stores import (  # noqa: F401
        agreements,
        clause_defaults,
        clauses,
        clients,
        drafts,
        events,
        reviews,
        save_folders,
        settings,
    )
    from boundary_desk.storage.vault import unlocking  # noqa: F401

    set_up_ahead()  # OpenSSL's first HKDF and HMAC, for the unlock's audit row
    try:
        keychain_vault = location.key_mode() is KeyMode.KEYCHAIN
    except UserFacingError:
        return  # the unlock screen says what is wrong with the vault; nothing to load
    if keychain_vault:
        load_library()


def recover(location: VaultLocation, recovery_key: str, new_passphrase: str) -> Services:
    """Open the vault with its recovery key; from now on it asks for `new_passphrase`."""
    return Services.open(location.recover(recovery_key, new_passphrase))


def status(services: Services) -> VaultStatus:
    """Where the vault is, how its key is held, its versions and how many clients it has."""
    return services.vault.status()


def read_only_note(services: Services) -> str:
    """What to tell the clinician about a vault that opened read-only; empty otherwise."""
    return READ_ONLY_NOTE if services.vault.read_only else ""


def lock(services: Services) -> None:
    """Close the vault: its key is wiped and the lock is written to the audit trail."""
    services.close()
