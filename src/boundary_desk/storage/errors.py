"""Typed vault failures. Each message says what happened and what to do next."""

from boundary_desk.errors import UserFacingError
from boundary_desk.system.i18n import _


class VaultError(UserFacingError):
    """Base for expected vault failures."""


class WrongPassphrase(VaultError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "That passphrase does not unlock this vault. Nothing was changed; try again, "
                "or use your recovery key."
            )
        )


class WrongRecoveryKey(VaultError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "That recovery key does not unlock this vault. Nothing was changed; check it "
                "against your Emergency Kit."
            )
        )


class MalformedRecoveryKey(VaultError):
    """The text typed is not shaped like a recovery key (or has a typo the checksum caught)."""


class PassphraseRequired(VaultError):
    """The vault needs a passphrase and none could be asked for."""


class WeakPassphrase(VaultError):
    """The chosen passphrase is refused; the message says what is accepted."""


class KeychainUnavailable(VaultError):
    """No working system keychain backend exists here."""


class KeychainEntryMissing(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "The system keychain no longer holds this vault's key. Your records are safe: "
            "unlock with your recovery key (Emergency Kit), then set a passphrase."
        )


class KeychainKeyWrong(KeychainEntryMissing):
    """The keychain holds a key, but not one that opens this vault."""

    def __init__(self) -> None:
        VaultError.__init__(
            self,
            "The key in the system keychain doesn't open this vault. Nothing was changed: "
            "unlock with your recovery key (Emergency Kit), then set a passphrase.",
        )


class VaultMissing(VaultError):
    """There is no vault at the chosen place."""


class VaultExists(VaultError):
    """A vault (or part of one) already exists; nothing is created over it."""


class VaultDamaged(VaultError):
    """The vault or its key file fails its checks; the file has not been changed."""


class KeyDoesNotOpen(VaultDamaged):
    """The database can't be decrypted with the key given: damaged, or not this key."""


class SchemaTooNew(VaultError):
    """The vault was written by a newer Boundary Desk."""


class VaultBusy(VaultError):
    """Another Boundary Desk is writing to this vault."""


VAULT_IN_USE = (
    "Boundary Desk is open in another window or command; close it and try again. "
    "Nothing was changed."
)


class VaultInUse(VaultBusy):
    """Replacing or re-keying the files was refused: another process has the vault open."""

    def __init__(self) -> None:
        super().__init__(VAULT_IN_USE)


class StorageUnavailable(VaultError):
    """The disk refused a read or write (full, read-only, I/O error)."""
