"""The clinician's own wording for agreement clauses, kept in the vault."""

from __future__ import annotations

from collections.abc import Mapping

from boundary_desk.domain.clauses import ClauseSet, validate_clause
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.storage.db.connection import Connection, transaction


class ClauseStore:
    def __init__(
        self, conn: Connection, defaults: Mapping[str, str], clock: Clock = utc_now
    ) -> None:
        self._conn = conn
        self._defaults = defaults
        self._clock = clock

    def overrides(self) -> dict[str, str]:
        rows = self._conn.execute("SELECT name, text FROM clause_overrides")
        return {str(name): str(text) for name, text in rows}

    def clause_set(self) -> ClauseSet:
        return ClauseSet(defaults=self._defaults, overrides=self.overrides())

    def set(self, name: str, text: str) -> None:
        """Save an override; empty text goes back to the default wording."""
        value = validate_clause(name, text, self._defaults)
        with transaction(self._conn):
            if not value or value == self._defaults[name]:
                self._conn.execute("DELETE FROM clause_overrides WHERE name = ?", (name,))
            else:
                self._conn.execute(
                    "INSERT INTO clause_overrides (name, text, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET text = excluded.text, "
                    "updated_at = excluded.updated_at",
                    (name, value, self._clock().isoformat()),
                )
