"""Creating, unlocking and recovering a vault, and every way it can refuse."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    MalformedRecoveryKey,
    PassphraseRequired,
    VaultDamaged,
    VaultExists,
    VaultMissing,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from boundary_desk.storage.keys.key_file import KeyMode
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.storage.vault.state import VaultState
from tests.conftest import PASSPHRASE
from tests.fakes import MemoryKeychain

MARKER = "Quillfeather-7Q3"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash, to prove nothing changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_marker_client(location: VaultLocation, **unlock: str) -> None:
    services = Services.open(location.unlock(**unlock))
    services.clients.add(Client(code="", display_name=MARKER))
    services.close()


def test_new_vault_uses_the_keychain_when_one_works(location: VaultLocation, keychain) -> None:
    created = location.create()
    assert created.vault.key_mode is KeyMode.KEYCHAIN
    assert created.fallback_reason is None
    assert list(keychain.entries) == [created.vault.key_file.vault_id]
    created.vault.close()
    reopened = location.unlock()
    assert reopened.status().schema_version >= 1
    reopened.close()


def test_without_a_keychain_it_falls_back_to_a_passphrase_and_says_so(data_dir: Path) -> None:
    from boundary_desk.system.paths import resolve_paths
    from tests.conftest import FAST_COST

    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)
    with pytest.raises(PassphraseRequired, match="No working system keychain"):
        location.create()
    assert location.state() is VaultState.ABSENT
    created = location.create(passphrase=PASSPHRASE)
    assert created.vault.key_mode is KeyMode.PASSPHRASE
    assert "No working system keychain" in (created.fallback_reason or "")
    created.vault.close()


def test_strict_mode_always_asks_for_the_passphrase(location: VaultLocation, keychain) -> None:
    with pytest.raises(PassphraseRequired):
        location.create(strict=True)
    created = location.create(passphrase=PASSPHRASE, strict=True)
    created.vault.close()
    assert keychain.entries == {}
    with pytest.raises(PassphraseRequired):
        location.unlock()
    location.unlock(passphrase=PASSPHRASE).close()


@pytest.mark.parametrize("weak", ["short", "       x       ", "p" * 1025])
def test_weak_passphrases_are_refused_before_anything_is_written(
    location: VaultLocation, data_dir: Path, weak: str
) -> None:
    with pytest.raises(WeakPassphrase):
        location.create(passphrase=weak, strict=True)
    assert not data_dir.exists() or snapshot(data_dir) == {}


def test_wrong_passphrase_changes_nothing(location: VaultLocation, data_dir: Path) -> None:
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()
    add_marker_client(location, passphrase=PASSPHRASE)
    before = snapshot(data_dir)
    with pytest.raises(WrongPassphrase, match="does not unlock"):
        location.unlock(passphrase="a calm harbour at dawn")
    assert snapshot(data_dir) == before
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    assert [c.display_name for c in services.clients.list()] == [MARKER]
    services.close()


def test_lost_keychain_entry_is_recovered_with_the_recovery_key(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    created = location.create()
    created.vault.close()
    add_marker_client(location)
    keychain.entries.clear()
    with pytest.raises(KeychainEntryMissing, match="recovery key"):
        location.unlock()
    with pytest.raises(WrongRecoveryKey):
        from boundary_desk.storage.keys.recovery_key import new_recovery_key

        location.recover(new_recovery_key(), "a brand new passphrase")
    with pytest.raises(MalformedRecoveryKey):
        location.recover("not a key", "a brand new passphrase")
    vault = location.recover(created.recovery_key.lower(), "a brand new passphrase")
    assert vault.key_mode is KeyMode.PASSPHRASE
    vault.close()
    services = Services.open(location.unlock(passphrase="a brand new passphrase"))
    assert [c.display_name for c in services.clients.list()] == [MARKER]
    services.close()
    # The printed kit stays valid after recovery.
    location.unlock(recovery_key=created.recovery_key).close()


def test_recovery_with_a_weak_new_passphrase_changes_nothing(
    location: VaultLocation, data_dir: Path
) -> None:
    created = location.create()
    created.vault.close()
    before = snapshot(data_dir)
    with pytest.raises(WeakPassphrase):
        location.recover(created.recovery_key, "short")
    assert snapshot(data_dir) == before


def test_never_creates_a_vault_over_an_existing_one(
    location: VaultLocation, data_dir: Path
) -> None:
    location.create().vault.close()
    before = snapshot(data_dir)
    with pytest.raises(VaultExists):
        location.create()
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("missing", ["vault.db", "vault.key"])
def test_half_a_vault_is_reported_and_never_replaced(
    location: VaultLocation, data_dir: Path, missing: str
) -> None:
    location.create().vault.close()
    (data_dir / missing).rename(data_dir.parent / f"moved-{missing}")
    before = snapshot(data_dir)
    with pytest.raises(VaultDamaged, match="missing"):
        location.unlock()
    with pytest.raises(VaultExists):
        location.create()
    assert snapshot(data_dir) == before


def test_no_vault_at_all_says_how_to_create_one(location: VaultLocation) -> None:
    with pytest.raises(VaultMissing, match="boundary-desk init"):
        location.unlock()


def test_a_damaged_first_page_is_refused_and_the_file_left_untouched(
    location: VaultLocation, data_dir: Path
) -> None:
    # A passphrase vault: its key is authenticated, so a page that fails is damage.
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()
    add_marker_client(location, passphrase=PASSPHRASE)
    db = data_dir / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[200] ^= 0xFF  # the page holding the schema, read (and authenticated) at every unlock
    db.write_bytes(bytes(raw))
    before = snapshot(data_dir)
    with pytest.raises(VaultDamaged, match="has not been changed"):
        location.unlock(passphrase=PASSPHRASE)
    assert snapshot(data_dir) == before


def test_a_damaged_page_the_unlock_does_not_read_is_left_to_the_full_check(
    location: VaultLocation, data_dir: Path
) -> None:
    """The unlock no longer reads every page; the damage stays where it is, and is found."""
    location.create().vault.close()
    add_marker_client(location)
    db = data_dir / "vault.db"
    raw = bytearray(db.read_bytes())
    assert len(raw) >= 8192
    raw[4096 + 200] ^= 0xFF  # one flipped byte in the second page
    db.write_bytes(bytes(raw))
    vault = location.unlock()
    try:
        found = vault.check_integrity(datetime.now(UTC))
        assert not found.passed
        assert "fails its authentication" in " ".join(found.problems)
    finally:
        vault.close()
    assert db.read_bytes()[4096 + 200] == raw[4096 + 200]  # never overwritten by a new vault


def test_truncated_file_is_detected(location: VaultLocation, data_dir: Path) -> None:
    location.create().vault.close()
    db = data_dir / "vault.db"
    db.write_bytes(db.read_bytes()[:1000])
    before = snapshot(data_dir)
    with pytest.raises(VaultDamaged):
        location.unlock()
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", json.dumps({"format": "something-else"}).encode()],
)
def test_damaged_key_file_is_a_clear_message(
    location: VaultLocation, data_dir: Path, content: bytes
) -> None:
    location.create().vault.close()
    (data_dir / "vault.key").write_bytes(content)
    with pytest.raises(VaultDamaged, match="key file"):
        location.unlock()


def test_key_file_from_a_newer_app_is_refused(location: VaultLocation, data_dir: Path) -> None:
    location.create().vault.close()
    doc = json.loads((data_dir / "vault.key").read_text())
    doc["version"] = 99
    (data_dir / "vault.key").write_text(json.dumps(doc))
    with pytest.raises(VaultDamaged, match="newer Boundary Desk"):
        location.unlock()


def test_files_are_private_and_hold_no_plaintext(location: VaultLocation, data_dir: Path) -> None:
    location.create(passphrase=PASSPHRASE, strict=True).vault.close()
    add_marker_client(location, passphrase=PASSPHRASE)
    assert data_dir.stat().st_mode & 0o777 == 0o700
    for path in data_dir.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path
        if path.is_file():
            data = path.read_bytes()
            assert MARKER.encode() not in data, path
            assert b"SQLite format 3" not in data[:16], path
            assert PASSPHRASE.encode() not in data, path


def test_status_reports_versions_and_counts(services: Services) -> None:
    services.clients.add(Client(code="", display_name="A"))
    archived = services.clients.add(Client(code="", display_name="B"))
    services.clients.set_archived(archived.id or 0, True)
    status = services.vault.status()
    assert status.cipher_version.startswith("4.")
    assert status.counts == {"clients": 1, "archived_clients": 1}
    assert status.key_mode == "keychain"


def test_after_recovery_the_keychain_can_hold_the_key_again(
    location: VaultLocation, keychain: MemoryKeychain, data_dir: Path
) -> None:
    created = location.create()
    created.vault.close()
    keychain.entries.clear()
    vault = location.recover(created.recovery_key, "a brand new passphrase")
    vault.use_keychain()
    vault.close()
    assert location.key_mode() is KeyMode.KEYCHAIN
    assert "passphrase" not in json.loads((data_dir / "vault.key").read_text())["wraps"]
    location.unlock().close()
    location.unlock(recovery_key=created.recovery_key).close()


def test_switching_to_the_keychain_without_one_changes_nothing(data_dir: Path) -> None:
    from boundary_desk.storage.errors import KeychainUnavailable
    from boundary_desk.system.paths import resolve_paths
    from tests.conftest import FAST_COST

    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)
    vault = location.create(passphrase=PASSPHRASE).vault
    before = json.loads((data_dir / "vault.key").read_bytes())
    with pytest.raises(KeychainUnavailable, match="keeps using your passphrase"):
        vault.use_keychain()
    vault.close()
    after = json.loads((data_dir / "vault.key").read_bytes())
    # Only the audit trail's anchored head moves (at lock); mode and wraps are as they were.
    assert {**after, "audit_head": None} == {**before, "audit_head": None}
    location.unlock(passphrase=PASSPHRASE).close()


def test_switching_to_a_passphrase_removes_the_keychain_entry(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    vault = location.create().vault
    vault.set_passphrase("a brand new passphrase")
    vault.close()
    assert keychain.entries == {}
    location.unlock(passphrase="a brand new passphrase").close()


def test_a_disk_that_refuses_writes_at_unlock_is_one_clear_sentence(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlcipher3

    from boundary_desk.storage.audit import trail as audit
    from boundary_desk.storage.errors import StorageUnavailable

    location.create().vault.close()

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise sqlcipher3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(audit, "record", read_only)
    with pytest.raises(StorageUnavailable, match="read-only disk"):
        location.unlock()
