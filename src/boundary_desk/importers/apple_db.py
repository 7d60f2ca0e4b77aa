"""Apple's SQLite stores (Messages `chat.db`, an iPhone's `sms.db`, `CallHistory.storedata`).

They are opened where they are, read-only, through a `file:…?mode=ro` URI: nothing
of them is copied to a temporary file, and nothing is written back. Not `immutable`:
a Mac keeps its newest messages in `chat.db-wal` beside the database, which SQLite
reads only when the database is opened as one that can change. So the clinician
copies `chat.db` together with `chat.db-wal` (or lets the app read the folder).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from boundary_desk.importers.problems import UnreadableImport
from boundary_desk.system.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
MESSAGE_TABLES = frozenset({"message", "handle", "chat", "chat_message_join", "chat_handle_join"})
CALL_COLUMNS = frozenset(
    {"Z_PK", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZADDRESS", "ZCALLTYPE"}
)
# Seconds since 2001 stay below this until the year 5170; nanoseconds pass it in 2001.
_SECONDS_BELOW = 10**11
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


# SQLite names a damaged schema's text in its message, which Python may fail to decode.
ERRORS = (sqlite3.Error, UnicodeDecodeError)


def problem(error: sqlite3.Error | UnicodeDecodeError) -> UnreadableImport:
    """One sentence for what SQLite found wrong, naming nothing stored in the file."""
    said = "malformed" if isinstance(error, UnicodeDecodeError) else str(error).lower()
    if "locked" in said or "busy" in said:
        return UnreadableImport(
            _(
                "The database is locked by another program (Messages, perhaps); quit it, or "
                "copy the file with its -wal file to a folder and choose the copy."
            )
        )
    if "not a database" in said or "malformed" in said or "corrupt" in said:
        return UnreadableImport(
            _(
                "The database is malformed: it may be half-copied. Copy it again, with the "
                "-wal file beside it, once Messages has been quit."
            )
        )
    if "unable to open" in said or "readonly" in said or "read-only" in said:
        return UnreadableImport(
            _(
                "The database can't be opened; on a Mac, give Boundary Desk Full Disk Access "
                "or copy the file with its -wal file to a folder first."
            )
        )
    return UnreadableImport(_("The database can't be read as it is."))


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database at `path`; `problem` sentences on failure."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=0.5)
    except ERRORS as error:
        raise problem(error) from None
    # Text that is not UTF-8 (a damaged page, an odd old message) is shown as U+FFFD.
    connection.text_factory = _text
    try:
        try:
            connection.execute("PRAGMA query_only = ON")
        except ERRORS as error:
            raise problem(error) from None
        yield connection
    finally:
        connection.close()


def _text(value: bytes) -> str:
    return value.decode("utf-8", errors="replace")


def tables(connection: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table's name and its columns."""
    found: dict[str, set[str]] = {}
    try:
        names = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for name in names:
            quoted = '"' + str(name).replace('"', '""') + '"'
            found[str(name)] = {
                str(row[1]) for row in connection.execute(f"PRAGMA table_info({quoted})")
            }
    except ERRORS as error:
        raise problem(error) from None
    return found


def instant(value: object) -> datetime | None:
    """An Apple date in UTC: seconds since 2001 in old stores, nanoseconds in new ones."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    if value <= 0:
        return None
    try:
        if abs(value) < _SECONDS_BELOW:
            step = timedelta(seconds=value)
        else:
            step = timedelta(microseconds=int(value) // 1000)
    except OverflowError:
        return None
    if step > _LATEST - APPLE_EPOCH:
        return None
    return APPLE_EPOCH + step
