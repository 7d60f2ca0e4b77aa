"""The audit trail: its rows, newest first, and whether the chain of them holds."""

from __future__ import annotations

from boundary_desk.services import Services
from boundary_desk.storage.audit import trail
from boundary_desk.storage.audit.trail import AuditRow, ChainCheck

__all__ = ["AuditRow", "ChainCheck", "rows", "verify"]

DEFAULT_LIMIT = 500


def rows(
    services: Services, client_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> list[AuditRow]:
    """The newest `limit` rows (a negative limit: all of them), for the vault or one client."""
    return trail.history(services.vault.conn, client_id, limit)


def verify(services: Services) -> ChainCheck:
    """Recompute the whole chain, and check what the chain alone can't show."""
    return services.vault.verify_audit()
