"""Practice settings in the vault, stored as their canonical text form."""

from __future__ import annotations

from pathlib import Path

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.practice_settings import BACKUP_FOLDER, PracticeSettings, validate_setting
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.system.paths import folder_problem


class SettingsStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock
        # The last settings read and what they were read from. The rows are read from
        # the vault every time (another window or a command may have changed them);
        # only their parsing is kept, for as long as they stay the same: opening the
        # workspace asks for the settings about ten times.
        self._last: tuple[dict[str, str], PracticeSettings] | None = None

    def values(self) -> dict[str, str]:
        """Only the settings the clinician has set; the rest take their defaults."""
        rows = self._conn.execute("SELECT key, value FROM settings")
        return {str(k): str(v) for k, v in rows}

    def load(self) -> PracticeSettings:
        values = self.values()
        if self._last is not None and self._last[0] == values:
            return self._last[1]  # frozen all the way down, so it can be shared
        settings = PracticeSettings.from_values(values)
        self._last = (values, settings)
        return settings

    def set(self, key: str, text: str) -> str:
        """Validate and store one setting; returns the canonical value kept."""
        return self.set_many({key: text})[key]

    def set_many(self, changes: dict[str, str]) -> dict[str, str]:
        """Validate every change first, then store them all in one transaction."""
        canonical = {key: validate_setting(key, text) for key, text in changes.items()}
        # The declaration checks the text; whether the folder can take files is asked here.
        if problem := self._folder_problem(canonical.get(BACKUP_FOLDER.key)):
            raise InvalidInput(problem)
        now = self._clock().isoformat()
        with transaction(self._conn):
            self._conn.executemany(
                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                [(key, value, now) for key, value in canonical.items()],
            )
        return canonical

    @staticmethod
    def _folder_problem(folder: str | None) -> str | None:
        """Why a chosen backup folder can't take files (a file, /proc, /sys, /dev), or None."""
        return folder_problem(Path(folder).expanduser(), "backup folder") if folder else None
