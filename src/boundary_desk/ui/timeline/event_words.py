"""How logged events are put into words on screen: dates, times and the answers given."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from boundary_desk.domain.events import ContactEvent, EventKind
from boundary_desk.domain.vocabulary.calendar_names import weekday_date
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CONTACT_CHANNEL_LABELS,
    EVENT_KIND_LABELS,
    SEARCH_PURPOSE_LABELS,
    shown,
)
from boundary_desk.system.i18n import _, ngettext


def when_text(local: datetime) -> str:
    """ "Fri 20 Nov 2026, 22:40" for a time already in the practice's zone."""
    return f"{weekday_date(local.date())}, {local:%H:%M}"


def moment_text(moment: datetime, zone: ZoneInfo) -> str:
    """ "Fri 20 Nov 2026, 22:40" in the practice's time zone."""
    return when_text(moment.astimezone(zone))


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def squeezed(text: str, limit: int) -> str:
    """`text` on one line, whitespace collapsed, cut at `limit` characters with "…"."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def first_line(text: str, limit: int = 200) -> str:
    """The first non-empty line of `text`, whitespace collapsed, cut at `limit`."""
    for line in text.splitlines():
        if line.strip():
            return squeezed(line, limit)
    return ""


def summary_line(event: ContactEvent) -> str:
    """One line for a list: the summary's start, or what the kind-specific answers say."""
    line = first_line(event.summary)
    if line:
        return line
    if event.search is not None:
        return _("Purpose: {purpose}").format(
            purpose=shown(SEARCH_PURPOSE_LABELS[event.search.purpose])
        )
    if event.approach is not None and event.approach.learned_how.strip():
        return first_line(event.approach.learned_how)
    return _("No summary recorded")


def category_text(event: ContactEvent) -> str:
    if event.category is not None:
        return shown(CATEGORY_LABELS[event.category])
    return "" if event.kind is EventKind.CONTACT else shown(EVENT_KIND_LABELS[event.kind])


def channel_text(event: ContactEvent) -> str:
    return shown(CONTACT_CHANNEL_LABELS[event.channel]).capitalize() if event.channel else ""


def minutes_text(minutes: int) -> str:
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
