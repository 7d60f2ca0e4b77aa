"""Checks on an agreement before it is saved or signed, and what changed between versions."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date

from boundary_desk.domain.agreements import (
    UNENCRYPTED,
    Agreement,
    AgreementStatus,
    ChannelTerms,
    ContactSafety,
    CrisisPlan,
)
from boundary_desk.domain.clients import Client, HandleKind
from boundary_desk.domain.crisis import emergency_number
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS, PURPOSE_LABELS, shown
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import LANGUAGES, _, current_language

REVIEW_AFTER_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_draft(agreement: Agreement) -> Agreement:
    """The agreement with its typed fields tidied, or InvalidInput saying what to fix."""
    if agreement.language not in LANGUAGES:
        names = ", ".join(LANGUAGES)
        raise InvalidInput(_("An agreement's language must be one of {names}.").format(names=names))
    channels = tuple(_check_channel(t) for t in agreement.channels)
    safety = replace(
        agreement.safety,
        phone=clean_line(
            agreement.safety.phone, label=_("The phone number"), max_len=40, required=False
        ),
        email=clean_line(
            agreement.safety.email, label=_("The email address"), max_len=120, required=False
        ),
    )
    crisis = replace(
        agreement.crisis,
        nearest_er=clean_line(
            agreement.crisis.nearest_er,
            label=_("The nearest emergency room"),
            max_len=160,
            required=False,
        ),
        emergency_contact=clean_line(
            agreement.crisis.emergency_contact,
            label=_("The emergency contact"),
            max_len=160,
            required=False,
        ),
    )
    guardian = clean_line(
        agreement.guardian_role, label=_("The guardian's role"), max_len=400, required=False
    )
    return replace(
        agreement, channels=channels, safety=safety, crisis=crisis, guardian_role=guardian
    )


def _check_channel(terms: ChannelTerms) -> ChannelTerms:
    label = shown(CHANNEL_LABELS[terms.channel])
    if not terms.allowed:
        return terms
    if not terms.purposes:
        raise InvalidInput(
            _(
                "{channel}: choose at least one purpose (scheduling, check-in or homework), "
                "or don't allow it."
            ).format(channel=label)
        )
    response = clean_line(
        terms.response_time,
        label=_("{channel}: the response time").format(channel=label),
        max_len=60,
        required=True,
    )
    return replace(terms, response_time=response)


def check_signing(agreement: Agreement, today: date) -> Agreement:
    """A signed agreement: both dates present and not in the future, a review date set."""
    agreement = check_draft(agreement)
    signed = agreement.client_signed_on
    if signed is None:
        raise InvalidInput(_("Enter the date the client signed."))
    if signed > today:
        raise InvalidInput(_("The client's signature date can't be in the future."))
    clinician = agreement.clinician_signed_on or signed
    if clinician > today:
        raise InvalidInput(_("Your signature date can't be in the future."))
    # The signed page states the risks of each unencrypted channel chosen and the
    # client's choice to use them anyway, so the signature records that choice.
    unencrypted = any(t.channel in UNENCRYPTED for t in agreement.allowed_channels)
    review = agreement.review_on or add_months(signed, REVIEW_AFTER_MONTHS)
    if review <= signed:
        raise InvalidInput(_("The review date must come after the signing date."))
    return replace(
        agreement,
        status=AgreementStatus.SIGNED,
        unencrypted_choice=unencrypted,
        clinician_signed_on=clinician,
        copy_given_on=agreement.copy_given_on or signed,
        review_on=review,
    )


def notices(agreement: Agreement) -> list[str]:
    """Things worth saying about an agreement that are not errors."""
    found = []
    if not agreement.allowed_channels:
        found.append(
            _(
                "No channel is allowed: between sessions the client can reach you only "
                "through the crisis resources, and the agreement will say so."
            )
        )
    if not agreement.crisis.resources:
        found.append(_("No crisis resources are listed; add them in Settings."))
    return found


def changes(old: Agreement, new: Agreement) -> list[str]:
    """Plain-language lines saying what differs between two versions."""
    lines: list[str] = []
    for before, after in zip(old.channels, new.channels, strict=True):
        lines.extend(_channel_changes(before, after))
    _compare(lines, "Shared device", old.safety.shared_device, new.safety.shared_device)
    _compare(lines, "Voicemail OK", old.safety.voicemail_ok, new.safety.voicemail_ok)
    _compare(
        lines,
        "Lock-screen previews OK",
        old.safety.lock_screen_previews_ok,
        new.safety.lock_screen_previews_ok,
    )
    _compare(lines, "Phone", old.safety.phone, new.safety.phone)
    _compare(lines, "Email address", old.safety.email, new.safety.email)
    _compare(lines, "Client's time zone", old.client_timezone, new.client_timezone)
    _compare(lines, "Nearest emergency room", old.crisis.nearest_er, new.crisis.nearest_er)
    _compare(lines, "Emergency contact", old.crisis.emergency_contact, new.crisis.emergency_contact)
    _compare(
        lines,
        "Between-session contact billed",
        old.bills_between_session,
        new.bills_between_session,
    )
    _compare(lines, "Guardian's role", old.guardian_role, new.guardian_role)
    if new.review_on is not None:  # a new draft has no review date until it is signed
        _compare(lines, "Review date", old.review_on, new.review_on)
    return lines


def _channel_changes(before: ChannelTerms, after: ChannelTerms) -> list[str]:
    label = CHANNEL_LABELS[after.channel]
    if before.in_use != after.in_use:
        if after.withdrawn_on and not before.withdrawn_on:
            return [f"{label}: consent withdrawn on {_show(after.withdrawn_on)}"]
        return [f"{label}: now {'allowed' if after.in_use else 'not allowed'}"]
    if not after.in_use:
        return []
    lines = []
    if before.purposes != after.purposes:
        lines.append(f"{label}: purposes now {_purposes(after)}")
    if before.response_time != after.response_time:
        lines.append(
            f"{label}: response time from “{before.response_time}” to “{after.response_time}”"
        )
    return lines


def _purposes(terms: ChannelTerms) -> str:
    return ", ".join(PURPOSE_LABELS[p] for p in sorted(terms.purposes)) or "none"


def _compare(lines: list[str], label: str, before: object, after: object) -> None:
    if before == after:
        return
    lines.append(f"{label}: {_show(before)} → {_show(after)}")


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return long_date(value)
    return f"“{value}”" if value else "not set"


def first_draft(client: Client, practice: PracticeSettings) -> Agreement:
    """A new client's draft, pre-filled from their contact details and the practice."""
    phones = client.handles_of(HandleKind.PHONE)
    emails = client.handles_of(HandleKind.EMAIL)
    if client.id is None:
        raise ValueError("a draft needs a saved client")
    return Agreement(
        client_id=client.id,
        safety=ContactSafety(
            phone=phones[0].value if phones else "",
            email=emails[0].value if emails else "",
        ),
        crisis=CrisisPlan(
            resources=practice.crisis,
            emergency_number=emergency_number(practice.region.country),
        ),
        guardian_role=(
            f"{client.guardian_name} is kept informed of attendance and safety concerns; "
            "the content of sessions stays confidential unless there is a risk of harm."
            if client.is_minor and client.guardian_name
            else ""
        ),
        # The app's language; a practice following the system's has none stored, and then
        # the language the screens speak (English on the command line) is the one.
        language=practice.language or current_language(),
    )
