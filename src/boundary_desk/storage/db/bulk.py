"""Many rows written in few statements: each INSERT carries as many rows as it may.

SQLite does a statement's setup once per execution, not once per row: opening the
table and its indexes, and building the lookup behind each `CHECK (x IN (...))`
(the events table has eight). Run once a row, as `executemany` does, that setup is
most of an import's commit, since SQLCipher's memory wiping turns each allocation
it makes into a system call. One execution for many rows pays it once.
"""

from __future__ import annotations

from collections.abc import Sequence

from boundary_desk.storage.db.connection import Connection

# The fewest `?` parameters any SQLite build takes in one statement (999 was the
# default until 3.32), so a vault written by any build's SQLCipher stays writable.
MAX_PARAMETERS = 999


def insert_rows(conn: Connection, head: str, rows: Sequence[Sequence[object]]) -> None:
    """Run `head` ("INSERT INTO t (a, b)") over `rows`, in order, in as few statements
    as the parameter limit allows; every row must give a value for each column."""
    if not rows:
        return
    width = len(rows[0])
    if width == 0 or any(len(row) != width for row in rows):
        raise ValueError("every row gives one value for each column")
    per_statement = max(1, MAX_PARAMETERS // width)
    one_row = "(" + ", ".join(["?"] * width) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        conn.execute(
            f"{head} VALUES {', '.join([one_row] * len(chunk))}",
            [value for row in chunk for value in row],
        )
