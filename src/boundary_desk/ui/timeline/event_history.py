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
    shown,
)
from boundary_desk.services.contacts import EditHistory
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.timeline.event_words import squeezed

# English; each shown with _().
_FIELD_LABELS = {
    "client_id": N_("client"),
    "kind": N_("kind"),
    "occurred_at": N_("when"),
    "channel": N_("channel"),
    "direction": N_("who reached out"),
    "category": N_("category"),
    "minutes": N_("minutes"),
    "summary": N_("summary"),
    "replied_at": N_("reply time"),
    "reply_channel": N_("reply channel"),
    "raise_next_session": N_("raise in session"),
    "platform": N_("platform"),
    "request_action": N_("what you did"),
    "discussed_on": N_("discussed on"),
    "search_purpose": N_("purpose"),
    "search_consent": N_("consent"),
    "search_location": N_("where searched"),
    "search_found": N_("what was found"),
    "told_client": N_("told the client"),
    "documented": N_("documented"),
    "consulted": N_("consulted"),
    "motive": N_("motive"),
    "learned_how": N_("how you learned of it"),
    "complex": N_("complex or emotional"),
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
            _field(column, value, zone)
            for column, value in revision.before.items()
            if later.get(column) != value
        ]
        when = edited_on(revision.revised_at, zone)
        if changed:
            line = _("Edited {when} — before: {changes}").format(
                when=when, changes="; ".join(changed)
            )
        else:
            line = _("Edited {when} — nothing recorded changed").format(when=when)
        lines.append(line)
    return lines[::-1]


def _field(column: str, value: Any, zone: ZoneInfo) -> str:
    """ "channel: email", or "summary: “Can we move…”" with what was typed in quotes."""
    name = _FIELD_LABELS.get(column)
    field = _(name) if name else column
    if column in _QUOTED and value not in (None, ""):
        quoted = squeezed(str(value), _QUOTE_LIMIT)
        return _("{field}: “{text}”").format(field=field, text=quoted)
    return _("{field}: {value}").format(field=field, value=_value(column, value, zone))


def _value(column: str, value: Any, zone: ZoneInfo) -> str:
    """A stored value in words (a time in the practice's zone, a label for a code)."""
    if value is None or value == "":
        return _("none")
    if column in _YES_NO:
        return _("yes") if value else _("no")
    if column in ("occurred_at", "replied_at"):
        local = datetime.fromisoformat(value).astimezone(zone)
        return f"{short_date(local.date())} {local:%H:%M}"
    if column == "discussed_on":
        day = date.fromisoformat(value)
        return short_date(day)
    return _label(column, str(value))


def _label(column: str, value: str) -> str:
    try:
        if column in ("channel", "reply_channel"):
            return shown(CONTACT_CHANNEL_LABELS[ContactChannel(value)])
        if column == "direction":
            return shown(DIRECTION_LABELS[Direction(value)])
        if column == "category":
            return shown(CATEGORY_LABELS[Category(value)])
        if column == "request_action":
            return shown(REQUEST_ACTION_LABELS[RequestAction(value)])
        if column == "search_purpose":
            return shown(SEARCH_PURPOSE_LABELS[SearchPurpose(value)])
        if column == "search_consent":
            return shown(CONSENT_LABELS[Consent(value)])
    except ValueError:
        pass  # a value from a newer version of the app: show it as stored
    return value
