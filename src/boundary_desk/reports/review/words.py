"""The review's wording: its title, privacy lines, and how events are described."""

from __future__ import annotations

from datetime import datetime

from boundary_desk.domain.events import ContactChannel, EventKind
from boundary_desk.domain.vocabulary.calendar_names import long_date, weekday_day_month
from boundary_desk.domain.vocabulary.labels import (
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
)
from boundary_desk.domain.weekly import Classified
from boundary_desk.reports.text import para_text

TITLE = "Weekly boundary review"
DEIDENTIFIED = "De-identified: clients appear by code only"
IDENTIFIED = "Identified copy — contains client names"
UNKNOWN_CODE = "code not known"


def channel_label(value: str) -> str:
    try:
        return CONTACT_CHANNEL_LABELS[ContactChannel(value)].capitalize()
    except ValueError:
        return value


def boundary_details(item: Classified) -> str:
    """Markup for a search (the Clinton et al. answers) or a request; never what was found."""
    event = item.event
    if event.kind is EventKind.SEARCH and event.search is not None:
        search = event.search
        return (
            f"<b>Online search.</b> Purpose: {SEARCH_PURPOSE_LABELS[search.purpose]}; "
            f"consent: {CONSENT_LABELS[search.consent]}; client told: "
            f"{'yes' if search.told_client else 'no'}; documented: "
            f"{'yes' if search.documented else 'no'}."
        )
    if event.request is not None:
        request = event.request
        action = REQUEST_ACTION_LABELS[request.action]
        if request.discussed_on is not None:
            action = f"discussed in session on {long_date(request.discussed_on)}"
        return f"<b>Friend request</b> on {para_text(request.platform)}: {action}."
    return para_text(event.title())


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def when(local: datetime) -> str:
    """ "Fri 20 Nov, 22:40" in the practice's zone."""
    return f"{weekday_day_month(local.date())}, {local:%H:%M}"
