"""Contact cards as an import: the handles each card would add to the client it is tied to.

A card is tied to a client by `ties` (its name -> a client code) or, suggested, when its
name is exactly one client's name, case and accents aside, unless the clinician said it
is no client's (`not_clients`). A card tied to no client is only counted; nothing of it
is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.domain import phones
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind, validate_handle
from boundary_desk.domain.handle_matching import email_key, fold, suggested_ties
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.importers.records import ImportedContact
from boundary_desk.importers.vcard import read_vcards
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.stores.imports import ImportStore

if TYPE_CHECKING:
    from boundary_desk.services import Services


@dataclass
class CardsRead:
    # Each tied client, the handles the cards would add, and how many it has already.
    by_client: list[tuple[Client, tuple[ContactHandle, ...], int]] = field(default_factory=list)
    others: int = 0  # cards tied to no client
    summary: ReadSummary = field(default_factory=lambda: ReadSummary(SourceKind.VCARD, 0, 0, {}))


def _names(card: ImportedContact) -> list[str]:
    full = " ".join(p for p in (card.given_name, card.family_name) if p)
    return [n for n in dict.fromkeys((card.display_name, full)) if n]


def card_names(path: Path, clients: list[Client]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Every card's name, in file order, once each (a card with no name can't be asked
    about); and card name -> client code, for each card whose name is exactly one client's."""
    names: dict[str, None] = {}
    found: dict[str, str] = {}
    for card in read_vcards(path):
        known = _names(card)
        if not known:
            continue
        names.setdefault(known[0], None)
        for code in suggested_ties(known, clients).values():
            found.setdefault(known[0], code)
            break
    return tuple(names), found


def read(
    path: Path,
    clients: list[Client],
    ties: Mapping[str, str],
    country: str,
    not_clients: frozenset[str] = frozenset(),
) -> CardsRead:
    """What the cards in `path` would add, per client tied to one."""
    declined = {fold(n) for n in not_clients}
    by_code = {c.code.upper(): c for c in clients}
    adding: dict[str, list[ContactHandle]] = {}
    present: dict[str, int] = {}
    result, cards = CardsRead(), 0
    for card in read_vcards(path):
        cards += 1
        code = _tied(card, ties, declined, clients)
        client = by_code.get(code.upper()) if code else None
        if client is None:
            result.others += 1
            continue
        added = adding.setdefault(client.code, [])
        for handle in _handles(card):
            if _has(client, added, handle, country):
                present[client.code] = present.get(client.code, 0) + 1
            else:
                added.append(handle)
    result.by_client = [
        (by_code[code.upper()], tuple(handles), present.get(code, 0))
        for code, handles in sorted(adding.items())
    ]
    result.summary = ReadSummary(SourceKind.VCARD, cards, cards - result.others, {})
    return result


def _tied(
    card: ImportedContact, ties: Mapping[str, str], declined: set[str], clients: list[Client]
) -> str:
    names = _names(card)
    for name in names:
        if name in ties:
            return ties[name]
    if any(fold(name) in declined for name in names):
        return ""  # the clinician said this card is no client's, whatever its name
    return next(iter(suggested_ties(names, clients).values()), "")


def _handles(card: ImportedContact) -> list[ContactHandle]:
    found = []
    for kind, values in ((HandleKind.PHONE, card.phones), (HandleKind.EMAIL, card.emails)):
        for value in values:
            try:
                found.append(validate_handle(kind, value, label="From contact cards"))
            except InvalidInput:
                continue  # a value that is no number or address of its kind
    return found


def _has(client: Client, added: list[ContactHandle], handle: ContactHandle, country: str) -> bool:
    others = [*client.handles, *added]
    if handle.kind is HandleKind.EMAIL:
        key = email_key(handle.value)
        return any(h.kind is HandleKind.EMAIL and email_key(h.value) == key for h in others)
    number = phones.e164(handle.value, country)
    for h in others:
        if h.kind is not HandleKind.PHONE:
            continue
        if (number and (h.number or phones.e164(h.value, country)) == number) or (
            phones.digits(h.value) == phones.digits(handle.value)
        ):
            return True
    return False


def commit(
    services: Services,
    store: ImportStore,
    handles: tuple[tuple[int, tuple[ContactHandle, ...]], ...],
    already: int,
) -> int:
    """Add the handles to their clients, in one transaction with one audit row; how many."""
    added = sum(len(h) for _, h in handles)
    with transaction(services.vault.conn):
        for client_id, new in handles:
            services.clients.add_handles(client_id, new)
        store.record(SourceKind.VCARD.value, added=added, already=already, clients=len(handles))
    return added


def attach(services: Services, client: Client, handle: str, country: str) -> None:
    """Add `handle` to the client's handles, unless it is one of them already."""
    value = handle.strip()
    if "@" in value:
        kind = HandleKind.EMAIL
    elif phones.digits(value):
        kind = HandleKind.PHONE
    else:
        kind = HandleKind.SOCIAL
    found = validate_handle(kind, value, label="From an import")
    if kind is not HandleKind.SOCIAL and _has(client, [], found, country):
        return
    if kind is HandleKind.SOCIAL and any(h.value == found.value for h in client.handles):
        return
    services.clients.add_handles(client.id or 0, (found,))
