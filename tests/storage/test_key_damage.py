"""A damaged key file or a wrong keychain key is named for what it is, in one sentence."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from boundary_desk.storage.errors import (
    KeychainEntryMissing,
    KeychainKeyWrong,
    VaultDamaged,
    WrongPassphrase,
)
from boundary_desk.storage.keys.wrap import new_vault_key
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from tests.conftest import FAST_COST, PASSPHRASE
from tests.fakes import MemoryKeychain


@pytest.fixture
def passphrase_location(data_dir: Path) -> VaultLocation:
    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False), FAST_COST)
    location.create(passphrase=PASSPHRASE).vault.close()
    return location


def edit_key_file(data_dir: Path, change) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((data_dir / "vault.key").read_text())
    change(doc)
    (data_dir / "vault.key").write_text(json.dumps(doc))


@pytest.mark.parametrize("content", [b"[]", b"null", b"42", b'"text"', b"[" * 100_000])
def test_a_key_file_that_is_not_an_object_is_one_sentence(
    location: VaultLocation, data_dir: Path, content: bytes
) -> None:
    location.create().vault.close()
    (data_dir / "vault.key").write_bytes(content)
    with pytest.raises(VaultDamaged, match="key file"):
        location.unlock()
    with pytest.raises(VaultDamaged, match="key file"):
        location.key_mode()


def test_a_wrap_that_is_not_an_object_is_damage(location: VaultLocation, data_dir: Path) -> None:
    location.create().vault.close()
    edit_key_file(data_dir, lambda doc: doc["wraps"].update(recovery=[1, 2]))
    with pytest.raises(VaultDamaged, match="key file"):
        location.unlock()


def test_huge_key_stretching_in_the_key_file_is_refused_at_once(
    passphrase_location: VaultLocation, data_dir: Path
) -> None:
    edit_key_file(data_dir, lambda doc: doc["wraps"]["passphrase"].update(iterations=10_000_000))
    started = time.monotonic()
    with pytest.raises(VaultDamaged, match="damaged"):
        passphrase_location.unlock(passphrase=PASSPHRASE)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda w: w.update(nonce=w["nonce"][:-4]),
        lambda w: w.update(ciphertext=w["ciphertext"][:20]),
        lambda w: w.update(salt="%%%"),
        lambda w: w.pop("ciphertext"),
    ],
)
def test_a_garbled_passphrase_entry_is_damage_not_a_wrong_passphrase(
    passphrase_location: VaultLocation, data_dir: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    edit_key_file(data_dir, lambda doc: damage(doc["wraps"]["passphrase"]))
    with pytest.raises(VaultDamaged, match="damaged") as raised:
        passphrase_location.unlock(passphrase=PASSPHRASE)
    assert not isinstance(raised.value, WrongPassphrase)


def test_an_intact_entry_with_the_wrong_passphrase_is_still_a_wrong_passphrase(
    passphrase_location: VaultLocation,
) -> None:
    with pytest.raises(WrongPassphrase):
        passphrase_location.unlock(passphrase="not the passphrase at all")


@pytest.mark.parametrize("stored", ["wrong", "abcd", None])
def test_a_wrong_key_in_the_keychain_is_named_as_such(
    location: VaultLocation, keychain: MemoryKeychain, data_dir: Path, stored: str | None
) -> None:
    created = location.create()
    created.vault.close()
    (vault_id,) = keychain.entries
    keychain.entries[vault_id] = stored or new_vault_key().hex()  # a valid key, not this one's
    with pytest.raises(KeychainKeyWrong, match="key in the system keychain doesn't open") as err:
        location.unlock()
    assert isinstance(err.value, KeychainEntryMissing)  # the unlock screen offers recovery
    location.unlock(recovery_key=created.recovery_key).close()
