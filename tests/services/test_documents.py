"""Each document that leaves the vault: written whole and private, and put in the trail."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.record import RecordWarning
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services, documents
from boundary_desk.services.contacts import acknowledge_warning, log_event
from boundary_desk.services.documents import Exported, RecordRequest
from boundary_desk.services.record_views import viewed_agreements, viewed_audit, viewed_timeline
from boundary_desk.services.review import compute_review
from boundary_desk.storage.audit import trail as audit
from boundary_desk.system.fileio import WriteFailed

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
WEEK = Week(2026, 47)


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


def rows(services: Services) -> int:
    return len(audit.history(services.vault.conn, limit=10_000))


def last(services: Services) -> tuple[str, str, int | None, dict[str, object]]:
    (row,) = audit.history(services.vault.conn, limit=1)
    return row.action, row.table_name, row.client_id, row.details()


def is_private_file(path: Path) -> bool:
    return path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600


def save_agreement(services: Services, zoe: Client, path: Path) -> Exported:
    agreement = first_draft(zoe, services.settings.load())
    return documents.save_agreement_pdf(services, zoe, agreement, path, TODAY)


def save_record(services: Services, zoe: Client, path: Path) -> Exported:
    request = RecordRequest(zoe, services.settings.load(), [], TODAY)
    return documents.save_record_pdf(services, request, path)


def save_review(services: Services, _zoe: Client, path: Path) -> Exported:
    review = compute_review(services, WEEK, NOW)
    request = documents.review_request(services, review, identified=True)
    return documents.save_review_pdf(services, request, path)


def save_kit(services: Services, _zoe: Client, path: Path) -> Exported:
    return documents.save_emergency_kit(services, "ABCD-EFGH-IJKL-MNOP", path)


def save_json(services: Services, _zoe: Client, path: Path) -> Exported:
    return documents.save_json_export(services, path, now=NOW)


Saver = Callable[[Services, Client, Path], Exported]
PDFS: dict[str, Saver] = {
    "agreement": save_agreement,
    "record": save_record,
    "review": save_review,
    "emergency kit": save_kit,
}


@pytest.mark.parametrize("kind", sorted(PDFS))
def test_each_pdf_is_written_private_and_recorded(
    services: Services, zoe: Client, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "out.pdf"
    exported = PDFS[kind](services, zoe, path)
    assert is_private_file(path) and path.read_bytes().startswith(b"%PDF")
    assert exported.path == path and exported.subject == kind
    action, subject, _client, _details = last(services)
    assert (action, subject) == ("export", kind)


def test_each_row_has_the_shape_the_cli_has_always_written(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    save_agreement(services, zoe, out)
    assert last(services) == ("export", "agreement", zoe.id, {"file": str(out), "version": 1})
    save_record(services, zoe, out)
    assert last(services) == ("export", "record", zoe.id, {"file": str(out)})
    save_review(services, zoe, out)
    assert last(services) == ("export", "review", None, {"week": "2026-W47", "identified": True})
    save_kit(services, zoe, out)
    assert last(services) == ("export", "emergency kit", None, {"file": str(out)})


def test_the_json_export_is_private_recorded_and_anchored(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    exported = save_json(services, zoe, path)
    assert is_private_file(path) and exported.count > 0
    assert last(services) == ("export", "vault", None, {"json": str(path)})
    (row,) = audit.history(services.vault.conn, limit=1)
    head = services.vault.key_file.audit_head
    assert head is not None and head["last_id"] == row.id


def test_the_csv_export_is_one_private_file_per_record_type_and_recorded(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    exported = documents.save_csv_export(services, folder)
    written = sorted(folder.iterdir())
    assert exported.count == len(written) > 0
    assert all(is_private_file(p) for p in written)
    assert last(services) == ("export", "vault", None, {"csv": str(folder)})


def test_the_worker_half_writes_the_file_and_touches_no_vault(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    before = rows(services)
    request = RecordRequest(zoe, services.settings.load(), [], TODAY)
    exported = documents.write_record_pdf(request, tmp_path / "record.pdf")
    assert rows(services) == before
    documents.record_export(services, exported)
    assert rows(services) == before + 1
    assert last(services) == ("export", "record", zoe.id, {"file": str(exported.path)})


SAVERS: dict[str, Saver] = {**PDFS, "json": save_json}


@pytest.mark.parametrize("kind", sorted(SAVERS))
def test_a_failed_write_leaves_the_old_file_no_partial_file_and_no_row(
    services: Services,
    zoe: Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    path = folder / "out"
    path.write_bytes(b"the earlier copy")
    before = rows(services)

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed, match="No space left"):
        SAVERS[kind](services, zoe, path)
    monkeypatch.undo()
    assert path.read_bytes() == b"the earlier copy"
    assert sorted(p.name for p in folder.iterdir()) == ["out"]
    assert rows(services) == before


def test_a_missing_folder_is_refused_with_no_row(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    before = rows(services)
    with pytest.raises(WriteFailed, match="does not exist"):
        save_agreement(services, zoe, tmp_path / "nowhere" / "out.pdf")
    assert rows(services) == before


def test_views_are_recorded_as_the_cli_records_them(services: Services, zoe: Client) -> None:
    viewed_timeline(services, zoe.id)
    assert last(services) == ("view", "events", zoe.id, {})
    viewed_agreements(services, zoe.id)
    assert last(services) == ("view", "agreements", zoe.id, {})
    viewed_audit(services, zoe.id)
    assert last(services) == ("view", "audit", zoe.id, {})


def test_the_record_holds_every_entry_with_its_warnings_as_logged(
    services: Services, zoe: Client
) -> None:
    late = datetime(2026, 11, 20, 23, 25, tzinfo=UTC)
    first = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=late,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        summary="Asked to move Tuesday",
    )
    logged = log_event(services, first, late)
    other = services.clients.add(Client(code="AB1", display_name="Ana Brown"))
    log_event(services, replace(first, client_id=other.id or 0), late)
    assert [w.code for w in logged.warnings][:1] == ["after_hours"]
    acknowledge_warning(services, logged.event.id or 0, "after_hours", "Seen")
    request = documents.record_request(services, zoe, TODAY)
    assert request.client == zoe and request.printed_on == TODAY
    (entry,) = request.entries  # only this client's
    assert entry.event == logged.event and entry.after_hours is not None
    seen = RecordWarning("after_hours", logged.warnings[0].message, True, "Seen")
    assert entry.warnings[0] == seen
    assert [w.code for w in entry.warnings] == [w.code for w in logged.warnings]
    assert not any(w.acknowledged for w in entry.warnings[1:])


def test_a_client_with_nothing_logged_has_an_empty_record(services: Services, zoe: Client) -> None:
    assert documents.record_request(services, zoe, TODAY).entries == []


def _page_size(path: Path) -> tuple[float, float]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    return round(width), round(height)


@pytest.mark.parametrize(("region", "size"), [("CA-ON", (612, 792)), ("GB", (595, 842))])
def test_the_emergency_kit_is_on_the_regions_paper_like_every_other_pdf(
    services: Services, zoe: Client, tmp_path: Path, region: str, size: tuple[int, int]
) -> None:
    from boundary_desk.services.settings import save_setting

    save_setting(services, "region", region)
    kit, review = tmp_path / "kit.pdf", tmp_path / "record.pdf"
    documents.save_emergency_kit(services, "ABCD-EFGH-IJKL-MNOP", kit)
    documents.save_record_pdf(services, documents.record_request(services, zoe, TODAY), review)
    assert _page_size(kit) == size == _page_size(review)


@pytest.mark.parametrize(("country", "size"), [("US", (612, 792)), ("DE", (595, 842))])
def test_the_first_kit_uses_the_computers_paper(
    tmp_path: Path, country: str, size: tuple[int, int]
) -> None:
    path = tmp_path / "kit.pdf"
    documents.write_new_vault_kit(
        path,
        recovery_key="ABCD-EFGH-IJKL-MNOP",
        vault_id="v",
        created_at=NOW,
        data_dir=str(tmp_path),
        key_mode="keychain",
        country=country,
    )
    assert _page_size(path) == size
