"""Re-keying: old key copies stop opening today's data, the audit chain still verifies,
and a crash at any point leaves a vault that opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.db.connection import open_database
from boundary_desk.storage.errors import (
    KeyDoesNotOpen,
    VaultBusy,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys import rekey
from boundary_desk.storage.keys import wrap as key_wrap
from boundary_desk.storage.keys.key_file import read_key_file
from boundary_desk.storage.keys.recovery_key import new_recovery_key
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.vault import Vault
from boundary_desk.system.paths import resolve_paths
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain

MARKER = "Marisol-Rekey-41Z"
NEW_PASSPHRASE = "a new lighthouse at dawn"


def names(vault: Vault) -> list[str]:
    return [c.display_name for c in Services.open(vault).clients.list()]


def old_key_from(key_file: Path, passphrase: str) -> bytes:
    copy = read_key_file(key_file)
    return key_wrap.unwrap(copy.wraps["passphrase"], passphrase, copy.aad("passphrase"))


@pytest.fixture
def passphrase_location(data_dir: Path) -> VaultLocation:
    return VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)


def test_an_old_key_file_and_old_passphrase_no_longer_open_todays_data(
    passphrase_location: VaultLocation, data_dir: Path, tmp_path: Path
) -> None:
    vault = passphrase_location.create(passphrase=PASSPHRASE).vault
    backup = vault.backup(tmp_path / "backups")
    vault = vault.rekey(new_recovery_key(), NEW_PASSPHRASE)
    Services.open(vault).clients.add(Client(code="", display_name=MARKER))
    vault.close()

    old_key = old_key_from(backup.path / "vault.key", PASSPHRASE)
    with pytest.raises(KeyDoesNotOpen):
        open_database(data_dir / "vault.db", old_key).close()
    open_database(backup.path / "vault.db", old_key).close()  # the old backup still opens
    with pytest.raises(WrongPassphrase):
        passphrase_location.unlock(passphrase=PASSPHRASE)
    reopened = passphrase_location.unlock(passphrase=NEW_PASSPHRASE)
    assert names(reopened) == [MARKER]
    assert reopened.verify_audit().intact
    reopened.close()


def test_rekey_keeps_records_and_the_audit_chain_and_issues_a_new_recovery_key(
    location: VaultLocation, keychain: MemoryKeychain, data_dir: Path
) -> None:
    created = location.create()
    Services.open(created.vault).clients.add(Client(code="", display_name=MARKER))
    old_hex = keychain.entries[created.vault.key_file.vault_id]
    fresh = new_recovery_key()

    vault = created.vault.rekey(fresh)

    assert not created.vault.is_open
    assert names(vault) == [MARKER]
    check = vault.verify_audit()
    assert check.intact
    assert [r.action for r in reversed(audit.history(vault.conn))] == ["insert", "rekey", "unlock"]
    vault.close()
    (entry,) = keychain.entries.values()  # the "next" entry is gone, the key replaced
    assert entry != old_hex
    left = sorted(p.name for p in data_dir.iterdir() if not p.name.startswith("vault.lock"))
    assert left == ["vault.db", "vault.key"]  # the lock files stay: they hold nothing
    with pytest.raises(WrongRecoveryKey):
        location.unlock(recovery_key=created.recovery_key)
    location.unlock(recovery_key=fresh).close()
    location.unlock().close()


def test_a_broken_audit_chain_is_not_laundered_by_a_rekey(
    location: VaultLocation, data_dir: Path
) -> None:
    vault = location.create().vault
    Services.open(vault).clients.add(Client(code="", display_name=MARKER))
    vault.conn.execute("DROP TRIGGER audit_log_only_redact")
    vault.conn.execute("UPDATE audit_log SET action = 'tampered' WHERE id = 1")
    before = (data_dir / "vault.key").read_bytes()
    with pytest.raises(VaultDamaged, match="audit trail is broken at row 1"):
        vault.rekey(new_recovery_key())
    assert vault.is_open
    assert (data_dir / "vault.key").read_bytes() == before
    vault.close()


def test_a_crash_before_the_swap_leaves_the_old_key_working(
    location: VaultLocation, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = location.create()
    Services.open(created.vault).clients.add(Client(code="", display_name=MARKER))

    def crash(*_args: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(rekey, "_swap", crash)
    monkeypatch.setattr(rekey, "_discard", lambda *_args: None)  # a kill cleans nothing up
    with pytest.raises(SystemExit):
        created.vault.rekey(new_recovery_key())
    assert (data_dir / rekey.NEXT_KEY_FILE).exists()
    monkeypatch.undo()

    vault = location.unlock()  # the keychain's old key, the old key file
    assert names(vault) == [MARKER]
    vault.close()
    assert not (data_dir / rekey.NEXT_KEY_FILE).exists()
    assert not (data_dir / rekey.STAGING).exists()
    location.unlock(recovery_key=created.recovery_key).close()


@pytest.mark.parametrize("mode", ["keychain", "passphrase"])
def test_a_crash_after_the_swap_is_finished_at_the_next_open(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    keychain = MemoryKeychain(working=mode == "keychain")
    location = VaultLocation(resolve_paths(data_dir), keychain, FAST_COST)
    passphrase = PASSPHRASE if mode == "passphrase" else None
    created = location.create(passphrase=passphrase)
    Services.open(created.vault).clients.add(Client(code="", display_name=MARKER))
    fresh = new_recovery_key()

    def crash(*_args: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(rekey, "_promote", crash)
    with pytest.raises(SystemExit):
        created.vault.rekey(fresh, NEW_PASSPHRASE if passphrase else None)
    monkeypatch.undo()

    vault = location.unlock(passphrase=NEW_PASSPHRASE if passphrase else None)
    assert names(vault) == [MARKER]
    assert vault.verify_audit().intact
    vault.close()
    assert not (data_dir / rekey.NEXT_KEY_FILE).exists()
    location.unlock(recovery_key=fresh).close()
    if mode == "keychain":
        assert list(keychain.entries) == [created.vault.key_file.vault_id]


def test_a_second_connection_with_unwritten_changes_stops_the_rekey_before_anything_moves(
    location: VaultLocation, keychain: MemoryKeychain, data_dir: Path
) -> None:
    created = location.create()
    before = (data_dir / "vault.key").read_bytes()
    other = open_database(
        data_dir / "vault.db", bytes.fromhex(next(iter(keychain.entries.values())))
    )
    other.execute("PRAGMA wal_autocheckpoint = 0")
    audit.record(other, "view", "vault")  # another process, its change still in the WAL

    with pytest.raises(VaultBusy):
        created.vault.rekey(new_recovery_key())

    other.close()
    # Only the audit trail's anchored head may move (the vault was locked); wraps are as before.
    after = json.loads((data_dir / "vault.key").read_bytes())
    assert {**after, "audit_head": None} == {**json.loads(before), "audit_head": None}
    assert not (data_dir / rekey.NEXT_KEY_FILE).exists()
    vault = location.unlock(recovery_key=created.recovery_key)
    assert vault.verify_audit().intact
    vault.close()


def test_a_new_recovery_key_replaces_the_old_one(location: VaultLocation) -> None:
    created = location.create()
    fresh = new_recovery_key()
    created.vault.replace_recovery_key(fresh)
    assert audit.history(created.vault.conn)[0].action == "new recovery key"
    created.vault.close()
    with pytest.raises(WrongRecoveryKey):
        location.unlock(recovery_key=created.recovery_key)
    location.unlock(recovery_key=fresh).close()


def test_a_backup_from_before_a_rekey_is_refused_in_words_and_restores_elsewhere(
    location: VaultLocation, tmp_path: Path
) -> None:
    created = location.create()
    Services.open(created.vault).clients.add(Client(code="", display_name=MARKER))
    backup = created.vault.backup(tmp_path / "backups")
    vault = created.vault.rekey(new_recovery_key())
    with pytest.raises(VaultDamaged, match="made before the vault was re-keyed"):
        vault.restore(backup.path)
    assert vault.is_open
    vault.close()
    elsewhere = VaultLocation(resolve_paths(tmp_path / "elsewhere"), MemoryKeychain(), FAST_COST)
    restored = elsewhere.restore(backup.path, recovery_key=created.recovery_key)
    assert names(restored) == [MARKER]
    restored.close()


def test_while_another_rekey_runs_nothing_of_it_is_settled_or_started(
    location: VaultLocation, data_dir: Path
) -> None:
    created = location.create()
    created.vault.close()
    (data_dir / rekey.NEXT_KEY_FILE).write_bytes(b"{}")  # as another process is mid re-key
    with rekey._exclusive(location.paths) as held:
        assert held
        with pytest.raises(VaultBusy, match="being re-keyed"):
            location.unlock()
        assert (data_dir / rekey.NEXT_KEY_FILE).exists()  # its files are left alone
    vault = location.unlock()  # once it is gone, the half-made re-key is undone
    assert not (data_dir / rekey.NEXT_KEY_FILE).exists()
    with rekey._exclusive(location.paths), pytest.raises(VaultBusy, match="being re-keyed"):
        vault.rekey(new_recovery_key())
    assert vault.is_open
    vault.close()
