"""The vault's full integrity check, off the unlock path, and its last result.

Unlocking no longer reads the whole file: SQLCipher authenticates every page (HMAC)
as it is read, and the unlock keeps its cheap checks that a wrong or damaged file is
never taken for a vault (whole pages, a readable schema). What a page read alone
can't see, a page never read, a b-tree whose links no longer agree or a record
pointing at one that is gone, is what this check looks for, reading every page:
- on a schedule, at least weekly, on a read-only connection of its own on a worker
  thread (the app keeps working meanwhile);
- before every backup, on the backup's own connection (a backup is refused when
  it fails: see backing_up.py);
- on `boundary-desk check`.
Its result is kept in the audit trail (an "integrity check" row), so the vault
itself says when it was last checked and what was found.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.db.connection import Connection, classify, open_database
from boundary_desk.storage.errors import VaultDamaged
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.system.i18n import N_, _

log = logging.getLogger(__name__)

ACTION = "integrity check"
# How old the last passed check may be before the app runs another in the background.
CHECK_EVERY = timedelta(days=7)
UNREADABLE = N_("part of the file can't be read")
# What a check can find, kept in English in the audit trail and said in the app's
# language when shown; the counted ones as (pattern, message with {count}).
_FOUND = (
    UNREADABLE,
    N_("one of its pages fails its authentication"),
    N_("its structure is damaged"),
    N_("its structure can't be read"),
    N_("a record points to one that is missing"),
)
_PAGES = N_("{count} of its pages fail their authentication")
_LINKS = N_("{count} records point to records that are missing")
_COUNTED = tuple(
    (re.compile("^" + re.escape(message).replace(re.escape("{count}"), "([0-9]+)") + "$"), message)
    for message in (_PAGES, _LINKS)
)


def shown_problem(problem: str) -> str:
    """A problem as the check recorded it, in the app's language."""
    if problem in _FOUND:
        return _(problem)
    for pattern, message in _COUNTED:
        matched = pattern.match(problem)
        if matched:
            return _(message).format(count=matched.group(1))
    return problem


@dataclass(frozen=True)
class IntegrityCheck:
    """One full check of the vault file: when, and what it found (never record content)."""

    checked_at: datetime
    problems: tuple[str, ...] = ()
    reason: str = "schedule"  # "schedule", "backup" or "check"

    @property
    def passed(self) -> bool:
        return not self.problems

    def as_details(self) -> dict[str, Any]:
        return {
            "checked_at": self.checked_at.astimezone(UTC).isoformat(),
            "passed": self.passed,
            "problems": list(self.problems),
            "reason": self.reason,
        }

    @classmethod
    def from_details(cls, details: dict[str, Any]) -> IntegrityCheck:
        when = datetime.fromisoformat(str(details["checked_at"]))
        if when.tzinfo is None:
            raise ValueError("an integrity check time without its zone")
        return cls(when, tuple(str(p) for p in details.get("problems", ())), str(details["reason"]))

    def due(self, now: datetime) -> bool:
        """Whether the next check is due: a failed one is re-checked at the next chance."""
        return not self.passed or now - self.checked_at >= CHECK_EVERY


class VaultFailedCheck(VaultDamaged):
    """The vault failed its full integrity check; `check` says what was found."""

    def __init__(self, check: IntegrityCheck, before_backup: bool = False) -> None:
        super().__init__(failure_message(check, before_backup=before_backup))
        self.check = check


def failure_message(check: IntegrityCheck, *, before_backup: bool = False) -> str:
    """What was found and what to do, in one paragraph (no record content in it)."""
    found = "; ".join(shown_problem(problem) for problem in check.problems)
    if before_backup:
        # Refused, not written: a copy of a damaged vault verifies as a sound file
        # (the copy is rebuilt), and with the rotation it could push out the good
        # backups made before the damage. Those are all kept instead.
        return _(
            "The vault failed its integrity check ({found}), so no backup was made: a "
            "copy of a damaged vault could take the place of your good backups, and "
            "every earlier backup is kept. Restore the most recent one; the damaged "
            "files are kept aside, still encrypted, when you do."
        ).format(found=found)
    return _(
        "The vault failed its integrity check ({found}). It has not been changed. "
        "Restore your most recent backup; the damaged files are kept aside, still "
        "encrypted, when you do."
    ).format(found=found)


