"""Purging a client after the retention period: their data goes, no trace stays in the file."""

from __future__ import annotations

from datetime import date

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.errors import InvalidInput
from boundary_desk.storage import audit
from boundary_desk.storage.connection import transaction
from boundary_desk.storage.vault import Vault


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
            f"{client.code} is still an active client. Mark therapy ended first; records can "
            "be purged once the retention period has passed."
        )
    if today < ends:
        raise InvalidInput(
            f"{client.code}'s records must be kept until {ends.isoformat()} "
            f"({retention_years} years after therapy ended). Nothing was deleted."
        )
    conn = vault.conn
    # The file is rebuilt: refused while another window or command has the vault open.
    with vault.exclusive():
        with transaction(conn):
            conn.execute("DELETE FROM clients WHERE id = ?", (client.id,))
            conn.execute("UPDATE audit_log SET payload = NULL WHERE client_id = ?", (client.id,))
            conn.execute("DELETE FROM drafts")  # an unfinished entry might name the client
            audit.record(
                conn, "purge", "clients", row_key=client.code, details={"code": client.code}
            )
        # secure_delete zeroes freed pages; VACUUM rebuilds the file, TRUNCATE empties the WAL.
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
