"""Numbered schema steps. The vault's version lives in PRAGMA user_version.

Each step runs in its own transaction together with the version bump, so a crash
leaves the vault at the previous version, never between two. Later features add
their tables by appending a step here; steps are never edited once released.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from boundary_desk.storage.audit.schema import migration_sql as audit_migration_sql
from boundary_desk.storage.audit.schema import triggers_sql
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.storage.errors import SchemaTooNew, StorageUnavailable
from boundary_desk.storage.keys.secret_key import SecretKey

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str
    # Fills the new schema from the old rows where SQL alone can't (it runs in the
    # step's transaction, after the SQL).
    backfill: Callable[[Connection], None] | None = None


def _backfill_numbers(conn: Connection) -> None:
    # Imported when a vault older than migration 8 is opened, not with this module: the
    # stores (and the domain they bring) stay out of the unlock screen's imports.
    from boundary_desk.storage.stores.clients import backfill_numbers

    backfill_numbers(conn)


def _clear_unjudged_replies(conn: Connection) -> None:
    """A client's message answered with no reply channel given was taken to be answered by
    its own channel, and a text so answered flagged: the open ones go (each audited); an
    acknowledged one is the clinician's record and stays."""
    conn.execute(
        "DELETE FROM event_warnings WHERE code = 'reply_poor_fit' AND acknowledged_at IS NULL "
        "AND event_id IN (SELECT id FROM events WHERE kind = 'contact' AND direction = 'in' "
        "AND reply_channel IS NULL)"
    )


