"""export --json FILE | --csv DIR, behind a confirmation that names the risk."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boundary_desk.cli.output import notice
from boundary_desk.cli.text_input import typed
from boundary_desk.domain.words import counted
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.documents import RISK_WARNING, save_csv_export, save_json_export
from boundary_desk.system.fileio import WriteFailed


def export(args: argparse.Namespace, services: Services) -> int:
    if bool(args.json_file) == bool(args.csv_dir):
        raise InvalidInput("Choose one: --json FILE or --csv DIR.")
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"{RISK_WARNING} Add --yes to confirm.")
        notice(RISK_WARNING)
        if typed(input, "Write the unencrypted export? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing was written.")
            return 0
    if args.json_file:
        path = Path(args.json_file).expanduser().absolute()
        if not path.parent.is_dir():
            raise WriteFailed(f"The folder {path.parent} does not exist; nothing was written.")
        rows = save_json_export(services, path).count
        print(f"Exported {counted(rows, 'row', 'rows')} to {path} (not encrypted).")
    else:
        folder = Path(args.csv_dir).expanduser().absolute()
        files = save_csv_export(services, folder).count
        print(f"Exported {files} CSV files to {folder} (not encrypted).")
    return 0
