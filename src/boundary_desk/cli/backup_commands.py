"""backup, backups, restore and check.

Times are local, by the app's rule (services/backups.py: backup_times): in the practice's
time zone where the vault is open, else (a locked vault's backups) in the computer's,
always with the zone's name.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from boundary_desk.cli.output import emit_json, notice
from boundary_desk.cli.secrets import current_passphrase
from boundary_desk.cli.text_input import typed
from boundary_desk.domain.words import counted
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services, integrity, session
from boundary_desk.services import backups as vault_backups
from boundary_desk.services.backups import Backup, BackupTimes, list_backups, read_backup
from boundary_desk.services.session import VaultLocation
from boundary_desk.system.paths import unreadable_folder


def backup(args: argparse.Namespace, services: Services) -> int:
    folder = Path(args.to).expanduser().absolute() if args.to else None
    made = vault_backups.take_backup(services, folder)
    if vault_backups.on_vault_disk(services, made.path.parent):
        notice(
            "This backup is on the same disk as the vault: it protects against mistakes and "
            "damage to the file, not against losing the laptop. Keep another copy elsewhere "
            "(backup --to an external drive)."
        )
    if made.fewer_than is not None:
        notice(fewer_records_note(made, made.fewer_than, vault_backups.backup_times(services)))
    # Still written: a copy of a vault whose trail is in doubt is worth more than none.
    for problem in services.vault.anchor_problems():
        notice(f"Warning: {problem}; the backup was written, but run `boundary-desk audit verify`.")
    if args.json:
        emit_json(made.as_dict())
    else:
        total = sum(made.counts.values())
        print(f"Backup written and verified ({total} rows) in {made.path}.")
    return 0


def local_time(moment: datetime, times: BackupTimes) -> str:
    """E.g. "2026-11-20 12:02 EST": on `times`' clock, with the zone's short name."""
    local = moment.astimezone(times.zone)
    return f"{times.shown(moment)} {local.tzname() or ''}".rstrip()


def fewer_records_note(made: Backup, earlier: Backup, times: BackupTimes) -> str:
    """Why the backup before this one is kept: it holds records this one doesn't."""
    return (
        f"Warning: this backup holds fewer records ({_held(made.counts)}) than the one before "
        f"it, made {local_time(earlier.created_at, times)} "
        f"({_held(earlier.counts)}), so that one is kept beside it; if records are missing, "
        f"restore it with `boundary-desk restore {earlier.path}`."
    )


def _held(counts: dict[str, int]) -> str:
    return (
        f"{counted(counts.get('clients', 0), 'client', 'clients')}, "
        f"{counted(counts.get('events', 0), 'logged contact', 'logged contacts')}"
    )


def backups(args: argparse.Namespace, location: VaultLocation) -> int:
    folder = (
        Path(args.to).expanduser().absolute() if args.to else vault_backups.default_folder(location)
    )
    if problem := unreadable_folder(folder):
        raise InvalidInput(problem)
    found = list_backups(folder)
    if args.json:
        emit_json([b.as_dict() for b in found])
        return 0
    if not found:
        print(f"No backups in {folder} yet. Make one with `boundary-desk backup`.")
        return 0
    times = vault_backups.backup_times(None)  # the vault stays locked: the computer's clock
    print(times.note)
    for b in found:
        print(f"{describe(b, times)}  {b.path}")
    return 0


def restore(args: argparse.Namespace, location: VaultLocation) -> int:
    source = Path(args.file).expanduser().absolute()
    if problem := unreadable_folder(source):
        raise InvalidInput(problem)
    needs_passphrase = vault_backups.restore_needs_passphrase(location, source)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                "Restoring replaces the vault with the backup (the current files are kept "
                "aside). Add --yes to confirm, or run it in a terminal."
            )
        locked = vault_backups.backup_times(None)
        print(f"That backup was made {describe(read_backup(source), locked)}. {locked.note}")
        answer = typed(
            input,
            f"Replace the vault in {location.paths.data_dir} with it? The current files are "
            "kept aside, still encrypted. [y/N] ",
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 0
    passphrase = current_passphrase() if needs_passphrase else None
    restored = vault_backups.restore_locked(location, source, passphrase)
    counts = session.status(restored).counts
    times = vault_backups.backup_times(restored)
    session.lock(restored)
    print(
        f"Restored the backup made {describe(read_backup(source), times)}; "
        f"{counted(counts['clients'], 'active client', 'active clients')} now. The previous "
        f"files are kept in {vault_backups.default_folder(location)}."
    )
    return 0


def describe(backup: Backup, times: BackupTimes) -> str:
    """E.g. "2026-11-20 12:02 EST (3 clients, 41 logged contacts, verified)"."""
    held = _held(backup.counts) if backup.counts else "contents unknown"
    state = "verified" if backup.verified else "NOT verified"
    if backup.problem is not None:
        state = f"DAMAGED: {backup.problem}"
    return f"{local_time(backup.created_at, times)} ({held}, {state})"


def check(args: argparse.Namespace, services: Services) -> int:
    integrity.check_vault(services)
    print("The vault passed the full integrity check (page authentication, structure, links).")
    return 0
