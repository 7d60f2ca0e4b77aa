"""A backup whose manifest is a named pipe is listed as unverified; nothing hangs."""

from __future__ import annotations

import os

from boundary_desk.services import Services
from boundary_desk.storage.vault.backups import list_backups, read_backup
from boundary_desk.storage.vault.location import VaultLocation


def test_a_manifest_that_is_a_named_pipe_is_not_read(location: VaultLocation) -> None:
    services = Services.open(location.create().vault)
    made = services.vault.backup()
    services.close()
    manifest = made.path / "manifest.json"
    manifest.unlink()
    os.mkfifo(manifest)  # reading it would wait for a writer forever

    assert not read_backup(made.path).verified
    assert [b.verified for b in list_backups(made.path.parent)] == [False]
