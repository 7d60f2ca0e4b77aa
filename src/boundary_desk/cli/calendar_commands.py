"""`boundary-desk import FILE.ics` and `boundary-desk sessions`: the session calendar.

The preview prints counts per client and the most frequent titles tied to no one, so
a rule can be written for them; a session's title is never stored.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from boundary_desk.cli.agreement_commands import parse_day
from boundary_desk.cli.output import emit_json
from boundary_desk.cli.text_input import typed
from boundary_desk.domain.vocabulary.calendar_names import short_day_name
from boundary_desk.domain.words import counted
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.sessions import (
    CalendarPreview,
    commit_calendar,
    list_sessions,
    preview_calendar,
    remove_sessions,
)

NO_RULES = (
    "Say which events are sessions with which client: --as CODE=TITLE ties the events "
    'whose title holds TITLE (wildcards * and ? allowed), as in --as C-001="Session - Robin". '
    "An event with a client's e-mail address among its guests is tied to them without one."
)


# What a calendar import takes; the others are for messages and would do nothing here.
_FOR_MESSAGES = (
    ("me", "--me"),
    ("zone", "--zone"),
    ("date_order", "--date-order"),
    ("keep_text", "--keep-text"),
    ("keep_whole", "--keep-whole"),
    ("not_clients", "--not-client"),
)


def import_calendar(args: argparse.Namespace, services: Services, path: Path) -> int:
    given = [flag for name, flag in _FOR_MESSAGES if getattr(args, name, None)]
    if given:
        raise InvalidInput(
            f"{', '.join(given)} is for messages and chats, not a calendar; a calendar takes "
            "--as CODE=TITLE, --add-away, --dry-run, --json and --yes."
        )
    ties = _title_ties(args.ties)
    shown = preview_calendar(services, path, ties)
    if args.json and args.dry_run:
        emit_json(preview_document(shown))
        return 0
    if not args.json:
        _print_preview(shown, bool(ties))
    if args.dry_run:
        return 0
    if not shown.changes and not (args.add_away and shown.away):
        if args.json:
            nothing = {"added": 0, "already": shown.already, "moved": 0, "removed": 0}
            emit_json({**preview_document(shown), "result": nothing})
        elif shown.sessions:
            print("Nothing was imported: every session is already in the vault as it is.")
        else:
            print("Nothing was imported: no event is tied to a client.")
        return 0
    if not _confirmed(args, shown):
        print("Nothing was imported.", file=sys.stderr if args.json else sys.stdout)
        return 0
    written = commit_calendar(services, shown, add_away=args.add_away)
    if args.json:
        result = {
            "added": written.added,
            "already": written.already,
            "moved": written.moved,
            "removed": written.removed,
        }
        emit_json({**preview_document(shown), "result": result})
    else:
        changed = "".join(
            f", {counted(n, 'session', 'sessions')} {what}"
            for n, what in ((written.moved, "moved"), (written.removed, "removed"))
            if n
        )
        print(
            f"Imported {counted(written.added, 'new session', 'new sessions')}{changed}; "
            f"{written.already:,} already imported."
        )
        if args.add_away and shown.away:
            print(
                f"Added {counted(len(shown.away), 'away period', 'away periods')} "
                "to your vacation days."
            )
    return 0


def _title_ties(given: list[str]) -> list[tuple[str, str]]:
    ties: list[tuple[str, str]] = []
    for text in given:
        code, sep, title = text.partition("=")
        if not sep or not code.strip() or not title.strip():
            raise InvalidInput(
                "For a calendar, --as takes a client code and a title to look for, as in "
                '--as C-001="Session - Robin".'
            )
        ties.append((code.strip(), title.strip()))
    return ties


def preview_document(shown: CalendarPreview) -> dict[str, object]:
    return {
        "source": "calendar",
        "clients": [
            {
                "code": c.code,
                "sessions": c.sessions,
                "new": c.new,
                "first": c.first.isoformat(),
                "last": c.last.isoformat(),
                "by_address": [{"address": a, "sessions": n} for a, n in c.by_address],
                "joint": c.joint,
            }
            for c in shown.per_client
        ],
        "new": shown.new,
        "already": shown.already,
        "events": shown.events_seen,
        "all_day_events": shown.all_day,
        "claimed_by_two_clients": shown.claimed_twice,
        "unreadable_events": shown.unreadable_events,
        "floating_times": shown.floating,
        "moved": shown.moved,
        "removed": shown.removed,
        "rules_matching_nothing": [f"{code}={title}" for code, title in shown.idle_rules],
        "untied_titles": [{"title": t, "count": n} for t, n in shown.untied_titles],
        "away": [{"first": a.isoformat(), "last": b.isoformat()} for a, b in shown.away],
    }


def _print_preview(shown: CalendarPreview, has_rules: bool) -> None:
    print(f"{counted(shown.events_seen, 'timed event', 'timed events')} in the calendar.")
    for c in shown.per_client:
        print(
            f"  {c.code:8s} {counted(c.sessions, 'session', 'sessions')} "
            f"({c.new:,} new), {c.first:%Y-%m-%d} to {c.last:%Y-%m-%d}"
            + "".join(f", {n:,} by address {a}" for a, n in c.by_address)
            + (f", {counted(c.joint, 'joint session', 'joint sessions')}" if c.joint else "")
        )
    if shown.moved or shown.removed:
        print(
            f"Since the last import, {counted(shown.moved, 'session has', 'sessions have')} "
            f"moved and {counted(shown.removed, 'session is', 'sessions are')} no longer in "
            "the calendar (cancelled or deleted); importing puts them right."
        )
    for code, title in shown.idle_rules:
        print(f'--as {code}="{title}" matches no event title in this calendar.')
    if shown.claimed_twice:
        one = shown.claimed_twice == 1
        print(
            f"{counted(shown.claimed_twice, 'event', 'events')} "
            f"{'matches' if one else 'match'} two clients' title rules "
            f"and {'was' if one else 'were'} left out; a title rule settles one."
        )
    if shown.unreadable_events:
        one = shown.unreadable_events == 1
        print(
            f"{counted(shown.unreadable_events, 'event', 'events')} could not be read (no "
            f"start, or a repeat rule no reader accepts) and {'was' if one else 'were'} "
            "left out."
        )
    if shown.floating:
        print("Some times carry no time zone; they were read in the practice's zone.")
    if shown.all_day:
        one = shown.all_day == 1
        print(
            f"{counted(shown.all_day, 'all-day event', 'all-day events')} "
            f"{'is' if one else 'are'} never a session."
        )
    if not shown.events_seen and not shown.all_day:
        print(
            f"The calendar has no event from {shown_day(shown, 'since')} to "
            f"{shown_day(shown, 'until')}, the span sessions are read from."
        )
    if shown.away:
        listed = ", ".join(
            a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in shown.away
        )
        print(f"Away days not yet among your vacation days: {listed}; --add-away adds them.")
    if shown.untied_titles:
        print("Titles tied to no client, most frequent first:")
        for title, count in shown.untied_titles[:_TITLES_PRINTED]:
            print(f"  {count:5,}  {title[:60] or '(no title)'}")
        more = len(shown.untied_titles) - _TITLES_PRINTED
        if more > 0:
            print(f"  and {counted(more, 'more title', 'more titles')} (--json lists them all)")
    if not shown.per_client and not has_rules:
        print(NO_RULES)


_TITLES_PRINTED = 20


def shown_day(shown: CalendarPreview, end: str) -> str:
    moment = getattr(shown.read, end) if shown.read else None
    return f"{moment:%Y-%m-%d}" if moment else "?"


def _confirmed(args: argparse.Namespace, shown: CalendarPreview) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidInput(
            "Importing writes the previewed sessions to the vault. Add --yes to import them, "
            "or --dry-run to only see the preview."
        )
    answer = typed(
        input, f"Import {counted(shown.changes, 'change', 'changes')} to your sessions? [y/N] "
    )
    return answer.strip().lower() in ("y", "yes")


def sessions(args: argparse.Namespace, services: Services) -> int:
    since = parse_day(args.since, "--since") if args.since else None
    until = parse_day(args.until, "--until") if args.until else None
    found = list_sessions(services, args.client or "", since, until)
    if args.remove:
        return _remove(args, services, len(found), since, until)
    if args.json:
        emit_json(
            [
                {"client": s.code, "start": s.start.isoformat(), "end": s.end.isoformat()}
                for s in found
            ]
        )
        return 0
    if not found:
        print(
            "No sessions are known in that period; import your calendar with "
            "`boundary-desk import FILE.ics --as CODE=TITLE`."
        )
        return 0
    for s in found:
        day = short_day_name(s.start.weekday())  # never the process locale's name
        print(f"{s.start:%Y-%m-%d} {day} {s.start:%H:%M}-{s.end:%H:%M}  {s.code}")
    return 0


def _remove(
    args: argparse.Namespace, services: Services, count: int, since: date | None, until: date | None
) -> int:
    if not args.client:
        raise InvalidInput("Say whose sessions to remove: sessions CLIENT --remove.")
    if not count:
        print("There are no sessions to remove in that period.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"This removes {counted(count, 'session', 'sessions')}; add --yes to confirm."
            )
        answer = typed(input, f"Remove {counted(count, 'session', 'sessions')}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was removed.")
            return 0
    removed = remove_sessions(services, args.client, since, until)
    if args.json:
        emit_json({"removed": removed})
    else:
        print(f"Removed {counted(removed, 'session', 'sessions')}.")
    return 0
