"""The command-line front door: the same services as the app, for automation and checks."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from boundary_desk.cli import (
    agreement_commands,
    audit_commands,
    backup_commands,
    clause_commands,
    client_commands,
    export_commands,
    log_commands,
    purge_commands,
    recovery_commands,
    review_commands,
    settings_commands,
    vault_commands,
)
from boundary_desk.cli.output import notice
from boundary_desk.cli.parser import build_parser
from boundary_desk.cli.secrets import current_passphrase
from boundary_desk.cli.text_input import require_text_arguments, text_variable
from boundary_desk.errors import InvalidInput, UserFacingError
from boundary_desk.services import Services, session
from boundary_desk.services.contacts import refresh_time_warnings
from boundary_desk.services.session import VaultDamaged, VaultLocation
from boundary_desk.system.paths import (
    DATA_DIR_ENV,
    LOG_DIR_ENV,
    ensure_private_dir,
    vault_folder_problem,
)

USER_ERROR = 2

LocationFactory = Callable[[str | None], VaultLocation]
VaultCommand = Callable[[argparse.Namespace, Services], int]


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
        if args.command == "init":
            return vault_commands.init(args, location)
        if args.command == "recover":
            return vault_commands.recover(args, location)
        if args.command == "restore":
            return backup_commands.restore(args, location)
        if args.command == "backups":
            return backup_commands.backups(args, location)
        return _with_vault(location, _command(args), args)
    except UserFacingError as exc:
        text = exc.message
        if isinstance(exc, VaultDamaged) and "backup" in text:
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


def _command(args: argparse.Namespace) -> VaultCommand:
    table: dict[tuple[str, str | None], VaultCommand] = {
        ("status", None): vault_commands.status,
        ("protection", None): vault_commands.protection,
        ("recovery-key", "new"): recovery_commands.new_key,
        ("client", "add"): client_commands.add,
        ("client", "list"): client_commands.list_clients,
        ("settings", "set"): settings_commands.set_setting,
        ("settings", "show"): settings_commands.show,
        ("agreement", "new"): agreement_commands.new,
        ("agreement", "show"): agreement_commands.show,
        ("agreement", "pdf"): agreement_commands.pdf,
        ("agreement", "withdraw"): agreement_commands.withdraw,
        ("log", None): log_commands.log,
        ("log-request", None): log_commands.log_request,
        ("log-search", None): log_commands.log_search,
        ("log-approach", None): log_commands.log_approach,
        ("events", None): log_commands.events,
        ("record", None): log_commands.record,
        ("review", None): review_commands.review,
        ("backup", None): backup_commands.backup,
        ("check", None): backup_commands.check,
        ("export", None): export_commands.export,
        ("audit", "verify"): audit_commands.verify,
        ("audit", "show"): audit_commands.show,
        ("purge", None): purge_commands.purge,
        ("clause", "list"): clause_commands.list_clauses,
        ("clause", "show"): clause_commands.show,
        ("clause", "set"): clause_commands.set_clause,
        ("clause", "reset"): clause_commands.reset,
    }
    sub = next(
        (
            getattr(args, name)
            for name in (
                "client_command",
                "settings_command",
                "agreement_command",
                "clause_command",
                "audit_command",
                "recovery_command",
            )
            if getattr(args, name, None)
        ),
        None,
    )
    return table[(args.command, sub)]


def _with_vault(location: VaultLocation, command: VaultCommand, args: argparse.Namespace) -> int:
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
    for name in (DATA_DIR_ENV, LOG_DIR_ENV):
        text_variable(name)
    return given


def _require_vault_folder(location: VaultLocation, *, creating: bool) -> None:
    """Refuse, in one sentence, a vault folder that is a file, a device or a system folder,
    or (for a command that makes one) one that can't be created."""
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
