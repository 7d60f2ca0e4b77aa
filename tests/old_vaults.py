"""Vaults as older versions of the app left them, built with the migrations of their day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Agreement, Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.storage.db import migrations
from boundary_desk.storage.stores import agreements as agreement_store
from boundary_desk.storage.stores.agreements import AgreementStore
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.storage.stores.settings import SettingsStore
from boundary_desk.storage.vault.location import VaultLocation

SIGNED_ON = date(2026, 11, 1)
# The last schema before each signed agreement kept the practice details it was signed with.
BEFORE_KEPT_PRACTICE = 8


def signed_before_the_practice_was_kept(
    location: VaultLocation,
    settings: dict[str, str],
    client: Client,
) -> tuple[Client, Agreement]:
    """A schema-8 vault holding one signed agreement, written as the app of the day wrote it:
    its wording kept, its practice details not (there was no table for them). Closed."""
    steps = migrations.MIGRATIONS[:BEFORE_KEPT_PRACTICE]
    with pytest.MonkeyPatch.context() as patch:  # created as that app created it; opened as now
        patch.setattr(
            "boundary_desk.storage.vault.creating.migrate",
            lambda conn, before_upgrade=None: migrations.migrate(
                conn, steps=steps, before_upgrade=before_upgrade
            ),
        )
        created = location.create()
    conn = created.vault.conn
    assert migrations.schema_version(conn) == BEFORE_KEPT_PRACTICE
    clock = lambda: datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # noqa: E731
    settings_store = SettingsStore(conn, clock)
    settings_store.set_many(settings)
    # Schema 8 had no preferred channel: the client is written as the app of the day did.
    cur = conn.execute(
        "INSERT INTO clients (code, display_name, created_at, updated_at) VALUES (?, ?, ?, ?)",
        (client.code or "C-001", client.display_name, clock().isoformat(), clock().isoformat()),
    )
    added = replace(client, code=client.code or "C-001", id=cur.lastrowid)
    # Today's store, as the app of the day wrote: no language row (schema 15 adds it), no
    # printing options (the agreement_practice table came with schema 9), and the shipped
    # English wording (no clause was reworded).
    patch = pytest.MonkeyPatch()
    patch.setattr(
        agreement_store, "_COLUMNS", agreement_store._COLUMNS.rsplit(", coalesce", 1)[0] + ", 'en'"
    )
    patch.setattr(AgreementStore, "_write_language", lambda *_: None)
    patch.setattr(AgreementStore, "_write_options", lambda self, agreement_id, a: None)
    patch.setattr(AgreementStore, "_channel_reasons", lambda self, agreement_id: False)
    store = AgreementStore(conn, clock, current_wording=lambda _language: default_clauses())
    email = ChannelTerms(Channel.EMAIL, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = replace(
        first_draft(added, settings_store.load()).with_terms(email),
        client_signed_on=SIGNED_ON,
        clinician_signed_on=SIGNED_ON,
        review_on=date(2027, 5, 1),
    )
    signed = store.sign(draft, date(2026, 11, 2))
    patch.undo()
    created.vault.close()
    return added, signed
