import subprocess
import sys
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


MEMORY_PROBE = """
import sys
from boundary_desk.storage.db.connection import open_database
if sys.argv[2] == "hardened":
    from boundary_desk.system.hardening import harden_process
    harden_process()
conn = open_database(__import__("pathlib").Path(sys.argv[1]), b"k" * 32, create=True)
print(conn.execute("PRAGMA cipher_memory_security").fetchone()[0])
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's M_PERTURB is Linux's")
@pytest.mark.parametrize(("how", "wiping"), [("hardened", "0"), ("plain", "1")])
def test_memory_wiping_is_left_to_glibc_only_where_it_fills_freed_memory(
    tmp_path: Path, how: str, wiping: str
) -> None:
    """Each in a process of its own: SQLCipher's setting, once on, stays on for the process."""
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(tmp_path / f"{how}.db"), how],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == wiping


def test_memory_wiping_can_be_forced_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from boundary_desk.storage.db import connection
    from boundary_desk.system import hardening

    monkeypatch.setattr(hardening, "_freed_memory_filled", True)
    assert connection.memory_wiping() is False
    monkeypatch.setattr(connection, "MEMORY_SECURITY", True)
    assert connection.memory_wiping() is True
    monkeypatch.setattr(hardening, "_freed_memory_filled", False)
    monkeypatch.setattr(connection, "MEMORY_SECURITY", None)
    assert connection.memory_wiping() is True
