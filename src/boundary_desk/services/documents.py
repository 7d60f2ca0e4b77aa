"""Every document or file that leaves the vault, built, written and recorded in one place.

Each kind has a `write_…` that builds the file and writes it atomically (0600) and
touches no vault, so the app can run it on its worker thread, and returns the
`Exported` that `record_export` puts in the audit trail on the vault's own thread.
`save_…` does both at once, for the command line. Either way the trail reads the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boundary_desk.domain.agreement_document import build_document
from boundary_desk.domain.agreements import Agreement, AgreementStatus
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactEvent
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.record import RecordEntry, RecordWarning
from boundary_desk.domain.review import WeeklyReview
from boundary_desk.reports.save import save_pdf
from boundary_desk.services.agreements import kept_at_signing, practice_for
from boundary_desk.services.clauses import wording_for
from boundary_desk.services.contacts import LoggedEvent, logged_events
from boundary_desk.services.review import DeidentifiedReview, deidentify_review
from boundary_desk.storage.audit import trail as audit
from boundary_desk.storage.stores.export import RISK_WARNING as RISK_WARNING  # for both doors
from boundary_desk.storage.stores.export import write_csv_export, write_json_export

if TYPE_CHECKING:
    from boundary_desk.services import Services


@dataclass(frozen=True)
class Exported:
    """A file that left the vault, and what its audit row says about it."""

    path: Path
    subject: str
    client_id: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    count: int = 0  # rows or files written, where the kind has a count


def record_export(services: Services, exported: Exported) -> None:
    """The audit row for `exported`, with the trail's head anchored at once."""
    audit.record(
        services.vault.conn,
        "export",
        exported.subject,
        client_id=exported.client_id,
        details=dict(exported.details),
    )
    services.vault.anchor_audit()


# -- the agreement -----------------------------------------------------------------------


def agreement_pdf_builder(
    services: Services,
    client: Client,
    agreement: Agreement,
    practice: PracticeSettings,
    today: date,
) -> Callable[[], bytes]:
    """Lay the agreement out now (quick, reads the vault); calling the result makes the PDF.

    A signed version prints with the practice details it was signed with, not `practice`;
    one signed before they were kept prints today's, with a line that says so.
    """
    from boundary_desk.reports.agreement_pdf import agreement_pdf  # reportlab is slow to load

    if agreement.id is not None and agreement.status is not AgreementStatus.DRAFT:
        practice = practice_for(services, agreement)

    wording = wording_for(services, agreement)
    wording.check_complete(agreement.language)  # never print text the clinician didn't choose
    document = build_document(agreement, client, practice, wording, today)
    note = kept_at_signing(services, agreement).reprint_note(agreement, today)
    return partial(agreement_pdf, replace(document, reprint_note=note))


def write_agreement_pdf(pdf: bytes, path: Path, client: Client, agreement: Agreement) -> Exported:
    """Write the agreement's PDF whole at `path` (touches no vault)."""
    save_pdf(pdf, path)
    details = {"file": str(path), "version": agreement.version}
    return Exported(path, "agreement", client.id, details)


def record_printed_agreement(services: Services, client: Client, agreement: Agreement) -> None:
    """A printed agreement leaves the vault too: its row names the version, and no file."""
    details = {"printed": True, "version": agreement.version}
    record_export(services, Exported(Path(), "agreement", client.id, details))


def save_agreement_pdf(
    services: Services, client: Client, agreement: Agreement, path: Path, today: date
) -> Exported:
    """Build, write and record the agreement PDF."""
    practice = services.settings.load()
    pdf = agreement_pdf_builder(services, client, agreement, practice, today)()
    exported = write_agreement_pdf(pdf, path, client, agreement)
    record_export(services, exported)
    return exported


# -- the communication record ------------------------------------------------------------


@dataclass(frozen=True)
class RecordRequest:
    """What the communication record prints, gathered where the vault can be read.

    Without `self_review` (the default) the entries carry no warnings and no search's
    own motive: the record for the chart holds only what belongs in the clinical record.
    """

    client: Client
    practice: PracticeSettings
    entries: Sequence[RecordEntry]
    printed_on: date
    self_review: bool = False


def record_entries(
    logged: Sequence[LoggedEvent], *, self_review: bool = False
) -> list[RecordEntry]:
    """The entries as the communication record prints them, self-review only if asked."""
    return [
        RecordEntry(
            event=item.event if self_review else _without_motive(item.event),
            after_hours=item.after_hours,
            warnings=tuple(
                RecordWarning(w.code, w.message, w.acknowledged_at is not None, w.note)
                for w in item.warnings
            )
            if self_review
            else (),
        )
        for item in logged
    ]


def _without_motive(event: ContactEvent) -> ContactEvent:
    return replace(event, search=replace(event.search, motive="")) if event.search else event


def record_request(
    services: Services, client: Client, today: date, *, include_self_review: bool = False
) -> RecordRequest:
    """Everything the client's communication record prints: every entry logged for them;
    the clinician's self-review (motives, warnings) only with `include_self_review`."""
    logged = logged_events(services, client_id=client.id)
    entries = record_entries(logged, self_review=include_self_review)
    return RecordRequest(client, services.settings.load(), entries, today, include_self_review)


def write_record_pdf(request: RecordRequest, path: Path) -> Exported:
    """Make the client's communication record and write it whole (touches no vault)."""
    from boundary_desk.reports.communication_record import communication_record_pdf

    pdf = communication_record_pdf(
        client=request.client,
        practice=request.practice,
        entries=list(request.entries),
        printed_on=request.printed_on,
        self_review=request.self_review,
    )
    save_pdf(pdf, path)
    count = len(request.entries)
    details: dict[str, Any] = {"file": str(path)}
    if request.self_review:
        details["self_review"] = True
    return Exported(path, "record", request.client.id, details, count)


