"""The OS keychain, through `keyring`, used only where a real secure backend exists.

Plaintext or "null" backends (keyrings.alt, the fail backend) are refused: a key in
a plaintext file would defeat the encryption, so the app falls back to a
passphrase instead, and says so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from boundary_desk.storage.errors import KeychainUnavailable
from boundary_desk.system.i18n import _

# keyring is imported where the keychain is first used, not here: with its entry-point
# machinery it is the slowest import on the way to the unlock screen, which only needs
# to know how the vault's key is held, and a passphrase vault never asks the keychain.
if TYPE_CHECKING:
    import keyring.backend

SERVICE = "Boundary Desk"
log = logging.getLogger(__name__)

_REFUSED_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class Keychain(Protocol):
    """What the vault needs from a keychain. Tests pass an in-memory one."""

    def available(self) -> tuple[bool, str]: ...
    def store(self, vault_id: str, secret_hex: str) -> None: ...
    def load(self, vault_id: str) -> str | None: ...
    def delete(self, vault_id: str) -> None: ...


def load_library() -> None:
    """Import keyring now, ahead of a keychain unlock (the app does it while it waits)."""
    import keyring  # noqa: F401 - imported for its own sake


def _account(vault_id: str) -> str:
    return f"vault-{vault_id}"


class SystemKeychain:
    """The platform keychain (Secret Service, macOS Keychain, Windows Credential Locker)."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        import keyring

        return self._backend or keyring.get_keyring()

    def available(self) -> tuple[bool, str]:
        """Whether a secure backend is usable, and if not, why in plain words."""
        backend = self.backend
        for candidate in _leaves(backend):
            module = type(candidate).__module__
            if module.startswith(_REFUSED_MODULE_PREFIXES):
                continue
            try:
                priority = float(candidate.priority)  # raises when the backend can't work
            except Exception:  # noqa: BLE001 - keyring backends signal "unusable" by raising
                log.info("keychain backend %s is not usable here", type(candidate).__name__)
                continue
            if priority > 0:
                return True, type(candidate).__name__
        # Said to the clinician as the setup wizard's reason to choose a passphrase.
        return False, _("No working system keychain was found on this computer.")

    def store(self, vault_id: str, secret_hex: str) -> None:
        import keyring.errors

        try:
            self.backend.set_password(SERVICE, _account(vault_id), secret_hex)
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The system keychain refused to store the key ({type(exc).__name__})."
            ) from exc

    def load(self, vault_id: str) -> str | None:
        import keyring.errors

        try:
            return self.backend.get_password(SERVICE, _account(vault_id))
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The system keychain could not be read ({type(exc).__name__}). "
                "Unlock it and try again, or use your recovery key."
            ) from exc

    def delete(self, vault_id: str) -> None:
        import keyring.errors

        try:
            self.backend.delete_password(SERVICE, _account(vault_id))
        except keyring.errors.PasswordDeleteError:
            log.info("keychain entry was already absent")
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(
                f"The system keychain could not remove the key ({type(exc).__name__})."
            ) from exc


def _leaves(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    inner = getattr(backend, "backends", None)
    if inner is not None:
        return list(inner)
    return [backend]
