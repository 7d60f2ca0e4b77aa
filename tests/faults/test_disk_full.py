"""A full disk during database writes: one sentence, and the records already there kept.

The CLI scenarios run on a real 2 MiB tmpfs (see namespaces.py). A vault with one
client and three contacts is copied onto it, a filler file takes all the space, and
then just `free_kib` is given back. Free space decides where SQLite meets the full
disk; the windows below were measured with this seed vault and a 10,000-character
summary (40 KB in UTF-8), and each case sits in the middle of its window:

- under 32 KiB the shared-memory index (-shm) can't be sized, so even opening fails;
- 44-48 KiB the vault opens, but neither the entry nor the closing audit row fits;
- 48-144 KiB the vault opens and reads, and the entry's COMMIT hits SQLITE_FULL;
- 160-240 KiB the entry commits to the WAL, and the checkpoint at close fails.

The open-vault marker (vault.open) takes one more 4 KiB tmpfs page, so the windows that
depend on opening start about 4 KiB later than these figures.

Logs go to the home folder, off the small disk, except in the case about the log.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.domain.event_rules import MAX_SUMMARY
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.db.connection import verify_integrity
from boundary_desk.storage.errors import StorageUnavailable
from tests.cli.conftest import Cli, Result, assert_user_error
from tests.faults.namespaces import Tmpfs, fill, require_namespaces, run_on_tmpfs

DISK_SIZE = 2 * 1024 * 1024
SEEDED = ["entry 0", "entry 1", "entry 2"]
LARGE_SUMMARY = "\N{WATER WAVE}" * MAX_SUMMARY
DISK_FULL = "The disk is full"


def contact_args(summary_option: str, value: str, at: str) -> list[str]:
    return ["log", "AE1", "--channel", "text", "--direction", "in", "--at", at,
            summary_option, value, "--json"]  # fmt: skip


# --- runs inside the namespace ----------------------------------------------------------


def checks_after() -> dict[str, list[str]]:
    """The commands run once the filler is gone, by name."""
    return {
        "check": ["check"],
        "audit": ["audit", "verify", "--json"],
        "events": ["events", "--json"],
        "clients": ["client", "list", "--json"],
        "log": contact_args("--summary", "after the disk was freed", "2026-11-16T12:00"),
    }


@dataclass
class Plan:
    disk: str
    home: str
    free_kib: int
    attempts: list[list[str]]
    log_dir: str
    after: dict[str, list[str]] = field(default_factory=checks_after)

    def source(self) -> str:
        """The Python run inside the namespace."""
        return (
            "from tests.faults.test_disk_full import on_full_disk\n"
            f"on_full_disk({json.dumps(asdict(self))!r})\n"
        )


def on_full_disk(plan_json: str) -> None:
    """Fill the disk, run the attempts, free the disk, run the checks; print JSON."""
    plan = Plan(**json.loads(plan_json))
    disk, home = Path(plan.disk), Path(plan.home)
    cli = Cli(disk / "vault", home)
    env = {"BOUNDARY_DESK_LOG_DIR": plan.log_dir}
    summary = home / "large-summary.txt"
    summary.write_text(LARGE_SUMMARY, encoding="utf-8")
    filler = disk / "filler"
    written = fill(filler)
    os.truncate(filler, written - plan.free_kib * 1024)
    stats = os.statvfs(disk)
    found: dict[str, Any] = {"free_bytes": stats.f_bavail * stats.f_frsize, "attempts": []}
    for args in plan.attempts:
        result = cli(*[str(summary) if a == "@summary" else a for a in args], **env)
        found["attempts"].append(asdict(result))
    vault = disk / "vault"
    found["left_behind"] = sorted(p.name for p in vault.iterdir()) if vault.is_dir() else []
    backups = vault / "backups"
    found["backups_left"] = sorted(p.name for p in backups.iterdir()) if backups.is_dir() else []
    filler.unlink()
    found["after"] = {name: asdict(cli(*args, **env)) for name, args in plan.after.items()}
    print(json.dumps(found))


# --- the tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `vault/`: one client (AE1) and three logged contacts."""
    require_namespaces()
    folder = tmp_path_factory.mktemp("seed")
    cli = Cli(folder / "vault", folder / "home")
    assert cli("init", "--passphrase-only", "--json").code == 0
    assert cli("client", "add", "Ada Example", "--code", "AE1").code == 0
    for n, text in enumerate(SEEDED):
        assert cli(*contact_args("--summary", text, f"2026-11-1{n}T11:00")).code == 0
    return folder