def _backfill_languages(conn: Connection) -> None:
    conn.execute(
        "INSERT INTO agreement_languages (agreement_id, language) SELECT id, 'en' FROM agreements"
    )
    conn.execute(
        "INSERT INTO clause_edits (language, name, text, updated_at) "
        "SELECT 'en', name, text, updated_at FROM clause_overrides"
    )
    conn.execute("DELETE FROM clause_overrides")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "practice settings, clients and their contact handles",
        """
        CREATE TABLE settings (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE clients (
            id            INTEGER PRIMARY KEY,
            code          TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name  TEXT NOT NULL,
            status        TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'ended')),
            started_on    TEXT,
            ended_on      TEXT,
            is_minor      INTEGER NOT NULL DEFAULT 0 CHECK (is_minor IN (0, 1)),
            guardian_name TEXT NOT NULL DEFAULT '',
            archived_at   TEXT,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE TABLE client_handles (
            id        INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            kind      TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'social')),
            value     TEXT NOT NULL,
            label     TEXT NOT NULL DEFAULT '',
            verified  INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
            position  INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX client_handles_by_client ON client_handles (client_id);
        """,
    ),
    Migration(
        2,
        "communication agreements, their channel terms, and clause wording overrides",
        """
        CREATE TABLE agreements (
            id                      INTEGER PRIMARY KEY,
            client_id               INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            version                 INTEGER NOT NULL CHECK (version >= 1),
            status                  TEXT NOT NULL
                                    CHECK (status IN ('draft', 'signed', 'superseded')),
            contact_phone           TEXT NOT NULL DEFAULT '',
            contact_email           TEXT NOT NULL DEFAULT '',
            shared_device           INTEGER NOT NULL DEFAULT 0,
            voicemail_ok            INTEGER NOT NULL DEFAULT 0,
            lock_screen_previews_ok INTEGER NOT NULL DEFAULT 0,
            client_timezone         TEXT NOT NULL DEFAULT '',
            crisis_resources        TEXT NOT NULL DEFAULT '',
            emergency_number        TEXT NOT NULL DEFAULT '',
            nearest_er              TEXT NOT NULL DEFAULT '',
            emergency_contact       TEXT NOT NULL DEFAULT '',
            unencrypted_choice      INTEGER NOT NULL DEFAULT 0,
            bills_between_session   INTEGER NOT NULL DEFAULT 0,
            guardian_role           TEXT NOT NULL DEFAULT '',
            client_signed_on        TEXT,
            clinician_signed_on     TEXT,
            copy_given_on           TEXT,
            review_on               TEXT,
            created_at              TEXT NOT NULL,
            updated_at              TEXT NOT NULL,
            UNIQUE (client_id, version)
        );
        CREATE TABLE agreement_channels (
            agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
            channel       TEXT NOT NULL CHECK (channel IN
                          ('email', 'text', 'phone', 'voicemail', 'video', 'portal', 'dm')),
            allowed       INTEGER NOT NULL DEFAULT 0 CHECK (allowed IN (0, 1)),
            purposes      TEXT NOT NULL DEFAULT '',
            response_time TEXT NOT NULL DEFAULT '',
            withdrawn_on  TEXT,
            PRIMARY KEY (agreement_id, channel)
        );
        CREATE TABLE clause_overrides (
            name       TEXT PRIMARY KEY,
            text       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "between-session events, their warnings, and edit history",
        """
        CREATE TABLE events (
            id                 INTEGER PRIMARY KEY,
            client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            kind               TEXT NOT NULL CHECK (kind IN
                               ('contact', 'friend-request', 'search', 'client-approach')),
            occurred_at        TEXT NOT NULL,
            channel            TEXT CHECK (channel IN ('email', 'text', 'call', 'voicemail',
                               'video', 'portal', 'dm', 'in-person')),
            direction          TEXT CHECK (direction IN ('in', 'out')),
            category           TEXT CHECK (category IN ('admin', 'clinical', 'crisis', 'personal')),
            minutes            INTEGER CHECK (minutes BETWEEN 0 AND 600),
            summary            TEXT NOT NULL DEFAULT '',
            replied_at         TEXT,
            reply_channel      TEXT CHECK (reply_channel IN ('email', 'text', 'call', 'voicemail',
                               'video', 'portal', 'dm', 'in-person')),
            raise_next_session INTEGER NOT NULL DEFAULT 0,
            platform           TEXT,
            request_action     TEXT CHECK (request_action IN
                               ('pending', 'declined', 'ignored', 'accepted', 'discussed')),
            discussed_on       TEXT,
            search_purpose     TEXT CHECK (search_purpose IN ('risk', 'assessment',
                               'verification', 'safety', 'curiosity', 'other')),
            search_consent     TEXT CHECK (search_consent IN
                               ('obtained', 'not-obtained', 'imminent-risk')),
            search_location    TEXT,
            search_found       TEXT,
            told_client        INTEGER,
            documented         INTEGER,
            consulted          TEXT,
            motive             TEXT,
            learned_how        TEXT,
            created_at         TEXT NOT NULL,
            updated_at         TEXT NOT NULL,
            deleted_at         TEXT
        );
        CREATE INDEX events_by_time ON events (occurred_at);
        CREATE INDEX events_by_client ON events (client_id, occurred_at);
        CREATE TABLE event_warnings (
            event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            code            TEXT NOT NULL,
            message         TEXT NOT NULL,
            related         TEXT NOT NULL DEFAULT '',
            acknowledged_at TEXT,
            note            TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (event_id, code)
        );
        CREATE TABLE event_revisions (
            id         INTEGER PRIMARY KEY,
            event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            revised_at TEXT NOT NULL,
            before     TEXT NOT NULL
        );
        """,
    ),
    Migration(
        4,
        "the clause wording each agreement was signed with",
        """
        CREATE TABLE agreement_wording (
            agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
            name         TEXT NOT NULL,
            text         TEXT NOT NULL,
            PRIMARY KEY (agreement_id, name)
        );
        """,
    ),
    Migration(
        5,
        "unfinished form drafts, kept in the vault so a crash or lock loses nothing",
        """
        CREATE TABLE drafts (
            name       TEXT PRIMARY KEY,
            body       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        6,
        "weekly self-reviews: notes, reflections, supervision list, reviewed mark",
        """
        CREATE TABLE weekly_reviews (
            week        TEXT PRIMARY KEY CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'),
            reviewed_at TEXT,
            notes       TEXT NOT NULL DEFAULT '',
            reflections TEXT NOT NULL DEFAULT '{}',
            supervision TEXT NOT NULL DEFAULT '[]',
            actions     TEXT NOT NULL DEFAULT '{}',
            updated_at  TEXT NOT NULL
        );
        """,
    ),
    Migration(
        7,
        "a tamper-evident audit trail of every change, chained with an HMAC",
        audit_migration_sql(),
    ),
    Migration(
        8,
        "phone numbers in E.164 beside what was typed, so numbers match as numbers",
        # A table of its own rather than a column: derived data, so the audit trail of
        # client_handles (its triggers list that table's columns) stays as it is.
        """
        CREATE TABLE handle_numbers (
            handle_id INTEGER PRIMARY KEY REFERENCES client_handles (id) ON DELETE CASCADE,
            e164      TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*')
        );
        CREATE INDEX handle_numbers_by_number ON handle_numbers (e164);
        """,
        backfill=_backfill_numbers,
    ),
    Migration(
        9,
        "the practice details each agreement was signed with (letterhead, region, hours)",
        """
        CREATE TABLE agreement_practice (
            agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
            key          TEXT NOT NULL,
            value        TEXT NOT NULL,
            PRIMARY KEY (agreement_id, key)
        );
        """,
    ),
    Migration(
        10,
        "the folder each kind of file was last saved into, kept in the vault (a folder's "
        "name can be a client's), no longer in the desktop's plaintext settings",
        """
        CREATE TABLE save_folders (
            kind       TEXT PRIMARY KEY CHECK (length(kind) BETWEEN 1 AND 40),
            folder     TEXT NOT NULL CHECK (length(folder) >= 1),
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        11,
        "imported contacts: where each came from, so importing again adds nothing twice, and "
        "its full text only when the clinician chose to keep it",
        # Tables of their own rather than events columns: the events audit triggers list
        # that table's columns, and a kept message's full text stays out of the audit
        # trail (each event's own insert is audited; each import is one audit row).
        """
        CREATE TABLE imports (
            id          INTEGER PRIMARY KEY,
            imported_at TEXT NOT NULL,
            source      TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
            added       INTEGER NOT NULL CHECK (added >= 0),
            already     INTEGER NOT NULL CHECK (already >= 0),
            kept_text   INTEGER NOT NULL DEFAULT 0 CHECK (kept_text IN (0, 1))
        );
        CREATE TABLE imported_events (
            event_id     INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
            import_id    INTEGER NOT NULL REFERENCES imports (id),
            source       TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
            source_key   TEXT NOT NULL UNIQUE,
            call_outcome TEXT,
            message_text TEXT
        );
        CREATE INDEX imported_events_by_import ON imported_events (import_id);
        """,
    ),
    Migration(
        12,
        "sessions from the clinician's calendar: only the client, the start and the end "
        "(no title or description), each from one calendar occurrence",
        """
        CREATE TABLE sessions (
            id         INTEGER PRIMARY KEY,
            client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
            starts_at  TEXT NOT NULL CHECK (starts_at LIKE '____-__-__T__:__:__%'),
            ends_at    TEXT NOT NULL CHECK (ends_at >= starts_at),
            source_key TEXT NOT NULL UNIQUE CHECK (length(source_key) BETWEEN 1 AND 80),
            series     TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 80),
            import_id  INTEGER REFERENCES imports (id)
        );
        CREATE INDEX sessions_by_client ON sessions (client_id, starts_at);
        CREATE INDEX sessions_by_start ON sessions (starts_at);
        CREATE INDEX sessions_by_series ON sessions (series, starts_at);
        """
        + triggers_sql("sessions"),
    ),
    Migration(
        13,
        "the entries the clinician marked complex or emotional, so the reply's fit is judged "
        "by the message itself and not only its category",
        # A table of its own rather than an events column (as migration 11 did): the events
        # audit triggers list that table's columns and stay as they are, while this table
        # has audit triggers of its own, so marking and unmarking an entry is in the trail.
        # A row means the entry is complex or emotional; none, that it is not.
        """
        CREATE TABLE complex_events (
            event_id  INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
            marked_at TEXT NOT NULL CHECK (marked_at LIKE '____-__-__T__:__:__%')
        );
        """
        + triggers_sql("complex_events"),
    ),
    Migration(
        14,
        "the channel each client prefers, and how comfortable they are with it; and no "
        "lean-channel warning left on a reply whose channel was never given",
        # A table of its own rather than clients columns: the clients audit triggers list
        # that table's columns; this one has its own triggers, so each change is audited.
        """
        CREATE TABLE client_preferences (
            client_id  INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
            channel    TEXT NOT NULL CHECK (channel IN ('email', 'text', 'call', 'voicemail',
                       'video', 'portal', 'dm', 'in-person')),
            comfort    TEXT CHECK (comfort IN ('comfortable', 'somewhat', 'not-comfortable')),
            updated_at TEXT NOT NULL
        );
        """
        + triggers_sql("client_preferences"),
        backfill=_clear_unjudged_replies,
    ),
    Migration(
        15,
        "the language each agreement prints in, and the clinician's own clause wording in "
        "each language",
        # Tables of their own rather than new columns: the agreements and clause_overrides
        # audit triggers list those tables' columns. Agreements made before print in
        # English, the only wording there was; the wording kept so far is English too.
        # clause_overrides stays (its audit triggers with it) but holds nothing now.
        """
        CREATE TABLE agreement_languages (
            agreement_id INTEGER PRIMARY KEY REFERENCES agreements (id) ON DELETE CASCADE,
            language     TEXT NOT NULL CHECK (language IN ('en', 'fr', 'he'))
        );
        CREATE TABLE clause_edits (
            language   TEXT NOT NULL CHECK (language IN ('en', 'fr', 'he')),
            name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
            text       TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (language, name)
        );
        """
        + triggers_sql("agreement_languages")
        + triggers_sql("clause_edits"),
        backfill=_backfill_languages,  # after the triggers: the audit trail shows the move
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

BackupHook = Callable[[int], None]


def schema_version(conn: Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def pending_steps(conn: Connection, steps: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """The steps this vault still needs (reads only); SchemaTooNew if it is ahead of the app."""
    _check_numbering(steps)
    latest = steps[-1].version if steps else 0
    current = schema_version(conn)
    if current > latest:
        raise SchemaTooNew(
            f"This vault was written by a newer Boundary Desk (schema {current}; this "
            f"version knows up to {latest}). Update the app; the vault has not been changed."
        )
    return [step for step in steps if step.version > current]


def migrate(
    conn: Connection,
    *,
    steps: Sequence[Migration] = MIGRATIONS,
    before_upgrade: BackupHook | None = None,
) -> int:
    """Bring the vault up to the newest step; returns the version it ends at.

    `before_upgrade(current_version)` runs once before the first step on a vault that
    already holds data, so an encrypted copy exists before anything changes.
    """
    current = schema_version(conn)
    pending = pending_steps(conn, steps)
    if pending and current > 0 and before_upgrade is not None:
        before_upgrade(current)
    for step in pending:
        log.info("migrating vault schema to %d: %s", step.version, step.description)
        with transaction(conn):
            for statement in _statements(step.sql):
                conn.execute(statement)
            if step.backfill is not None:
                step.backfill(conn)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
    return schema_version(conn)


def export_encrypted_copy(
    conn: Connection,
    vault_key: SecretKey | bytes,
    dest: Path,
    while_reading: Callable[[], object] | None = None,
) -> Path:
    """Write a consistent encrypted copy of the open vault to `dest` (0600), via a temp name.

    The copy is read in one transaction; `while_reading` runs inside it first, so what
    it reads (row counts, say) describes exactly the snapshot that was copied, even if
    another connection writes meanwhile.
    """
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    try:
        with SecretKey.of(vault_key).sqlcipher_form() as raw_key:
            # Bound as a blob from a buffer that is wiped next: no str copy of the key.
            conn.execute("ATTACH DATABASE ? AS copy KEY ?", (str(tmp), raw_key))
        try:
            conn.execute("BEGIN")
            try:
                version = schema_version(conn)
                if while_reading is not None:
                    while_reading()
                conn.execute("SELECT sqlcipher_export('copy')").fetchall()
                conn.execute(f"PRAGMA copy.user_version = {int(version)}")
                conn.execute("COMMIT")
            except BaseException:
                # A full disk has already rolled it back; its error is the one to report.
                with contextlib.suppress(sqlcipher3.Error):
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                raise
        finally:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("DETACH DATABASE copy")
        os.chmod(tmp, 0o600)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageUnavailable(f"Could not write the copy {dest.name}: {exc}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)  # no half-written copy stays behind
        raise
    return dest


def pre_migration_copy_path(backup_dir: Path, from_version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_dir / f"pre-migration-v{from_version}-{stamp}.db"


def _check_numbering(steps: Sequence[Migration]) -> None:
    expected = list(range(1, len(steps) + 1))
    if [step.version for step in steps] != expected:
        raise ValueError("migration steps must be numbered 1, 2, 3, … without gaps")


def _statements(sql: str) -> list[str]:
    """Split a script into statements; a trigger's BEGIN … END stays whole."""
    found, pending = [], ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlcipher3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip())
    return found
