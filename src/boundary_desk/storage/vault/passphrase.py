"""How long a master passphrase must be (and may be)."""

from __future__ import annotations

from boundary_desk.storage.errors import WeakPassphrase

MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases that are too short to protect clinical records."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakPassphrase(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters. A short "
            "sentence is easy to remember and hard to guess."
        )
    if len(passphrase) > MAX_PASSPHRASE:
        raise WeakPassphrase(f"A passphrase can be at most {MAX_PASSPHRASE} characters.")