def damage_met_in_use(error: BaseException) -> VaultDamaged | None:
    """A page that failed its authentication as it was read, in a sentence; else None.

    With the whole-file check off the unlock path, damage is met where it lies: the
    first read of that page fails, as SQLCipher checks every page it reads.
    """
    if not isinstance(error, sqlcipher3.DatabaseError):
        return None
    found = classify(error, None)
    if not isinstance(found, VaultDamaged):
        return None
    return VaultDamaged(
        _(
            "Part of the vault file can't be read: it is damaged, and the damaged part was "
            "left as it is. Restore your most recent backup; the damaged files are kept "
            "aside, still encrypted, when you do."
        )
    )


def problems_in(conn: Connection) -> tuple[str, ...]:
    """Every page authenticated, the structure and the links between records checked."""
    found = []
    pages = _rows(conn, "cipher_integrity_check")
    if pages:
        # It reads the file itself, under the app's own writes: a page being copied in
        # from the WAL at that moment can read torn. Real damage is there both times.
        pages = _rows(conn, "cipher_integrity_check")
    if pages is None:
        found.append(UNREADABLE)
    elif pages:
        found.append(_FOUND[1] if len(pages) == 1 else _PAGES.format(count=len(pages)))
    structure = _rows(conn, "integrity_check")
    if structure != [("ok",)]:
        found.append(_FOUND[2] if structure else _FOUND[3])
    links = _rows(conn, "foreign_key_check")
    if links:
        found.append(_FOUND[4] if len(links) == 1 else _LINKS.format(count=len(links)))
    elif links is None and found == []:
        found.append(UNREADABLE)
    return tuple(found)


def _rows(conn: Connection, pragma: str) -> list[Any] | None:
    """What `PRAGMA pragma` returns; None if it stopped on a page that can't be read."""
    try:
        return conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlcipher3.DatabaseError:
        return None


def check_connection(conn: Connection, now: datetime, reason: str) -> IntegrityCheck:
    """The full check, on `conn`; logs the outcome (counts only)."""
    found = IntegrityCheck(now, problems_in(conn), reason)
    if found.passed:
        log.info("full integrity check passed (%s)", reason)
    else:
        log.error("full integrity check failed (%s): %d problems", reason, len(found.problems))
    return found


def check_file(
    path: Path, vault_key: SecretKey, now: datetime, *, writer_open: bool, reason: str
) -> IntegrityCheck:
    """The full check on a read-only connection of its own; safe on a worker thread.

    `writer_open` says the app has the vault open for writing meanwhile: the file is
    then read as a live database, never as an unchanging one.
    """
    with _own_connection(path, vault_key, writer_open) as conn:
        if conn is None:
            return IntegrityCheck(now, (UNREADABLE,), reason)
        return check_connection(conn, now, reason)


def check_file_if_due(
    path: Path, vault_key: SecretKey, now: datetime, *, writer_open: bool
) -> IntegrityCheck | None:
    """The scheduled check when it is due (never run, failed, or a week old), else None."""
    with _own_connection(path, vault_key, writer_open) as conn:
        if conn is None:
            return IntegrityCheck(now, (UNREADABLE,), "schedule")
        last = last_check(conn)
        if last is not None and not last.due(now):
            return None
        return check_connection(conn, now, "schedule")


@contextlib.contextmanager
def _own_connection(
    path: Path, vault_key: SecretKey, writer_open: bool
) -> Iterator[Connection | None]:
    key = vault_key.copy()  # locking meanwhile wipes the vault's key, not this one
    try:
        try:
            conn = open_database(path, key, check=False, read_only=True, beside_writer=writer_open)
        except VaultDamaged:
            conn = None
        try:
            yield conn
        finally:
            if conn is not None:
                conn.close()
    finally:
        key.wipe()


def last_check(conn: Connection) -> IntegrityCheck | None:
    """The last check recorded in the vault's audit trail, or None if there is none."""
    row = conn.execute(
        "SELECT payload FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1", (ACTION,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    try:
        return IntegrityCheck.from_details(json.loads(row[0]))
    except (ValueError, KeyError, TypeError):
        return None  # unreadable: as if never checked, so the next check runs


def record_check(conn: Connection, found: IntegrityCheck) -> None:
    """Keep `found` in the audit trail (nothing on a vault open read-only)."""
    audit.record(conn, ACTION, "vault", details=found.as_details())
