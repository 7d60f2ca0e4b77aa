"""Wiring: builds the vault location and starts the app or the command line.

Nothing heavy is imported at the top: `--version` and `--help` need only argparse,
the command line loads only the command it runs, and the desktop app loads Qt and
its screens. Each is imported where it is first needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from boundary_desk.system.hardening import harden_process

# `typing` itself takes longer to import than the rest of `--version`; mypy reads
# any name TYPE_CHECKING as its own.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from boundary_desk.services.session import VaultLocation


def make_location(data_dir: str | None) -> VaultLocation:
    from boundary_desk.services.session import system_location  # the vault's code, when used

    return system_location(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    hardened = harden_process()  # before any key or client text is in memory
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir = _data_dir_option(args)
    if _only_data_dir(args):
        from boundary_desk.ui.shell.application import run_app  # Qt is loaded only for the app

        code: int = run_app(make_location(data_dir), hardened)
        return code
    if args and args[0] not in ("--help", "-h", "--version"):
        from boundary_desk.system.crash import install_crash_handler, install_native_crash_report
        from boundary_desk.system.logs import configure_logging
        from boundary_desk.system.paths import resolve_paths

        paths = resolve_paths(data_dir)
        configure_logging(paths.log_dir)
        install_crash_handler(paths.crash_dir)
        install_native_crash_report(paths.crash_dir)
    from boundary_desk.cli import run as run_cli

    return run_cli(args, make_location)


def _data_dir_option(args: list[str]) -> str | None:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    known, _ = pre.parse_known_args(args)
    value: str | None = known.data_dir
    return value


def _only_data_dir(args: list[str]) -> bool:
    rest = [a for a in args if not a.startswith("--data-dir")]
    if "--data-dir" in args:
        index = args.index("--data-dir")
        rest = args[:index] + args[index + 2 :]
    return not rest
