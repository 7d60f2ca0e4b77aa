"""Plaintext exports for moving to another system: one JSON file, or CSV per record type.

Exports are plaintext by nature, so callers confirm with the clinician first; each
file is written atomically with mode 0600. CSV cells that a spreadsheet would run as
a formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from boundary_desk.storage.db.connection import Connection
from boundary_desk.storage.db.migrations import schema_version
from boundary_desk.system.fileio import WriteFailed, atomic_write
from boundary_desk.system.i18n import N_
from boundary_desk.system.paths import create_private_dir

FORMAT = "boundary-desk-export"
# Unfinished form drafts and the folders last saved into are working state, not records.
SKIPPED_TABLES = frozenset({"drafts", "save_folders"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

RISK_WARNING = N_(  # shown in the app's language by the screens; English on the CLI
    "An export is NOT encrypted: anyone who can read the file can read these clinical "
    "records. Save it only where you must, and delete it when you no longer need it."
)


def export_tables(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        if str(r[0]) not in SKIPPED_TABLES
    ]
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        cursor = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')  # noqa: S608 - from sqlite_master
        columns = [d[0] for d in cursor.description]
        tables[name] = [dict(zip(columns, row, strict=True)) for row in cursor]
    return tables


def write_json_export(conn: Connection, path: Path, now: datetime | None = None) -> int:
    """Everything in one JSON document; returns the number of rows written."""
    tables = export_tables(conn)
    document = {
        "format": FORMAT,
        "version": 1,
        "exported_at": (now or datetime.now(UTC)).isoformat(),
        "schema_version": schema_version(conn),
        "tables": tables,
    }
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return sum(len(rows) for rows in tables.values())


def write_csv_export(conn: Connection, folder: Path) -> list[Path]:
    """One CSV per record type in `folder`; returns the files written.

    A new folder is made 0700; an existing one is the user's and is left as it is.
    """
    try:
        create_private_dir(folder)
    except OSError as exc:
        raise WriteFailed(f"Cannot use the folder {folder}: {exc.strerror or exc}.") from exc
    written = []
    for name, rows in export_tables(conn).items():
        columns = list(rows[0]) if rows else _columns(conn, name)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([[safe_cell(row[c]) for c in columns] for row in rows])
        path = folder / f"{name}.csv"
        atomic_write(path, buffer.getvalue().encode("utf-8-sig"))  # BOM: spreadsheets read UTF-8
        written.append(path)
    return written


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _columns(conn: Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]
