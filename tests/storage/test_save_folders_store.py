"""The folders last saved into: kept in the vault only, one per kind, never exported, gone
with a purge, and read and written only while the vault is open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.services.settings import remember_save_folder, remembered_save_folder
from boundary_desk.storage.errors import VaultBusy
from boundary_desk.storage.stores.export import export_tables
from boundary_desk.storage.stores.purge import purge_client
from boundary_desk.storage.vault.location import VaultLocation


def test_one_folder_per_kind_the_latest_kept(services: Services, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert remembered_save_folder(services, "record") is None
    assert remember_save_folder(services, "record", first)
    assert remember_save_folder(services, "review", first)
    assert remember_save_folder(services, "record", second)
    assert services.save_folders.all() == {"record": str(second), "review": str(first)}
    assert remembered_save_folder(services, "record") == second


def test_a_relative_folder_is_not_kept(services: Services) -> None:
    assert not remember_save_folder(services, "record", Path("Documents/Clients"))
    assert services.save_folders.all() == {}


def test_nothing_is_read_or_written_while_locked(location: VaultLocation, tmp_path: Path) -> None:
    services = Services.open(location.create().vault)
    remember_save_folder(services, "record", tmp_path)
    services.close()
    assert remembered_save_folder(services, "record") is None
    assert not remember_save_folder(services, "record", tmp_path / "later")
    reopened = Services.open(location.unlock())
    try:
        assert reopened.save_folders.all() == {"record": str(tmp_path)}
    finally:
        reopened.close()


def test_another_process_writing_costs_only_the_remembering(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(kind: str, folder: str) -> None:
        raise VaultBusy("Another Boundary Desk is writing.")

    monkeypatch.setattr(services.save_folders, "set", busy)
    assert not remember_save_folder(services, "record", tmp_path)


def test_the_folders_are_working_state_never_exported(services: Services, tmp_path: Path) -> None:
    remember_save_folder(services, "export", tmp_path / "Clients" / "Jane Doe")
    tables = export_tables(services.vault.conn)
    assert "save_folders" not in tables
    assert "Jane Doe" not in repr(tables)


def test_a_purge_forgets_every_folder(services: Services, tmp_path: Path) -> None:
    client = services.clients.add(
        Client(
            code="JD1",
            display_name="Jane Doe",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    remember_save_folder(services, "record", tmp_path / "Clients" / "Jane Doe")
    purge_client(services.vault, client, 7, date(2026, 11, 22))
    assert services.save_folders.all() == {}
