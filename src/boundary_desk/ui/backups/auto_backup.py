"""When the daily automatic backup is due (it is made when the vault is unlocked).

The backup itself runs off the GUI thread on the Backups page, which shows a
failure there and in the workspace header: it is never silent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from boundary_desk.services import Services
from boundary_desk.storage.vault.backups import list_backups

MAX_AGE = timedelta(hours=24)


def backup_due(services: Services, now: datetime) -> bool:
    """Whether the newest verified backup in the backup folder is missing or a day old."""
    if services.vault.read_only:
        return False  # nothing can be written, so there is nothing new to keep
    folder = services.backup_folder()
    verified = [b for b in list_backups(folder) if b.verified]
    return not verified or now - verified[0].created_at >= MAX_AGE
