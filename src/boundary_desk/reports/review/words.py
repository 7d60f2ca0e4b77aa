"""The review's wording: its title, privacy lines, and how events are described."""

from __future__ import annotations

from datetime import datetime

from boundary_desk.domain.dates import SHORT_MONTHS, long_date
from boundary_desk.domain.events import (
    CONTACT_CHANNEL_LABELS,
    SEARCH_PURPOSE_LABELS,
    Consent,
    ContactChannel,
    EventKind,
    RequestAction,
)
from boundary_desk.domain.weekly import Classified
from boundary_desk.reports.text import para_text

TITLE = "Weekly boundary review"
DEIDENTIFIED = "De-identified: clients appear by code only"
IDENTIFIED = "Identified copy — contains client names"
UNKNOWN_CODE = "code not known"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = SHORT_MONTHS
_CONSENT = {
    Consent.OBTAINED: "obtained",
    Consent.NOT_OBTAINED: "not obtained",
    Consent.IMMINENT_RISK: "not sought (imminent risk)",
}
_REQUEST = {
    RequestAction.PENDING: "not yet answered",
    RequestAction.DECLINED: "declined",
    RequestAction.IGNORED: "ignored",
    RequestAction.ACCEPTED: "accepted",
    RequestAction.DISCUSSED: "discussed in session",
}


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
            f"consent: {_CONSENT[search.consent]}; client told: "
            f"{'yes' if search.told_client else 'no'}; documented: "
            f"{'yes' if search.documented else 'no'}."
        )
    if event.request is not None:
        request = event.request
        action = _REQUEST[request.action]
        if request.discussed_on is not None:
            action = f"discussed in session on {long_date(request.discussed_on)}"
        return f"<b>Friend request</b> on {para_text(request.platform)}: {action}."
    return para_text(event.title())


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def when(local: datetime) -> str:
    """ "Fri 20 Nov, 22:40" in the practice's zone."""
    return f"{DAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}, {local:%H:%M}"
