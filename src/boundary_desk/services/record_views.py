"""Views of a client's record, put in the audit trail the same from the app and the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boundary_desk.storage.audit import trail as audit

if TYPE_CHECKING:
    from boundary_desk.services import Services


def viewed_timeline(services: Services, client_id: int | None) -> None:
    """Record that the client's logged entries (their timeline) were looked at."""
    audit.record(services.vault.conn, "view", "events", client_id=client_id)


def viewed_agreements(services: Services, client_id: int | None) -> None:
    """Record that the client's agreement was looked at."""
    audit.record(services.vault.conn, "view", "agreements", client_id=client_id)


def viewed_audit(services: Services, client_id: int | None) -> None:
    """Record that the client's audit trail was looked at."""
    audit.record(services.vault.conn, "view", "audit", client_id=client_id)
