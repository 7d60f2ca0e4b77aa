"""The audit trail as both doors show it: newest rows first, per client, and the chain's check."""

from __future__ import annotations

from pathlib import Path

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services, audit_trail, session
from boundary_desk.services.session import VaultLocation
from tests.storage.test_audit import tamper_with_row


def add(services: Services, name: str) -> Client:
    return services.clients.add(Client(code="", display_name=name))


def test_rows_come_newest_first(services: Services) -> None:
    ada, bea = add(services, "Ada"), add(services, "Bea")

    rows = audit_trail.rows(services)

    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    inserted = [r.client_id for r in rows if (r.action, r.table_name) == ("insert", "clients")]
    assert inserted == [bea.id, ada.id]


def test_one_clients_rows_are_theirs_alone(services: Services) -> None:
    ada, bea = add(services, "Ada"), add(services, "Bea")

    rows = audit_trail.rows(services, ada.id)

    assert rows
    assert {r.client_id for r in rows} == {ada.id}
    assert bea.id not in {r.client_id for r in rows}


def test_a_client_with_no_rows_and_an_unknown_one_have_none(services: Services) -> None:
    add(services, "Ada")

    assert audit_trail.rows(services, 9_999) == []


def test_the_limit_keeps_the_newest(services: Services) -> None:
    for name in ("Ada", "Bea", "Cy"):
        add(services, name)
    every = audit_trail.rows(services)

    assert audit_trail.rows(services, limit=2) == every[:2]
    assert audit_trail.rows(services, limit=0) == []
    assert audit_trail.rows(services, limit=-1) == every  # SQLite's "no limit", as before


def test_an_untouched_trail_verifies(services: Services) -> None:
    add(services, "Ada")

    check = audit_trail.verify(services)

    assert check.intact
    assert check.rows == len(audit_trail.rows(services, limit=-1))


def test_an_edited_row_breaks_the_chain_there(location: VaultLocation, data_dir: Path) -> None:
    opened = Services.open(location.create().vault)
    for name in ("Ada", "Bea", "Cy"):
        add(opened, name)
    key = opened.vault._vault_key.copy()  # closing wipes the vault's own
    target = audit_trail.rows(opened)[1].id
    session.lock(opened)
    tamper_with_row(location, data_dir, key, target)

    reopened = session.unlock(location)
    try:
        check = audit_trail.verify(reopened)
        assert (check.intact, check.first_broken) == (False, target)
        assert f"broken at row {target}" in check.summary()
    finally:
        session.lock(reopened)
