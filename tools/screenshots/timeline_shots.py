"""The timelines (everyone's, filtered, one client's) and their dialogs, as PNGs.

Not a test. Run it under Xvfb (the pictures are taken as on a 1366×768 screen):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/timeline_shots.py /tmp/shots-timeline
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, run as a file

from boundary_desk.domain.agreement_rules import first_draft
from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Approach,
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
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.clients.client_timeline import ClientTimeline
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.timeline.model import KindChoice, RangeChoice
from boundary_desk.ui.timeline.page import TimelinePage
from tools.screenshots.harness import run, screenshot_session, wait_until

# Friday 20 November 2026, 17:30 in Toronto.
NOW = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
CLIENTS = (
    Client(code="", display_name="Zoë Martin", started_on=date(2026, 3, 3)),
    Client(code="", display_name="Sam Okafor", started_on=date(2026, 6, 1)),
    Client(code="", display_name="Priya <b>Natarajan</b> & co", started_on=date(2026, 9, 14)),
)


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Toronto wall time in 2026 (EST from 1 November, EDT before) as UTC."""
    offset = 5 if (month, day) >= (11, 1) else 4
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) + timedelta(hours=offset)


def contact(client: Client, when: datetime, summary: str, **changes: object) -> ContactEvent:
    base = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=when,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
        category=Category.ADMIN,
        summary=summary,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def entries(zoe: Client, sam: Client, priya: Client) -> list[ContactEvent]:
    return [
        contact(zoe, local(13, 22, 40), "Asked whether Monday's session can move to 16:00 "
                "because of a shift change. Replied the next morning with two options.",
                replied_at=local(14, 9, 5), reply_channel=ContactChannel.TEXT),
        contact(zoe, local(17, 10, 15), "Confirmed the new time.", channel=ContactChannel.EMAIL),
        contact(zoe, local(19, 23, 55), "Long message about a fight with her sister; says "
                "she feels unsafe at home tonight but is staying with a friend.\n\n"
                "Called back at 08:30: no immediate risk; safety plan reviewed.",
                category=Category.CRISIS, raise_next_session=True),
        contact(zoe, local(20, 8, 30), "Return call after last night's text. Safety plan "
                "reviewed; she will call 988 if things change.", channel=ContactChannel.CALL,
                direction=Direction.OUT, category=Category.CRISIS, minutes=14),
        ContactEvent(client_id=zoe.id or 0, kind=EventKind.FRIEND_REQUEST,
                     occurred_at=local(21, 19, 30, month=10), channel=ContactChannel.DM,
                     direction=Direction.IN, summary="Request to my personal account.",
                     request=FriendRequest("Instagram", RequestAction.DECLINED)),
        contact(sam, local(16, 11, 0), "Invoice question for October.",
                channel=ContactChannel.EMAIL),
        contact(sam, local(18, 21, 10), "Voicemail: running late on Thursday, will call.",
                channel=ContactChannel.VOICEMAIL),
        contact(sam, local(12, 14, 0), "Shared the breathing exercise worksheet.",
                channel=ContactChannel.PORTAL, direction=Direction.OUT,
                category=Category.CLINICAL),
        ContactEvent(client_id=sam.id or 0, kind=EventKind.SEARCH,
                     occurred_at=local(10, 20, 15), direction=Direction.OUT,
                     summary="Looked at the band's public page after he mentioned a gig.",
                     search=Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED,
                                   location="Band website", found="Gig dates only.",
                                   motive="Curious after session.")),
        contact(sam, local(3, 10, 30), "Rescheduled after a school event.",
                channel=ContactChannel.CALL, minutes=6),
        contact(priya, local(18, 16, 20), "Sent the intake forms back, with a note: "
                "<i>thanks</i> & see you soon.", channel=ContactChannel.EMAIL),
        contact(priya, local(15, 12, 0), "Saw me at the market on Saturday and said hello.",
                channel=ContactChannel.IN_PERSON, category=Category.PERSONAL),
        ContactEvent(client_id=priya.id or 0, kind=EventKind.CLIENT_APPROACH,
                     occurred_at=local(9, 18, 0), direction=Direction.IN,
                     summary="Mentioned in session that she had read my old blog posts.",
                     approach=Approach("She told me in session.")),
        contact(priya, local(6, 13, 45), "Asked whether sessions can be by video in December.",
                channel=ContactChannel.PORTAL, category=Category.ADMIN),
        contact(priya, local(28, 9, 30, month=10), "First contact: booking enquiry.",
                channel=ContactChannel.EMAIL, direction=Direction.IN),
    ]  # fmt: skip


