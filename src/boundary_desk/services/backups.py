"""Copies of the vault: taking a backup, which backups exist, checking, and restoring one.

Also the choices for the copies that still hold a purged client. The app's Backups page,
its restore dialog and the CLI's backup commands all go through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from boundary_desk.domain.places import first_place_zone
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.storage.vault.backups import Backup, list_backups, read_backup, same_disk
from boundary_desk.storage.vault.integrity import IntegrityCheck, VaultFailedCheck
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.purge_backups import BackupChoice, CopyState, HeldCopy
from boundary_desk.system.i18n import _
from boundary_desk.system.local_zone import zone_from_localtime_link, zone_from_tz_variable

__all__ = [
    "MAX_AGE",
    "Backup",
    "BackupChoice",
    "BackupTimes",
    "CopyState",
    "HeldCopy",
    "all_folders",
    "backup_due",
    "backup_times",
    "chosen_folder",
    "computer_zone",
    "default_folder",
    "failed_check",
    "list_backups",
    "on_vault_disk",
    "read_backup",
    "record_backup",
    "restore",
    "restore_locked",
    "restore_needs_passphrase",
    "take_backup",
    "write_backup",
]

MAX_AGE = timedelta(hours=24)  # the automatic backup is due once the newest is this old


@dataclass(frozen=True)
class BackupTimes:
    """The clock backup times are shown on, the same in the app and the CLI, and its name."""

    zone: tzinfo
    name: str  # "America/Toronto"; "UTC" where the computer names no place
    practice: bool  # the practice's zone; else this computer's (the vault is locked)

    def shown(self, moment: datetime) -> str:
        """E.g. "2026-11-20 12:02", on this clock."""
        return f"{moment.astimezone(self.zone):%Y-%m-%d %H:%M}"

    @property
    def note(self) -> str:
        """E.g. "Times in America/Toronto, this computer's zone." """
        if self.practice:
            return _("Times in {zone}, the practice's zone.").format(zone=self.name)
        return _("Times in {zone}, this computer's zone.").format(zone=self.name)


def backup_times(services: Services | None) -> BackupTimes:
    """The practice's zone while the vault is open and its settings read; else the computer's.

    A locked vault's settings can't be read, so its backups are listed (by the restore
    dialog and `boundary-desk backups`) on this computer's clock, and say so.
    """
    if services is not None and services.vault.is_open:
        try:
            practice = services.settings.load().timezone
        except UserFacingError:
            pass  # unreadable settings: the computer's clock, named as such
        else:
            return BackupTimes(practice, practice.key, practice=True)
    zone, name = computer_zone()
    return BackupTimes(zone, name, practice=False)


def computer_zone() -> tuple[tzinfo, str]:
    """This computer's time zone and its name: a place ($TZ, /etc/localtime) where one is
    named, else the system clock's offset under its own name (e.g. "UTC")."""
    name = first_place_zone((zone_from_tz_variable(), zone_from_localtime_link()))
    if name is not None:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            pass  # listed but not loadable: the system clock, below
    here = datetime.now().astimezone()
    return here.tzinfo or UTC, here.tzname() or "this computer's time"


def default_folder(location: VaultLocation) -> Path:
    """The backup folder beside the vault (where a restore keeps the files it replaces)."""
    return location.paths.backup_dir


def chosen_folder(services: Services) -> Path:
    """Where backups go: the folder chosen in settings, or the one beside the vault."""
    chosen = services.settings.load().backup_folder
    return Path(chosen).expanduser() if chosen else default_folder(services.vault.location)


def all_folders(services: Services) -> list[Path]:
    """Every folder backups may be in: the chosen one and the one beside the vault."""
    return [chosen_folder(services), default_folder(services.vault.location)]


def take_backup(services: Services, folder: Path | None = None) -> Backup:
    """A verified backup in `folder` (else the chosen one), recorded in the audit trail.

    The vault's full integrity check runs first; a vault failing it is not backed up
    (VaultFailedCheck), and that result is recorded in the vault.
    """
    try:
        made = write_backup(services, folder or chosen_folder(services))
    except VaultFailedCheck as failure:
        failed_check(services, failure)
        raise
    record_backup(services, made)
    return made


def write_backup(services: Services, folder: Path) -> Backup:
    """The backup itself, safe to run off the GUI thread; then `record_backup` it.

    Raises VaultFailedCheck, writing nothing, if the vault fails its integrity check;
    pass that to `failed_check` on the GUI thread.
    """
    return services.vault.write_backup(folder)


def failed_check(services: Services, failure: BaseException) -> IntegrityCheck | None:
    """Record the check a backup failed on (on the GUI thread); None if it wasn't that."""
    if not isinstance(failure, VaultFailedCheck) or not services.vault.is_open:
        return None
    services.vault.record_integrity_check(failure.check)
    return failure.check


def record_backup(services: Services, made: Backup) -> None:
    """Put a finished backup in the audit trail; nothing if the vault was locked meanwhile."""
    services.vault.record_backup(made)


def on_vault_disk(services: Services, folder: Path) -> bool:
    """Whether `folder` is on the vault's own disk, so losing that disk loses both."""
    return same_disk(folder, services.vault.location.paths.data_dir)


def backup_due(services: Services, now: datetime) -> bool:
    """Whether the newest verified backup in the backup folder is missing or a day old."""
    if services.vault.read_only:
        return False  # nothing can be written, so there is nothing new to keep
    folder = chosen_folder(services)
    verified = [b for b in list_backups(folder) if b.verified]
    return not verified or now - verified[0].created_at >= MAX_AGE


def restore_needs_passphrase(location: VaultLocation, backup: Path) -> bool:
    """Whether restoring `backup` here asks for the master passphrase."""
    return location.restore_needs_passphrase(backup)


def restore_locked(
    location: VaultLocation, backup: Path, passphrase: str | None = None
) -> Services:
    """Restore `backup` over a vault that is locked or can't be opened; returns it open.

    The backup is checked with the vault's key first, and the current files are kept
    aside, still encrypted, in the folder beside the vault.
    """
    return Services.open(location.restore(backup, passphrase=passphrase))


def restore(services: Services, backup: Path) -> Services:
    """Swap the open vault for `backup`; the returned services are the restored vault.

    If the backup is refused before anything moves, `services` stay open and unchanged;
    once the swap starts they are closed, whatever happens.
    """
    return Services.open(services.vault.restore(backup), services.clock)
