"""The review's wording: its title, privacy lines, and how events are described, in the
app's language (the command line's is English)."""

from __future__ import annotations

from datetime import datetime

from boundary_desk.domain.events import ContactChannel, EventKind
from boundary_desk.domain.vocabulary import calendar_names
from boundary_desk.domain.vocabulary.calendar_names import clock_time, long_date, weekday_day_month
from boundary_desk.domain.vocabulary.labels import (
    CONSENT_LABELS,
    CONTACT_CHANNEL_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    shown,
    shown_event_title,
)
from boundary_desk.domain.weekly import Classified
from boundary_desk.reports.text import para_text
from boundary_desk.system.i18n import N_, _

TITLE = N_("Weekly boundary review")
DEIDENTIFIED = N_("De-identified: clients appear by code only")
IDENTIFIED = N_("Identified copy — contains client names")
UNKNOWN_CODE = N_("code not known")


def channel_label(value: str) -> str:
    try:
        words = shown(CONTACT_CHANNEL_LABELS[ContactChannel(value)])
    except ValueError:
        return value
    return words[:1].upper() + words[1:]


def boundary_details(item: Classified) -> str:
    """Markup for a search (the Clinton et al. answers) or a request; never what was found."""
    event = item.event
    if event.kind is EventKind.SEARCH and event.search is not None:
        search = event.search
        said = _(
            "Purpose: {purpose}; consent: {consent}; client told: {told}; documented: {documented}."
        ).format(
            purpose=shown(SEARCH_PURPOSE_LABELS[search.purpose]),
            consent=shown(CONSENT_LABELS[search.consent]),
            told=_("yes") if search.told_client else _("no"),
            documented=_("yes") if search.documented else _("no"),
        )
        lead = _("Online search.")
        return f"<b>{lead}</b> {said}"
    if event.request is not None:
        request = event.request
        action = shown(REQUEST_ACTION_LABELS[request.action])
        if request.discussed_on is not None:
            action = _("discussed in session on {day}").format(day=long_date(request.discussed_on))
        return _("{friend_request} on {platform}: {action}.").format(
            friend_request="<b>" + _("Friend request") + "</b>",
            platform=para_text(request.platform),
            action=action,
        )
    return para_text(shown_event_title(event))


def percent(share: float) -> str:
    """ "38%"; "38 %" in French."""
    return calendar_names.percent(share)


def when(local: datetime) -> str:
    """ "Fri 20 Nov, 22:40" in the practice's zone; "ven. 20 nov., 22 h 40" in French."""
    return f"{weekday_day_month(local.date())}, {clock_time(local.time())}"
