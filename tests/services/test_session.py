"""The session: where the vault is, how it opens, what is said about it, and locking it."""

from __future__ import annotations

from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services, audit_trail, session
from boundary_desk.services.session import (
    READ_ONLY_NOTE,
    KeychainEntryMissing,
    KeyMode,
    VaultLocation,
    VaultState,
)
from boundary_desk.services.setup import new_recovery_key
from boundary_desk.storage.errors import (
    MalformedRecoveryKey,
    VaultMissing,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys.keychain import SystemKeychain
from tests.conftest import PASSPHRASE
from tests.fakes import MemoryKeychain


def test_the_system_location_is_the_folder_given_with_the_system_keychain(tmp_path: Path) -> None:
    location = session.system_location(str(tmp_path / "vault"))

    assert location.paths.data_dir == tmp_path / "vault"
    assert isinstance(location.keychain, SystemKeychain)
    assert location.state() is VaultState.ABSENT


def test_a_keychain_vault_unlocks_without_a_passphrase(location: VaultLocation) -> None:
    location.create().vault.close()

    assert not session.needs_passphrase(location)
    opened = session.unlock(location)
    try:
        assert opened.vault.is_open
        assert opened.vault.key_mode is KeyMode.KEYCHAIN
        assert opened.clients.list() == []
    finally:
        session.lock(opened)


def test_a_passphrase_vault_unlocks_only_with_its_passphrase(location: VaultLocation) -> None:
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()

    assert session.needs_passphrase(location)
    with pytest.raises(WrongPassphrase):
        session.unlock(location, "not the passphrase at all")
    opened = session.unlock(location, PASSPHRASE)
    assert opened.vault.key_mode is KeyMode.PASSPHRASE
    session.lock(opened)


def test_there_is_nothing_to_unlock_where_no_vault_is(location: VaultLocation) -> None:
    with pytest.raises(VaultMissing):
        session.needs_passphrase(location)
    with pytest.raises(VaultMissing):
        session.unlock(location)


def test_a_lost_keychain_entry_asks_for_the_recovery_key(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    created = location.create()
    created.vault.close()
    keychain.entries.clear()

    with pytest.raises(KeychainEntryMissing):
        session.unlock(location)
    recovered = session.recover(location, created.recovery_key, PASSPHRASE)
    session.lock(recovered)
    assert session.needs_passphrase(location)
    session.lock(session.unlock(location, PASSPHRASE))


def test_recovery_refuses_a_wrong_key_a_garbled_one_and_a_weak_passphrase(
    location: VaultLocation,
) -> None:
    created = location.create()
    created.vault.close()

    with pytest.raises(WrongRecoveryKey):
        session.recover(location, new_recovery_key(), PASSPHRASE)
    with pytest.raises(MalformedRecoveryKey):
        session.recover(location, "not-a-key", PASSPHRASE)
    with pytest.raises(WeakPassphrase):
        session.recover(location, created.recovery_key, "short")
    assert not session.needs_passphrase(location)  # nothing was changed


def test_status_counts_the_clients(services: Services) -> None:
    services.clients.add(Client(code="", display_name="Zoë Martin"))

    info = session.status(services)

    assert info.counts["clients"] == 1
    assert info.key_mode == "keychain"
    assert info.path == str(services.vault.location.paths.vault_file)


def test_the_read_only_note_is_said_only_for_a_read_only_vault(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.create().vault.close()
    writable = session.unlock(location)
    assert session.read_only_note(writable) == ""
    session.lock(writable)

    monkeypatch.setattr(VaultLocation, "is_read_only", lambda self: True)
    read_only = session.unlock(location)
    try:
        assert session.read_only_note(read_only) == READ_ONLY_NOTE
    finally:
        session.lock(read_only)


def test_locking_closes_the_vault_and_is_in_the_trail(location: VaultLocation) -> None:
    location.create().vault.close()
    opened = session.unlock(location)

    session.lock(opened)

    assert not opened.vault.is_open
    again = session.unlock(location)
    try:
        actions = [row.action for row in audit_trail.rows(again)]
        assert actions[:3] == ["unlock", "lock", "unlock"]
    finally:
        session.lock(again)
