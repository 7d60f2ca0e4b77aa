"""init, status and recover."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from boundary_desk.cli.output import emit_json, emit_pairs, notice
from boundary_desk.cli.secrets import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    new_passphrase,
    recovery_key,
)
from boundary_desk.services import Services
from boundary_desk.storage.fileio import WriteFailed
from boundary_desk.storage.key_file import KeyMode
from boundary_desk.storage.vault import NewVault, VaultLocation


def init(args: argparse.Namespace, location: VaultLocation) -> int:
    kit_path = Path(args.emergency_kit).expanduser().absolute() if args.emergency_kit else None
    if kit_path is not None:
        _check_writable_folder(kit_path)
    passphrase = None
    keychain_ok, _ = location.keychain_available()
    if args.passphrase_only or not keychain_ok:
        passphrase = new_passphrase(PASSPHRASE_ENV)
    created = location.create(passphrase=passphrase, strict=args.passphrase_only)
    try:
        if kit_path is not None:
            from boundary_desk.reports.save import save_pdf

            save_pdf(_kit(created, location), kit_path)
    finally:
        created.vault.close()
    if created.fallback_reason:
        notice(created.fallback_reason)
    mode = created.vault.key_mode.value
    if args.json:
        emit_json({"recovery_key": created.recovery_key, "key_mode": mode})
        return 0
    held_by = "the system keychain" if mode == KeyMode.KEYCHAIN else "your master passphrase"
    print(f"Vault created in {location.paths.data_dir}.")
    print(f"Its key is protected by {held_by}.")
    print()
    print("Recovery key (shown only now; it unlocks the vault if the key is lost):")
    print(f"    {created.recovery_key}")
    if kit_path is not None:
        print(f"\nEmergency Kit saved to {kit_path}. Print it and keep it somewhere safe.")
    else:
        print("\nWrite it down and keep it somewhere safe, away from this laptop.")
    return 0


def _kit(created: NewVault, location: VaultLocation) -> bytes:
    from boundary_desk.reports.emergency_kit import emergency_kit_pdf  # reportlab loads slowly

    key_file = created.vault.key_file
    return emergency_kit_pdf(
        recovery_key=created.recovery_key,
        vault_id=key_file.vault_id,
        created_at=key_file.created_at,
        data_dir=str(location.paths.data_dir),
        key_mode=key_file.key_mode.value,
    )


def _check_writable_folder(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise WriteFailed(f"The folder {folder} does not exist; nothing was created.")
    if not os.access(folder, os.W_OK):
        raise WriteFailed(f"The folder {folder} is not writable; nothing was created.")


def status(args: argparse.Namespace, services: Services) -> int:
    info = services.vault.status()
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
    key = recovery_key(args.recovery_key)
    passphrase = new_passphrase(NEW_PASSPHRASE_ENV, PASSPHRASE_ENV)
    vault = location.recover(key, passphrase)
    vault.close()
    print("Vault unlocked with the recovery key. It is now protected by your new passphrase.")
    return 0


def protection(args: argparse.Namespace, services: Services) -> int:
    vault = services.vault
    if args.mode == "keychain":
        vault.use_keychain()
        print("The vault key is now held by the system keychain.")
    else:
        vault.set_passphrase(new_passphrase(NEW_PASSPHRASE_ENV))
        print("The vault is now protected by your new master passphrase.")
    return 0
