"""Clients, for the app and the CLI alike: add or change one, archive, find, and list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boundary_desk.domain.clients import Client, client_search

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "all_clients",
    "find_client",
    "get_client",
    "list_clients",
    "save_client",
    "set_archived",
]


def save_client(services: Services, client: Client) -> Client:
    """Add a new client (no id yet) or save the changes to one; the saved client.

    A refusal (a duplicate code, a missing name) raises InvalidInput and keeps nothing.
    """
    if client.id is None:
        return services.clients.add(client)
    return services.clients.update(client)


def set_archived(services: Services, client_id: int, archived: bool) -> Client:
    """Hide a client from the list (nothing is deleted), or bring them back."""
    services.clients.get(client_id)  # NotFound before anything is written
    return services.clients.set_archived(client_id, archived)


def get_client(services: Services, client_id: int) -> Client:
    return services.clients.get(client_id)


def find_client(services: Services, reference: str) -> Client:
    """The client whose code, or else whose exact name, is `reference` (NotFound if none)."""
    return services.clients.find(reference)


def list_clients(
    services: Services, query: str = "", *, include_archived: bool = False
) -> list[Client]:
    """Clients sorted by name; `query` matches a name, code or handle, and a phone number
    as a number ("416-555-0142" finds "+1 416 555 0142"), read in the practice's country."""
    search = client_search(query, services.settings.load().region.country)
    return services.clients.list(query=search, include_archived=include_archived)


def all_clients(services: Services) -> list[Client]:
    """Every client, archived ones too."""
    return services.clients.list(include_archived=True)
