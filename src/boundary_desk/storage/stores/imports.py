"""Imported contacts in the vault: each import, and where each of its entries came from.

An entry's source key is unique, so the same message imported twice is one entry. The
full message text is kept only when the clinician chose it for that import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.imported_entries import AnsweredEntry, StagedEntry
from boundary_desk.errors import NotFound
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.db.bulk import insert_rows
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.storage.stores.events import EventStore

_CHUNK = 500


@dataclass(frozen=True)
class Written:
    import_id: int
    added: int
    already: int  # staged, but imported meanwhile by another import


class ImportStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock
        self._events = EventStore(conn, clock)

    def existing(self, keys: Iterable[str]) -> set[str]:
        """Which of `keys` the vault already holds an entry for."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = self._conn.execute(
                "SELECT source_key FROM imported_events "  # noqa: S608 - placeholders only
                f"WHERE source_key IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
            found.update(str(row[0]) for row in rows)
        return found

    def write(
        self,
        source: str,
        entries: Sequence[StagedEntry],
        *,
        kept_text: bool,
        already: int,
        clients: int,
        answered: Sequence[AnsweredEntry] = (),
        progress: Callable[[int, int], None] | None = None,
    ) -> Written:
        """Every entry not in the vault yet, in one transaction with one audit row naming
        the source and the counts (never any text); and the reply each of `answered` (an
        entry in the vault) now has, unless it was given one meanwhile. `progress(done,
        total)` is told how far the writing is, every _CHUNK entries."""
        total = len(entries) + len(answered)
        with transaction(self._conn):
            present = self.existing(e.source_key for e in entries)
            fresh = [e for e in entries if e.source_key not in present]
            import_id = self.record(
                source,
                added=len(fresh),
                already=already + len(present),
                clients=clients,
                kept_text=kept_text,
            )
            for start in range(0, len(fresh), _CHUNK):
                chunk = fresh[start : start + _CHUNK]
                ids = self._events.insert_many([(e.event, e.warnings) for e in chunk])
                insert_rows(
                    self._conn,
                    "INSERT INTO imported_events (event_id, import_id, source, source_key, "
                    "call_outcome, message_text)",
                    [
                        (
                            event_id,
                            import_id,
                            source,
                            entry.source_key,
                            entry.call_outcome or None,
                            entry.text if kept_text and entry.text else None,
                        )
                        for event_id, entry in zip(ids, chunk, strict=True)
                    ],
                )
                if progress is not None:
                    progress(start + len(chunk), total)
            for reply in answered:
                self._answer(reply)
            if progress is not None:
                progress(total, total)
        return Written(import_id, len(fresh), already + len(present))

    def _answer(self, reply: AnsweredEntry) -> None:
        """Set the reply on an entry in the vault, as an edit (its earlier version kept)."""
        try:
            current = self._events.get(reply.event.id or 0)
        except NotFound:
            return  # deleted since the preview: nothing to pair
        if current.replied_at is not None:
            return  # replied meanwhile: the clinician's own answer stands
        paired = replace(
            current,
            replied_at=reply.event.replied_at,
            reply_channel=reply.event.reply_channel,
        )
        self._events.update(paired, list(reply.warnings))

    def record(
        self, source: str, *, added: int, already: int, clients: int, kept_text: bool = False
    ) -> int:
        """The import itself, and its one audit row: the source and counts, never any text."""
        with transaction(self._conn):
            cur = self._conn.execute(
                "INSERT INTO imports (imported_at, source, added, already, kept_text) "
                "VALUES (?, ?, ?, ?, ?)",
                (self._clock().isoformat(), source, added, already, int(kept_text)),
            )
            if cur.lastrowid is None:
                raise RuntimeError("insert returned no row id")
            import_id = int(cur.lastrowid)
            details = {
                "source": source,
                "added": added,
                "already": already,
                "clients": clients,
                "kept_text": kept_text,
            }
            audit.record(self._conn, "import", "imports", row_key=import_id, details=details)
        return import_id

    def message_text(self, event_id: int) -> str | None:
        """The full text kept with an imported entry, if the clinician chose to keep it."""
        row = self._conn.execute(
            "SELECT message_text FROM imported_events WHERE event_id = ?", (event_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def source_of(self, event_id: int) -> tuple[str, str] | None:
        """(source, call outcome) of an imported entry; None for one logged by hand."""
        row = self._conn.execute(
            "SELECT source, call_outcome FROM imported_events WHERE event_id = ?", (event_id,)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1] or ""))
