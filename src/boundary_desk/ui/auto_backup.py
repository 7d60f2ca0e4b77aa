"""The daily automatic backup made when the vault is unlocked.

It never fails silently: a failure comes back as a sentence for the Backups page
and the workspace header.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.storage.backups import list_backups

log = logging.getLogger(__name__)

MAX_AGE = timedelta(hours=24)


def backup_due(services: Services, now: datetime) -> bool:
    """Whether the newest verified backup in the backup folder is missing or a day old."""
    folder = services.backup_folder()
    verified = [b for b in list_backups(folder) if b.verified]
    return not verified or now - verified[0].created_at >= MAX_AGE


def maybe_back_up(services: Services, now: datetime) -> str | None:
    """Make the daily backup if one is due; returns a failure message to show, or None."""
    if not backup_due(services, now):
        return None
    try:
        services.back_up()
    except UserFacingError as failure:
        log.warning("the automatic backup failed")
        return f"The automatic backup failed: {failure.message}"
    log.info("automatic backup made")
    return None
