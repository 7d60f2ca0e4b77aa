"""The recovery key at the command line: shown before anything can fail, never an argument."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boundary_desk.cli.secrets import NEW_PASSPHRASE_ENV, new_passphrase
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, setup
from boundary_desk.services.documents import save_emergency_kit
from boundary_desk.services.session import KeyMode, check_passphrase
from boundary_desk.services.setup import new_recovery_key, refuse_if_open_elsewhere
from boundary_desk.system.fileio import WriteFailed

KIT_NAME = "Boundary Desk Emergency Kit.pdf"
OLD_BACKUPS = (
    "Backups made before now still open with the recovery key and passphrase of their day."
)


def kit_path(given: str | None) -> Path | None:
    """Where to save the Emergency Kit, checked before anything is created or changed."""
    if not given:
        return None
    path = Path(given).expanduser().absolute()
    try:
        is_folder, parent_exists = path.is_dir(), path.parent.is_dir()
    except OSError as err:  # a name too long for the file system, say
        raise WriteFailed(
            f"The Emergency Kit can't be saved as {path.name[:40]}…: {err.strerror}. "
            "Nothing was changed."
        ) from None
    if is_folder:
        raise WriteFailed(
            f"{path} is a folder; give the Emergency Kit a file name, such as "
            f"{path / KIT_NAME}. Nothing was changed."
        )
    if not parent_exists:
        raise WriteFailed(f"The folder {path.parent} does not exist; nothing was changed.")
    return path


def print_key(heading: str, key: str) -> None:
    """Print the key and make sure it left this process; OSError if it could not."""
    print(heading)
    print(f"    {key}")
    sys.stdout.flush()


def save_kit(services: Services, key: str, path: Path | None, *, quiet: bool = False) -> None:
    """Save the kit if asked; a failure says the printed key is the one that works."""
    if path is None:
        if not quiet:
            print("\nWrite it down and keep it somewhere safe, away from this laptop.")
        return
    try:
        save_emergency_kit(services, key, path)
    except UserFacingError as exc:
        raise WriteFailed(
            f"The Emergency Kit could not be saved: {exc.message} The recovery key printed "
            "above is the one that works: write it down, or save a kit with "
            "`boundary-desk recovery-key new --emergency-kit FILE`."
        ) from exc
    if not quiet:
        print(f"\nEmergency Kit saved to {path}. Print it and keep it somewhere safe.")


def new_key(args: argparse.Namespace, services: Services) -> int:
    """recovery-key new: a new key (shown first), the old one stops opening this vault."""
    services.vault.require_writable()
    path = kit_path(args.emergency_kit)
    refuse_if_open_elsewhere(services)
    key = new_recovery_key()
    print_key("New recovery key (shown only now):", key)
    try:
        setup.replace_recovery_key(services, key)
    except UserFacingError as exc:
        raise UserFacingError(
            f"{exc.message} The key printed above was not issued; your old recovery key "
            "still works."
        ) from exc
    print(f"Your old recovery key and Emergency Kit no longer unlock this vault. {OLD_BACKUPS}")
    save_kit(services, key, path)
    return 0


def rekey(args: argparse.Namespace, services: Services, current: str | None = None) -> int:
    """protection rekey: a new vault key for the whole database, and a new recovery key.

    A passphrase vault is re-keyed only with its `current` passphrase (the unlock's).
    """
    services.vault.require_writable()
    path = kit_path(args.emergency_kit)
    refuse_if_open_elsewhere(services)  # before asking for a new passphrase
    passphrase = None
    if services.vault.key_mode is KeyMode.PASSPHRASE:
        passphrase = new_passphrase(NEW_PASSPHRASE_ENV)
    return rekey_with(services, passphrase, path, current=current)


def rekey_with(
    services: Services, passphrase: str | None, path: Path | None, *, current: str | None
) -> int:
    refuse_if_open_elsewhere(services)
    setup.confirm_current_passphrase(services, current)  # before a key is printed, too
    try:  # before a key is printed that would never be issued
        if passphrase is not None:
            check_passphrase(passphrase)
    except UserFacingError as exc:
        raise UserFacingError(f"{exc.message} The vault was not re-keyed.") from exc
    key = new_recovery_key()
    print_key("New recovery key (shown only now; it replaces your old one):", key)
    try:
        rekeyed = setup.rekey(services, key, passphrase, current=current)
    except UserFacingError as exc:
        raise UserFacingError(
            f"{exc.message} The vault was not re-keyed and the key printed above was not "
            "issued; your passphrase and recovery key are unchanged."
        ) from exc
    try:
        print(
            "The vault is re-encrypted under a new key. Old copies of vault.key, the old "
            f"passphrase and the old recovery key no longer open it. {OLD_BACKUPS}"
        )
        save_kit(rekeyed, key, path)
    finally:
        rekeyed.close()
    return 0
