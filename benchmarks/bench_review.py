"""How long the weekly review takes to appear on a ten-year vault.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_review.py

The vault holds 520 weeks of about 20 entries each (~10,400 events, a third after
hours with their stored warnings), 40 clients, 10 signed agreements and a review
record for most weeks. Baseline, measured in the same run: simply listing the last
12 weeks of events, the least any review must read. Ratios are printed against it;
absolute times are for the record. The goal is "no visible wait": under ~150 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import FAST_COST  # key stretching is not what this measures
from tests.fakes import MemoryKeychain

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.boundary_warnings import BoundaryWarning
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.review import HISTORY_WEEKS, ReviewRecord
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.review import compute_review
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths

WEEKS = 520
PER_WEEK = 20
CLIENTS = 40
GOAL_MS = 150.0
NOW = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)  # Friday 16:30 in Toronto
CHANNELS = (ContactChannel.TEXT, ContactChannel.EMAIL, ContactChannel.CALL, ContactChannel.PORTAL)


def timed(fn: Callable[[], object], repeat: int = 9) -> float:
    """Median seconds over `repeat` runs, after one warm-up run."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def build_vault(services: Services, weeks: int = WEEKS) -> None:
    services.settings.set_many(
        {
            "timezone": "America/Toronto",
            "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
            "region": "CA-ON",
        }
    )
    practice = services.settings.load()
    clients = [
        services.clients.add(Client(code="", display_name=f"Client {i}")) for i in range(CLIENTS)
    ]
    terms = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))
    for client in clients[:10]:
        draft = first_draft(client, practice).with_terms(terms)
        services.agreements.sign(
            replace(draft, client_signed_on=date(2026, 1, 5)), date(2026, 1, 5)
        )
    current = Week.of(NOW, practice.timezone)
    for back in range(weeks):
        week = current.shifted(-back)
        monday = datetime.combine(week.monday, datetime.min.time(), tzinfo=practice.timezone)
        for n in range(PER_WEEK):
            when = monday + timedelta(days=n % 7, hours=8 + (n * 5) % 15, minutes=(n * 17) % 60)
            if when >= NOW:
                continue
            event = ContactEvent(
                client_id=clients[(back * 7 + n) % CLIENTS].id or 0,
                kind=EventKind.CONTACT,
                occurred_at=when,
                channel=CHANNELS[n % len(CHANNELS)],
                direction=Direction.IN,
                category=Category.ADMIN,
                minutes=(n % 4) * 5 or None,
                summary="Asked to reschedule",
            )
            late = after_hours(when, practice)
            found = [BoundaryWarning("after_hours", "Outside your working hours.")] if late else []
            services.events.add(event, found)
        if back >= 2:
            services.reviews.save(week, ReviewRecord(reviewed_at=NOW, notes="Fine."))


def main() -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from boundary_desk.ui.review.page import ReviewPage
    from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(resolve_paths(Path(tmp)), MemoryKeychain(), FAST_COST)
        services = Services.open(location.create().vault)
        try:
            started = time.perf_counter()
            build_vault(services)
            built = time.perf_counter() - started
            zone = services.settings.load().timezone
            latest = Week.of(NOW, zone)
            total = len(services.events.list())
            since = latest.shifted(-(HISTORY_WEEKS - 1)).start(zone)
            baseline = timed(lambda: services.events.list(since=since, until=latest.end(zone)))
            review = timed(lambda: compute_review(services, latest, NOW))
            prompter = ScriptedPrompter()

            def settle() -> None:
                """Lay out and paint, and delete what was replaced, as the event loop would."""
                app.processEvents()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

            def construct() -> None:
                page = ReviewPage(services, prompter, now=lambda: NOW)
                page.resize(1400, 900)
                page.show()
                settle()
                page.deleteLater()
                settle()

            page = ReviewPage(services, prompter, now=lambda: NOW)
            page.resize(1400, 900)
            page.show()
            settle()

            def switch() -> None:
                page.show_week(latest.shifted(-1))
                settle()
                page.show_week(latest)
                settle()

            construction = timed(construct, repeat=5)
            switching = timed(switch, repeat=5) / 2
        finally:
            services.close()
    print(f"Vault: {total} events over {WEEKS} weeks, {CLIENTS} clients (built in {built:.0f} s)")
    print(f"Baseline: list the last {HISTORY_WEEKS} weeks of events   {baseline * 1000:7.1f} ms")
    for label, seconds in (
        ("compute_review, latest week", review),
        ("ReviewPage built and drawn (first week shown)", construction),
        ("show_week, one week to another (drawn)", switching),
        ("  of which the page itself (minus compute)", max(0.0, switching - review)),
    ):
        verdict = "under" if seconds * 1000 < GOAL_MS else "OVER"
        print(
            f"{label:46s} {seconds * 1000:7.1f} ms   x{seconds / baseline:5.1f} vs baseline   "
            f"{verdict} {GOAL_MS:.0f} ms"
        )


if __name__ == "__main__":
    main()
