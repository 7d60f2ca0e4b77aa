"""client add, client edit (the preferred channel) and client list."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from boundary_desk.cli.output import emit_json
from boundary_desk.domain.clients import (
    Client,
    ContactHandle,
    HandleKind,
    parse_channel,
    parse_comfort,
)
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.clients import find_client, save_client
from boundary_desk.services.clients import list_clients as clients_matching


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
            preferred_channel=parse_channel(args.prefers) if args.prefers else None,
            channel_comfort=parse_comfort(args.comfort) if args.comfort else None,
        ),
    )
    if args.json:
        emit_json(client_json(client))
    else:
        print(f"Added {client.display_name} as {client.code}.")
    return 0


def edit(args: argparse.Namespace, services: Services) -> int:
    """Change a client's preferred channel or their comfort with it. A new channel clears
    the comfort said about the old one unless --comfort is given too; --prefers none
    clears both."""
    if args.prefers is None and args.comfort is None:
        raise InvalidInput("Nothing to change: give --prefers CHANNEL, --comfort WORD or both.")
    client = find_client(services, args.client)
    changed = client
    if args.prefers is not None:
        channel = parse_channel(args.prefers)
        comfort = client.channel_comfort if channel is client.preferred_channel else None
        changed = replace(changed, preferred_channel=channel, channel_comfort=comfort)
    if args.comfort is not None:
        changed = replace(changed, channel_comfort=parse_comfort(args.comfort))
    saved = save_client(services, changed)
    if args.json:
        emit_json(client_json(saved))
    else:
        print(f"{saved.code}: {preference_words(saved)}.")
    return 0


def preference_words(client: Client) -> str:
    """ "prefers email (somewhat comfortable)", or "no preferred channel"."""
    if client.preferred_channel is None:
        return "no preferred channel"
    comfort = client.channel_comfort
    said = f" ({comfort.words})" if comfort is not None else ""
    return f"prefers {CONTACT_CHANNEL_LABELS[client.preferred_channel]}{said}"


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
        "preferred_channel": client.preferred_channel.value if client.preferred_channel else None,
        "comfort": client.channel_comfort.value if client.channel_comfort else None,
        "handles": [
            {"kind": h.kind.value, "value": h.value, "label": h.label, "verified": h.verified}
            for h in client.handles
        ],
    }
