"""The command-line front door: the same services as the app, for automation and checks.

Only what every command needs is imported here: the parser, argument checks and
paths. A command's module, and through it the vault, documents and their libraries,
loads when that command runs, so `--version` and `--help` start in a blink and `log`
never pays for the PDF code. The command modules are named as text (see
`_COMMANDS`), which a frozen bundle's analysis can't follow: packaging/ collects
every boundary_desk.cli module by name for that reason.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from boundary_desk.cli.parser import build_parser
from boundary_desk.cli.text_input import require_text_arguments, text_variable
from boundary_desk.errors import InvalidInput, UserFacingError

TYPE_CHECKING = False  # not typing's: importing typing would double `--help`'s imports
if TYPE_CHECKING:
    from boundary_desk.services import Services
    from boundary_desk.services.session import VaultLocation

USER_ERROR = 2

LocationFactory = Callable[[str | None], "VaultLocation"]
VaultCommand = Callable[[argparse.Namespace, "Services"], int]


RESTORE_HINT = "`boundary-desk backups` lists them; `boundary-desk restore BACKUP` brings one back."


def run(argv: Sequence[str], make_location: LocationFactory) -> int:
    """Run one CLI command; user errors become one line on stderr and exit status 2."""
    try:
        require_text_arguments(argv)
        args = build_parser().parse_args(list(argv))
        if args.command is None:
            raise UserFacingError("No command given; run `boundary-desk --help`.")
        location = make_location(_data_dir(args.data_dir))
        _require_vault_folder(location, creating=args.command in ("init", "restore"))
        if args.command in _WITHOUT_VAULT:
            return _load(args)(args, location)
        return _with_vault(location, _load(args), args)
    except UserFacingError as exc:
        text = exc.message
        if "backup" in text and _is_damage(exc):
            text += f" {RESTORE_HINT}"
        print(f"boundary-desk: {_one_line(text)}", file=sys.stderr)
        return USER_ERROR
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); that is not an error worth reporting.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("boundary-desk: interrupted; nothing was changed.", file=sys.stderr)
        return USER_ERROR
    except Exception as exc:
        # A damaged page met as it is read (the unlock no longer reads every page).
        from boundary_desk.services import integrity

        damage = integrity.damage_met_in_use(exc)
        if damage is None:
            raise
        print(f"boundary-desk: {_one_line(damage.message)} {RESTORE_HINT}", file=sys.stderr)
        return USER_ERROR


# Each command: the module in this package that runs it, and its function there.
_COMMANDS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("init", None): ("vault_commands", "init"),
    ("recover", None): ("vault_commands", "recover"),
    ("restore", None): ("backup_commands", "restore"),
    ("backups", None): ("backup_commands", "backups"),
    ("status", None): ("vault_commands", "status"),
    ("protection", None): ("vault_commands", "protection"),
    ("recovery-key", "new"): ("recovery_commands", "new_key"),
    ("client", "add"): ("client_commands", "add"),
    ("client", "edit"): ("client_commands", "edit"),
    ("client", "list"): ("client_commands", "list_clients"),
    ("settings", "set"): ("settings_commands", "set_setting"),
    ("settings", "show"): ("settings_commands", "show"),
    ("agreement", "new"): ("agreement_commands", "new"),
    ("agreement", "show"): ("agreement_commands", "show"),
    ("agreement", "pdf"): ("agreement_commands", "pdf"),
    ("agreement", "withdraw"): ("agreement_commands", "withdraw"),
    ("log", None): ("log_commands", "log"),
    ("log-request", None): ("log_commands", "log_request"),
    ("log-search", None): ("log_commands", "log_search"),
    ("log-approach", None): ("log_commands", "log_approach"),
    ("raise-in-session", None): ("log_commands", "raise_in_session"),
    ("events", None): ("log_commands", "events"),
    ("record", None): ("log_commands", "record"),
    ("review", None): ("review_commands", "review"),
    ("backup", None): ("backup_commands", "backup"),
    ("check", None): ("backup_commands", "check"),
    ("export", None): ("export_commands", "export"),
    ("audit", "verify"): ("audit_commands", "verify"),
    ("audit", "show"): ("audit_commands", "show"),
    ("purge", None): ("purge_commands", "purge"),
    ("clause", "list"): ("clause_commands", "list_clauses"),
    ("clause", "show"): ("clause_commands", "show"),
    ("clause", "set"): ("clause_commands", "set_clause"),
    ("clause", "reset"): ("clause_commands", "reset"),
    ("channels", "show"): ("channel_commands", "show"),
    ("channels", "rank"): ("channel_commands", "rank"),
    ("import", None): ("import_commands", "import_file"),
    ("sessions", None): ("calendar_commands", "sessions"),
}
# These work on the vault folder itself (creating, recovering, restoring, listing
# backups), so they are given the location, not an unlocked vault.
_WITHOUT_VAULT = frozenset({"init", "recover", "restore", "backups"})
_SUBCOMMANDS = (
    "client_command",
    "settings_command",
    "agreement_command",
    "clause_command",
    "channels_command",
    "audit_command",
    "recovery_command",
)


def _load(args: argparse.Namespace) -> Callable[..., int]:
    """The function that runs `args`' command, its module imported only now."""
    sub = next((getattr(args, n) for n in _SUBCOMMANDS if getattr(args, n, None)), None)
    module, function = _COMMANDS[(args.command, sub)]
    found: Callable[..., int] = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return found


def _is_damage(exc: UserFacingError) -> bool:
    from boundary_desk.services.session import VaultDamaged

    return isinstance(exc, VaultDamaged)


def _with_vault(location: VaultLocation, command: VaultCommand, args: argparse.Namespace) -> int:
    from boundary_desk.cli.output import notice
    from boundary_desk.cli.secrets import current_passphrase
    from boundary_desk.services import session
    from boundary_desk.services.contacts import refresh_time_warnings

    passphrase = current_passphrase() if session.needs_passphrase(location) else None
    services = session.unlock(location, passphrase)
    # A change of key asks for the current passphrase (services/setup.py): here it is the
    # one just proven by unlocking, so it is not asked twice. It lives only for this command.
    args.current_passphrase = passphrase
    try:
        refresh_time_warnings(services, services.clock())
        code = command(args, services)
        if note := session.read_only_note(services):
            notice(f"Note: {note}")
        return code
    finally:
        session.lock(services)


def _data_dir(given: str | None) -> str | None:
    from boundary_desk.system.paths import DATA_DIR_ENV, LOG_DIR_ENV  # pathlib: not for --help

    for name in (DATA_DIR_ENV, LOG_DIR_ENV):
        text_variable(name)
    return given


def _require_vault_folder(location: VaultLocation, *, creating: bool) -> None:
    """Refuse, in one sentence, a vault folder that is a file, a device or a system folder,
    or (for a command that makes one) one that can't be created."""
    from boundary_desk.system.paths import ensure_private_dir, vault_folder_problem

    folder = location.paths.data_dir
    if problem := vault_folder_problem(folder):
        raise InvalidInput(problem)
    if creating:
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            raise InvalidInput(
                f"The vault folder {folder} can't be created: {exc.strerror or exc}."
            ) from exc


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _one_line(text: str) -> str:
    return " ".join(text.split())