def save_record_pdf(services: Services, request: RecordRequest, path: Path) -> Exported:
    """Build, write and record the communication record PDF."""
    exported = write_record_pdf(request, path)
    record_export(services, exported)
    return exported


# -- the weekly review -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRequest:
    """Everything the review PDF needs; names None means de-identified.

    A de-identified request's review is already the supervision copy, and
    `deidentified` says what in it was replaced (for the preview and the summary).
    """

    review: WeeklyReview
    practice: PracticeSettings
    codes: Mapping[int, str]
    names: Mapping[str, str] | None = None
    deidentified: DeidentifiedReview | None = None


def review_request(services: Services, review: WeeklyReview, *, identified: bool) -> ReviewRequest:
    """The review's PDF request: the clinician's copy with names, or the supervision copy
    with every client's names and handles in its free text replaced by their codes."""
    clients = services.clients.list(include_archived=True)
    codes = {c.id or 0: c.code for c in clients}
    practice = services.settings.load()
    if identified:
        names = {c.code: c.display_name for c in clients}
        return ReviewRequest(review, practice, codes, names)
    deidentified = deidentify_review(services, review)
    return ReviewRequest(deidentified.review, practice, codes, None, deidentified)


def write_review_pdf(request: ReviewRequest, path: Path) -> Exported:
    """Make the week's review PDF and write it whole (touches no vault)."""
    from boundary_desk.reports.review.pdf import review_pdf

    pdf = review_pdf(
        request.review,
        practice=request.practice,
        names=request.names,
        client_codes=request.codes,
    )
    save_pdf(pdf, path)
    details = {"week": str(request.review.week), "identified": request.names is not None}
    return Exported(path, "review", None, details)


def save_review_pdf(services: Services, request: ReviewRequest, path: Path) -> Exported:
    """Build, write and record the review PDF."""
    exported = write_review_pdf(request, path)
    record_export(services, exported)
    return exported


# -- the Emergency Kit -------------------------------------------------------------------


def emergency_kit(services: Services, recovery_key: str) -> bytes:
    """The Emergency Kit PDF for this vault and `recovery_key`, with the clinician's name."""
    from boundary_desk.reports.document import page_size_for_country
    from boundary_desk.reports.emergency_kit import emergency_kit_pdf

    key_file = services.vault.key_file
    practice = services.settings.load()
    return emergency_kit_pdf(
        pagesize=page_size_for_country(practice.region.country),
        recovery_key=recovery_key,
        vault_id=key_file.vault_id,
        created_at=key_file.created_at,
        data_dir=str(services.vault.location.paths.data_dir),
        key_mode=key_file.key_mode.value,
        clinician=practice.clinician,
        practice=practice.practice,
    )


def save_emergency_kit(services: Services, recovery_key: str, path: Path) -> Exported:
    """Save the kit to `path` (0600, all at once) and put the export in the audit trail."""
    save_pdf(emergency_kit(services, recovery_key), path)
    exported = Exported(path, "emergency kit", None, {"file": str(path)})
    record_export(services, exported)
    return exported


def emergency_kit_paper(services: Services) -> tuple[float, float]:
    """The kit's paper size in points: the practice region's, as every other PDF."""
    from boundary_desk.reports.document import page_size_for_country

    return page_size_for_country(services.settings.load().region.country)


def record_printed_kit(services: Services) -> None:
    """A printed kit leaves the vault too: its row says printed, and names no file."""
    record_export(services, Exported(Path(), "emergency kit", None, {"printed": True}))


@dataclass(frozen=True)
class FirstKit:
    """The Emergency Kit of a vault not made yet, at first setup: to save or to print.

    There is no audit trail yet to record either in. The practice's region is not asked
    yet, so `country` is the computer's (its paper).
    """

    recovery_key: str
    vault_id: str
    created_at: datetime
    data_dir: str
    key_mode: str
    country: str = ""

    @property
    def paper(self) -> tuple[float, float]:
        from boundary_desk.reports.document import page_size_for_country

        return page_size_for_country(self.country)

    def pdf(self) -> bytes:
        from boundary_desk.reports.emergency_kit import emergency_kit_pdf

        return emergency_kit_pdf(
            pagesize=self.paper,
            recovery_key=self.recovery_key,
            vault_id=self.vault_id,
            created_at=self.created_at,
            data_dir=self.data_dir,
            key_mode=self.key_mode,
        )

    def save(self, path: Path) -> None:
        """Written whole to `path`, 0600."""
        save_pdf(self.pdf(), path)


def write_new_vault_kit(
    path: Path,
    *,
    recovery_key: str,
    vault_id: str,
    created_at: datetime,
    data_dir: str,
    key_mode: str,
    country: str = "",
) -> None:
    """The first kit (see FirstKit), written whole to `path`."""
    FirstKit(recovery_key, vault_id, created_at, data_dir, key_mode, country).save(path)


# -- plaintext exports -------------------------------------------------------------------


def save_json_export(services: Services, path: Path, now: datetime | None = None) -> Exported:
    """The unencrypted JSON export, written whole and recorded."""
    rows = write_json_export(services.vault.conn, path, now=now)
    exported = Exported(path, "vault", None, {"json": str(path)}, rows)
    record_export(services, exported)
    return exported


def save_csv_export(services: Services, folder: Path) -> Exported:
    """One unencrypted CSV per record type in `folder`, each written whole, and recorded."""
    files = write_csv_export(services.vault.conn, folder)
    exported = Exported(folder, "vault", None, {"csv": str(folder)}, len(files))
    record_export(services, exported)
    return exported
