"""Purging a former client through services: refused while records must be kept, then the
backups that still hold the client are named and can be purged too, deleted or kept."""

from __future__ import annotations

from datetime import date

import pytest

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.backups import BackupChoice, CopyState, take_backup
from boundary_desk.services.purge import copies_still_holding, purge_client, settle_copies
from boundary_desk.storage.vault.backups import read_backup

TODAY = date(2026, 3, 3)


def former_client(services: Services, ended_on: date = date(2012, 6, 30)) -> Client:
    return services.clients.add(
        Client(
            code="PG1",
            display_name="Pat Gone",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=ended_on,
        )
    )


def test_purging_names_the_backup_that_still_holds_the_client(services: Services) -> None:
    client = former_client(services)
    made = take_backup(services)

    held = purge_client(services, client, TODAY)

    assert services.clients.list(include_archived=True) == []
    assert [copy.path for copy in held] == [made.path]
    assert held[0].state is CopyState.HOLDS
    assert copies_still_holding(services, "PG1") == (
        Client(code="PG1", display_name="", id=client.id),
        held,
    )


def test_rewriting_the_backup_leaves_no_copy_holding_the_client(services: Services) -> None:
    client = former_client(services)
    made = take_backup(services)
    held = purge_client(services, client, TODAY)

    settled = settle_copies(services, client, held, BackupChoice.REWRITE)

    assert settled.failed == [] and [copy.path for copy in settled.done] == [made.path]
    assert read_backup(made.path).verified
    found = copies_still_holding(services, "PG1")
    assert found is not None and found[1] == []


def test_a_client_inside_the_retention_period_is_refused_and_kept(services: Services) -> None:
    client = former_client(services, ended_on=date(2025, 12, 1))

    with pytest.raises(InvalidInput, match="must be kept until"):
        purge_client(services, client, TODAY)

    assert [c.code for c in services.clients.list(include_archived=True)] == ["PG1"]
    assert copies_still_holding(services, "PG1") is None  # never purged


def test_an_active_client_is_refused(services: Services) -> None:
    client = services.clients.add(Client(code="AC1", display_name="Still Here"))
    with pytest.raises(InvalidInput, match="still an active client"):
        purge_client(services, client, TODAY)
    assert services.clients.get(client.id or 0).code == "AC1"


def test_a_purge_leaves_no_trace_of_the_preferred_channel(services: Services) -> None:
    from dataclasses import replace

    from boundary_desk.domain.events import ContactChannel
    from boundary_desk.services.clients import save_client

    client = former_client(services)
    save_client(services, replace(client, preferred_channel=ContactChannel.PORTAL))
    purge_client(services, client, TODAY)

    conn = services.vault.conn
    assert conn.execute("SELECT count(*) FROM client_preferences").fetchone()[0] == 0
    payloads = conn.execute(
        "SELECT payload FROM audit_log WHERE table_name = 'client_preferences'"
    ).fetchall()
    assert len(payloads) == 2  # the insert, and the delete the purge made
    assert all(payload is None for (payload,) in payloads)
