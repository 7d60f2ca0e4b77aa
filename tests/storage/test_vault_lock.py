"""Replacing or re-keying the vault while another process has it open is refused, in one sentence.

The other process is real (tests/vault_holder.py): locks between processes are what
is tested, and a lock inside one process would prove nothing.
"""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.errors import VAULT_IN_USE, VaultBusy, VaultInUse
from boundary_desk.storage.stores.purge import purge_client
from boundary_desk.storage.vault import lock as vault_lock
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.lock import VaultLock
from tests.conftest import PASSPHRASE
from tests.vault_holder import Holder


def fingerprint(data_dir: Path) -> dict[str, str]:
    """Every vault file's hash, so "nothing was changed" can be checked byte for byte."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.glob("vault.*"))
        if not p.name.startswith("vault.lock") and not p.name.endswith("-shm")
    }


@pytest.fixture
def backed_up(location: VaultLocation) -> Path:
    """A passphrase vault (so another process can open it): Ada in the backup, Bea after."""
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    services.clients.add(Client(code="", display_name="Ada"))
    made = take_backup(services)
    services.clients.add(Client(code="", display_name="Bea"))
    services.close()
    return made.path


def names(services: Services) -> list[str]:
    return [c.display_name for c in services.clients.list()]


def test_a_restore_is_refused_while_another_process_has_the_vault_open(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    with Holder(data_dir, PASSPHRASE):
        before = fingerprint(data_dir)
        with pytest.raises(VaultInUse) as refused:
            location.restore(backed_up, passphrase=PASSPHRASE)
        assert str(refused.value) == VAULT_IN_USE
        assert fingerprint(data_dir) == before
    assert not list(location.paths.backup_dir.glob("replaced-*"))
    assert not (data_dir / ".vault.db.restoring").exists()

    # Once the other process has closed it, the same restore goes ahead.
    restored = Services.open(location.restore(backed_up, passphrase=PASSPHRASE))
    assert names(restored) == ["Ada"]
    restored.close()


def test_an_open_vault_restores_only_when_no_other_process_has_it_open(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    with Holder(data_dir, PASSPHRASE), pytest.raises(VaultInUse):
        services.vault.restore(backed_up)
    assert services.vault.is_open
    assert names(services) == ["Ada", "Bea"]

    # Alone again: this process's own hold becomes exclusive, then the restored vault's.
    restored = Services.open(services.vault.restore(backed_up))
    assert names(restored) == ["Ada"]
    with pytest.raises(VaultInUse):
        location.restore(backed_up, passphrase=PASSPHRASE)  # the restored vault holds it
    restored.close()


def test_a_killed_process_never_leaves_the_vault_locked(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    holder = Holder(data_dir, PASSPHRASE)
    holder.kill()
    restored = location.restore(backed_up, passphrase=PASSPHRASE)
    restored.close()


def test_a_purge_is_refused_while_another_process_has_the_vault_open(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    ended = services.clients.add(
        Client(
            code="PX9",
            display_name="Cy",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    with Holder(data_dir, PASSPHRASE), pytest.raises(VaultInUse):
        purge_client(services.vault, ended, 7, date(2026, 11, 22))
    assert "Cy" in [c.display_name for c in services.clients.list(include_archived=True)]
    purge_client(services.vault, ended, 7, date(2026, 11, 22))  # alone, it goes ahead
    assert "Cy" not in [c.display_name for c in services.clients.list(include_archived=True)]
    services.close()


def test_protection_changes_are_refused_while_another_process_has_the_vault_open(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    vault = location.unlock(passphrase=PASSPHRASE)
    key_before = wraps_and_mode(location)
    with Holder(data_dir, PASSPHRASE):
        with pytest.raises(VaultInUse):
            vault.set_passphrase("another long passphrase")
        with pytest.raises(VaultInUse):
            vault.use_keychain()
        with pytest.raises(VaultInUse), location.exclusive():
            pass  # the guard a re-key uses, for a process without the vault open
    assert wraps_and_mode(location) == key_before
    assert not location.keychain.entries  # type: ignore[attr-defined]
    vault.set_passphrase("another long passphrase")  # alone, it goes ahead
    vault.close()
    location.unlock(passphrase="another long passphrase").close()


def test_the_lock_files_are_private(location: VaultLocation, data_dir: Path) -> None:
    vault = location.create().vault
    with vault.exclusive():
        pass
    vault.close()
    for name in (vault_lock.LOCK_NAME, vault_lock.GATE_NAME):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600


def test_a_refused_upgrade_keeps_its_shared_hold(data_dir: Path) -> None:
    data_dir.mkdir()
    first, second = VaultLock.shared(data_dir), VaultLock.shared(data_dir)
    with pytest.raises(VaultInUse), first.exclusive():
        pass
    second.release()
    # `first` still holds the vault open, so nobody else may have it exclusively.
    with pytest.raises(VaultInUse), VaultLock(data_dir).exclusive():
        pass
    with first.exclusive():  # and it may itself, now that it is alone
        assert first.held
    assert first.held
    first.release()


def test_opening_waits_for_a_restore_then_says_so_in_one_sentence(
    location: VaultLocation, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault_lock, "OPEN_WAIT_S", 0.2)
    with location.exclusive(), pytest.raises(VaultBusy, match="being restored or changed"):
        location.unlock(passphrase=PASSPHRASE)
    location.unlock(passphrase=PASSPHRASE).close()


def test_exclusive_use_can_be_nested(location: VaultLocation) -> None:
    vault = location.create().vault
    with vault.exclusive():
        vault.set_passphrase("a re-key may change the passphrase too")  # no self-refusal
    with pytest.raises(VaultInUse), location.exclusive():
        pass  # still open, so still shared
    vault.close()


def test_a_rekey_or_new_recovery_key_is_refused_while_another_process_has_it_open(
    location: VaultLocation, backed_up: Path, data_dir: Path
) -> None:
    from boundary_desk.storage.keys.recovery_key import new_recovery_key

    vault = location.unlock(passphrase=PASSPHRASE)
    key_before = wraps_and_mode(location)
    with Holder(data_dir, PASSPHRASE):
        with pytest.raises(VaultInUse):
            vault.rekey(new_recovery_key(), PASSPHRASE)
        with pytest.raises(VaultInUse):
            vault.replace_recovery_key(new_recovery_key())
    assert vault.is_open
    assert wraps_and_mode(location) == key_before
    rekeyed = vault.rekey(new_recovery_key(), PASSPHRASE)  # alone, it goes ahead
    with pytest.raises(VaultInUse), location.exclusive():
        pass  # and the re-keyed vault holds it open
    rekeyed.close()
    location.unlock(passphrase=PASSPHRASE).close()


def wraps_and_mode(location: VaultLocation) -> dict[str, object]:
    """The key file but its audit anchor, which the other process's unlock and lock move."""
    return {**json.loads(location.paths.key_file.read_bytes()), "audit_head": None}
