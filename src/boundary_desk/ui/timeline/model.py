"""What a timeline shows: logged events, newest first, with their warnings, filtered.

Loading happens on the GUI thread (the vault connection is not shared with workers);
it is one query for the events and one for their warnings, quick for years of entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from boundary_desk.domain.after_hours import AfterHours
from boundary_desk.domain.boundary_warnings import StoredWarning
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import ContactEvent, EventKind
from boundary_desk.domain.vocabulary.calendar_names import weekday_day_month
from boundary_desk.domain.vocabulary.labels import shown_event_title
from boundary_desk.services import Services
from boundary_desk.services.clients import all_clients
from boundary_desk.services.contacts import logged_events
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.timeline.event_words import category_text, summary_line, when_text

_Index: TypeAlias = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# English constants, shown with _(): tests and the delegate compare with them.
AFTER_HOURS = N_("After hours")
ACKNOWLEDGED = N_("Acknowledged")


class KindChoice(Enum):
    ALL = (N_("All entries"), ())
    CONTACTS = (N_("Contacts"), (EventKind.CONTACT,))
    REQUESTS = (N_("Friend requests"), (EventKind.FRIEND_REQUEST,))
    SEARCHES = (N_("Searches"), (EventKind.SEARCH,))
    APPROACHES = (N_("Approaches"), (EventKind.CLIENT_APPROACH,))

    def __init__(self, label: str, kinds: tuple[EventKind, ...]) -> None:
        self.label = label  # English; shown with _(choice.label)
        self.kinds = kinds


class RangeChoice(Enum):
    LAST_7_DAYS = (N_("Last 7 days"), 7)
    LAST_30_DAYS = (N_("Last 30 days"), 30)
    LAST_12_WEEKS = (N_("Last 12 weeks"), 84)
    ALL = (N_("All time"), None)
    CUSTOM = (N_("Dates…"), None)

    def __init__(self, label: str, days: int | None) -> None:
        self.label = label  # English; shown with _(choice.label)
        self.days = days


@dataclass(frozen=True)
class TimelineFilter:
    client_id: int | None = None
    kind: KindChoice = KindChoice.ALL
    span: RangeChoice = RangeChoice.ALL
    first_day: date | None = None  # CUSTOM only, practice-local, inclusive
    last_day: date | None = None
    after_hours_only: bool = False
    warnings_only: bool = False

    def bounds(self, now: datetime, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """The [since, until) span to ask the vault for."""
        if self.span is RangeChoice.CUSTOM:
            since = datetime.combine(self.first_day, time(0), zone) if self.first_day else None
            until = (
                datetime.combine(self.last_day + timedelta(days=1), time(0), zone)
                if self.last_day
                else None
            )
            return since, until
        if self.span.days is None:
            return None, None
        return now - timedelta(days=self.span.days), None

    def narrows(self, *, beyond_client: bool) -> bool:
        """Whether anything beyond the client (and, if asked, the client) hides entries."""
        return (
            (beyond_client and self.client_id is not None)
            or self.kind is not KindChoice.ALL
            or self.span is not RangeChoice.ALL
            or self.after_hours_only
            or self.warnings_only
        )


@dataclass(frozen=True)
class TimelineEntry:
    event: ContactEvent
    client: Client
    local: datetime  # occurred_at in the practice's zone
    after_hours: AfterHours | None
    warnings: tuple[StoredWarning, ...]
    guidance: tuple[tuple[str, str], ...] = ()  # (code, what to do), from the agreement
    next_session: datetime | None = None  # to raise it in: from the imported calendar

    def guidance_for(self, code: str) -> str:
        return dict(self.guidance).get(code, "")

    @property
    def event_id(self) -> int:
        assert self.event.id is not None
        return self.event.id

    @property
    def open_warnings(self) -> int:
        return sum(w.acknowledged_at is None for w in self.warnings)


def load_entries(services: Services, wanted: TimelineFilter, now: datetime) -> list[TimelineEntry]:
    """The entries `wanted` picks out, newest first."""
    zone = services.settings.load().timezone
    since, until = wanted.bounds(now, zone)
    logged = logged_events(
        services, client_id=wanted.client_id, since=since, until=until, kinds=wanted.kind.kinds
    )
    clients = {c.id: c for c in all_clients(services)}
    entries = []
    for item in reversed(logged):
        entry = TimelineEntry(
            event=item.event,
            client=clients[item.event.client_id],
            local=item.event.occurred_at.astimezone(zone),
            after_hours=item.after_hours,
            warnings=tuple(item.warnings),
            guidance=tuple(item.guidance.items()),
            next_session=item.next_session,
        )
        if wanted.after_hours_only and entry.after_hours is None:
            continue
        if wanted.warnings_only and not entry.warnings:
            continue
        entries.append(entry)
    return entries


def markers(entry: TimelineEntry) -> list[str]:
    """The short flags a row carries: after hours, warnings still open."""
    found = []
    if entry.after_hours is not None:
        found.append(_(AFTER_HOURS))
    if entry.open_warnings:
        count = entry.open_warnings
        found.append(ngettext("{count} warning", "{count} warnings", count).format(count=count))
    elif entry.warnings:
        found.append(_(ACKNOWLEDGED))
    return found


def meta_line(entry: TimelineEntry, with_client: bool) -> str:
    """E.g. "C-001 · Zoë Martin · clinical · 12 minutes"."""
    parts = [entry.client.code, entry.client.display_name] if with_client else []
    category = category_text(entry.event)
    if category:
        parts.append(category)
    if entry.event.minutes:
        parts.append(_("{minutes} min").format(minutes=entry.event.minutes))
    if entry.event.raise_next_session:
        when = entry.next_session
        parts.append(
            _("to raise on {date}").format(date=weekday_day_month(when.date()))
            if when
            else _("to raise in session")
        )
    return " · ".join(parts)


class TimelineModel(QAbstractListModel):
    """One row per entry; the delegate draws it, ENTRY_ROLE hands over the entry itself."""

    def __init__(self, parent: Any = None, *, with_client: bool = True) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []
        self.with_client = with_client

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, event_id: int | None) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.event.id == event_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.row_text(entry)
        return None

    def row_text(self, entry: TimelineEntry) -> str:
        """The whole row as one line (for screen readers and copying)."""
        parts = [
            when_text(entry.local),
            shown_event_title(entry.event),
            meta_line(entry, self.with_client),
            *markers(entry),
            summary_line(entry.event),
        ]
        return " · ".join(p for p in parts if p)
