"""A WAL deleted or cut short after a crash is reported as damage; a sound vault never is."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.unclean_close import MARKER_NAME, read_wal_index
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

# Adds clients, optionally checkpoints, then dies by SIGKILL without closing anything.
WRITER = """
import os, signal, sys
from pathlib import Path
from boundary_desk.domain.clients import Client
from boundary_desk.system.paths import resolve_paths
from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain
location = VaultLocation(resolve_paths(Path(sys.argv[1])), MemoryKeychain(), FAST_COST)
services = Services.open(location.unlock(passphrase=PASSPHRASE))
for i in range(5):
    services.clients.add(Client(code="", display_name=f"Committed {i}"))
if sys.argv[2] == "checkpoint":
    services.vault.conn.execute("PRAGMA wal_checkpoint(FULL)").fetchall()
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_after_writes(location: VaultLocation, mode: str = "") -> None:
    """Five committed clients, then a kill -9: vault.db-wal, -shm and the marker stay."""
    proc = subprocess.run(
        [sys.executable, "-c", WRITER, str(location.paths.data_dir), mode],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == -9, proc.stderr
    assert location.paths.vault_file.with_name("vault.db-wal").exists()


@pytest.fixture
def crashed(location: VaultLocation) -> VaultLocation:
    Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault).close()
    crash_after_writes(location)
    return location


def files(location: VaultLocation) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in location.paths.data_dir.iterdir()
        if p.is_file()
    }


def clients_after_unlock(location: VaultLocation) -> int:
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    try:
        return len(services.clients.list())
    finally:
        services.close()


def scribble(path: Path, offset: int) -> None:
    """Sixteen bytes flipped in place, the size of the file kept (a bad sector, a bit flip)."""
    with path.open("r+b") as handle:
        handle.seek(offset)
        old = handle.read(16)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xA5 for b in old))


def wal_of(location: VaultLocation) -> Path:
    return location.paths.vault_file.with_name("vault.db-wal")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda wal: wal.unlink(), id="wal-deleted"),
        pytest.param(
            lambda wal: (wal.unlink(), wal.with_name("vault.db-shm").unlink()), id="wal-and-shm"
        ),
        pytest.param(lambda wal: os.truncate(wal, wal.stat().st_size // 2), id="wal-cut-short"),
        pytest.param(lambda wal: os.truncate(wal, 0), id="wal-emptied"),
        pytest.param(lambda wal: scribble(wal, wal.stat().st_size // 2), id="wal-frame-damaged"),
        pytest.param(lambda wal: scribble(wal, 32 + 24 + 100), id="wal-first-frame-damaged"),
        pytest.param(
            lambda wal: (
                scribble(wal, wal.stat().st_size // 2),
                wal.with_name("vault.db-shm").unlink(),
            ),
            id="wal-damaged-and-shm-deleted",
        ),
        pytest.param(
            lambda wal: (scribble(wal, 0), wal.with_name("vault.db-shm").unlink()),
            id="wal-header-damaged-and-shm-deleted",
        ),
        pytest.param(lambda wal: scribble(wal, 8), id="wal-header-salt-damaged"),
    ],
)
def test_a_lost_wal_after_a_crash_is_damage_and_nothing_changes(
    crashed: VaultLocation, damage
) -> None:  # type: ignore[no-untyped-def]
    damage(wal_of(crashed))
    before = files(crashed)

    with pytest.raises(VaultDamaged, match="not closed cleanly") as caught:
        crashed.unlock(passphrase=PASSPHRASE)

    assert "vault.db-wal" in caught.value.message and "restore a backup" in caught.value.message
    assert files(crashed) == before


def test_a_crash_with_its_wal_in_place_loses_nothing(crashed: VaultLocation) -> None:
    assert clients_after_unlock(crashed) == 5
    left = {p.name for p in crashed.paths.data_dir.iterdir() if p.is_file()}
    assert left - {"vault.lock"} == {"vault.db", "vault.key"}  # no WAL, index or marker


def test_a_wal_deleted_after_everything_was_copied_loses_nothing(
    location: VaultLocation,
) -> None:
    Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault).close()
    crash_after_writes(location, "checkpoint")
    index = read_wal_index(location.paths.vault_file.with_name("vault.db-shm"))
    assert index is not None and index.frames == index.copied > 0
    wal_of(location).unlink()

    assert clients_after_unlock(location) == 5


def test_restoring_a_backup_over_a_lost_wal_works(location: VaultLocation, tmp_path: Path) -> None:
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="", display_name="In the backup"))
    made = services.vault.backup(tmp_path / "usb")
    services.close()
    crash_after_writes(location)
    wal_of(location).unlink()
    wal_of(location).with_name("vault.db-shm").unlink()

    restored = Services.open(location.restore(made.path, passphrase=PASSPHRASE))
    assert [c.display_name for c in restored.clients.list()] == ["In the backup"]
    restored.close()
    (aside,) = location.paths.backup_dir.glob("replaced-*")
    assert (aside / MARKER_NAME).exists()  # kept with the files it describes
    assert clients_after_unlock(location) == 1


def test_the_read_only_path_refuses_a_lost_wal_too(
    crashed: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    wal_of(crashed).unlink()
    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    with pytest.raises(VaultDamaged, match="not closed cleanly"):
        crashed.unlock(passphrase=PASSPHRASE)


def test_the_marker_is_private_and_a_closing_one_is_not_damage(services: Services) -> None:
    marker = services.vault.location.paths.data_dir / MARKER_NAME
    assert marker.read_text() == "open"
    assert marker.stat().st_mode & 0o777 == 0o600
    services.close()
    assert not marker.exists()
    marker.write_text("closing")  # killed right after SQLite's clean close removed the WAL
    services.vault.location.unlock().close()
    assert not marker.exists()


def test_a_vault_dropped_without_closing_is_not_damage_later(location: VaultLocation) -> None:
    import gc

    created = location.create()
    created.vault.conn.execute("SELECT 1")
    del created
    gc.collect()  # SQLite closes the file cleanly: WAL copied in, then deleted
    assert not wal_of(location).exists()

    location.unlock().close()
