"""The vault key lives in one buffer that closing the vault overwrites, and never in SQL text."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import sqlcipher3

from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.storage.db import connection
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.location import VaultLocation


def test_closing_the_vault_overwrites_its_key_and_the_keys_made_from_it(
    location: VaultLocation,
) -> None:
    vault = location.create().vault
    key, audit_key = vault._vault_key.raw, vault._vault_key.derived(b"boundary-desk audit v1", _no)
    assert any(key) and any(audit_key)

    vault.close()

    assert not vault.is_open
    assert key == bytes(32) and audit_key == bytes(32)


def test_a_backup_keeps_its_own_copy_and_wipes_it(location: VaultLocation) -> None:
    vault = location.create().vault
    vault.backup()
    assert vault.is_open and vault.verify_audit().intact  # the vault's own key untouched
    vault.close()


def test_no_sql_text_ever_carries_the_key(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements: list[str] = []
    real_connect = sqlcipher3.connect

    def traced_connect(*args: Any, **kwargs: Any) -> Any:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection.sqlcipher3, "connect", traced_connect)
    services = Services.open(location.create().vault)
    hex_key = services.vault._vault_key.hex()
    take_backup(services)  # opens a second connection and ATTACHes an encrypted copy
    services.close()
    location.unlock().close()

    assert statements
    assert not [s for s in statements if hex_key in s.lower()]


def test_the_sqlcipher_form_is_wiped_after_use() -> None:
    key = SecretKey(bytes(range(32)))
    with key.sqlcipher_form() as text:
        assert bytes(text) == b"x'" + bytes(range(32)).hex().encode() + b"'"
    assert text == bytes(len(text))


def test_a_key_never_shows_or_pickles() -> None:
    key = SecretKey(b"\x01" * 32)
    assert "01" not in repr(key) and "\\x01" not in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    key.wipe()
    assert not key and repr(key) == "SecretKey(wiped)"


def test_the_keychain_text_becomes_the_same_key() -> None:
    key = SecretKey(bytes(range(32)))
    assert SecretKey.from_hex(key.hex()) == key


def _no(material: bytearray, into: bytearray) -> None:
    raise AssertionError("the audit key was made when the vault opened")
