"""An entry's edit history in words: when it was edited, and what each field said before.

The vault keeps each earlier version as its stored column values, so the comparison
is made in that same form: each version against the one that followed it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    Direction,
    RequestAction,
    SearchPurpose,
)
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
)
from boundary_desk.services.contacts import EditHistory
from boundary_desk.ui.timeline.event_words import squeezed

_FIELD_LABELS = {
    "client_id": "client",
    "kind": "kind",
    "occurred_at": "when",
    "channel": "channel",
    "direction": "who reached out",
    "category": "category",
    "minutes": "minutes",
    "summary": "summary",
    "replied_at": "reply time",
    "reply_channel": "reply channel",
    "raise_next_session": "raise in session",
    "platform": "platform",
    "request_action": "what you did",
    "discussed_on": "discussed on",
    "search_purpose": "purpose",
    "search_consent": "consent",
    "search_location": "where searched",
    "search_found": "what was found",
    "told_client": "told the client",
    "documented": "documented",
    "consulted": "consulted",
    "motive": "motive",
    "learned_how": "how you learned of it",
    "complex": "complex or emotional",
}
_YES_NO = ("raise_next_session", "told_client", "documented", "complex")
_QUOTED = ("summary", "search_found", "search_location", "consulted", "motive", "learned_how")
_QUOTE_LIMIT = 60


def edited_on(moment: datetime, zone: ZoneInfo) -> str:
    """ "21 Nov 2026 10:02" in the practice's zone."""
    local = moment.astimezone(zone)
    return f"{short_date(local.date())} {local:%H:%M}"


def history_lines(history: EditHistory, zone: ZoneInfo) -> list[str]:
    """One line per edit, newest first: "Edited 21 Nov 2026 10:02 — before: channel: email"."""
    lines = []
    for revision, later in history.pairs():
        changed = [
            f"{_FIELD_LABELS.get(column, column)}: {_value(column, value, zone)}"
            for column, value in revision.before.items()
            if later.get(column) != value
        ]
        what = "before: " + "; ".join(changed) if changed else "nothing recorded changed"
        lines.append(f"Edited {edited_on(revision.revised_at, zone)} — {what}")
    return lines[::-1]


def _value(column: str, value: Any, zone: ZoneInfo) -> str:
    """A stored value in words (a time in the practice's zone, a label for a code)."""
    if value is None or value == "":
        return "none"
    if column in _YES_NO:
        return "yes" if value else "no"
    if column in ("occurred_at", "replied_at"):
        local = datetime.fromisoformat(value).astimezone(zone)
        return f"{short_date(local.date())} {local:%H:%M}"
    if column == "discussed_on":
        day = date.fromisoformat(value)
        return short_date(day)
    if column in _QUOTED:
        return f"“{squeezed(str(value), _QUOTE_LIMIT)}”"
    return _label(column, str(value))


def _label(column: str, value: str) -> str:
    try:
        if column in ("channel", "reply_channel"):
            return CONTACT_CHANNEL_LABELS[ContactChannel(value)]
        if column == "direction":
            return DIRECTION_LABELS[Direction(value)]
        if column == "category":
            return CATEGORY_LABELS[Category(value)]
        if column == "request_action":
            return REQUEST_ACTION_LABELS[RequestAction(value)]
        if column == "search_purpose":
            return SEARCH_PURPOSE_LABELS[SearchPurpose(value)]
        if column == "search_consent":
            return CONSENT_LABELS[Consent(value)]
    except ValueError:
        pass  # a value from a newer version of the app: show it as stored
    return value
