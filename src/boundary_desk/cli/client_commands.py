"""client add and client list."""

from __future__ import annotations

import argparse
from typing import Any

from boundary_desk.cli.output import emit_json
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.services.clients import list_clients as clients_matching
from boundary_desk.services.clients import save_client


def add(args: argparse.Namespace, services: Services) -> int:
    handles = tuple(
        ContactHandle(kind, value)
        for kind, values in (
            (HandleKind.PHONE, args.phone),
            (HandleKind.EMAIL, args.email),
            (HandleKind.SOCIAL, args.social),
        )
        for value in values
    )
    client = save_client(
        services,
        Client(
            code=args.code,
            display_name=args.name,
            is_minor=args.minor,
            guardian_name=args.guardian,
            handles=handles,
        ),
    )
    if args.json:
        emit_json(client_json(client))
    else:
        print(f"Added {client.display_name} as {client.code}.")
    return 0


def list_clients(args: argparse.Namespace, services: Services) -> int:
    clients = clients_matching(services, args.search, include_archived=args.all)
    if args.json:
        emit_json([client_json(c) for c in clients])
        return 0
    if not clients:
        print("No clients yet. Add one with `boundary-desk client add NAME`.")
        return 0
    width = max(len(c.code) for c in clients)
    for c in clients:
        tags = (
            [c.status.value]
            + (["minor"] if c.is_minor else [])
            + (["archived"] if c.archived else [])
        )
        print(f"{c.code.ljust(width)}  {c.display_name}  ({', '.join(tags)})")
    return 0


def client_json(client: Client) -> dict[str, Any]:
    return {
        "code": client.code,
        "name": client.display_name,
        "status": client.status.value,
        "started_on": client.started_on.isoformat() if client.started_on else None,
        "ended_on": client.ended_on.isoformat() if client.ended_on else None,
        "minor": client.is_minor,
        "guardian": client.guardian_name,
        "archived": client.archived,
        "handles": [
            {"kind": h.kind.value, "value": h.value, "label": h.label, "verified": h.verified}
            for h in client.handles
        ],
    }
