"""A vault that can't be written opens read-only: everything reads, nothing changes on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.errors import StorageUnavailable
from boundary_desk.storage.vault.location import VaultLocation
from tests.conftest import PASSPHRASE


def fingerprint(data_dir: Path) -> dict[str, str]:
    """Every file in the data folder (outside backups and logs), by name, hashed."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.iterdir())
        if p.is_file()
    }


@pytest.fixture
def read_only(location: VaultLocation, monkeypatch: pytest.MonkeyPatch) -> VaultLocation:
    """A vault with one client, whose folder then counts as unwritable."""
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="", display_name="Quinn"))
    services.close()
    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    return location


def test_a_read_only_vault_opens_and_reads(read_only: VaultLocation, data_dir: Path) -> None:
    before = fingerprint(data_dir)

    services = Services.open(read_only.unlock(passphrase=PASSPHRASE))
    assert services.vault.read_only
    assert [c.display_name for c in services.clients.list()] == ["Quinn"]
    assert services.vault.verify_audit().intact
    services.close()

    # Neither the unlock, the reads nor the lock left a trace: not even an audit row.
    assert fingerprint(data_dir) == before


def test_every_write_is_refused_in_one_sentence_and_nothing_changes(
    read_only: VaultLocation, data_dir: Path
) -> None:
    services = Services.open(read_only.unlock(passphrase=PASSPHRASE))
    rows_before = len(audit.history(services.vault.conn))
    before = fingerprint(data_dir)

    with pytest.raises(StorageUnavailable, match="read-only disk or folder"):
        services.clients.add(Client(code="", display_name="Never saved"))
    with pytest.raises(StorageUnavailable, match="read-only disk or folder"):
        services.settings.set("clinician", "Dr Never")
    for refused in (
        lambda: take_backup(services),
        lambda: services.vault.set_passphrase("another long passphrase"),
        services.vault.use_keychain,
    ):
        with pytest.raises(StorageUnavailable, match="open read-only"):
            refused()
    audit.record(services.vault.conn, "view", "events", client_id=1)  # silently not kept

    assert [c.display_name for c in services.clients.list()] == ["Quinn"]
    assert len(audit.history(services.vault.conn)) == rows_before
    services.close()
    assert fingerprint(data_dir) == before
    assert not (data_dir / "backups").exists()


def test_a_read_only_vault_that_needs_an_update_is_refused_plainly(
    read_only: VaultLocation, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.storage.db import migrations
    from boundary_desk.storage.db.migrations import Migration

    extra = Migration(len(migrations.MIGRATIONS) + 1, "newer step", "SELECT 1")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    monkeypatch.setattr(
        "boundary_desk.storage.vault.opening.pending_steps",
        lambda conn: migrations.pending_steps(conn, migrations.MIGRATIONS),
    )
    before = fingerprint(data_dir)

    with pytest.raises(StorageUnavailable, match="must be updated"):
        read_only.unlock(passphrase=PASSPHRASE)

    assert fingerprint(data_dir) == before


def test_a_writable_vault_is_not_read_only(location: VaultLocation) -> None:
    location.create().vault.close()
    assert not location.is_read_only()
    vault = location.unlock()
    assert not vault.read_only
    vault.close()
