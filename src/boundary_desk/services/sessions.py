"""Sessions from the clinician's calendar: preview which events are sessions, import
them, and list them. One use case for the app and the CLI.

Only sessions tied to a client are kept, as client, start and end. Every other event
(the dentist, a family dinner, another practice's meetings) is dropped in memory; its
title is shown only to help the clinician write a rule, never written anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.sessions import (
    Session,
    TitleRule,
    away_range,
    is_away,
    tie,
    title_rules,
)
from boundary_desk.domain.vacation import format_vacation, new_days, with_days
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.problems import UnreadableImport
from boundary_desk.services import Services
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.stores.sessions import CalendarRead, SessionStore, SessionsWritten
from boundary_desk.system.i18n import _

__all__ = [
    "CalendarPreview",
    "ClientSessions",
    "ListedSession",
    "SessionsWritten",
    "commit_calendar",
    "last_session_day",
    "list_sessions",
    "preview_calendar",
    "remove_sessions",
]

YEARS_BACK = 10  # sessions before this are of no use to the warnings or the review
# Ahead, only what "raise it in the next session" needs: a series that never ends is
# not kept for years, and a newer export puts a changed schedule right.
DAYS_AHEAD = 84


@dataclass(frozen=True)
class ClientSessions:
    code: str
    name: str
    sessions: int
    new: int
    first: date
    last: date
    # Sessions tied by a guest's address rather than a title: each address, how many.
    by_address: tuple[tuple[str, int], ...] = field(default=(), repr=False)
    joint: int = 0  # joint sessions: another client was among the guests too


@dataclass(frozen=True)
class CalendarPreview:
    path: Path
    per_client: tuple[ClientSessions, ...]
    sessions: tuple[Session, ...] = field(repr=False)
    already: int
    events_seen: int  # timed occurrences in the window
    all_day: int  # all-day events (never sessions; "away" days are chosen in Settings)
    claimed_twice: int  # occurrences two clients' title rules both claim: tied to neither
    unreadable_events: int
    floating: bool  # some times had no zone: read in the practice's
    untied_titles: tuple[tuple[str, int], ...] = field(repr=False)  # most frequent first
    # All-day "away" events (domain/sessions.AWAY_WORDS) with days the vacation setting
    # doesn't hold yet: offered, added only when the clinician says so.
    away: tuple[tuple[date, date], ...] = ()
    read: CalendarRead | None = field(default=None, repr=False)
    moved: int = 0  # stored sessions the calendar now has at another time
    removed: int = 0  # stored sessions the calendar no longer holds
    idle_rules: tuple[tuple[str, str], ...] = ()  # (code, title) rules no event matches
    # Every timed event's title with its count, most frequent first (then by title), so a
    # screen can keep its rows in place as titles are tied.
    title_counts: tuple[tuple[str, int], ...] = field(default=(), repr=False)

    @property
    def new(self) -> int:
        return sum(c.new for c in self.per_client)

    @property
    def changes(self) -> int:
        """How many sessions importing would add, move or remove."""
        return self.new + self.moved + self.removed


def preview_calendar(
    services: Services,
    path: Path,
    ties: Sequence[tuple[str, str]] | Mapping[str, str],
    *,
    exact: Sequence[tuple[str, str]] = (),
) -> CalendarPreview:
    """Which events of the calendar at `path` are sessions, with whom; nothing is written.

    `ties` pairs a client's code with a title pattern (CODE=TITLE; a client may have
    several); `exact` pairs a code with a whole title (one chosen in the app). A
    client's e-mail address among an event's guests ties an event no rule ties.
    """
    pairs = list(ties.items()) if isinstance(ties, Mapping) else list(ties)
    # The calendar's libraries load only for a calendar import, never with the quick log.
    from boundary_desk.importers.calendar import read_calendar

    clients = services.clients.list(include_archived=True)
    codes = {c.code.casefold() for c in clients}
    unknown = [code for code, _ in (*pairs, *exact) if code.strip().casefold() not in codes]
    if unknown:
        raise InvalidInput(
            f"No client has the code “{unknown[0].strip()[:40]}”: a session rule starts with "
            "a client's code, as RB1=Session (`boundary-desk client list` shows them)."
        )
    rules = title_rules(pairs) + tuple(TitleRule(code, title, exact=True) for code, title in exact)
    practice = services.settings.load()
    now = services.clock()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableImport(
            _("That is a folder; choose the calendar file (.ics) inside it.")
        ) from None
    except OSError as exc:
        reason = exc.strerror or _("an error from the system")
        raise UnreadableImport(
            _("The file can't be read ({reason}).").format(reason=reason)
        ) from None
    reading = read_calendar(
        data,
        practice.timezone,
        now - timedelta(days=365 * YEARS_BACK),
        now + timedelta(days=DAYS_AHEAD),
    )
    store = SessionStore(services.vault.conn, services.clock)
    known = store.known_keys()
    found: list[Session] = []
    by_client: dict[int, list[Session]] = {}
    addresses: dict[int, Counter[str]] = {}
    joint: Counter[int] = Counter()
    present: set[str] = set()
    untied: Counter[str] = Counter()
    twice = all_day = timed = 0
    away: list[tuple[date, date]] = []
    zone = practice.timezone
    for occurrence in reading.occurrences:
        if occurrence.all_day:
            present.add(occurrence.key)
            all_day += 1
            first = occurrence.start.astimezone(zone).date()
            last = (occurrence.end.astimezone(zone) - timedelta(days=1)).date()
            days = away_range(first, max(first, last))
            if is_away(occurrence.title) and days is not None:
                away.append(days)
            continue
        timed += 1
        tied = tie(occurrence.title, occurrence.attendees, rules, clients)
        if not tied.joint:
            present.add(occurrence.key)
        if not tied.clients:
            twice += tied.contested
            if not tied.contested:
                untied[occurrence.title] += 1  # "" for events with no title
            continue
        for client, address in zip(tied.clients, tied.addresses, strict=True):
            if client.id is None:
                continue
            # A joint session is one a client: each keyed by the occurrence and the client.
            key = f"{occurrence.key}+{client.id}" if tied.joint else occurrence.key
            present.add(key)
            session = Session(client.id, occurrence.start, occurrence.end, key, occurrence.series)
            found.append(session)
            by_client.setdefault(client.id, []).append(session)
            if address:
                addresses.setdefault(client.id, Counter())[address] += 1
            joint[client.id] += tied.joint
    read = CalendarRead(
        present=frozenset(present),
        series=reading.series,
        since=now - timedelta(days=365 * YEARS_BACK),
        until=now + timedelta(days=DAYS_AHEAD),
    )
    plan = store.plan(found, read)
    titles = [o.title for o in reading.occurrences if not o.all_day]
    idle = tuple((r.code, r.pattern) for r in rules if not any(r.matches(t) for t in titles))
    return CalendarPreview(
        path=path,
        per_client=_per_client(by_client, clients, known, practice.timezone, addresses, joint),
        sessions=tuple(found),
        already=plan.same,
        events_seen=timed,
        all_day=all_day,
        claimed_twice=twice,
        unreadable_events=reading.unreadable_events,
        floating=reading.floating,
        untied_titles=tuple(sorted(untied.items(), key=_by_count)),
        away=new_days(practice.vacation, away),
        read=read,
        moved=len(plan.changed),
        removed=len(plan.removed),
        idle_rules=idle,
        title_counts=tuple(sorted(Counter(titles).items(), key=_by_count)),
    )


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0].casefold()


def _per_client(
    by_client: Mapping[int, Sequence[Session]],
    clients: Sequence[Client],
    known: set[str],
    zone: object,
    addresses: Mapping[int, Counter[str]],
    joint: Mapping[int, int],
) -> tuple[ClientSessions, ...]:
    named = {c.id: c for c in clients}
    rows = []
    for client_id, sessions in by_client.items():
        client = named[client_id]
        days = [s.start.astimezone(zone).date() for s in sessions]  # type: ignore[arg-type]
        rows.append(
            ClientSessions(
                code=client.code,
                name=client.display_name,
                sessions=len(sessions),
                new=sum(s.source_key not in known for s in sessions),
                first=min(days),
                last=max(days),
                by_address=tuple(
                    sorted(addresses.get(client_id, Counter()).items(), key=_by_count)
                ),
                joint=joint.get(client_id, 0),
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.name.casefold(), r.code)))


def commit_calendar(
    services: Services, shown: CalendarPreview, *, add_away: bool = False
) -> SessionsWritten:
    """Write the previewed sessions in one transaction, none of them twice; with
    `add_away`, the away days join the vacation days in the same transaction."""
    if services.vault.read_only:
        raise InvalidInput("This vault is open read-only; nothing can be imported into it.")
    store = SessionStore(services.vault.conn, services.clock)
    if shown.read is None:
        raise InvalidInput("Preview the calendar before importing it.")
    with transaction(services.vault.conn):
        written = store.write(shown.sessions, shown.read, clients=len(shown.per_client))
        if add_away and shown.away:
            held = services.settings.load().vacation
            services.settings.set("vacation", format_vacation(with_days(held, shown.away)))
    return written


@dataclass(frozen=True)
class ListedSession:
    code: str
    name: str
    start: datetime  # in the practice's zone
    end: datetime


def list_sessions(
    services: Services,
    client: str = "",
    since: date | None = None,
    until: date | None = None,
) -> list[ListedSession]:
    """The known sessions, oldest first, in practice time; one client's if named.

    `since` and `until` are practice-time days, both included.
    """
    zone = services.settings.load().timezone
    clients = {c.id: c for c in services.clients.list(include_archived=True)}
    chosen = services.clients.find(client) if client.strip() else None
    start, end = _day_span(since, until, zone)
    store = SessionStore(services.vault.conn, services.clock)
    found = store.between(start, end, chosen.id if chosen else None)
    return [
        ListedSession(
            code=clients[s.client_id].code,
            name=clients[s.client_id].display_name,
            start=s.start.astimezone(zone),
            end=s.end.astimezone(zone),
        )
        for s in found
        if s.client_id in clients
    ]


def _day_span(
    since: date | None, until: date | None, zone: tzinfo
) -> tuple[datetime | None, datetime | None]:
    """Practice-time days `since` to `until`, both included, as [start, end) instants."""
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone) if since else None
    end = (
        datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        if until
        else None
    )
    if start and end and end <= start:
        raise InvalidInput("--until must be on or after --since.")
    return start, end


def remove_sessions(
    services: Services, client: str, since: date | None = None, until: date | None = None
) -> int:
    """Remove one client's sessions in the days given (all of them if none): for sessions
    tied to them by mistake. How many were removed; each removal is in the audit trail.
    Importing the calendar again with the same rule ties them again."""
    if services.vault.read_only:
        raise InvalidInput("This vault is open read-only; nothing can be removed from it.")
    if not client.strip():
        raise InvalidInput("Say whose sessions to remove: a client's code or name.")
    chosen = services.clients.find(client)
    zone = services.settings.load().timezone
    start, end = _day_span(since, until, zone)
    store = SessionStore(services.vault.conn, services.clock)
    found = store.between(start, end, chosen.id)
    return store.remove([s.id for s in found if s.id is not None])


def last_session_day(
    services: Services, client: Client, zone: tzinfo, now: datetime
) -> date | None:
    """The practice-time day of an ended client's last known session up to `now`, when the
    calendar was imported on or after the day their file was closed; None otherwise (a
    calendar imported before then can't tell that no session came later)."""
    if client.status is not ClientStatus.ENDED or client.ended_on is None or client.id is None:
        return None
    store = SessionStore(services.vault.conn, services.clock)
    imported = store.last_import()
    if imported is None or imported.astimezone(zone).date() < client.ended_on:
        return None
    found = store.last_before(client.id, now)
    return found.start.astimezone(zone).date() if found else None
