"""Wrapping the vault key: Argon2id (passphrase) or HKDF (recovery key), then AES-256-GCM.

The vault key is a random 256-bit value. It is never derived from the passphrase,
so changing the passphrase only rewraps the key and never re-encrypts the vault.
The key and the wrapping keys are made straight into buffers that are zeroed after
use (`*_into`), so no immutable copy of them is left in memory.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from boundary_desk.storage.secret_key import SecretKey

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


def new_vault_key() -> SecretKey:
    """256 random bits, read straight into the key's buffer where the OS allows it."""
    key = SecretKey(bytes(VAULT_KEY_BYTES))
    try:
        with open("/dev/urandom", "rb", buffering=0) as source:
            filled = source.readinto(key.raw)
    except OSError:
        filled = 0
    if filled != VAULT_KEY_BYTES:
        # No /dev/urandom (Windows): the random bytes pass through a bytes object
        # Python can't wipe.
        key.raw[:] = secrets.token_bytes(VAULT_KEY_BYTES)
    return key


def wrap_with_passphrase(
    vault_key: SecretKey | bytes, passphrase: str, aad: bytes, cost: Argon2Cost = DEFAULT_COST
) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    params = {
        "kdf": "argon2id",
        "salt": _b64(salt),
        "memory_kib": cost.memory_kib,
        "iterations": cost.iterations,
        "lanes": cost.lanes,
    }
    with _argon2(passphrase, salt, cost) as kek:
        return {**params, **_seal(kek, vault_key, aad)}


def wrap_with_secret(vault_key: SecretKey | bytes, secret: bytes, aad: bytes) -> dict[str, Any]:
    """Wrap for a high-entropy secret (the recovery key): HKDF is enough, no stretching."""
    salt = secrets.token_bytes(16)
    with _hkdf(secret, salt) as kek:
        return {"kdf": "hkdf-sha256", "salt": _b64(salt), **_seal(kek, vault_key, aad)}


def unwrap(wrap: dict[str, Any], secret: str | bytes, aad: bytes) -> SecretKey:
    """The vault key inside `wrap`, or UnwrapFailed."""
    key = SecretKey(bytes(VAULT_KEY_BYTES))
    try:
        salt = _unb64(wrap["salt"])
        sealed = _unb64(wrap["ciphertext"])
        if len(sealed) != VAULT_KEY_BYTES + 16:
            raise UnwrapFailed("unexpected key length")
        with _kek(wrap, secret, salt) as kek:
            AESGCM(kek).decrypt_into(_unb64(wrap["nonce"]), sealed, aad, key.raw)
    except (InvalidTag, KeyError, ValueError, TypeError) as exc:
        key.wipe()
        raise UnwrapFailed(type(exc).__name__) from exc
    return key


def _kek(
    wrap: dict[str, Any], secret: str | bytes, salt: bytes
) -> contextlib.AbstractContextManager[bytearray]:
    if wrap["kdf"] == "argon2id":
        if not isinstance(secret, str):
            raise UnwrapFailed("a passphrase wrap needs a passphrase")
        cost = Argon2Cost(int(wrap["memory_kib"]), int(wrap["iterations"]), int(wrap["lanes"]))
        return _argon2(secret, salt, cost)
    if wrap["kdf"] == "hkdf-sha256":
        if not isinstance(secret, bytes):
            raise UnwrapFailed("a recovery wrap needs the recovery secret")
        return _hkdf(secret, salt)
    raise UnwrapFailed(f"unknown key derivation {wrap['kdf']!r}")


@contextlib.contextmanager
def _argon2(passphrase: str, salt: bytes, cost: Argon2Cost) -> Iterator[bytearray]:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    )
    with _wiped_after(bytearray(32)) as kek:
        kdf.derive_into(passphrase.encode("utf-8"), kek)
        yield kek


@contextlib.contextmanager
def _hkdf(secret: bytes, salt: bytes) -> Iterator[bytearray]:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"boundary-desk recovery")
    with _wiped_after(bytearray(32)) as kek:
        kdf.derive_into(secret, kek)
        yield kek


@contextlib.contextmanager
def _wiped_after(buffer: bytearray) -> Iterator[bytearray]:
    try:
        yield buffer
    finally:
        buffer[:] = bytes(len(buffer))


def _seal(kek: bytearray, vault_key: SecretKey | bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    plain = SecretKey.of(vault_key).raw
    return {"nonce": _b64(nonce), "ciphertext": _b64(AESGCM(kek).encrypt(nonce, plain, aad))}


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