def full_disk(
    tmp_path: Path,
    free_kib: int,
    attempts: list[list[str]],
    *,
    seed: Path | None,
    logs_on_disk: bool = False,
    after: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Run `attempts` with `free_kib` left on a 2 MiB disk holding `seed`; what was found."""
    disk, home = tmp_path / "disk", tmp_path / "home"
    disk.mkdir()
    home.mkdir()
    log_dir = disk / "logs" if logs_on_disk else home / "logs"
    plan = Plan(str(disk), str(home), free_kib, attempts, str(log_dir))
    if after is not None:
        plan.after = after
    found: dict[str, Any] = run_on_tmpfs(plan.source(), Tmpfs(disk, DISK_SIZE, seed=seed))
    return found


def assert_records_intact(found: dict[str, Any], saved: list[str]) -> None:
    """Once space is back: checks pass, exactly `saved` is there, and logging works."""
    after = {name: Result(**result) for name, result in found["after"].items()}
    assert after["check"].code == 0, after["check"].err
    assert after["audit"].code == 0, after["audit"].err
    assert after["audit"].json()["intact"] is True
    assert [e["summary"] for e in after["events"].json()] == saved
    assert [c["code"] for c in after["clients"].json()] == ["AE1"]
    assert after["log"].code == 0, after["log"].err
    assert after["log"].json()["summary"] == "after the disk was freed"


LOG_LARGE = contact_args("--summary-file", "@summary", "2026-11-16T11:00")


def test_with_no_space_at_all_the_refusal_says_the_disk_is_full(seed: Path, tmp_path: Path) -> None:
    attempts = [LOG_LARGE, ["client", "add", "Bea Example", "--code", "BE1"]]
    found = full_disk(tmp_path, 0, attempts, seed=seed)

    assert found["free_bytes"] == 0
    assert_records_intact(found, SEEDED)
    for attempt in [Result(**a) for a in found["attempts"]]:
        assert_user_error(attempt, DISK_FULL)


def test_an_entry_too_big_for_the_space_left_is_refused_whole(seed: Path, tmp_path: Path) -> None:
    found = full_disk(tmp_path, 96, [["events", "--json"], LOG_LARGE], seed=seed)

    reading, saving = (Result(**a) for a in found["attempts"])
    # The vault still opens and reads, so the refusal came from saving the entry.
    assert reading.code == 0, reading.err
    assert [e["summary"] for e in reading.json()] == SEEDED
    assert_user_error(saving, DISK_FULL, "Nothing was saved")
    assert saving.out == ""
    assert_records_intact(found, SEEDED)


def test_an_entry_committed_to_the_wal_survives_a_checkpoint_the_disk_refused(
    seed: Path, tmp_path: Path
) -> None:
    found = full_disk(tmp_path, 200, [LOG_LARGE], seed=seed)

    saving = Result(**found["attempts"][0])
    assert saving.code == 0, saving.err
    assert saving.err == ""
    assert saving.json()["summary"] == LARGE_SUMMARY
    # The WAL still holds the entry: the checkpoint at close found no room in vault.db.
    assert "vault.db-wal" in found["left_behind"], "case not reached; adjust free_kib"
    assert_records_intact(found, [*SEEDED, LARGE_SUMMARY])


def test_a_log_file_on_the_full_disk_adds_no_traceback(seed: Path, tmp_path: Path) -> None:
    # 52 KiB: the vault opens, then neither the entry nor the closing "lock" row fits, so
    # the closing warning goes to a log file that can't grow either. (The open-vault
    # marker, vault.open, takes one 4 KiB tmpfs page, so this window moved up by one.)
    trail = {"trail": ["audit", "show", "--json", "--limit", "3"]}
    found = full_disk(
        tmp_path, 52, [LOG_LARGE], seed=seed, logs_on_disk=True, after=trail | checks_after()
    )

    rows = Result(**found["after"]["trail"]).json()
    assert [r["action"] for r in rows[:2]] == ["unlock", "unlock"], "case not reached"
    assert_records_intact(found, SEEDED)
    saving = Result(**found["attempts"][0])
    assert_user_error(saving, DISK_FULL, "Nothing was saved")


@pytest.mark.parametrize(
    "free_kib",
    [
        pytest.param(0, id="no-room"),
        pytest.param(24, id="no-room-for-the-shm"),
        pytest.param(336, id="no-room-for-the-checkpoint"),
    ],
)
def test_creating_a_vault_on_a_full_disk_says_so_and_can_be_retried(
    tmp_path: Path, free_kib: int
) -> None:
    require_namespaces()
    init = ["init", "--passphrase-only", "--json"]
    found = full_disk(
        tmp_path, free_kib, [init], seed=None, after={"init": init, "check": ["check"]}
    )

    retried, check = Result(**found["after"]["init"]), Result(**found["after"]["check"])
    assert retried.code == 0, retried.err
    assert check.code == 0, check.err
    creating = Result(**found["attempts"][0])
    assert_user_error(creating, DISK_FULL)


# --- without namespaces: SQLite's page limit makes the vault "full" ---------------------

T0 = datetime(2026, 11, 17, 11, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=1)


def contact(client_id: int, summary: str) -> ContactEvent:
    return ContactEvent(
        client_id=client_id,
        kind=EventKind.CONTACT,
        occurred_at=T0,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        summary=summary,
    )


def test_a_vault_at_its_page_limit_refuses_an_entry_and_stays_usable(
    services: Services,
) -> None:
    client_id = services.clients.add(Client(code="PL1", display_name="Page Limit")).id or 0
    for text in SEEDED:
        log_event(services, contact(client_id, text), NOW)
    conn = services.vault.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    default_limit = conn.execute("PRAGMA max_page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StorageUnavailable, match=DISK_FULL):
        log_event(services, contact(client_id, LARGE_SUMMARY), NOW)

    assert not conn.in_transaction
    assert [e.summary for e in services.events.list()] == SEEDED
    conn.execute(f"PRAGMA max_page_count = {default_limit}")
    log_event(services, contact(client_id, "after the limit was lifted"), NOW)
    assert [e.summary for e in services.events.list()][-1] == "after the limit was lifted"
    verify_integrity(conn, services.vault.location.paths.vault_file)
    assert services.vault.verify_audit().intact
