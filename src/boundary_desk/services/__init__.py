"""What an unlocked vault offers the UI and the CLI: one object, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from boundary_desk.domain.clients import Client
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.storage.stores.agreements import AgreementStore
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.storage.stores.clauses import ClauseStore
from boundary_desk.storage.stores.clients import ClientStore
from boundary_desk.storage.stores.drafts import DraftStore
from boundary_desk.storage.stores.events import EventStore
from boundary_desk.storage.stores.purge import purge_client, purged_client_id
from boundary_desk.storage.stores.reviews import ReviewStore
from boundary_desk.storage.stores.settings import SettingsStore
from boundary_desk.storage.vault.backups import Backup
from boundary_desk.storage.vault.purge_backups import (
    BackupChoice,
    HeldCopy,
    Settled,
    apply_choice,
    copies_holding,
)
from boundary_desk.storage.vault.vault import Vault


@dataclass(frozen=True)
class Services:
    vault: Vault
    clients: ClientStore
    settings: SettingsStore
    agreements: AgreementStore
    clauses: ClauseStore
    events: EventStore
    drafts: DraftStore
    reviews: ReviewStore
    clock: Clock = utc_now  # the same clock the stores use, for rules that need "now"

    @classmethod
    def open(cls, vault: Vault, clock: Clock = utc_now) -> Services:
        clauses = ClauseStore(vault.conn, default_clauses(), clock)
        return cls(
            vault=vault,
            clients=ClientStore(vault.conn, clock),
            settings=SettingsStore(vault.conn, clock),
            agreements=AgreementStore(
                vault.conn, clock, current_wording=lambda: clauses.clause_set().resolved()
            ),
            clauses=clauses,
            events=EventStore(vault.conn, clock),
            drafts=DraftStore(vault.conn, clock),
            reviews=ReviewStore(vault.conn, clock),
            clock=clock,
        )

    def backup_folder(self) -> Path:
        """Where backups go: the folder chosen in settings, or the one beside the vault."""
        chosen = self.settings.load().backup_folder
        return Path(chosen).expanduser() if chosen else self.vault.location.paths.backup_dir

    def back_up(self) -> Backup:
        """A verified backup in the chosen folder (older generations there rotate away)."""
        return self.vault.backup(self.backup_folder())

    def backup_folders(self) -> list[Path]:
        """Every folder backups may be in: the chosen one and the one beside the vault."""
        return [self.backup_folder(), self.vault.location.paths.backup_dir]

    def purge(self, client: Client, today: date) -> list[HeldCopy]:
        """Purge a former client; returns the backups and set-aside copies that still hold them."""
        purge_client(self.vault, client, self.settings.load().retention_years, today)
        if client.id is None:
            return []
        return copies_holding(self.vault.copies(), self.backup_folders(), client.id, client.code)

    def copies_still_holding(self, code: str) -> tuple[Client, list[HeldCopy]] | None:
        """For a client purged earlier under `code`: the copies that still hold them."""
        client_id = purged_client_id(self.vault.conn, code)
        if client_id is None:
            return None
        client = Client(code=code.strip(), display_name="", id=client_id)
        return client, copies_holding(self.vault.copies(), self.backup_folders(), client_id, code)

    def settle_copies(self, client: Client, held: list[HeldCopy], choice: BackupChoice) -> Settled:
        """Purge the client from those copies too, or delete them, or keep them."""
        if client.id is None:
            return Settled([], [])
        return apply_choice(self.vault.copies(), held, choice, client.id, client.code)

    def close(self) -> None:
        self.vault.close()
