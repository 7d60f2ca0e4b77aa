"""Agreement PDF speed, as a ratio against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_agreement_pdf.py

The agreement is the all-channels one with a few clauses written out at length,
about three printed pages. Baseline: the same text as the same number of plain
reportlab paragraphs (Helvetica, no styling, no tables, no footer), so the ratio
shows what the layout (boxes, kept blocks, "Page X of Y", embedded fonts) costs.
The Emergency Kit is timed too, for reference. The target is under 200 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.flowables import Flowable

from boundary_desk.domain.agreement_document import AgreementDocument, build_document
from boundary_desk.domain.agreements import Agreement, Channel, ChannelTerms, CrisisPlan, Purpose
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.reports.agreement_pdf import agreement_pdf
from boundary_desk.reports.emergency_kit import emergency_kit_pdf
from boundary_desk.reports.text import para_text
from boundary_desk.storage.stores.clause_defaults import default_clauses

RUNS = 11
TARGET_MS = 200.0
PRACTICE = {
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbour Counselling",
    "address": "12 King Street West, Suite 400\nToronto, ON  M5H 1A1",
    "phone": "+1 416-555-0100",
    "email": "alex@harbourcounselling.example",
    "region": "CA-ON",
    "timezone": "America/Toronto",
}
# Longer wording a clinician might write in place of the defaults.
LONG_CLAUSES = {
    "social_media": default_clauses()["social_media"] + " " + default_clauses()["online_search"],
    "records": default_clauses()["records"] + " " + default_clauses()["risks"],
}


def three_page_agreement() -> AgreementDocument:
    settings = PracticeSettings.from_values(PRACTICE)
    agreement = Agreement(
        client_id=1,
        crisis=CrisisPlan(resources=settings.crisis, emergency_number="911",
                          nearest_er="Toronto General Hospital", emergency_contact="Jordan Taylor"),
        review_on=date(2027, 5, 22),
    )  # fmt: skip
    for channel in Channel:
        agreement = agreement.with_terms(
            ChannelTerms(channel, allowed=True, purposes=frozenset(Purpose))
        )
    client = Client(code="C-001", display_name="Sam Taylor")
    clauses = ClauseSet(default_clauses(), LONG_CLAUSES)
    return build_document(agreement, client, settings, clauses, date(2026, 11, 22))


def document_texts(document: AgreementDocument) -> list[str]:
    """Every piece of text the agreement prints, one string per paragraph."""
    texts = [*document.letterhead, document.title, document.client_name, document.version_line]
    for section in (*document.sections, *document.closing_sections):
        texts += [section.heading, *section.paragraphs, *section.bullets]
        for channel in section.channels:
            texts += [channel.title, channel.purposes, channel.response_time, channel.risk,
                      *channel.notes]  # fmt: skip
    crisis = document.crisis
    texts += [crisis.intro, *(f"{a} {b}" for a, b in (*crisis.resources, *crisis.extra))]
    texts += [crisis.after, document.signature_intro]
    texts += [f"{s.role} {s.name} Date" for s in document.signatures]
    return texts


def plain_pdf(texts: list[str]) -> bytes:
    buffer = BytesIO()
    style = getSampleStyleSheet()["Normal"]
    story: list[Flowable] = [Paragraph(para_text(text), style) for text in texts]
    SimpleDocTemplate(buffer, pagesize=LETTER, invariant=1).build(story)
    return buffer.getvalue()


def emergency_kit() -> bytes:
    return emergency_kit_pdf(
        recovery_key="7M3S-LZ3B-VFSP-RZ3X-GKAK-K6B5-OL3M-5PGG-A3M7",
        vault_id="7f3c2a9e-4b1d-4e8a-9c55-2d61f0b8a413",
        created_at=datetime(2026, 11, 22, 12, 0, tzinfo=UTC),
        data_dir="/home/sam/.local/share/BoundaryDesk",
        key_mode="keychain",
    )


def median_ms(fn: Callable[[], object]) -> float:
    fn()  # warm-up: font registration and reportlab's caches
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def page_count(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agreement.pdf"
        path.write_bytes(pdf)
        try:
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        except FileNotFoundError:
            return "? (pdfinfo not installed)"
    pages = [line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")]
    return pages[0] if pages else "?"


def main() -> int:
    document = three_page_agreement()
    texts = document_texts(document)
    baseline = median_ms(lambda: plain_pdf(texts))
    agreement = median_ms(lambda: agreement_pdf(document))
    kit = median_ms(emergency_kit)
    whole = median_ms(lambda: agreement_pdf(three_page_agreement()))
    print(f"Agreement PDF: {page_count(agreement_pdf(document))} pages, {len(texts)} paragraphs, "
          f"median of {RUNS} runs")  # fmt: skip
    rows = [
        ("baseline (plain paragraphs, no styling)", baseline),
        ("agreement_pdf", agreement),
        ("build_document + agreement_pdf", whole),
        ("Emergency Kit (reference)", kit),
    ]
    for label, ms in rows:
        print(f"  {label:<42}{ms:7.1f} ms  {ms / baseline:5.2f}x")
    verdict = "within" if agreement < TARGET_MS else "OVER"
    print(f"  target: under {TARGET_MS:.0f} ms -> {verdict}")
    return 0 if agreement < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
