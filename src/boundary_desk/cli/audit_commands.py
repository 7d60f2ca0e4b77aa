"""audit verify and audit show."""

from __future__ import annotations

import argparse

from boundary_desk.cli.output import emit_json
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services, audit_trail
from boundary_desk.services.record_views import viewed_audit


def verify(args: argparse.Namespace, services: Services) -> int:
    check = audit_trail.verify(services)
    if args.json:
        emit_json(
            {
                "intact": check.intact,
                "rows": check.rows,
                "first_broken": check.first_broken,
                "reason": check.reason or None,
                "problems": list(check.problems),
            }
        )
        return 0 if check.intact else 2
    if check.intact:
        print(check.summary())
        return 0
    raise InvalidInput(check.summary())


def show(args: argparse.Namespace, services: Services) -> int:
    client = services.clients.find(args.client) if args.client else None
    rows = audit_trail.rows(services, client.id if client else None, args.limit)
    if client is not None:
        viewed_audit(services, client.id)
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
