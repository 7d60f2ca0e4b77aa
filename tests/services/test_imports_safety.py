"""An import keeps nothing of people who are not clients, and writes all of itself or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.importers.problems import BrokenFile, HostileMarkup
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportCancelled, ImportChoices, commit, preview
from boundary_desk.storage.errors import StorageUnavailable
from boundary_desk.storage.stores.events import EventStore
from boundary_desk.storage.stores.purge import purge_rows
from tests.services.import_files import HEAD, messages, sms

WHEN = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
STRANGER = "+14165559393"
SECRET = "ZEBRA-MARKER-93 meet at the pier"


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "CA-ON")
    services.settings.set("timezone", "America/Toronto")
    services.clients.add(
        Client(
            code="RB1",
            display_name="Robin Bell",
            handles=(ContactHandle(HandleKind.PHONE, "416 555 0142"),),
        )
    )
    return services


def many(count: int, start: datetime = WHEN) -> list[str]:
    return [sms("+14165550142", start + timedelta(minutes=i), f"message {i}") for i in range(count)]


def rows(services: Services, table: str) -> int:
    return int(services.vault.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608


def test_a_non_client_leaves_no_trace_on_disk_or_in_the_vault(
    ready: Services, tmp_path: Path
) -> None:
    path = messages(
        tmp_path,
        sms("+14165550142", WHEN, "client message"),
        sms(STRANGER, WHEN, SECRET),
        sms(STRANGER, WHEN + timedelta(minutes=1), SECRET, out=True),
        name="export.xml",
    )
    shown = preview(ready, path, ImportChoices(keep_text=True))
    assert [u.handle for u in shown.unmatched] == [STRANGER]  # shown, in memory only
    commit(ready, shown)
    ready.vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    markers = (b"ZEBRA-MARKER", b"5559393", "ZEBRA-MARKER".encode("utf-16-le"))
    for found in tmp_path.rglob("*"):
        if found.is_file() and found != path:
            data = found.read_bytes()
            assert not any(m in data for m in markers), found.name
    conn = ready.vault.conn
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        dumped = repr(conn.execute(f"SELECT * FROM {table}").fetchall())  # noqa: S608
        assert "ZEBRA" not in dumped and "5559393" not in dumped, table
    kept = conn.execute("SELECT message_text FROM imported_events").fetchall()
    assert kept == [("client message",)]


def test_the_audit_trail_gets_one_import_row_with_counts_and_no_text(
    ready: Services, tmp_path: Path
) -> None:
    shown = preview(ready, messages(tmp_path, *many(3)), ImportChoices(keep_text=True))
    commit(ready, shown)
    found = ready.vault.conn.execute(
        "SELECT payload FROM audit_log WHERE action = 'import'"
    ).fetchall()
    assert len(found) == 1
    assert "message 0" not in found[0][0]
    assert '"added": 3' in found[0][0] and '"source": "sbr-messages"' in found[0][0]
    assert ready.vault.verify_audit().intact


def test_a_failure_part_way_through_a_commit_leaves_nothing(
    ready: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = preview(ready, messages(tmp_path, *many(10)), ImportChoices())
    audit_before = rows(ready, "audit_log")
    real = EventStore.insert_many
    calls = []

    def failing(self: EventStore, entries: list[Any]) -> list[int]:
        calls.append(real(self, entries[:5]))  # five entries are written, then the disk fails
        raise OSError("the disk went away")

    monkeypatch.setattr(EventStore, "insert_many", failing)
    with pytest.raises(OSError):
        commit(ready, shown)
    assert len(calls) == 1 and len(calls[0]) == 5
    assert ready.events.list() == []
    assert (rows(ready, "imports"), rows(ready, "imported_events")) == (0, 0)
    assert rows(ready, "audit_log") == audit_before
    monkeypatch.undo()
    assert commit(ready, shown).added == 10  # and the same preview can be committed after


def test_a_full_disk_part_way_through_refuses_the_whole_import(
    ready: Services, tmp_path: Path
) -> None:
    shown = preview(ready, messages(tmp_path, *many(400)), ImportChoices())
    conn = ready.vault.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    limit = conn.execute("PRAGMA max_page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(StorageUnavailable):
        commit(ready, shown)
    conn.execute(f"PRAGMA max_page_count = {limit}")
    assert ready.events.list() == [] and rows(ready, "imports") == 0
    assert ready.vault.verify_audit().intact


def test_cancel_stops_the_preview_and_keeps_nothing(ready: Services, tmp_path: Path) -> None:
    path = messages(tmp_path, *many(600))
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled, match="nothing was imported"):
        preview(
            ready,
            path,
            ImportChoices(),
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 1,
        )
    assert len(seen) == 1 and 0 < seen[0][0] <= seen[0][1] == path.stat().st_size
    assert ready.events.list() == [] and rows(ready, "imports") == 0


def test_progress_reaches_the_whole_file(ready: Services, tmp_path: Path) -> None:
    path = messages(tmp_path, *many(600))
    seen: list[tuple[int, int]] = []
    preview(ready, path, ImportChoices(), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def truncated(tmp_path: Path, whole: int) -> Path:
    full = messages(tmp_path, *many(whole), name="full.xml").read_text(encoding="utf-8")
    cut = full.index("<sms", full.index(f"message {whole - 1}") - 200)
    path = tmp_path / "cut.xml"
    path.write_text(full[: cut + 30], encoding="utf-8")
    return path


def test_a_damaged_file_is_refused_unless_the_whole_records_are_wanted(
    ready: Services, tmp_path: Path
) -> None:
    path = truncated(tmp_path, 5)
    with pytest.raises(BrokenFile, match="4 records before"):
        preview(ready, path, ImportChoices())
    shown = preview(ready, path, ImportChoices(keep_whole_of_damaged=True))
    assert shown.new == 4 and "damaged at line" in shown.damage
    assert commit(ready, shown).added == 4


def test_hostile_xml_is_refused_before_anything_is_read(ready: Services, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        HEAD + '<!DOCTYPE smses [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<smses count="1"><sms address="+14165550142" date="1700000000000" type="1" '
        'body="&b;" /></smses>',
        encoding="utf-8",
    )
    with pytest.raises(HostileMarkup):
        preview(ready, path, ImportChoices(keep_whole_of_damaged=True))
    assert ready.events.list() == []


def test_entries_dated_in_the_future_are_left_out_and_counted(
    ready: Services, tmp_path: Path
) -> None:
    future = datetime.now(UTC) + timedelta(days=30)
    path = messages(tmp_path, sms("+14165550142", future), sms("+14165550142", WHEN))
    shown = preview(ready, path, ImportChoices())
    assert (shown.new, shown.unusable) == (1, 1)


def test_purging_a_client_takes_their_imported_entries_and_kept_text_along(
    ready: Services, tmp_path: Path
) -> None:
    commit(ready, preview(ready, messages(tmp_path, *many(3)), ImportChoices(keep_text=True)))
    assert rows(ready, "imported_events") == 3
    [robin] = ready.clients.list()
    purge_rows(ready.vault.conn, robin.id, robin.code)
    assert (rows(ready, "events"), rows(ready, "imported_events")) == (0, 0)
    assert rows(ready, "imports") == 1  # the import's counts stay, naming no one
