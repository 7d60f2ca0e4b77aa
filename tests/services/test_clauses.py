"""The agreement's wording: the clinician's own over the defaults, and as signed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.services import Services
from boundary_desk.services.clauses import (
    clause_set,
    clause_text,
    edited_clauses,
    reset_clause,
    set_clause,
    wording_for,
)


def test_own_wording_replaces_the_default_until_reset(services: Services) -> None:
    default = clause_text(services, "records")
    set_clause(services, "records", "My own wording, {client_name}.")
    assert edited_clauses(services) == {"records": "My own wording, {client_name}."}
    assert clause_text(services, "records") == "My own wording, {client_name}."
    reset_clause(services, "records")
    assert edited_clauses(services) == {}
    assert clause_text(services, "records") == default


def test_wording_that_is_refused_keeps_the_earlier_one(services: Services) -> None:
    set_clause(services, "records", "Kept, {client_name}.")
    with pytest.raises(InvalidInput):
        set_clause(services, "records", "Broken {placeholder")
    with pytest.raises(InvalidInput):
        set_clause(services, "no_such_clause", "Anything.")
    assert edited_clauses(services) == {"records": "Kept, {client_name}."}


def test_an_unknown_clause_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        clause_text(services, "no_such_clause")


def test_a_signed_version_reprints_with_the_wording_it_was_signed_with(
    services: Services,
) -> None:
    client = services.clients.add(Client(code="ZM1", display_name="Zoë Martin"))
    set_clause(services, "records", "Signed wording, {client_name}.")
    draft = replace(
        first_draft(client, services.settings.load()),
        client_signed_on=date(2026, 11, 1),
        clinician_signed_on=date(2026, 11, 1),
    )
    signed = services.agreements.sign(draft, date(2026, 11, 2))
    set_clause(services, "records", "Later wording, {client_name}.")
    assert wording_for(services, signed).text("records") == "Signed wording, {client_name}."
    unsigned = first_draft(client, services.settings.load())
    assert wording_for(services, unsigned).text("records") == "Later wording, {client_name}."
    assert wording_for(services, unsigned) == clause_set(services)
