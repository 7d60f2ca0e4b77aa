"""log, log-request, log-search, events and record: the quick log from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from boundary_desk.cli.agreement_commands import parse_day
from boundary_desk.cli.output import emit_json
from boundary_desk.cli.text_input import utf8_text
from boundary_desk.domain.event_rules import MAX_SUMMARY
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
from boundary_desk.domain.vocabulary.labels import SEVERITY_LABELS
from boundary_desk.domain.when import parse_when
from boundary_desk.domain.words import counted
from boundary_desk.services import Services
from boundary_desk.services.clients import all_clients, find_client, get_client
from boundary_desk.services.contacts import (
    LoggedEvent,
    log_event,
    logged_events,
    raise_in_next_session,
    to_raise,
)
from boundary_desk.services.documents import record_request, save_record_pdf
from boundary_desk.services.record_views import viewed_timeline
from boundary_desk.services.settings import today_in_practice
from boundary_desk.system.fileio import WriteFailed, read_regular_file


def _now() -> datetime:
    return datetime.now(UTC)


def _when(services: Services, text: str | None) -> datetime:
    practice = services.settings.load()
    # Read in the practice's language (the one its screens speak) and in English.
    return parse_when(text or "now", _now(), practice.timezone, practice.region, practice.language)


def _summary(args: argparse.Namespace) -> str:
    """The summary from --summary, or from --summary-file (a long transcription)."""
    if not args.summary_file:
        return str(args.summary)
    # Read a little more than allowed so the refusal can say so; 4 bytes per character.
    cap = MAX_SUMMARY * 4 * 4
    if args.summary_file == "-":
        data = sys.stdin.buffer.read(cap)
    else:
        data = read_regular_file(Path(args.summary_file).expanduser(), cap)
    return utf8_text(data, complete=len(data) < cap, what="The summary")


def log(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CONTACT,
        occurred_at=_when(services, args.at),
        channel=ContactChannel(args.channel),
        direction=Direction(args.direction),
        category=Category(args.category) if args.category else None,
        minutes=args.minutes,
        summary=_summary(args),
        replied_at=_when(services, args.replied_at) if args.replied_at else None,
        reply_channel=ContactChannel(args.reply_channel) if args.reply_channel else None,
        raise_next_session=args.raise_next_session,
        is_complex=args.complex,
    )
    logged = log_event(services, event, _now())
    if args.raise_next_session and to_raise(logged):
        assert logged.event.id is not None
        logged = raise_in_next_session(services, logged.event.id, _now())
    return _report(logged, services, args.json)


def raise_in_session(args: argparse.Namespace, services: Services) -> int:
    logged = raise_in_next_session(services, args.entry, _now())
    if args.json:
        emit_json(event_json(logged, services))
        return 0
    print(f"{logged.event.title()} will be raised in the next session.")
    return 0


def log_request(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.FRIEND_REQUEST,
        occurred_at=_when(services, args.at),
        channel=ContactChannel.DM,
        direction=Direction.IN,
        summary=args.summary,
        request=FriendRequest(
            args.platform,
            RequestAction(args.action),
            parse_day(args.discussed_on, "The discussion date") if args.discussed_on else None,
        ),
    )
    return _report(log_event(services, event, _now()), services, args.json)


def log_search(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.SEARCH,
        occurred_at=_when(services, args.at),
        direction=Direction.OUT,
        summary=args.summary,
        search=Search(
            purpose=SearchPurpose(args.purpose),
            consent=Consent(args.consent),
            location=args.where,
            found=args.found,
            told_client=args.told_client,
            documented=args.documented,
            consulted=args.consulted,
            motive=args.motive,
        ),
    )
    return _report(log_event(services, event, _now()), services, args.json)


def log_approach(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    event = ContactEvent(
        client_id=client.id or 0,
        kind=EventKind.CLIENT_APPROACH,
        occurred_at=_when(services, args.at),
        direction=Direction.IN,
        summary=args.summary,
        approach=Approach(args.learned_how),
    )
    return _report(log_event(services, event, _now()), services, args.json)


def events(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client) if args.client else None
    zone = services.settings.load().timezone
    since = (
        datetime.combine(parse_day(args.since, "--since"), time(0), tzinfo=zone)
        if args.since
        else None
    )
    until = (
        datetime.combine(parse_day(args.until, "--until"), time(0), tzinfo=zone) + timedelta(days=1)
        if args.until
        else None
    )
    logged = logged_events(
        services, client_id=client.id if client else None, since=since, until=until
    )
    if client is not None:
        viewed_timeline(services, client.id)
    if args.json:
        emit_json([event_json(item, services) for item in logged])
        return 0
    if not logged:
        print("Nothing logged in that period.")
        return 0
    codes = {c.id: c.code for c in all_clients(services)}
    for item in logged:
        local = item.event.occurred_at.astimezone(zone)
        flag = " · after hours" if item.after_hours else ""
        if item.next_session:
            flag += f" · raise in the session of {item.next_session:%Y-%m-%d %H:%M}"
        print(
            f"{local:%Y-%m-%d %H:%M}  {codes.get(item.event.client_id, '?'):8s} "
            f"{item.event.title()}{flag}"
        )
        for line in warning_lines(item):
            print(f"      {line}")
    return 0


RECORD_ONLY = (
    "It holds the clinical record only: your own motives and the app's warnings stay in the "
    "vault (add --include-self-review to print them too)."
)
RECORD_WITH_SELF_REVIEW = (
    "It includes your self-review (own motives, the app's warnings and your acknowledgements), "
    "which is not part of the clinical record."
)


def record(args: argparse.Namespace, services: Services) -> int:
    out = Path(args.pdf).expanduser().absolute()
    if not out.parent.is_dir():
        raise WriteFailed(f"The folder {out.parent} does not exist; nothing was written.")
    client = find_client(services, args.client)
    today = today_in_practice(services, _now())
    request = record_request(services, client, today, include_self_review=args.include_self_review)
    save_record_pdf(services, request, out)
    print(
        f"Communication record for {client.code} "
        f"({counted(len(request.entries), 'entry', 'entries')}) saved to {out}."
    )
    print(RECORD_WITH_SELF_REVIEW if request.self_review else RECORD_ONLY)
    return 0


def _report(item: LoggedEvent, services: Services, as_json: bool) -> int:
    if as_json:
        emit_json(event_json(item, services))
        return 0
    zone = services.settings.load().timezone
    local = item.event.occurred_at.astimezone(zone)
    if item.after_hours:  # the problem first, then that it was saved
        print(f"After hours: {item.after_hours.describe()}.")
    print(f"Logged: {item.event.title()} at {local:%Y-%m-%d %H:%M} ({zone.key}).")
    for line in warning_lines(item):
        print(f"  {line}")
    if item.long_exchange is not None:
        print(f"  {item.long_exchange.sentence()}")
    if to_raise(item) and not item.event.raise_next_session:
        print(f"  To raise it in the next session: boundary-desk raise-in-session {item.event.id}")
    elif to_raise(item):
        print("  Kept to raise in the next session.")
    return 0


def warning_lines(item: LoggedEvent) -> list[str]:
    """Each warning as "! Serious: what happened", its guidance indented under it."""
    lines = []
    for warning in item.warnings:
        words = SEVERITY_LABELS[warning.severity]
        lines.append(f"! {words[:1].upper() + words[1:]}: {warning.message}")
        guidance = item.guidance_for(warning.code)
        if guidance:
            lines.append(f"  {guidance}")
    return lines


def _long_exchange_json(item: LoggedEvent) -> dict[str, Any] | None:
    found = item.long_exchange
    if found is None:
        return None
    return {"messages": found.messages, "hours": found.hours, "message": found.sentence()}


def event_json(item: LoggedEvent, services: Services) -> dict[str, Any]:
    e = item.event
    client = get_client(services, e.client_id)
    zone = services.settings.load().timezone
    doc: dict[str, Any] = {
        "id": e.id,
        "client": client.code,
        "kind": e.kind.value,
        "occurred_at": e.occurred_at.astimezone(zone).isoformat(),
        "channel": e.channel.value if e.channel else None,
        "direction": e.direction.value if e.direction else None,
        "category": e.category.value if e.category else None,
        "minutes": e.minutes,
        "summary": e.summary,
        "replied_at": e.replied_at.astimezone(zone).isoformat() if e.replied_at else None,
        "reply_channel": e.reply_channel.value if e.reply_channel else None,
        "raise_next_session": e.raise_next_session,
        "complex": e.is_complex,
        "long_exchange": _long_exchange_json(item),
        "next_session": item.next_session.isoformat() if item.next_session else None,
        "after_hours": item.after_hours is not None,
        "after_hours_reason": item.after_hours.reason.value if item.after_hours else None,
        "warnings": [
            {
                "code": w.code,
                "severity": w.severity.value,
                "message": w.message,
                "guidance": item.guidance_for(w.code),
                "acknowledged": w.acknowledged_at is not None,
                "note": w.note,
            }
            for w in item.warnings
        ],
    }
    if e.request:
        doc["request"] = {
            "platform": e.request.platform,
            "action": e.request.action.value,
            "discussed_on": _iso_day(e.request.discussed_on),
        }
    if e.search:
        s = e.search
        doc["search"] = {
            "purpose": s.purpose.value,
            "consent": s.consent.value,
            "where": s.location,
            "found": s.found,
            "told_client": s.told_client,
            "documented": s.documented,
            "consulted": s.consulted,
            "motive": s.motive,
        }
    return doc


def _iso_day(day: date | None) -> str | None:
    return day.isoformat() if day else None
