"""init, status and recover."""

from __future__ import annotations

import argparse
import os
import sys

from boundary_desk.cli import recovery_commands
from boundary_desk.cli.output import emit_json, emit_pairs, notice
from boundary_desk.cli.recovery_commands import kit_path, print_key, save_kit
from boundary_desk.cli.secrets import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    new_passphrase,
    recovery_key,
)
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, session, setup
from boundary_desk.services.session import KeyMode, VaultLocation
from boundary_desk.services.setup import NewVault, discard_new_vault


def init(args: argparse.Namespace, location: VaultLocation) -> int:
    kit = kit_path(args.emergency_kit)  # refused before anything is created
    passphrase = None
    keychain_ok, _ = location.keychain_available()
    if args.passphrase_only or not keychain_ok:
        passphrase = new_passphrase(PASSPHRASE_ENV)
    created = location.create(passphrase=passphrase, strict=args.passphrase_only)
    try:
        _show_new_vault(args, created, location)
    except (OSError, UserFacingError) as exc:
        # A vault whose recovery key never reached anyone is one lost keychain away
        # from lost records: take it back, so nothing is left but the refusal.
        discard_new_vault(location, created)
        _drop_unprinted_output()
        reason = getattr(exc, "strerror", None) or exc
        raise UserFacingError(
            f"The recovery key could not be printed ({reason}), so the new vault was "
            "removed; nothing was kept. Run init again with its output on a terminal or in "
            "a file."
        ) from exc
    except BaseException:
        discard_new_vault(location, created)
        raise
    services = Services.open(created.vault)
    try:
        save_kit(services, created.recovery_key, kit, quiet=args.json)
    finally:
        services.close()
    return 0


def _drop_unprinted_output() -> None:
    # What could not be written stays buffered; send it nowhere, so exiting is quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _show_new_vault(args: argparse.Namespace, created: NewVault, location: VaultLocation) -> None:
    """Print the recovery key first, before anything else can fail."""
    if created.fallback_reason:
        notice(created.fallback_reason)
    mode = created.vault.key_mode.value
    if args.json:
        emit_json({"recovery_key": created.recovery_key, "key_mode": mode})
        sys.stdout.flush()
        return
    held_by = "the system keychain" if mode == KeyMode.KEYCHAIN else "your master passphrase"
    print(f"Vault created in {location.paths.data_dir}.")
    print(f"Its key is protected by {held_by}.")
    print()
    print_key(
        "Recovery key (shown only now; it unlocks the vault if the key is lost):",
        created.recovery_key,
    )


def status(args: argparse.Namespace, services: Services) -> int:
    info = session.status(services)
    if args.json:
        emit_json(info.as_dict())
        return 0
    emit_pairs(
        [
            ("Vault", info.path),
            ("Key held by", info.key_mode),
            ("Schema version", str(info.schema_version)),
            ("Cipher", f"SQLCipher {info.cipher_version}"),
            ("Created", info.created_at),
            ("Clients", str(info.counts["clients"])),
            ("Archived clients", str(info.counts["archived_clients"])),
        ]
    )
    return 0


def recover(args: argparse.Namespace, location: VaultLocation) -> int:
    key = recovery_key()
    passphrase = new_passphrase(NEW_PASSPHRASE_ENV, PASSPHRASE_ENV)
    session.lock(session.recover(location, key, passphrase))
    print("Vault unlocked with the recovery key. It is now protected by your new passphrase.")
    return 0


REKEY_HINT = (
    "The vault key itself is unchanged: a backup's copy of vault.key with the old passphrase "
    "still opens it. To re-encrypt the vault under a new key, run "
    "`boundary-desk protection rekey` (or add --rekey)."
)


def protection(args: argparse.Namespace, services: Services) -> int:
    """The key held by the keychain or a passphrase, or the vault re-keyed.

    A passphrase vault's changes are checked against its current passphrase by the same
    service as the Vault menu; it is the one the command was unlocked with.
    """
    vault = services.vault
    current: str | None = getattr(args, "current_passphrase", None)
    if args.mode == "rekey":
        return recovery_commands.rekey(args, services, current)
    if args.mode == "keychain":
        setup.use_keychain(services, current)
        print("The vault key is now held by the system keychain.")
        return 0
    vault.require_writable()
    kit = kit_path(args.emergency_kit)
    passphrase = new_passphrase(NEW_PASSPHRASE_ENV)
    if vault.key_mode is KeyMode.PASSPHRASE:
        setup.change_passphrase(services, current, passphrase)
    else:
        setup.use_passphrase(services, passphrase)
    print("The vault is now protected by your new master passphrase.")
    if args.rekey:
        return recovery_commands.rekey_with(services, passphrase, kit, current=passphrase)
    notice(REKEY_HINT)
    return 0
