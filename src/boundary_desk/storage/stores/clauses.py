"""The clinician's own wording for agreement clauses, in each language, kept in the vault."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from boundary_desk.domain.clauses import ClauseSet, validate_clause
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.system.i18n import ENGLISH, LANGUAGES, _

Defaults = Callable[[str], Mapping[str, str]]


class ClauseStore:
    """`defaults(language)` is the shipped wording in that language."""

    def __init__(self, conn: Connection, defaults: Defaults, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._defaults = defaults
        self._clock = clock

    def overrides(self, language: str = ENGLISH) -> dict[str, str]:
        """The clauses the clinician reworded in `language`, by name."""
        rows = self._conn.execute(
            "SELECT name, text FROM clause_edits WHERE language = ?", (_known(language),)
        )
        return {str(name): str(text) for name, text in rows}

    def clause_set(self, language: str = ENGLISH) -> ClauseSet:
        """The wording in `language`; a clause reworded in another language but not in this
        one is missing here, never filled in with the default wording."""
        rows = self._conn.execute(
            "SELECT DISTINCT name FROM clause_edits WHERE language != ?", (_known(language),)
        )
        overrides = self.overrides(language)
        elsewhere = {str(name) for (name,) in rows}
        return ClauseSet(
            defaults=self._defaults(language),
            overrides=overrides,
            missing=frozenset(elsewhere - set(overrides)),
        )

    def set(self, name: str, text: str, language: str = ENGLISH) -> None:
        """Save an override; empty text goes back to the default wording. The default text
        itself is kept as the clinician's choice when they reworded the clause in another
        language: there it settles the clause as missing in this one."""
        defaults = self._defaults(_known(language))
        value = validate_clause(name, text, defaults)
        elsewhere = self._conn.execute(
            "SELECT 1 FROM clause_edits WHERE language != ? AND name = ? LIMIT 1", (language, name)
        ).fetchone()
        with transaction(self._conn):
            if not value or (value == defaults[name] and elsewhere is None):
                self._conn.execute(
                    "DELETE FROM clause_edits WHERE language = ? AND name = ?", (language, name)
                )
            else:
                self._conn.execute(
                    "INSERT INTO clause_edits (language, name, text, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (language, name) DO UPDATE SET "
                    "text = excluded.text, updated_at = excluded.updated_at",
                    (language, name, value, self._clock().isoformat()),
                )


def _known(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput(
            _("The language must be one of {names}.").format(names=", ".join(LANGUAGES))
        )
    return language
