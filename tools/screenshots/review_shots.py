"""The weekly review page as PNGs (top to bottom, saved, exported, a missed week, the banner).

Not a test. Twelve realistic weeks: one client whose after-hours texts rise, so the
trend warning shows; a missed review two weeks back. Run it under Xvfb (the pictures are
taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/review_shots.py /tmp/shots-review
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from PySide6.QtCore import QEventLoop

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.review import ReviewRecord
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.review.banner import ReviewBanner
from boundary_desk.ui.review.page import ReviewPage
from tools.screenshots.harness import run, screenshot_session, settle

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 20, 16, 30, tzinfo=TORONTO).astimezone(UTC)  # Friday of 2026-W47
THIS_WEEK = Week(2026, 47)
TEXTS = ContactChannel.TEXT
T = TypeVar("T")
NAMES = ("Zoë Martin", "Jordan Díaz", "Sam Okafor", "Priya Natarajan", "Élodie Tremblay")


def sign(services: Services, client: Client, signed: date, review: date | None = None) -> None:
    terms = ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))
    texts = ChannelTerms(Channel.TEXT, True, frozenset({Purpose.SCHEDULING}))
    draft = first_draft(client, services.settings.load()).with_terms(terms).with_terms(texts)
    services.agreements.sign(replace(draft, client_signed_on=signed, review_on=review), signed)


def at(week: Week, day: int, hour: int, minute: int = 0) -> datetime:
    moment = datetime.combine(week.monday + timedelta(days=day), datetime.min.time())
    moment = moment.replace(hour=hour, minute=minute, tzinfo=TORONTO)
    return moment if moment < NOW else moment - timedelta(days=3)  # nothing in the future


def contact(client: Client, when: datetime, **changes: object) -> ContactEvent:
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=TEXTS,
        direction=Direction.IN,
        category=Category.ADMIN,
        minutes=3,
        summary="Asked to move the appointment",
    )
    return replace(event, **changes)  # type: ignore[arg-type]


def pick(options: tuple[T, ...], *seeds: int) -> T:
    """A fixed, varied choice (the pictures must be the same on every run)."""
    return options[sum((i + 3) * s for i, s in enumerate(seeds)) % len(options)]


def fill(services: Services, clients: dict[str, Client]) -> None:
    """Twelve weeks ending with 2026-W47; the first client's late texts rise steadily."""
    sign(services, clients["Jordan Díaz"], date(2026, 2, 3), date(2026, 11, 2))
    sign(services, clients["Sam Okafor"], date(2026, 5, 12))
    sign(services, clients["Priya Natarajan"], date(2026, 6, 2))
    zoe = clients["Zoë Martin"]
    for back in range(11, -1, -1):
        week = THIS_WEEK.shifted(-back)
        late = max(0, 11 - back - 3) if back < 9 else pick((0, 1), back)
        for n in range(late):  # Zoë's evening and weekend texts
            day = (n * 2 + 1) % 7
            log_event(services, contact(zoe, at(week, day, 19 + n % 4, 10 + n)), NOW)
        for n in range(2):
            log_event(services, contact(zoe, at(week, n * 2, 10, 15)), NOW)
        for c, client in enumerate(list(clients.values())[1:]):
            for n in range(pick((1, 2, 2, 3), back, c)):
                hour = pick((9, 10, 11, 13, 14, 15, 16, 18), back, c, n)
                channel = pick((ContactChannel.EMAIL, TEXTS, ContactChannel.CALL), back, n, c)
                minutes = 12 if channel is ContactChannel.CALL else 4
                when = at(week, pick((0, 1, 2, 3), c, n, back), hour, pick((5, 20, 35, 50), n, c))
                log_event(services, contact(client, when, channel=channel, minutes=minutes), NOW)
    # Messages at risk of misunderstanding: clinical content by text, a crisis voicemail.
    clinical = contact(clients["Jordan Díaz"], at(THIS_WEEK, 2, 12, 40), category=Category.CLINICAL)
    log_event(services, clinical, NOW)
    crisis = contact(clients["Sam Okafor"], at(THIS_WEEK, 3, 8, 10),
                     channel=ContactChannel.VOICEMAIL, category=Category.CRISIS)  # fmt: skip
    log_event(services, crisis, NOW)
    own = contact(zoe, at(THIS_WEEK, 4, 21, 5), direction=Direction.OUT, minutes=6)
    log_event(services, own, NOW)
    search = ContactEvent(
        client_id=clients["Élodie Tremblay"].id or 0,
        kind=EventKind.SEARCH,
        occurred_at=at(THIS_WEEK, 1, 20, 40),
        search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED, location="Instagram"),
    )
    log_event(services, search, NOW)
    request = ContactEvent(
        client_id=zoe.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=at(THIS_WEEK, 2, 22, 15),
        request=FriendRequest("Instagram", RequestAction.PENDING),
    )
    log_event(services, request, NOW)
    for back in range(3, 12):  # reviewed every Friday, except the week before last
        week = THIS_WEEK.shifted(-back)
        services.reviews.save(week, ReviewRecord(reviewed_at=at(week, 4, 16, 20), notes="Fine."))


