"""The vault key in one buffer that locking overwrites.

Python's `bytes` and `str` can't be changed once made, and memory they free is not
cleared, so a key held in them stays readable in the process (and in a core dump)
long after lock. The key therefore lives in a `bytearray` that `wipe()` zeroes in
place, and every use borrows it:
- SQLCipher gets it as a buffer (`set_key`, or a bound blob for ATTACH), never as
  SQL text; SQLCipher keeps its own copy inside the connection and, with
  `cipher_memory_security` on, zeroes it when the connection closes;
- keys derived from it (the audit MAC key) are kept beside it and wiped with it.

Where Python has to make an immutable copy, it says so: `hex()` (the keychain
stores text) and a `bytes` key handed in by a caller.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import Callable, Iterator

_HEX_DIGITS = b"0123456789abcdef"


class SecretKey:
    """A 256-bit key that can be zeroed; it never prints, pickles or compares by identity."""

    __slots__ = ("_buffer", "_derived", "_wiped")

    def __init__(self, raw: bytes | bytearray | memoryview) -> None:
        self._buffer = bytearray(raw)
        self._derived: dict[bytes, bytearray] = {}
        self._wiped = False

    @classmethod
    def from_hex(cls, text: str) -> SecretKey:
        """The key behind the keychain's text (parsed straight into the buffer)."""
        key = cls(b"")
        key._buffer = bytearray.fromhex(text)
        return key

    @classmethod
    def of(cls, key: SecretKey | bytes | bytearray) -> SecretKey:
        """`key` itself, or a SecretKey holding a copy of raw bytes (tests, old callers)."""
        return key if isinstance(key, SecretKey) else cls(key)

    @property
    def raw(self) -> bytearray:
        """The buffer itself, not a copy: use it at once and keep no reference."""
        return self._buffer

    def hex(self) -> str:
        """The key as text, for the keychain only: a str Python can never wipe."""
        return self._buffer.hex()

    @contextlib.contextmanager
    def sqlcipher_form(self) -> Iterator[bytearray]:
        """The raw-key form SQLCipher reads, x'<64 hex digits>', wiped when the block ends."""
        text = bytearray(3 + 2 * len(self._buffer))
        text[0:2], text[-1:] = b"x'", b"'"
        for i, byte in enumerate(self._buffer):
            text[2 + 2 * i] = _HEX_DIGITS[byte >> 4]
            text[3 + 2 * i] = _HEX_DIGITS[byte & 0x0F]
        try:
            yield text
        finally:
            _zero(text)

    def derived(self, info: bytes, derive: Callable[[bytearray, bytearray], None]) -> bytearray:
        """A key derived from this one (made once per `info`), wiped together with it."""
        found = self._derived.get(info)
        if found is None:
            found = bytearray(32)
            derive(self._buffer, found)
            self._derived[info] = found
        return found

    def copy(self) -> SecretKey:
        """A second, independent buffer (for a vault reopened after this one is wiped)."""
        return SecretKey(self._buffer)

    def wipe(self) -> None:
        """Zero the key and every key derived from it, in place."""
        _zero(self._buffer)
        for buffer in self._derived.values():
            _zero(buffer)
        self._derived.clear()
        self._wiped = True

    @property
    def wiped(self) -> bool:
        return self._wiped

    def __bool__(self) -> bool:
        return not self._wiped and len(self._buffer) > 0

    def __len__(self) -> int:
        return len(self._buffer)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SecretKey):
            other = other._buffer
        if not isinstance(other, (bytes, bytearray)):
            return NotImplemented
        return hmac.compare_digest(self._buffer, other)

    __hash__ = None  # type: ignore[assignment]  # mutable: never a dict key

    def __repr__(self) -> str:
        return "SecretKey(wiped)" if self._wiped else "SecretKey(…)"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a SecretKey is never pickled")


def _zero(buffer: bytearray) -> None:
    # Slice assignment of the same length writes into the existing allocation.
    buffer[:] = bytes(len(buffer))
