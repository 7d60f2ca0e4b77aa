"""Clients: added or changed once for the app and the CLI, archived, found and listed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.services import Services
from boundary_desk.services.clients import (
    all_clients,
    find_client,
    get_client,
    list_clients,
    save_client,
    set_archived,
)


def test_a_new_client_is_added_and_an_existing_one_changed(services: Services) -> None:
    phone = ContactHandle(HandleKind.PHONE, "+1 416 555 0100")
    added = save_client(services, Client(code="ZM1", display_name="Zoë Martin", handles=(phone,)))
    assert added.id is not None and added.handles[0].value == phone.value
    changed = save_client(services, replace(added, display_name="Zoë Martin-Roy"))
    assert changed.id == added.id
    assert get_client(services, added.id).display_name == "Zoë Martin-Roy"
    assert len(all_clients(services)) == 1


def test_a_duplicate_code_is_refused_and_nothing_is_added(services: Services) -> None:
    save_client(services, Client(code="ZM1", display_name="Zoë Martin"))
    with pytest.raises(InvalidInput):
        save_client(services, Client(code="zm1", display_name="Someone Else"))
    assert [c.display_name for c in all_clients(services)] == ["Zoë Martin"]


def test_a_client_without_a_name_is_refused(services: Services) -> None:
    with pytest.raises(InvalidInput):
        save_client(services, Client(code="ZM1", display_name="  "))
    assert all_clients(services) == []


def test_saving_a_client_that_is_gone_says_so(services: Services) -> None:
    with pytest.raises(NotFound):
        save_client(services, Client(code="ZM1", display_name="Zoë Martin", id=99))
    assert all_clients(services) == []


def test_archiving_hides_a_client_and_restoring_brings_them_back(services: Services) -> None:
    zoe = save_client(services, Client(code="ZM1", display_name="Zoë Martin"))
    assert zoe.id is not None
    assert set_archived(services, zoe.id, True).archived
    assert list_clients(services) == []
    assert [c.code for c in list_clients(services, include_archived=True)] == ["ZM1"]
    assert not set_archived(services, zoe.id, False).archived
    assert [c.code for c in list_clients(services)] == ["ZM1"]


def test_archiving_a_client_that_is_gone_writes_nothing(services: Services) -> None:
    with pytest.raises(NotFound):
        set_archived(services, 99, True)
    assert all_clients(services) == []


def test_a_client_is_found_by_code_or_exact_name_and_listed_by_any_part(
    services: Services,
) -> None:
    zoe = save_client(services, Client(code="ZM1", display_name="Zoë Martin"))
    save_client(services, Client(code="AB1", display_name="Ana Brown"))
    assert find_client(services, "zm1") == zoe
    assert find_client(services, "Zoë Martin") == zoe
    assert [c.code for c in list_clients(services, "mart")] == ["ZM1"]
    assert [c.code for c in list_clients(services)] == ["AB1", "ZM1"]  # by name
    with pytest.raises(NotFound):
        find_client(services, "nobody")


@pytest.mark.parametrize("typed", ["416-555-0142", "(416) 555-0142", "4165550142", "555-0142"])
def test_phone_search_compares_numbers_as_numbers(services: Services, typed: str) -> None:
    services.settings.set_many({"region": "CA-ON"})
    phone = ContactHandle(HandleKind.PHONE, "+1 416 555 0142")
    save_client(services, Client(code="ZM1", display_name="Zoë Martin", handles=(phone,)))
    save_client(services, Client(code="JE3", display_name="Jordan Ellis"))
    assert [c.code for c in list_clients(services, typed)] == ["ZM1"]


def test_a_number_without_a_country_code_is_read_in_the_practices_region(
    services: Services,
) -> None:
    services.settings.set_many({"region": "GB"})
    phone = ContactHandle(HandleKind.PHONE, "020 7946 0958")
    save_client(services, Client(code="ZM1", display_name="Zoë Martin", handles=(phone,)))
    assert [c.code for c in list_clients(services, "+44 20 7946 0958")] == ["ZM1"]
    assert list_clients(services, "+1 020 7946 0958") == []
