"""A new vault, and the keys that open it: the recovery key, the passphrase, the vault key.

Each new key is made here and shown by the front door before it is put to use, so a
vault never depends on a key nobody saw.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.errors import KeychainUnavailable, PassphraseRequired, WrongPassphrase
from boundary_desk.storage.keys.key_file import KeyMode
from boundary_desk.storage.keys.recovery_key import new_recovery_key
from boundary_desk.storage.vault.creating import NewVault
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.new import discard_new_vault
from boundary_desk.storage.vault.passphrase import check_passphrase
from boundary_desk.system.i18n import N_, _

__all__ = [
    "NewVault",
    "VaultPlan",
    "WrongCurrentPassphrase",
    "change_passphrase",
    "check_keychain",
    "confirm_current_passphrase",
    "discard_new_vault",
    "needs_current_passphrase",
    "new_recovery_key",
    "plan_vault",
    "refuse_if_open_elsewhere",
    "rekey",
    "replace_recovery_key",
    "use_keychain",
    "use_passphrase",
]


@dataclass(frozen=True)
class VaultPlan:
    """The vault about to be made: its recovery key is shown before it exists."""

    passphrase: str | None
    recovery_key: str
    vault_id: str
    created_at: datetime

    @property
    def key_mode(self) -> str:
        return "passphrase" if self.passphrase is not None else "keychain"

    def create(self, location: VaultLocation) -> NewVault:
        return location.create(
            passphrase=self.passphrase,
            strict=self.passphrase is not None,
            now=self.created_at,
            recovery_key=self.recovery_key,
            vault_id=self.vault_id,
        )


def plan_vault(passphrase: str | None, now: datetime) -> VaultPlan:
    """A new recovery key and vault id, for a vault made only once the key is saved."""
    if now.tzinfo is None:
        raise ValueError("a vault's creation time must be timezone-aware")
    return VaultPlan(passphrase, new_recovery_key(), uuid.uuid4().hex, now)


# Why the keychain can't be used (one sentence, already in the app's language), then this.
INSTEAD = N_("{reason} Choose a master passphrase instead.")


def check_keychain(location: VaultLocation) -> None:
    """PassphraseRequired unless the keychain works and will take a key."""
    keychain = location.keychain
    usable, reason = keychain.available()
    if not usable:
        raise PassphraseRequired(_(INSTEAD).format(reason=reason))
    probe = f"setup-check-{uuid.uuid4().hex}"
    try:
        keychain.store(probe, secrets.token_hex(32))  # never a real key
        keychain.delete(probe)
    except KeychainUnavailable as exc:
        raise PassphraseRequired(_(INSTEAD).format(reason=exc)) from exc


def refuse_if_open_elsewhere(services: Services) -> None:
    """VaultInUse before a new key is shown, if another window or command has the vault.

    The change itself checks again (it may open in between); this only spares the user a
    key shown and then declared "not issued" in the common case.
    """
    with services.vault.exclusive():
        pass


def replace_recovery_key(services: Services, recovery_key: str) -> None:
    """Put a new recovery key (already shown) in place of the old one, which stops working."""
    services.vault.replace_recovery_key(recovery_key)


def rekey(
    services: Services,
    recovery_key: str,
    passphrase: str | None,
    *,
    current: str | None = None,
) -> Services:
    """Re-encrypt the vault under a new key; `services` is closed, the returned ones are open.

    The vault key, the recovery key and (for a passphrase vault) the passphrase are all new.
    A passphrase vault asks for its `current` passphrase first, and a new passphrase too
    weak to protect the records is refused, both before anything changes.
    """
    confirm_current_passphrase(services, current)
    if passphrase is not None:
        check_passphrase(passphrase)
    return Services.open(services.vault.rekey(recovery_key, passphrase), services.clock)


# -- how the vault key is held: the same for the Vault menu and `boundary-desk protection` --

NO_CURRENT = N_("Type your current passphrase first. Nothing was changed.")
WRONG_CURRENT = N_(
    "That is not your current passphrase, so nothing was changed: the vault still unlocks "
    "with the one you use today."
)


class WrongCurrentPassphrase(InvalidInput):
    """The current passphrase was missing or wrong; nothing was changed."""


def needs_current_passphrase(services: Services) -> bool:
    """Whether changing this vault's key asks for the passphrase it unlocks with now.

    A passphrase vault does: an unlocked laptop left for a minute must not be enough to
    lock its owner out. A keychain vault has no passphrase, and anyone logged in to this
    computer as the clinician can open it already, so nothing more is asked; the recovery
    key is kept for when the keychain is lost, not for everyday changes.
    """
    return services.vault.key_mode is KeyMode.PASSPHRASE


def confirm_current_passphrase(services: Services, current: str | None) -> None:
    """InvalidInput, with nothing changed, unless `current` is the vault's passphrase now.

    Nothing is asked of a vault the keychain holds (see needs_current_passphrase).
    """
    if not needs_current_passphrase(services):
        return
    if not current:
        raise WrongCurrentPassphrase(_(NO_CURRENT))
    try:
        services.vault.confirm_passphrase(current)
    except WrongPassphrase:
        raise WrongCurrentPassphrase(_(WRONG_CURRENT)) from None


def use_passphrase(services: Services, passphrase: str) -> None:
    """From now on the vault unlocks with `passphrase`, no longer by the keychain.

    A passphrase too weak to protect the records is refused before anything changes. The
    vault key itself is unchanged, so an old copy of vault.key still opens with the old
    way; `rekey` is the change that leaves old copies behind. A vault that already has a
    passphrase changes it with `change_passphrase`, which asks for the current one.
    """
    if services.vault.key_mode is KeyMode.PASSPHRASE:
        raise InvalidInput(
            _(
                "This vault already has a master passphrase: change it with Change passphrase "
                "(`boundary-desk protection passphrase`), which asks for the current one first. "
                "Nothing was changed."
            )
        )
    services.vault.set_passphrase(passphrase)
    _record_key_mode(services, "passphrase")


def change_passphrase(services: Services, current: str | None, passphrase: str) -> None:
    """A new master passphrase, once `current` is shown to be the one in use now.

    A wrong or missing current passphrase is refused, and so is a weak new one, before
    anything changes.
    """
    if services.vault.key_mode is not KeyMode.PASSPHRASE:
        raise InvalidInput(
            _(
                "This vault is unlocked by the system keychain and has no passphrase to change. "
                "Choose Use a master passphrase instead. Nothing was changed."
            )
        )
    confirm_current_passphrase(services, current)
    services.vault.set_passphrase(passphrase)
    _record_key_mode(services, "changed passphrase")


def use_keychain(services: Services, current: str | None) -> None:
    """From now on the system keychain unlocks the vault; the passphrase stops working.

    This weakens protection (anyone logged in as the clinician can then open the vault),
    so, like a change of passphrase, it is refused with nothing changed unless `current`
    is the passphrase in use now. Refused too, with the vault left on its passphrase, if
    the keychain can't hold the key.
    """
    confirm_current_passphrase(services, current)
    services.vault.use_keychain()
    _record_key_mode(services, "keychain")


def _record_key_mode(services: Services, how: str) -> None:
    audit.record(services.vault.conn, "protection", "vault", details={"key": how})
    services.vault.anchor_audit()
