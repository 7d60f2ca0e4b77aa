"""Many rows in few statements: in order, each one whole, and no row of the wrong shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlcipher3

from boundary_desk.storage.db.bulk import MAX_PARAMETERS, insert_rows
from boundary_desk.storage.db.connection import Connection


@pytest.fixture
def conn() -> Iterator[Connection]:
    conn: Connection = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT CHECK (c IN ('x', 'y', 'z')))")
    yield conn
    conn.close()


def traced(conn: Connection) -> list[str]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    return statements


def test_rows_land_whole_and_in_order_in_few_statements(conn: Connection) -> None:
    rows = [(i, f"row {i}", "xyz"[i % 3]) for i in range(1000)]
    statements = traced(conn)
    insert_rows(conn, "INSERT INTO t (a, b, c)", rows)
    per_statement = MAX_PARAMETERS // 3
    assert len(statements) == -(-len(rows) // per_statement) == 4
    assert conn.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows


def test_a_bad_row_in_a_later_statement_stops_there(conn: Connection) -> None:
    rows = [(i, "", "x") for i in range(400)] + [(400, "", "not allowed")]
    with pytest.raises(sqlcipher3.IntegrityError):
        insert_rows(conn, "INSERT INTO t (a, b, c)", rows)
    # The caller's transaction undoes the rows before it; the bad statement wrote none.
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == MAX_PARAMETERS // 3


def test_a_row_of_the_wrong_width_is_refused_before_anything_is_written(
    conn: Connection,
) -> None:
    statements = traced(conn)
    with pytest.raises(ValueError, match="one value for each column"):
        insert_rows(conn, "INSERT INTO t (a, b, c)", [(1, "a", "x"), (2, "b")])
    with pytest.raises(ValueError, match="one value for each column"):
        insert_rows(conn, "INSERT INTO t (a, b, c)", [()])
    assert statements == []
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_no_rows_runs_no_statement(conn: Connection) -> None:
    statements = traced(conn)
    insert_rows(conn, "INSERT INTO t (a, b, c)", [])
    assert statements == []
