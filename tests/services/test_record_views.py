"""Looking at a client's record is itself recorded: the same audit row from the app and the CLI."""

from __future__ import annotations

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.audit_trail import rows, verify
from boundary_desk.services.record_views import viewed_agreements, viewed_audit, viewed_timeline


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))


def newest(services: Services, client_id: int | None = None) -> tuple[str, str, int | None]:
    (row,) = rows(services, client_id, limit=1)
    return row.action, row.table_name, row.client_id


def test_each_view_writes_one_row_naming_the_client(services: Services, zoe: Client) -> None:
    other = services.clients.add(Client(code="AB1", display_name="Ana Brown"))
    viewed_timeline(services, zoe.id)
    assert newest(services) == ("view", "events", zoe.id)
    viewed_agreements(services, zoe.id)
    assert newest(services) == ("view", "agreements", zoe.id)
    viewed_audit(services, zoe.id)
    assert newest(services) == ("view", "audit", zoe.id)

    assert [r.action for r in rows(services, other.id, limit=-1)] == ["insert"]  # only added
    assert verify(services).intact  # the views are links in the chain like any other row
