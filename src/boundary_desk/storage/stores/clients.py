"""Clients and their contact handles in the vault."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from boundary_desk.domain.clients import (
    ChannelComfort,
    Client,
    ClientSearch,
    ClientStatus,
    ContactHandle,
    HandleKind,
    client_search,
    matches,
    next_client_code,
    validate_client,
)
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.phones import NumbersReread, StoredNumber, e164
from boundary_desk.domain.practice_settings import REGION
from boundary_desk.domain.region import stored_region
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.system.i18n import _

_COLUMNS = (
    "id, code, display_name, status, started_on, ended_on, is_minor, guardian_name, "
    "archived_at, p.channel, p.comfort"
)
# Each client with their preferred channel, if they have one (migration 13).
_FROM = "clients LEFT JOIN client_preferences p ON p.client_id = clients.id"


class ClientStore:
    def __init__(
        self, conn: Connection, clock: Clock = utc_now, country: Callable[[], str] | None = None
    ) -> None:
        """`country` is the practice's, for phone numbers typed without a country code
        (by default read from the vault's settings)."""
        self._conn = conn
        self._clock = clock
        self._country = country or (lambda: practice_country(conn))

    def add(self, client: Client) -> Client:
        """Save a new client; an empty code gets the next automatic one."""
        if not client.code.strip():
            client = replace(client, code=next_client_code(self._all_codes()))
        client = validate_client(client)
        now = self._clock().isoformat()
        with transaction(self._conn):
            self._refuse_duplicate_code(client.code, None)
            cur = self._conn.execute(
                "INSERT INTO clients (code, display_name, status, started_on, ended_on, "
                "is_minor, guardian_name, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_row_values(client), now, now),
            )
            if cur.lastrowid is None:
                raise RuntimeError("insert returned no row id")
            client_id = int(cur.lastrowid)
            self._write_handles(client_id, client.handles)
            self._write_preference(client_id, client, now)
        return self.get(client_id)

    def update(self, client: Client) -> Client:
        if client.id is None:
            raise ValueError("update needs a saved client")
        client_id = client.id
        client = validate_client(client)
        with transaction(self._conn):
            self._refuse_duplicate_code(client.code, client.id)
            cur = self._conn.execute(
                "UPDATE clients SET code = ?, display_name = ?, status = ?, started_on = ?, "
                "ended_on = ?, is_minor = ?, guardian_name = ?, updated_at = ? WHERE id = ?",
                (*_row_values(client), self._clock().isoformat(), client.id),
            )
            if cur.rowcount != 1:
                raise NotFound(_("That client no longer exists."))
            self._conn.execute("DELETE FROM client_handles WHERE client_id = ?", (client.id,))
            self._write_handles(client_id, client.handles)
            self._write_preference(client_id, client, self._clock().isoformat())
        return self.get(client_id)

    def add_handles(self, client_id: int, handles: tuple[ContactHandle, ...]) -> None:
        """Append handles to a client's, after those it has, inside the caller's transaction."""
        if (
            self._conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone()
            is None
        ):
            raise NotFound(_("That client no longer exists."))
        row = self._conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM client_handles WHERE client_id = ?",
            (client_id,),
        ).fetchone()
        with transaction(self._conn):
            self._write_handles(client_id, handles, start=int(row[0]))

    def set_archived(self, client_id: int, archived: bool) -> Client:
        stamp = self._clock().isoformat() if archived else None
        with transaction(self._conn):
            self._conn.execute(
                "UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ?",
                (stamp, self._clock().isoformat(), client_id),
            )
        return self.get(client_id)

    def get(self, client_id: int) -> Client:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE id = ?",  # noqa: S608 - constant columns
            (client_id,),
        ).fetchone()
        if row is None:
            raise NotFound(_("That client no longer exists."))
        return _client(row, self._handles_by_client([client_id]).get(client_id, ()))

    def list(
        self, *, query: str | ClientSearch = "", include_archived: bool = False
    ) -> builtins.list[Client]:
        """Clients sorted by name; `query` matches name, code or a handle."""
        sql = f"SELECT {_COLUMNS} FROM {_FROM}"  # noqa: S608 - constant columns
        if not include_archived:
            sql += " WHERE archived_at IS NULL"
        rows = self._conn.execute(sql).fetchall()
        handles = self._handles_by_client([int(r[0]) for r in rows])
        clients = [_client(r, handles.get(int(r[0]), ())) for r in rows]
        search = query if isinstance(query, ClientSearch) else client_search(query)
        if search.text:  # read once, not once a client: the unlock's first list has none
            clients = [c for c in clients if matches(c, search)]
        return sorted(clients, key=lambda c: (c.display_name.casefold(), c.code))

    def find(self, reference: str) -> Client:
        """The client whose code, or else whose exact name, is `reference`."""
        ref = reference.strip()
        everyone = self.list(include_archived=True)
        by_code = [c for c in everyone if c.code.casefold() == ref.casefold()]
        if by_code:
            return by_code[0]
        by_name = [c for c in everyone if c.display_name.casefold() == ref.casefold()]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            codes = ", ".join(c.code for c in by_name)
            raise InvalidInput(
                _("More than one client has that name; use a code ({codes}).").format(codes=codes)
            )
        raise NotFound("No client has that code or name. `boundary-desk client list` shows them.")

    def stored_numbers(self) -> builtins.list[StoredNumber]:
        """Every client's phone numbers as typed, archived clients' too, by handle."""
        rows = self._conn.execute(
            "SELECT h.id, c.code, h.value FROM client_handles h "
            "JOIN clients c ON c.id = h.client_id WHERE h.kind = ? ORDER BY h.id",
            (HandleKind.PHONE.value,),
        )
        return [StoredNumber(int(hid), str(code), str(value)) for hid, code, value in rows]

    def keep_numbers(self, reread: NumbersReread) -> None:
        """Store the numbers read again: each its new E.164 form, or none if it has none."""
        new = [(hid, number) for hid, number in reread.numbers.items() if number]
        gone = [(hid,) for hid, number in reread.numbers.items() if not number]
        with transaction(self._conn):
            self._conn.executemany(
                "INSERT OR REPLACE INTO handle_numbers (handle_id, e164) VALUES (?, ?)", new
            )
            self._conn.executemany("DELETE FROM handle_numbers WHERE handle_id = ?", gone)

    def _all_codes(self) -> builtins.list[str]:
        return [str(r[0]) for r in self._conn.execute("SELECT code FROM clients")]

    def _refuse_duplicate_code(self, code: str, own_id: int | None) -> None:
        row = self._conn.execute(
            "SELECT id FROM clients WHERE code = ? COLLATE NOCASE", (code,)
        ).fetchone()
        if row is not None and int(row[0]) != own_id:
            raise InvalidInput(
                _("The code {code} is already used by another client.").format(code=code)
            )

    def _write_handles(
        self, client_id: int, handles: tuple[ContactHandle, ...], start: int = 0
    ) -> None:
        country = self._country()
        for position, h in enumerate(handles, start):
            cur = self._conn.execute(
                "INSERT INTO client_handles (client_id, kind, value, label, verified, position) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (client_id, h.kind.value, h.value, h.label, int(h.verified), position),
            )
            if h.kind is HandleKind.PHONE and (number := e164(h.value, country)):
                self._conn.execute(
                    "INSERT INTO handle_numbers (handle_id, e164) VALUES (?, ?)",
                    (cur.lastrowid, number),
                )

    def _write_preference(self, client_id: int, client: Client, now: str) -> None:
        """Keep the client's preferred channel and comfort; only a change is written (and
        so audited), and no preference leaves no row."""
        channel = client.preferred_channel.value if client.preferred_channel else None
        comfort = client.channel_comfort.value if client.channel_comfort else None
        row = self._conn.execute(
            "SELECT channel, comfort FROM client_preferences WHERE client_id = ?", (client_id,)
        ).fetchone()
        if row is not None and (row[0], row[1]) == (channel, comfort):
            return
        if channel is None:
            self._conn.execute("DELETE FROM client_preferences WHERE client_id = ?", (client_id,))
            return
        self._conn.execute(
            "INSERT INTO client_preferences (client_id, channel, comfort, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET channel = excluded.channel, "
            "comfort = excluded.comfort, updated_at = excluded.updated_at",
            (client_id, channel, comfort, now),
        )

    def _handles_by_client(self, ids: builtins.list[int]) -> dict[int, tuple[ContactHandle, ...]]:
        if not ids:
            return {}
        result: dict[int, builtins.list[ContactHandle]] = {}
        sql = (
            "SELECT h.client_id, h.kind, h.value, h.label, h.verified, n.e164 "
            "FROM client_handles h LEFT JOIN handle_numbers n ON n.handle_id = h.id"
        )
        params: tuple[int, ...] = ()
        if len(ids) == 1:
            sql, params = sql + " WHERE h.client_id = ?", (ids[0],)
        rows = self._conn.execute(sql + " ORDER BY h.client_id, h.position", params)
        wanted = set(ids)
        for client_id, kind, value, label, verified, number in rows:
            if client_id in wanted:
                result.setdefault(int(client_id), []).append(
                    ContactHandle(HandleKind(kind), value, label, bool(verified), number or "")
                )
        return {k: tuple(v) for k, v in result.items()}


