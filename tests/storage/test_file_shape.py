"""An empty, short or schema-less vault.db is damage: reported, never migrated, left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.db.connection import open_database
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.vault.file_shape import shape_problem
from boundary_desk.storage.vault.location import VaultLocation

SIZES = [0, 1, 100, 4095, 4097, 3 * 4096 + 1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cut_to(path: Path, size: int) -> str:
    raw = path.read_bytes()
    path.write_bytes(raw[:size] if size <= len(raw) else raw + b"\1" * (size - len(raw)))
    return digest(path)


def vault_with_clients(location: VaultLocation, n: int = 2) -> Services:
    services = Services.open(location.create().vault)
    for i in range(n):
        services.clients.add(Client(code="", display_name=f"Shape {i}"))
    return services


@pytest.mark.parametrize("size", SIZES)
def test_a_short_vault_file_is_damaged_and_left_byte_identical(
    location: VaultLocation, size: int
) -> None:
    vault_with_clients(location).close()
    db = location.paths.vault_file
    before = cut_to(db, size)

    with pytest.raises(VaultDamaged, match="damaged") as caught:
        location.unlock()

    assert "restore it from a backup" in caught.value.message
    assert digest(db) == before
    assert db.stat().st_size == size
    assert not db.with_name("vault.db-wal").exists()


def test_a_keyed_database_without_a_vault_schema_is_never_migrated(
    location: VaultLocation, tmp_path: Path
) -> None:
    vault_with_clients(location).close()
    key = bytes.fromhex(location.keychain.load(_vault_id(location)) or "")
    blank = tmp_path / "blank.db"
    open_database(blank, key, create=True).close()  # WAL header written: one page, no tables
    assert blank.stat().st_size >= 4096
    blank.replace(location.paths.vault_file)
    before = digest(location.paths.vault_file)

    with pytest.raises(VaultDamaged, match="no vault tables"):
        location.unlock()

    assert digest(location.paths.vault_file) == before


def _vault_id(location: VaultLocation) -> str:
    from boundary_desk.storage.keys.key_file import read_key_file

    return read_key_file(location.paths.key_file).vault_id


def test_restoring_a_zero_byte_backup_is_refused_and_the_vault_stays(
    location: VaultLocation,
) -> None:
    services = vault_with_clients(location)
    made = services.vault.backup()
    (made.path / "vault.db").write_bytes(b"")

    with pytest.raises(VaultDamaged, match="choose an earlier backup"):
        services.vault.restore(made.path)

    assert services.vault.is_open
    assert len(services.clients.list()) == 2
    assert not list(location.paths.backup_dir.glob("replaced-*"))
    services.close()
    with pytest.raises(VaultDamaged, match="choose an earlier backup"):
        location.restore(made.path)
    assert len(Services.open(location.unlock()).clients.list()) == 2


def test_shape_problem_names_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    for content, words in [
        (b"", "empty"),
        (b"x", "1 byte,"),
        (b"SQLite format 3\0" + b"\1" * 4080, "not encrypted"),
        (b"\0" * 8192, "blank first page"),
    ]:
        path.write_bytes(content)
        assert words in (shape_problem(path) or ""), content[:20]
    path.write_bytes(b"\7" * 8192)
    assert shape_problem(path) is None
    assert "can't be read" in (shape_problem(tmp_path / "missing.db") or "")


def test_a_named_pipe_is_not_a_vault_file_and_never_blocks(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "vault.db"
    os.mkfifo(pipe)
    assert shape_problem(pipe) == "is not a regular file"
