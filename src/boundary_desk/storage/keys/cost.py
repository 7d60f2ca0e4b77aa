"""How hard Argon2id works to turn a passphrase into a key: the cost, without the crypto.

Apart from `wrap` so that naming a vault's place (and its cost) loads no cryptography
library: the app's first window does that, and unlocks nothing yet.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Argon2Cost:
    """Argon2id cost; RFC 9106's second recommended setting by default (64 MiB, t=3, p=4)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4


DEFAULT_COST = Argon2Cost()
