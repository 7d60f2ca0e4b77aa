"""Purging a client after the retention period: their data goes, no trace stays in the file."""

from __future__ import annotations

from datetime import date

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.storage.vault.vault import Vault
from boundary_desk.system.i18n import _, ngettext


def retention_ends(client: Client, years: int) -> date | None:
    if client.status is not ClientStatus.ENDED or client.ended_on is None:
        return None
    ended = client.ended_on
    try:
        return ended.replace(year=ended.year + years)
    except ValueError:  # 29 February
        return ended.replace(year=ended.year + years, day=28)


def purge_client(vault: Vault, client: Client, retention_years: int, today: date) -> None:
    """Delete every row about the client, redact their audit payloads, then VACUUM."""
    ends = retention_ends(client, retention_years)
    if ends is None:
        raise InvalidInput(
            _(
                "{code} is still an active client. Mark therapy ended first; records can be "
                "purged once the retention period has passed."
            ).format(code=client.code)
        )
    if today < ends:
        raise InvalidInput(
            ngettext(
                "{code}'s records must be kept until {day} ({count} year after therapy "
                "ended). Nothing was deleted.",
                "{code}'s records must be kept until {day} ({count} years after therapy "
                "ended). Nothing was deleted.",
                retention_years,
            ).format(code=client.code, day=ends.isoformat(), count=retention_years)
        )
    # The file is rebuilt: refused while another window or command has the vault open.
    with vault.exclusive():
        purge_rows(vault.conn, client.id, client.code)


def purge_rows(conn: Connection, client_id: int | None, code: str) -> None:
    """The purge itself, on any copy of the vault: rows, audit payloads, drafts, the folders
    last saved into, free pages."""
    with transaction(conn):
        conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))
        conn.execute("UPDATE audit_log SET payload = NULL WHERE client_id = ?", (client_id,))
        conn.execute("DELETE FROM drafts")  # an unfinished entry might name the client
        conn.execute("DELETE FROM save_folders")  # a folder might be named after them
        # Naming the client lets `audit verify` tell these cleared payloads from tampering.
        audit.record(
            conn, "purge", "clients", row_key=code, client_id=client_id, details={"code": code}
        )
    # secure_delete zeroes freed pages; VACUUM rebuilds the file and TRUNCATE empties the WAL.
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def purged_client_id(conn: Connection, code: str) -> int | None:
    """The id a client purged under `code` had (from the purge's audit row), if one was."""
    row = conn.execute(
        "SELECT client_id FROM audit_log WHERE action = 'purge' AND row_key = ? "
        "AND client_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        (code.strip(),),
    ).fetchone()
    return None if row is None else int(row[0])