def main(folder: Path) -> None:
    clients = [Client(code="", display_name=name) for name in NAMES]
    with screenshot_session(folder, clients=clients) as shots:
        services, prompter, room = shots.services, shots.prompter, shots.page_size
        fill(services, shots.clients)
        page = ReviewPage(services, prompter, now=lambda: NOW)
        page.resize(*room)
        page.show()
        settle()  # the scroll range is known once the page is laid out
        bar = page.scroll_area.verticalScrollBar()
        for name, fraction in (
            ("top", 0.0),
            ("heatmap", 0.2),
            ("middle", 0.42),
            ("lower", 0.7),
            ("bottom", 1.0),
        ):
            bar.setValue(round(bar.maximum() * fraction))
            shots.shoot(page, f"review_{name}", room)
        page.misread.rows[0].check.click()
        settle()
        bar.setValue(page.misread.parentWidget().y() - 8)  # the section's card at the top
        shots.shoot(page, "review_misread", room)
        page.reflections.answers["availability"].setPlainText(
            "Answered Z's texts late twice <b>again</b> & felt I had to."
        )
        page.reflections.new_item.setText("Late texts from C-001: how to hold the frame kindly")
        page.reflections.add_item()
        client_rows = [r for r in page.warnings.rows if "raise in next session" in r.buttons]
        client_rows[0].buttons["raise in next session"].click()
        page.save()
        settle()
        bar.setValue(bar.maximum())
        shots.shoot(page, "review_bottom_saved", room)
        row = next(r for r in page.warnings.rows if r.group.code == "search_curiosity")
        row.open_note().input.setText("Ask before searching; tell the client what I saw")
        settle()
        page.scroll_area.ensureWidgetVisible(row)
        shots.shoot(page, "review_note_typing", room)
        row.note_editor.save_button.click()  # type: ignore[union-attr]
        page.mark_reviewed()
        prompter.reviews.append(True)  # the check of what leaves is shot on its own below
        prompter.save_paths.append(folder / "Boundary review 2026-W47.pdf")
        waiting = QEventLoop()
        page.export_done.connect(lambda _ok: waiting.quit())
        page.export_for_supervision()
        waiting.exec()
        # Marking the week reviewed builds the page anew: its scroll bar is a new one.
        page.scroll_area.verticalScrollBar().setValue(0)
        shots.shoot(page, "review_reviewed_and_exported", room)
        preview = page.exporter.preview
        assert preview is not None
        shots.shoot(preview, "review_export_check", None)
        preview.hide()
        page.show_week(THIS_WEEK.shifted(-2))
        shots.shoot(page, "review_missed_week", room)
        banner = ReviewBanner()
        banner.refresh(services, NOW)
        shots.shoot(banner, "review_banner", (room[0], banner.sizeHint().height()))


if __name__ == "__main__":
    run(main)
