"""purge: a former client's records go for good, and the copies that still hold them are named."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from boundary_desk.cli.text_input import typed
from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.services import Services
from boundary_desk.services import purge as purging
from boundary_desk.services.backups import BackupChoice, CopyState, HeldCopy

_ANSWERS = {"r": BackupChoice.REWRITE, "d": BackupChoice.DELETE, "k": BackupChoice.KEEP, "": None}


def purge(args: argparse.Namespace, services: Services) -> int:
    try:
        client = services.clients.find(args.client)
    except NotFound:
        earlier = purging.copies_still_holding(services, args.client)
        if earlier is None:
            raise
        return _settle_earlier(args, services, *earlier)
    settings = services.settings.load()
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"Purging deletes everything about {client.code} for good (the backups that "
                "still hold them are named afterwards). Add --yes to confirm."
            )
        answer = typed(input, f"Delete every record of {client.code} for good? [y/N] ")
        if answer.strip().lower() != "y":
            print("Nothing was changed.")
            return 0
    today = datetime.now(UTC).astimezone(settings.timezone).date()
    held = purging.purge_client(services, client, today)
    print(f"{client.code} was purged. The audit trail keeps only the fact and the code.")
    return _name_and_settle(args, services, client, held)


def _settle_earlier(
    args: argparse.Namespace, services: Services, client: Client, held: list[HeldCopy]
) -> int:
    """`purge CODE --backups …` again, for a client purged already: only their copies."""
    print(f"{client.code} was purged earlier.")
    return _name_and_settle(args, services, client, held)


def _name_and_settle(
    args: argparse.Namespace, services: Services, client: Client, held: list[HeldCopy]
) -> int:
    if not held:
        print(f"No backup or set-aside copy holds {client.code}.")
        return 0
    for copy in held:
        print(f"  {copy.kind} {copy.path}: {copy.state.value}")
    settle(services, client, held, _choice(args, held))
    return 0


def _choice(args: argparse.Namespace, held: list[HeldCopy]) -> BackupChoice:
    if args.backups:
        return BackupChoice(args.backups)
    if not any(c.state is CopyState.HOLDS for c in held) or not sys.stdin.isatty():
        return BackupChoice.KEEP
    while True:
        answer = input(
            "Purge the client from those copies too [r], delete the copies [d], or keep them [k]? "
        )
        choice = _ANSWERS.get(answer.strip().lower()[:1])
        if choice is not None:
            return choice


def settle(services: Services, client: Client, held: list[HeldCopy], choice: BackupChoice) -> None:
    holding = [c for c in held if c.state is CopyState.HOLDS]
    if choice is BackupChoice.KEEP:
        if holding:
            print(
                f"Kept {len(holding)} {'copy' if len(holding) == 1 else 'copies'} that still "
                f"hold {client.code}; they go when they rotate out. Choose with --backups "
                "rewrite|delete to remove them now."
            )
        return
    settled = purging.settle_copies(services, client, held, choice)
    verb = "Purged it from" if choice is BackupChoice.REWRITE else "Deleted"
    for copy in settled.done:
        print(f"{verb} the {copy.kind} {copy.path}.")
    for copy, reason in settled.failed:
        print(f"Could not change the {copy.kind} {copy.path}: {reason}")
    for copy in held:
        if copy.state is CopyState.UNCHECKED:
            print(f"Left the {copy.kind} {copy.path} as it is: it can't be checked.")
    if settled.failed:
        raise InvalidInput(
            f"{len(settled.failed)} of the copies still hold {client.code}; they are named above."
        )
