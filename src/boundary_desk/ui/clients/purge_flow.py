"""Purging a former client from the app: ask, purge, then name the copies that still hold them.

A purge clears the vault, but backups and the copies a restore set aside still hold
the client. The result names each of them and offers to purge the client there too,
to delete them, or to keep them until they rotate out.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, purge
from boundary_desk.services.backups import BackupChoice, CopyState, HeldCopy
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import busy_cursor

TITLE = N_("Purge client")
OPTIONS = [
    N_("Purge them from those copies too"),
    N_("Delete those copies"),
    N_("Keep them for now"),
]
_CHOICES = [BackupChoice.REWRITE, BackupChoice.DELETE, BackupChoice.KEEP]


def purge_former_client(
    parent: QWidget | None, services: Services, prompter: Prompter, client: Client, today: date
) -> str | None:
    """The whole purge, asked and answered; returns a status line, or None if nothing changed."""
    if not prompter.confirm(
        parent,
        _(TITLE),
        _(
            "Delete every record of {code} for good? This can't be undone. The audit trail "
            "keeps only the fact and the code."
        ).format(code=client.code),
    ):
        return None
    try:
        with busy_cursor():  # the vault and each copy checked are rebuilt or opened
            held = purge.purge_client(services, client, today)
    except UserFacingError as refusal:
        prompter.warn(parent, _(TITLE), refusal.message)
        return None
    if not held:
        return _("Purged {code}. No backup holds their records.").format(code=client.code)
    return settle_copies(parent, services, prompter, client, held)


def copies_text(client: Client, held: list[HeldCopy]) -> str:
    lines = [
        _("{code} was purged from the vault. These copies still hold their records:").format(
            code=client.code
        )
    ]
    lines += [f"\u2022 {_(copy.kind)} {copy.path}: {_(copy.state.value)}" for copy in held]
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
        prompter.inform(parent, _(TITLE), copies_text(client, held))
        return _("Purged {code}. Some backups couldn't be checked.").format(code=client.code)
    options = [_(option) for option in OPTIONS]
    choice = _CHOICES[prompter.choose(parent, _(TITLE), copies_text(client, held), options)]
    if choice is BackupChoice.KEEP:
        return ngettext(
            "Purged {code}. {count} backup copy still holds them until they rotate out.",
            "Purged {code}. {count} backup copies still hold them until they rotate out.",
            len(holding),
        ).format(code=client.code, count=len(holding))
    with busy_cursor():
        settled = purge.settle_copies(services, client, held, choice)
    if settled.failed:
        failed = "\n".join(f"\u2022 {copy.path}: {reason}" for copy, reason in settled.failed)
        prompter.warn(parent, _(TITLE), _("These copies could not be changed:") + f"\n{failed}")
    done = len(settled.done)
    if choice is BackupChoice.REWRITE:
        said = ngettext(
            "Purged {code}, and purged them from {count} backup copy too.",
            "Purged {code}, and purged them from {count} backup copies too.",
            done,
        )
    else:
        said = ngettext(
            "Purged {code}, and deleted {count} backup copy that held them.",
            "Purged {code}, and deleted {count} backup copies that held them.",
            done,
        )
    return said.format(code=client.code, count=done)
