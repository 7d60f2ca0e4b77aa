"""Wrapping the vault key: Argon2id (passphrase) or HKDF (recovery key), then AES-256-GCM.

The vault key is a random 256-bit value. It is never derived from the passphrase,
so changing the passphrase only rewraps the key and never re-encrypts the vault.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VAULT_KEY_BYTES = 32


@dataclass(frozen=True)
class Argon2Cost:
    """Argon2id cost; RFC 9106's second recommended setting by default (64 MiB, t=3, p=4)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


DEFAULT_COST = Argon2Cost()


class UnwrapFailed(Exception):
    """The secret does not open this wrap (wrong secret, or the wrap was altered)."""


def new_vault_key() -> bytes:
    return secrets.token_bytes(VAULT_KEY_BYTES)


def wrap_with_passphrase(
    vault_key: bytes, passphrase: str, aad: bytes, cost: Argon2Cost = DEFAULT_COST
) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = _argon2(passphrase, salt, cost)
    params = {
        "kdf": "argon2id",
        "salt": _b64(salt),
        "memory_kib": cost.memory_kib,
        "iterations": cost.iterations,
        "lanes": cost.lanes,
    }
    return {**params, **_seal(kek, vault_key, aad)}


def wrap_with_secret(vault_key: bytes, secret: bytes, aad: bytes) -> dict[str, Any]:
    """Wrap for a high-entropy secret (the recovery key): HKDF is enough, no stretching."""
    salt = secrets.token_bytes(16)
    kek = _hkdf(secret, salt)
    return {"kdf": "hkdf-sha256", "salt": _b64(salt), **_seal(kek, vault_key, aad)}


def unwrap(wrap: dict[str, Any], secret: str | bytes, aad: bytes) -> bytes:
    """The vault key inside `wrap`, or UnwrapFailed."""
    try:
        salt = _unb64(wrap["salt"])
        if wrap["kdf"] == "argon2id":
            if not isinstance(secret, str):
                raise UnwrapFailed("a passphrase wrap needs a passphrase")
            cost = Argon2Cost(int(wrap["memory_kib"]), int(wrap["iterations"]), int(wrap["lanes"]))
            kek = _argon2(secret, salt, cost)
        elif wrap["kdf"] == "hkdf-sha256":
            if not isinstance(secret, bytes):
                raise UnwrapFailed("a recovery wrap needs the recovery secret")
            kek = _hkdf(secret, salt)
        else:
            raise UnwrapFailed(f"unknown key derivation {wrap['kdf']!r}")
        key = AESGCM(kek).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["ciphertext"]), aad)
    except (InvalidTag, KeyError, ValueError, TypeError) as exc:
        raise UnwrapFailed(type(exc).__name__) from exc
    if len(key) != VAULT_KEY_BYTES:
        raise UnwrapFailed("unexpected key length")
    return key


def _argon2(passphrase: str, salt: bytes, cost: Argon2Cost) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def _hkdf(secret: bytes, salt: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"boundary-desk recovery"
    ).derive(secret)


def _seal(kek: bytes, vault_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ciphertext": _b64(AESGCM(kek).encrypt(nonce, vault_key, aad))}


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
