"""Checks on an event before it is saved: times, lengths, and the fields each kind needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from boundary_desk.domain.events import ContactEvent, EventKind
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

MAX_SUMMARY = 10_000
MAX_MINUTES = 600
# A laptop clock a little behind the phone that showed the message is not an error.
CLOCK_SLACK = timedelta(minutes=5)
# How the messages about a field begin, so a form can take the clinician to that field.
SUMMARY_LIMIT_START = N_("A summary can be at most")
FRIEND_REQUEST_NEEDS = N_("A friend request needs its platform and what you did.")
SEARCH_NEEDS = N_("A search needs its purpose and consent.")
WHEN_IT_HAPPENED = N_("When it happened")
CONTACT_NEEDS = N_("A contact needs its channel and who reached out.")
DURATION_START = N_("The duration")
REPLY_TIME = N_("The reply time")
REPLY_BEFORE = N_("The reply can't come before the contact itself.")


def check_event(event: ContactEvent, now: datetime) -> ContactEvent:
    """The event tidied, or InvalidInput naming what to fix."""
    _check_moment(event.occurred_at, now, _(WHEN_IT_HAPPENED))
    summary = event.summary.strip()
    if len(summary) > MAX_SUMMARY:
        raise InvalidInput(
            _(
                "A summary can be at most {limit} characters (this has {length}). Keep the "
                "record to what is clinically needed."
            ).format(limit=f"{MAX_SUMMARY:,}", length=f"{len(summary):,}")
        )
    if event.minutes is not None and not 0 <= event.minutes <= MAX_MINUTES:
        raise InvalidInput(
            _("The duration must be from 0 to {limit} minutes.").format(limit=MAX_MINUTES)
        )
    if event.replied_at is not None:
        _check_moment(event.replied_at, now, _(REPLY_TIME))
        if event.replied_at < event.occurred_at:
            raise InvalidInput(_(REPLY_BEFORE))
    checked = replace(event, summary=summary)
    if event.kind is EventKind.CONTACT:
        if event.channel is None or event.direction is None:
            raise InvalidInput(_(CONTACT_NEEDS))
    elif event.kind is EventKind.FRIEND_REQUEST:
        if event.request is None:
            raise InvalidInput(_(FRIEND_REQUEST_NEEDS))
        platform = clean_line(
            event.request.platform, label=_("The platform"), max_len=60, required=True
        )
        checked = replace(checked, request=replace(event.request, platform=platform))
    elif event.kind is EventKind.SEARCH:
        if event.search is None:
            raise InvalidInput(_(SEARCH_NEEDS))
        search = event.search
        checked = replace(
            checked,
            search=replace(
                search,
                location=clean_line(
                    search.location, label=_("Where you searched"), max_len=200, required=False
                ),
                consulted=clean_line(
                    search.consulted, label=_("Who you consulted"), max_len=200, required=False
                ),
                motive=clean_line(
                    search.motive, label=_("Your motive"), max_len=300, required=False
                ),
                found=search.found.strip()[:MAX_SUMMARY],
            ),
        )
    return checked


def _check_moment(moment: datetime, now: datetime, label: str) -> None:
    if moment.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    if moment > now + CLOCK_SLACK:
        raise InvalidInput(_("{field} can't be in the future.").format(field=label))
    if moment < now - timedelta(days=366 * 20):
        raise InvalidInput(
            _("{field} is more than twenty years ago; check the year.").format(field=label)
        )
