"""The HMAC chain's arithmetic, and the SQL functions the audit triggers call."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from boundary_desk.storage.keys.secret_key import SecretKey

_SEPARATOR = "\x1f"


_AUDIT_INFO = b"boundary-desk audit v1"


def audit_key(vault_key: SecretKey | bytes) -> bytearray:
    """A key for the audit MACs only, derived from the vault key (and wiped with it)."""

    def derive(material: bytearray, into: bytearray) -> None:
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_AUDIT_INFO).derive_into(
            material, into
        )

    return SecretKey.of(vault_key).derived(_AUDIT_INFO, derive)


def set_up_ahead() -> None:
    """Pay OpenSSL's one-time setup for the audit's HKDF and HMAC now (about 0.5 ms).

    Called while the unlock screen waits for the passphrase (services.session.load_ahead),
    so the unlock itself doesn't. Only a throwaway all-zero key is used, then wiped.
    """
    throwaway = SecretKey(bytes(32))
    try:
        chain_mac(audit_key(throwaway), None, "", "", "", None, None, sha256_text(""))
    finally:
        throwaway.wipe()


def sha256_text(text: str | None) -> str:
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


def chain_mac(
    key: bytes | bytearray,
    prev: str | None,
    at: str,
    action: str,
    table: str,
    row_key: object,
    client_id: object,
    payload_hash: str,
) -> str:
    fields = [
        prev or "",
        at,
        action,
        table,
        "" if row_key is None else str(row_key),
        "" if client_id is None else str(client_id),
        payload_hash,
    ]
    return hmac.new(key, _SEPARATOR.join(fields).encode("utf-8"), hashlib.sha256).hexdigest()


def register_functions(conn: Any, vault_key: SecretKey | bytes) -> None:
    """Register bd_audit_mac and bd_sha256 on a connection (every connection needs them)."""
    key = audit_key(vault_key)

    def mac(
        prev: str | None,
        at: str,
        action: str,
        table: str,
        row_key: object,
        client_id: object,
        payload_hash: str,
    ) -> str:
        return chain_mac(key, prev, at, action, table, row_key, client_id, payload_hash)

    conn.create_function("bd_audit_mac", 7, mac, deterministic=True)
    conn.create_function("bd_sha256", 1, sha256_text, deterministic=True)
