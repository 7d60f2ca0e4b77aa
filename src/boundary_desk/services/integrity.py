"""The vault's full integrity check: on a schedule, before backups, and on `check`.

Unlocking doesn't read the whole file any more (that grew with the vault; see
storage/vault/integrity.py for what still guards every open). The app runs this
check in the background after unlocking whenever it is due, at least weekly; every
backup runs it first; `boundary-desk check` runs it at once. Each result is kept in
the vault, and a failure is shown in the app as plainly as a failed backup.
"""

from __future__ import annotations

from datetime import datetime

from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.storage.vault.integrity import (
    CHECK_EVERY,
    IntegrityCheck,
    VaultFailedCheck,
    damage_met_in_use,
    failure_message,
)
from boundary_desk.system.i18n import N_, _

__all__ = [
    "CHECK_EVERY",
    "IntegrityCheck",
    "VaultFailedCheck",
    "check_vault",
    "damage_met_in_use",
    "failure_text",
    "last_check",
    "record",
    "scheduled_check",
]

APP_ADVICE = N_("Choose a backup on the Backups page and Restore this backup…")
CLI_ADVICE = "`boundary-desk backups` lists them; `boundary-desk restore BACKUP` brings one back."


def scheduled_check(services: Services, now: datetime) -> IntegrityCheck | None:
    """The full check if it is due, else None; safe off the GUI thread, then `record` it."""
    return services.vault.scheduled_integrity_check(now)


def record(services: Services, found: IntegrityCheck) -> None:
    """Keep a check's result in the vault (on the GUI thread; nothing if locked meanwhile)."""
    services.vault.record_integrity_check(found)


def last_check(services: Services) -> IntegrityCheck | None:
    """The last full check the vault records, or None if it was never checked."""
    return services.vault.last_integrity_check()


def failure_text(found: IntegrityCheck) -> str:
    """A failed check for the app: what was found, that nothing changed, what to do."""
    # The finding is storage's sentence; the advice, a whole sentence after it.
    return " ".join((failure_message(found), _(APP_ADVICE)))


def check_vault(services: Services) -> IntegrityCheck:
    """The full check now, recorded: InvalidInput if the file or its audit trail is in doubt."""
    found = services.vault.check_integrity(services.clock())
    record(services, found)
    if not found.passed:
        raise InvalidInput(f"{failure_message(found)} {CLI_ADVICE}")
    if problems := services.vault.anchor_problems():
        raise InvalidInput(
            f"The vault's file is sound, but its audit trail can't be vouched for "
            f"({'; '.join(problems)}); run `boundary-desk audit verify` for the whole trail."
        )
    return found
