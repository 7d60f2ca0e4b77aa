"""Getting a passphrase: from the environment, else a terminal prompt, else a clear refusal."""

from __future__ import annotations

import getpass
import sys

from boundary_desk.cli.text_input import text_variable, typed
from boundary_desk.errors import InvalidInput
from boundary_desk.services.session import PassphraseRequired

PASSPHRASE_ENV = "BOUNDARY_DESK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "BOUNDARY_DESK_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "BOUNDARY_DESK_RECOVERY_KEY"


def current_passphrase() -> str:
    """The passphrase of an existing vault."""
    supplied = text_variable(PASSPHRASE_ENV)
    if supplied is not None:
        return supplied
    if not sys.stdin.isatty():
        raise PassphraseRequired(
            f"This vault is locked with a passphrase: set {PASSPHRASE_ENV} or run the "
            "command in a terminal."
        )
    return typed(getpass.getpass, "Vault passphrase: ")


def new_passphrase(*env_names: str) -> str:
    """A passphrase being chosen: from the first set variable, else typed twice."""
    for name in env_names:
        supplied = text_variable(name)
        if supplied is not None:
            return supplied
    if not sys.stdin.isatty():
        names = " or ".join(env_names)
        raise PassphraseRequired(
            f"A new passphrase is needed: set {names}, or run the command in a terminal."
        )
    first = typed(getpass.getpass, "Choose a passphrase (at least 8 characters): ")
    second = typed(getpass.getpass, "Type it again: ")
    if first != second:
        raise InvalidInput("The two passphrases differ. Nothing was changed; try again.")
    return first


def recovery_key() -> str:
    """The recovery key: from the environment, or typed without echo; never an argument."""
    supplied = text_variable(RECOVERY_KEY_ENV)
    if supplied:
        return supplied
    if not sys.stdin.isatty():
        raise PassphraseRequired(
            f"Type the recovery key at the prompt (run the command in a terminal), or set "
            f"{RECOVERY_KEY_ENV}; it is never given on the command line."
        )
    return typed(getpass.getpass, "Recovery key (from your Emergency Kit; not shown as you type): ")
