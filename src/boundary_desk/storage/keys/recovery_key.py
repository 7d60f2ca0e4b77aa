"""The printed recovery key: 160 random bits in base32, with a checksum group.

The checksum lets the app say "that key has a typo" before trying to unlock, and
the look-alike digits 0, 1 and 8 are read as O, I and B because base32 has none.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from boundary_desk.storage.errors import MalformedRecoveryKey
from boundary_desk.system.i18n import _

_ENTROPY_BYTES = 20  # 160 bits: 32 base32 characters
_BODY_CHARS = 32
_CHECK_CHARS = 4
_GROUP = 4
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_key() -> str:
    """A fresh recovery key, formatted for printing."""
    body = base64.b32encode(secrets.token_bytes(_ENTROPY_BYTES)).decode("ascii")
    return _format(body + _checksum(body))


def normalise_recovery_key(text: str) -> str:
    """The canonical printed form of `text`, or MalformedRecoveryKey with the reason."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    expected = _BODY_CHARS + _CHECK_CHARS
    if len(cleaned) != expected:
        raise MalformedRecoveryKey(
            _(
                "A recovery key has {expected} letters and digits in groups of four "
                "(this has {count}). Check it against your Emergency Kit."
            ).format(expected=expected, count=len(cleaned))
        )
    body, check = cleaned[:_BODY_CHARS], cleaned[_BODY_CHARS:]
    try:
        base64.b32decode(body)
    except ValueError:
        raise MalformedRecoveryKey(
            _(
                "A recovery key uses only the letters A–Z and the digits 2–7. "
                "Check it against your Emergency Kit."
            )
        ) from None
    if _checksum(body) != check:
        raise MalformedRecoveryKey(
            _(
                "That recovery key has a typo: its last group does not match the rest. "
                "Check it against your Emergency Kit."
            )
        )
    return _format(cleaned)


def recovery_key_secret(text: str) -> bytes:
    """The secret bytes behind a (normalised or typed) recovery key."""
    canonical = normalise_recovery_key(text).replace("-", "")
    return base64.b32decode(canonical[:_BODY_CHARS])


def _checksum(body: str) -> str:
    digest = hashlib.sha256(body.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:_CHECK_CHARS]


def _format(chars: str) -> str:
    return "-".join(chars[i : i + _GROUP] for i in range(0, len(chars), _GROUP))
