from pathlib import Path

import pytest

from boundary_desk.services import Services
from boundary_desk.storage.db.connection import Connection, open_database
from boundary_desk.storage.errors import VaultMissing


def test_connection_settings(services: Services) -> None:
    conn = services.vault.conn
    pragma = {
        name: conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "temp_store", "foreign_keys")
    }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "temp_store": 2, "foreign_keys": 1}
    assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] in (1, "1")
    assert int(conn.execute("PRAGMA cipher_page_size").fetchone()[0]) == 4096


def test_opening_never_creates_a_file(tmp_path: Path) -> None:
    target = tmp_path / "vault.db"
    with pytest.raises(VaultMissing):
        open_database(target, b"k" * 32)
    assert not target.exists()


def test_a_failed_write_rolls_back_the_whole_transaction(services: Services) -> None:
    from boundary_desk.storage.db.connection import transaction

    conn = services.vault.conn
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('clinician', 'x', 'now')"
        )
        raise RuntimeError("simulated failure mid-save")
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def _settings(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT key FROM settings ORDER BY key")]


def _put(conn: Connection, key: str) -> None:
    conn.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, 'x', 'now')", (key,))


def test_a_transaction_inside_another_commits_with_it(services: Services) -> None:
    from boundary_desk.storage.db.connection import transaction

    conn = services.vault.conn
    with pytest.raises(RuntimeError), transaction(conn):
        _put(conn, "clinician")
        with transaction(conn):
            _put(conn, "practice")
        raise RuntimeError("the outer part fails after the inner one finished")
    assert _settings(conn) == []  # all of it undone, the inner part too

    with transaction(conn):
        _put(conn, "clinician")
        with pytest.raises(RuntimeError), transaction(conn):
            _put(conn, "practice")
            raise RuntimeError("only the inner part fails")
    assert _settings(conn) == ["clinician"]
    assert not conn.in_transaction