def _row_values(c: Client) -> tuple[Any, ...]:
    return (
        c.code,
        c.display_name,
        c.status.value,
        c.started_on.isoformat() if c.started_on else None,
        c.ended_on.isoformat() if c.ended_on else None,
        int(c.is_minor),
        c.guardian_name,
    )


def _client(row: Any, handles: tuple[ContactHandle, ...]) -> Client:
    cid, code, name, status, started, ended, minor, guardian, archived_at, channel, comfort = row
    return Client(
        id=int(cid),
        code=code,
        display_name=name,
        status=ClientStatus(status),
        started_on=date.fromisoformat(started) if started else None,
        ended_on=date.fromisoformat(ended) if ended else None,
        is_minor=bool(minor),
        guardian_name=guardian,
        handles=handles,
        archived=archived_at is not None,
        preferred_channel=ContactChannel(channel) if channel else None,
        channel_comfort=ChannelComfort(comfort) if comfort else None,
    )


def practice_country(conn: Connection) -> str:
    """The practice's country code ("CA") from the settings in the vault, or the default's."""
    row = conn.execute("SELECT value FROM settings WHERE key = 'region'").fetchone()
    try:
        return stored_region(str(row[0]) if row else REGION.default).country
    except InvalidInput:  # a damaged setting: the settings page says so; numbers use the default
        return stored_region(REGION.default).country


def backfill_numbers(conn: Connection) -> None:
    """Migration 8: every phone number already in the vault gains its E.164 form."""
    country = practice_country(conn)
    rows = conn.execute("SELECT id, value FROM client_handles WHERE kind = 'phone'").fetchall()
    conn.executemany(
        "INSERT OR REPLACE INTO handle_numbers (handle_id, e164) VALUES (?, ?)",
        [(int(hid), number) for hid, value in rows if (number := e164(str(value), country))],
    )
