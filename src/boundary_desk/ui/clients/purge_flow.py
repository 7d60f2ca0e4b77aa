"""Purging a former client from the app: ask, purge, then name the copies that still hold them.

A purge clears the vault, but backups and the copies a restore set aside still hold
the client. The result names each of them and offers to purge the client there too,
to delete them, or to keep them until they rotate out.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.domain.words import counted
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, purge
from boundary_desk.services.backups import BackupChoice, CopyState, HeldCopy
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import busy_cursor

TITLE = "Purge client"
OPTIONS = ["Purge them from those copies too", "Delete those copies", "Keep them for now"]
_CHOICES = [BackupChoice.REWRITE, BackupChoice.DELETE, BackupChoice.KEEP]


def purge_former_client(
    parent: QWidget | None, services: Services, prompter: Prompter, client: Client, today: date
) -> str | None:
    """The whole purge, asked and answered; returns a status line, or None if nothing changed."""
    if not prompter.confirm(
        parent,
        TITLE,
        f"Delete every record of {client.code} for good? This can't be undone. The audit "
        "trail keeps only the fact and the code.",
    ):
        return None
    try:
        with busy_cursor():  # the vault and each copy checked are rebuilt or opened
            held = purge.purge_client(services, client, today)
    except UserFacingError as refusal:
        prompter.warn(parent, TITLE, refusal.message)
        return None
    if not held:
        return f"Purged {client.code}. No backup holds their records."
    return settle_copies(parent, services, prompter, client, held)


def copies_text(client: Client, held: list[HeldCopy]) -> str:
    lines = [f"{client.code} was purged from the vault. These copies still hold their records:"]
    lines += [f"\u2022 {copy.kind} {copy.path}: {copy.state.value}" for copy in held]
    return "\n".join(lines)


def settle_copies(
    parent: QWidget | None,
    services: Services,
    prompter: Prompter,
    client: Client,
    held: list[HeldCopy],
) -> str:
    holding = [c for c in held if c.state is CopyState.HOLDS]
    if not holding:
        prompter.inform(parent, TITLE, copies_text(client, held))
        return f"Purged {client.code}. Some backups couldn't be checked."
    choice = _CHOICES[prompter.choose(parent, TITLE, copies_text(client, held), OPTIONS)]
    if choice is BackupChoice.KEEP:
        copies = counted(len(holding), "backup copy still holds", "backup copies still hold")
        return f"Purged {client.code}. {copies} them until they rotate out."
    with busy_cursor():
        settled = purge.settle_copies(services, client, held, choice)
    if settled.failed:
        failed = "\n".join(f"\u2022 {copy.path}: {reason}" for copy, reason in settled.failed)
        prompter.warn(parent, TITLE, f"These copies could not be changed:\n{failed}")
    copies = counted(len(settled.done), "backup copy", "backup copies")
    if choice is BackupChoice.REWRITE:
        return f"Purged {client.code}, and purged them from {copies} too."
    return f"Purged {client.code}, and deleted {copies} that held them."
