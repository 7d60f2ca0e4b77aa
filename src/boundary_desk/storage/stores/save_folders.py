"""The folder each kind of file was last saved into, kept inside the encrypted vault.

Only a folder, never a file name; but a folder can be named after a client
("Clients/Jane Doe"), so it is not kept in the desktop's plaintext settings.
Remembering one is a convenience: while another process writes, it is skipped.
"""

from __future__ import annotations

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.storage.db.connection import Connection, transaction, waiting_at_most

# Held up no longer than a draft would be: a folder not remembered costs one click.
REMEMBER_WAIT_MS = 250


class SaveFolderStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def get(self, kind: str) -> str | None:
        row = self._conn.execute(
            "SELECT folder FROM save_folders WHERE kind = ?", (kind,)
        ).fetchone()
        return None if row is None else str(row[0])

    def all(self) -> dict[str, str]:
        rows = self._conn.execute("SELECT kind, folder FROM save_folders ORDER BY kind")
        return {str(kind): str(folder) for kind, folder in rows}

    def set(self, kind: str, folder: str) -> None:
        with waiting_at_most(self._conn, REMEMBER_WAIT_MS), transaction(self._conn):
            self._conn.execute(
                "INSERT INTO save_folders (kind, folder, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET folder = excluded.folder, "
                "updated_at = excluded.updated_at",
                (kind, folder, self._clock().isoformat()),
            )
