"""How long a master passphrase must be (and may be)."""

from __future__ import annotations

from boundary_desk.storage.errors import WeakPassphrase
from boundary_desk.system.i18n import _

MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases that are too short to protect clinical records."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakPassphrase(
            _(
                "Choose a passphrase of at least {count} characters. A short "
                "sentence is easy to remember and hard to guess."
            ).format(count=MIN_PASSPHRASE)
        )
    if len(passphrase) > MAX_PASSPHRASE:
        raise WeakPassphrase(
            _("A passphrase can be at most {count} characters.").format(count=MAX_PASSPHRASE)
        )
