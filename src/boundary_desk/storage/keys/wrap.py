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
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.cost import DEFAULT_COST as DEFAULT_COST
from boundary_desk.storage.keys.cost import Argon2Cost as Argon2Cost  # re-exported
from boundary_desk.storage.keys.secret_key import SecretKey

VAULT_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
SEALED_BYTES = VAULT_KEY_BYTES + 16  # the key and its GCM tag
# What a key file may ask of Argon2id. Beyond these, unlocking would take minutes or
# exhaust memory, which no Boundary Desk ever writes: the file has been altered.
MEMORY_KIB_RANGE = (1024, 4 * 1024 * 1024)
ITERATIONS_RANGE = (1, 64)
LANES_RANGE = (1, 64)


class UnwrapFailed(Exception):
    """The secret does not open this intact wrap (a wrong secret, or altered ciphertext)."""


class WrapDamaged(VaultDamaged):
    """The wrap is malformed, so no secret could open it: damage, not a wrong secret."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The key file vault.key is damaged: one of its key entries can't be read "
            f"({detail}), whatever is typed. It has not been changed; put vault.key back "
            "from a backup, or unlock with your recovery key."
        )


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
    """The vault key inside `wrap`; UnwrapFailed for a wrong secret, WrapDamaged if malformed."""
    kdf, salt, nonce, sealed = _parts(wrap)
    key = SecretKey(bytes(VAULT_KEY_BYTES))
    with _kek(kdf, wrap, secret, salt) as kek:
        try:
            AESGCM(kek).decrypt_into(nonce, sealed, aad, key.raw)
        except InvalidTag as exc:
            key.wipe()
            raise UnwrapFailed("the secret does not open this wrap") from exc
    return key


def _kek(
    kdf: str, wrap: dict[str, Any], secret: str | bytes, salt: bytes
) -> contextlib.AbstractContextManager[bytearray]:
    if kdf == "argon2id":
        if not isinstance(secret, str):
            raise WrapDamaged("a passphrase entry where another kind was expected")
        return _argon2(secret, salt, _bounded_cost(wrap))
    if not isinstance(secret, bytes):
        raise WrapDamaged("a recovery entry where another kind was expected")
    return _hkdf(secret, salt)


def _parts(wrap: object) -> tuple[str, bytes, bytes, bytes]:
    """The wrap's kdf name, salt, nonce and sealed key, each checked for shape."""
    if not isinstance(wrap, dict):
        raise WrapDamaged("an entry is not an object")
    kdf = wrap.get("kdf")
    if kdf not in ("argon2id", "hkdf-sha256"):
        raise WrapDamaged("an unknown key derivation")
    fields = []
    for name, size in (("salt", SALT_BYTES), ("nonce", NONCE_BYTES), ("ciphertext", SEALED_BYTES)):
        value = wrap.get(name)
        try:
            raw = _unb64(value) if isinstance(value, str) else None
        except ValueError:
            raw = None
        if raw is None or len(raw) != size:
            raise WrapDamaged(f"its {name} is missing or the wrong length")
        fields.append(raw)
    return str(kdf), fields[0], fields[1], fields[2]


def _bounded_cost(wrap: dict[str, Any]) -> Argon2Cost:
    values = []
    for name, (low, high) in (
        ("memory_kib", MEMORY_KIB_RANGE),
        ("iterations", ITERATIONS_RANGE),
        ("lanes", LANES_RANGE),
    ):
        value = wrap.get(name)
        if type(value) is not int or not low <= value <= high:
            raise WrapDamaged(f"its {name.replace('_', ' ')} is out of range")
        values.append(value)
    memory, iterations, lanes = values
    if memory < 8 * lanes:
        raise WrapDamaged("its memory cost is too small for its lanes")
    return Argon2Cost(memory, iterations, lanes)


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
