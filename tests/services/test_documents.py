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
from boundary_desk.domain.events import (
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.record import RecordWarning
from boundary_desk.domain.review import ReviewRecord
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services, documents
from boundary_desk.services.contacts import acknowledge_warning, log_event
from boundary_desk.services.documents import Exported, RecordRequest
from boundary_desk.services.review import compute_review, save_notes
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
    request = documents.record_request(services, zoe, TODAY, include_self_review=True)
    assert request.client == zoe and request.printed_on == TODAY and request.self_review
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


def test_the_supervision_copy_is_replaced_once_and_the_clinicians_copy_is_as_written(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    save_notes(services, WEEK, ReviewRecord(notes="Zoë Martin called twice."))
    review = compute_review(services, WEEK, NOW)
    supervision = documents.review_request(services, review, identified=False)
    assert supervision.names is None and supervision.deidentified is not None
    assert supervision.review.record.notes == f"{zoe.code} called twice."
    assert supervision.deidentified.summary() == "1 name replaced by a code in the notes"
    own = documents.review_request(services, review, identified=True)
    assert own.deidentified is None and own.review.record.notes == "Zoë Martin called twice."
    exported = documents.save_review_pdf(services, supervision, tmp_path / "review.pdf")
    assert is_private_file(exported.path)
    assert last(services) == ("export", "review", None, {"week": "2026-W47", "identified": False})


def test_by_default_the_record_leaves_the_self_review_in_the_vault(
    services: Services, zoe: Client, tmp_path: Path
) -> None:
    late = datetime(2026, 11, 20, 23, 25, tzinfo=UTC)
    search = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.SEARCH,
        occurred_at=late,
        summary="Looked her up",
        search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED, found="A blog",
                      motive="Curious"),
    )  # fmt: skip
    logged = log_event(services, search, late)
    assert logged.warnings
    request = documents.record_request(services, zoe, TODAY)
    (entry,) = request.entries
    assert not request.self_review and entry.warnings == ()
    assert entry.event.search is not None
    assert (entry.event.search.found, entry.event.search.motive) == ("A blog", "")
    assert entry.event.summary == "Looked her up" and entry.after_hours is not None
    exported = documents.save_record_pdf(services, request, tmp_path / "record.pdf")
    assert last(services) == ("export", "record", zoe.id, {"file": str(exported.path)})
    # The vault keeps every word of it.
    (kept,) = services.events.list(client_id=zoe.id)
    assert kept.search is not None and kept.search.motive == "Curious"
