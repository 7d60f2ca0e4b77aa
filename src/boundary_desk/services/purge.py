"""Purging a former client, and the backups and set-aside copies that still hold them."""

from __future__ import annotations

from datetime import date

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.backups import all_folders
from boundary_desk.storage.stores.purge import purge_client as purge_from_vault
from boundary_desk.storage.stores.purge import purged_client_id
from boundary_desk.storage.vault.purge_backups import (
    BackupChoice,
    HeldCopy,
    Settled,
    apply_choice,
    copies_holding,
)

__all__ = ["Settled", "copies_still_holding", "purge_client", "settle_copies"]


def purge_client(services: Services, client: Client, today: date) -> list[HeldCopy]:
    """Purge a former client; returns the backups and set-aside copies that still hold them."""
    retention = services.settings.load().retention_years
    purge_from_vault(services.vault, client, retention, today)
    if client.id is None:
        return []
    folders = all_folders(services)
    return copies_holding(services.vault.copies(), folders, client.id, client.code)


def copies_still_holding(services: Services, code: str) -> tuple[Client, list[HeldCopy]] | None:
    """For a client purged earlier under `code`: the copies that still hold them."""
    client_id = purged_client_id(services.vault.conn, code)
    if client_id is None:
        return None
    client = Client(code=code.strip(), display_name="", id=client_id)
    folders = all_folders(services)
    return client, copies_holding(services.vault.copies(), folders, client_id, code)


def settle_copies(
    services: Services, client: Client, held: list[HeldCopy], choice: BackupChoice
) -> Settled:
    """Purge the client from those copies too, or delete them, or keep them."""
    if client.id is None:
        return Settled([], [])
    return apply_choice(services.vault.copies(), held, choice, client.id, client.code)
