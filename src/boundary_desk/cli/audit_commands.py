"""audit verify, audit show, and purge."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from boundary_desk.cli.output import emit_json
from boundary_desk.cli.text_input import typed
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.storage import audit
from boundary_desk.storage.purge import purge_client


def verify(args: argparse.Namespace, services: Services) -> int:
    check = services.vault.verify_audit()
    if args.json:
        emit_json(
            {
                "intact": check.intact,
                "rows": check.rows,
                "first_broken": check.first_broken,
                "reason": check.reason or None,
            }
        )
        return 0 if check.intact else 2
    if check.intact:
        print(f"The audit trail is intact: {check.rows} rows, every link verified.")
        return 0
    raise InvalidInput(
        f"The audit trail is broken at row {check.first_broken}: {check.reason}. "
        "Everything before that row verified."
    )


def show(args: argparse.Namespace, services: Services) -> int:
    client = services.clients.find(args.client) if args.client else None
    rows = audit.history(services.vault.conn, client.id if client else None, args.limit)
    if client is not None:
        audit.record(services.vault.conn, "view", "audit", client_id=client.id)
    if args.json:
        emit_json(
            [
                {
                    "id": r.id,
                    "at": r.at,
                    "action": r.action,
                    "table": r.table_name,
                    "row": r.row_key,
                    "client_id": r.client_id,
                    "details": r.details(),
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        print(
            f"{r.id:6d}  {r.at[:19].replace('T', ' ')} UTC  {r.action:8s} {r.table_name}"
            f"{' ' + r.row_key if r.row_key else ''}"
        )
    return 0


def purge(args: argparse.Namespace, services: Services) -> int:
    client = services.clients.find(args.client)
    settings = services.settings.load()
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"Purging deletes everything about {client.code} for good (backups keep it "
                "until they rotate out). Add --yes to confirm."
            )
        answer = typed(input, f"Delete every record of {client.code} for good? [y/N] ")
        if answer.strip().lower() != "y":
            print("Nothing was changed.")
            return 0
    today = datetime.now(UTC).astimezone(settings.timezone).date()
    purge_client(services.vault, client, settings.retention_years, today)
    print(f"{client.code} was purged. The audit trail keeps only the fact and the code.")
    return 0