def sign_text_and_email(services: Services, client: Client) -> None:
    draft = first_draft(client, services.settings.load())
    for channel in (Channel.EMAIL, Channel.TEXT):
        terms = ChannelTerms(channel, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
        draft = draft.with_terms(terms)
    signed_on = date(2026, 3, 3)
    services.agreements.sign(replace(draft, client_signed_on=signed_on), signed_on)


def main(folder: Path) -> None:
    with screenshot_session(folder, clients=()) as shots:
        services, prompter, room = shots.services, shots.prompter, shots.page_size
        empty = TimelinePage(services, prompter, now=lambda: NOW)
        shots.shoot(empty, "01-empty", room)
        empty.close()

        zoe, sam, priya = (services.clients.add(c) for c in CLIENTS)
        sign_text_and_email(services, zoe)
        ids = [log_event(services, e, NOW).event.id for e in entries(zoe, sam, priya)]
        services.events.acknowledge(ids[0] or 0, "after_hours", "Raised in session 16 Nov.")
        edited = services.events.get(ids[1] or 0)
        log_event(services, replace(edited, summary="Confirmed the new time, 16:00."), NOW)

        page = TimelinePage(services, prompter, now=lambda: NOW)
        page.resize(*room)
        page.show()
        page.select(ids[2])
        shots.shoot(page, "02-global-selected", room)
        page.select(ids[1])
        shots.shoot(page, "03-global-edited-entry", room)
        page.select(ids[8])
        shots.shoot(page, "04-global-search", room)

        filters = page.filters
        filters.after_hours.setChecked(True)
        filters.client.setCurrentIndex(filters.client.findData(sam.id))
        page.select(ids[6])
        shots.shoot(page, "05-filtered-sam-after-hours", room)
        filters.kind.setCurrentIndex(filters.kind.findData(KindChoice.APPROACHES))
        shots.shoot(page, "06-filtered-no-match", room)
        filters.reset()
        filters.span.setCurrentIndex(filters.span.findData(RangeChoice.CUSTOM))
        shots.shoot(page, "07-custom-dates", room)
        filters.reset()

        page.select(ids[2])
        row = page.details.warning_rows[0]
        row.start_button.click()
        row.note.setText("Followed up by phone the next morning.")
        shots.shoot(page, "08-acknowledging", room)
        page.select(ids[12])
        page.delete_selected()
        shots.shoot(page, "09-deleted-undo-bar", room)
        page.undo_delete()

        page.select(ids[2])
        editor = page.edit_selected()
        assert editor is not None
        shots.shoot(editor, "10-editor-contact", None)
        editor.when.setText("2026-12-24 10:00")
        editor.save()
        shots.shoot(editor, "11-editor-refused", None)
        editor.reject()
        page.select(ids[4])
        request_editor = page.edit_selected()
        assert request_editor is not None
        shots.shoot(request_editor, "12-editor-friend-request", None)
        request_editor.reject()
        page.select(ids[8])
        search_editor = page.edit_selected()
        assert search_editor is not None
        shots.shoot(search_editor, "13-editor-search", None)
        search_editor.reject()

        window = ClientTimeline(services, prompter, zoe, now=lambda: NOW)
        window.show()
        window.page.select(ids[3])
        shots.shoot(window, "14-client-timeline")
        record = shots.tmp / "record.pdf"
        prompter.save_paths.append(record)
        window.page.save_record()
        shots.shoot(window, "15-client-record-saving")
        wait_until(lambda: not window.page.is_saving())
        shots.shoot(window, "16-client-record-saved")
        record.replace(folder / "record.pdf")
        priya_window = ClientTimeline(services, prompter, priya, now=lambda: NOW)
        priya_window.show()
        priya_window.page.select(ids[10])
        shots.shoot(priya_window, "17-client-markup", None)
        for window_open in (window, priya_window):
            window_open.close()

        # In the app's own frame (times relative to today).
        workspace = Workspace(services, prompter)
        workspace.resize(*shots.workspace_size)
        workspace.show()
        workspace.show_page("Timeline")
        workspace.timeline_page.filters.reset_to_everything()
        workspace.timeline_page.select(ids[0])
        shots.shoot(workspace, "18-in-the-workspace", shots.workspace_size)


if __name__ == "__main__":
    run(main)
