"""The application layer: the one way from the app's screens and the CLI into the vault.

`Services` is the open vault and its stores, built in one place; the use cases are the
functions in this package's modules (contacts, clients, agreements, review, backups, …),
written once and called by both front doors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from boundary_desk.domain.clock import Clock, utc_now

# The stores (and the domain they bring) load when a vault is opened, not with this
# package: the app's unlock screen imports the session from here, and needs none of them.
if TYPE_CHECKING:
    from boundary_desk.storage.stores.agreements import AgreementStore
    from boundary_desk.storage.stores.clauses import ClauseStore
    from boundary_desk.storage.stores.clients import ClientStore
    from boundary_desk.storage.stores.drafts import DraftStore
    from boundary_desk.storage.stores.events import EventStore
    from boundary_desk.storage.stores.reviews import ReviewStore
    from boundary_desk.storage.stores.save_folders import SaveFolderStore
    from boundary_desk.storage.stores.settings import SettingsStore
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
    save_folders: SaveFolderStore
    clock: Clock = utc_now  # the same clock the stores use, for rules that need "now"

    @classmethod
    def open(cls, vault: Vault, clock: Clock = utc_now) -> Services:
        from boundary_desk.domain.agreement_document import practice_to_keep
        from boundary_desk.storage.stores.agreements import AgreementStore
        from boundary_desk.storage.stores.clause_defaults import default_clauses
        from boundary_desk.storage.stores.clauses import ClauseStore
        from boundary_desk.storage.stores.clients import ClientStore
        from boundary_desk.storage.stores.drafts import DraftStore
        from boundary_desk.storage.stores.events import EventStore
        from boundary_desk.storage.stores.reviews import ReviewStore
        from boundary_desk.storage.stores.save_folders import SaveFolderStore
        from boundary_desk.storage.stores.settings import SettingsStore

        clauses = ClauseStore(vault.conn, default_clauses, clock)
        settings = SettingsStore(vault.conn, clock)
        return cls(
            vault=vault,
            clients=ClientStore(vault.conn, clock),
            settings=settings,
            agreements=AgreementStore(
                vault.conn,
                clock,
                current_wording=lambda language: clauses.clause_set(language).resolved(),
                current_practice=lambda: practice_to_keep(settings.values()),
            ),
            clauses=clauses,
            events=EventStore(vault.conn, clock),
            drafts=DraftStore(vault.conn, clock),
            reviews=ReviewStore(vault.conn, clock),
            save_folders=SaveFolderStore(vault.conn, clock),
            clock=clock,
        )

    def close(self) -> None:
        self.vault.close()
