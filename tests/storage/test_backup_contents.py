"""A backup is what its manifest says, and one holding fewer records keeps the one before it."""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.vault.backups import Backup, list_backups, to_keep
from boundary_desk.storage.vault.location import VaultLocation


def fill(services: Services, n: int) -> None:
    for i in range(n):
        services.clients.add(Client(code="", display_name=f"Contents {i}"))


def emptied(services: Services) -> None:
    """What damage does: the vault holds nothing any more (all clients gone)."""
    services.vault.conn.execute("DELETE FROM clients")


def test_a_backup_with_fewer_records_keeps_the_same_days_larger_one(services: Services) -> None:
    fill(services, 3)
    good = services.vault.backup()
    emptied(services)

    smaller = services.vault.backup()

    kept = [b.path for b in list_backups(good.path.parent)]
    assert kept == [smaller.path, good.path]  # today only the newest would have been kept
    assert smaller.fewer_than is not None and smaller.fewer_than.path == good.path
    assert smaller.as_dict()["fewer_records_than"]["counts"]["clients"] == 3
    again = services.vault.backup()  # as small as the last: nothing new to say
    assert again.fewer_than is None
    assert good.path in {b.path for b in list_backups(good.path.parent)}


def test_a_backup_with_as_many_records_rotates_as_before(services: Services) -> None:
    fill(services, 2)
    first = services.vault.backup()
    second = services.vault.backup()
    assert second.fewer_than is None
    assert [b.path for b in list_backups(first.path.parent)] == [second.path]


def test_rotation_never_drops_the_last_backup_before_records_fell() -> None:
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    backups = [
        Backup(Path(f"b{d}"), start + timedelta(days=d), 7, {"clients": 0 if d > 5 else 12}, True)
        for d in range(400)
    ]
    keep = to_keep(backups)
    assert Path("b5") in keep  # the last one holding the 12 clients, over a year ago
    assert Path("b4") not in keep


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda f: (f / "vault.db").write_bytes(b""), "vault file is empty"),
        (lambda f: (f / "vault.db").write_bytes((f / "vault.db").read_bytes()[:5000]), "cut"),
        (lambda f: (f / "vault.db").write_bytes((f / "vault.db").read_bytes()[:8192]), "size"),
        (lambda f: (f / "vault.key").unlink(), "key file is missing"),
    ],
    ids=["empty", "cut-short", "other-size", "no-key"],
)
def test_a_damaged_backup_is_never_listed_as_verified(
    services: Services, damage, words: str
) -> None:  # type: ignore[no-untyped-def]
    fill(services, 2)
    made = services.vault.backup()
    damage(made.path)

    (listed,) = list_backups(made.path.parent)
    assert not listed.verified
    assert words in (listed.problem or "")
    assert listed.counts["clients"] == 2  # what the manifest claims, shown for what it is


def test_a_restore_checks_the_rows_against_the_manifest(
    services: Services, location: VaultLocation
) -> None:
    fill(services, 2)
    made = services.vault.backup()
    manifest = made.path / "manifest.json"
    described = json.loads(manifest.read_text())
    described["counts"]["clients"] = 12
    manifest.write_text(json.dumps(described))

    with pytest.raises(VaultDamaged, match="choose an earlier backup") as refused:
        services.vault.restore(made.path)

    assert "holds other records than it did when it was verified (2 clients, not 12 clients)" in (
        refused.value.message
    )
    assert services.vault.is_open and len(services.clients.list()) == 2
    assert not list(location.paths.backup_dir.glob("replaced-*"))
    services.close()


def test_a_mismatch_in_another_table_names_that_table(
    services: Services, location: VaultLocation
) -> None:
    """Not "(2 clients, not 2 clients)": the count that differs is the one named."""
    fill(services, 2)
    made = services.vault.backup()
    manifest = made.path / "manifest.json"
    described = json.loads(manifest.read_text())
    held = described["counts"]["events"]
    described["counts"]["events"] = held + 3
    manifest.write_text(json.dumps(described))

    with pytest.raises(VaultDamaged, match="choose an earlier backup") as refused:
        services.vault.restore(made.path)

    assert f"({held} rows of events, not {held + 3})" in refused.value.message
    assert "2 clients, not 2 clients" not in refused.value.message
    assert not list(location.paths.backup_dir.glob("replaced-*"))
    services.close()


def test_listing_stays_cheap(services: Services, tmp_path: Path) -> None:
    fill(services, 50)
    made = services.vault.write_backup(tmp_path / "many")
    for n in range(22):  # as many as rotation keeps: 7 daily, 4 weekly, 12 monthly
        shutil.copytree(made.path, made.path.with_name(f"backup-2026010{n % 9 + 1}T{n:06d}Z"))

    started = time.perf_counter()
    listed = list_backups(tmp_path / "many")
    elapsed = time.perf_counter() - started

    assert len(listed) == 23 and all(b.verified for b in listed)
    assert elapsed < 0.5, elapsed  # no decryption: a stat and one page read per backup
