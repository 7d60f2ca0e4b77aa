"""agreement new, show, pdf and withdraw."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from boundary_desk.cli.output import emit_json, notice
from boundary_desk.domain.agreement_rules import changes, notices
from boundary_desk.domain.agreements import (
    DEFAULT_RESPONSE_TIME,
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    Purpose,
)
from boundary_desk.domain.clauses import LANGUAGE_NAMES
from boundary_desk.domain.clients import Client
from boundary_desk.domain.dates import year_problem
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.agreements import (
    history,
    kept_at_signing,
    latest_or_first,
    save_draft,
    sign,
    starting_point,
    version,
    with_channel_reasons,
)
from boundary_desk.services.agreements import (
    withdraw as withdraw_consent,
)
from boundary_desk.services.clients import find_client
from boundary_desk.services.documents import save_agreement_pdf
from boundary_desk.services.record_views import viewed_agreements
from boundary_desk.services.settings import today_in_practice
from boundary_desk.system.fileio import WriteFailed

ACCEPTED_CHANNELS = ", ".join(c.value for c in Channel)
ACCEPTED_PURPOSES = ", ".join(p.value for p in Purpose)


def parse_day(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a date like 2026-11-20 (year-month-day).") from None
    if problem := year_problem(day.year):
        raise InvalidInput(f"For {what[:1].lower() + what[1:]}, {problem}.")
    return day


def parse_channels(text: str) -> set[Channel]:
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if names == ["none"]:
        return set()
    try:
        return {Channel(n) for n in names}
    except ValueError:
        raise InvalidInput(
            f"Channels are a comma-separated list of: {ACCEPTED_CHANNELS} (or none)."
        ) from None


def parse_purposes(text: str) -> frozenset[Purpose]:
    try:
        found = frozenset(Purpose(p.strip().lower()) for p in text.split(",") if p.strip())
    except ValueError:
        raise InvalidInput(
            f"Purposes are a comma-separated list of: {ACCEPTED_PURPOSES}."
        ) from None
    if not found:
        raise InvalidInput(f"Give at least one purpose: {ACCEPTED_PURPOSES}.")
    return found


def new(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    chosen = parse_channels(args.channels)
    purposes = parse_purposes(args.purposes)
    draft, previous = starting_point(services, client)
    response_time = DEFAULT_RESPONSE_TIME if args.response_time is None else args.response_time
    for channel in Channel:
        terms = ChannelTerms(
            channel,
            allowed=channel in chosen,
            purposes=purposes if channel in chosen else frozenset(),
            response_time=response_time,
        )
        draft = draft.with_terms(terms)
    if args.channel_reasons is not None:
        draft = replace(draft, channel_reasons=args.channel_reasons)
    if args.review:
        draft = replace(draft, review_on=parse_day(args.review, "The review date"))
    if args.language:
        draft = replace(draft, language=args.language)
    if args.signed:
        signed_on = parse_day(args.signed, "The signing date")
        draft = replace(draft, client_signed_on=signed_on, clinician_signed_on=signed_on)
        saved = sign(services, draft, today_in_practice(services))
    else:
        saved = save_draft(services, draft)
    for line in notices(saved):
        notice(line)
    if args.json:
        emit_json(agreement_json(saved, client, previous))
    else:
        state = "signed" if saved.status is AgreementStatus.SIGNED else "saved as a draft"
        print(f"Agreement version {saved.version} for {client.code} {state}.")
        _print_changes(previous, saved)
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    versions = history(services, client.id or 0)
    viewed_agreements(services, client.id)
    if not versions:
        if args.json:
            emit_json({"client": client.code, "agreement": None})
            return 0
        print(
            f"{client.code} has no agreement yet. "
            f"Create one with `boundary-desk agreement new {client.code} --channels …`."
        )
        return 0
    current = versions[-1]
    previous = versions[-2] if len(versions) > 1 else None
    if args.json:
        emit_json(agreement_json(current, client, previous))
        return 0
    print(
        f"{client.display_name} ({client.code}) · version {current.version} · "
        f"{current.status.value} · in {LANGUAGE_NAMES[current.language]}"
    )
    for terms in current.channels:
        print(f"  {CHANNEL_LABELS[terms.channel]:32s} {_terms_text(terms)}")
    if current.channel_reasons:
        print("  Prints why each allowed channel is used for what")
    if current.client_signed_on:
        print(f"  Signed {current.client_signed_on.isoformat()}")
    if current.review_on:
        due = " (due)" if current.review_due(today_in_practice(services)) else ""
        print(f"  Review by {current.review_on.isoformat()}{due}")
    _print_changes(previous, current)
    return 0


def pdf(args: argparse.Namespace, services: Services) -> int:
    out = Path(args.out).expanduser().absolute()
    if not out.parent.is_dir():
        raise WriteFailed(f"The folder {out.parent} does not exist; nothing was written.")
    client = find_client(services, args.client)
    if args.version is None:
        agreement = latest_or_first(services, client)
    else:
        agreement = version(services, client, args.version)
    if args.channel_reasons is not None:
        agreement = with_channel_reasons(services, agreement, args.channel_reasons)
    save_agreement_pdf(services, client, agreement, out, today_in_practice(services))
    for line in (*notices(agreement), kept_at_signing(services, agreement).notice(agreement)):
        if line:
            notice(line)
    print(f"Agreement version {agreement.version} ({agreement.status.value}) saved to {out}.")
    return 0


def withdraw(args: argparse.Namespace, services: Services) -> int:
    client = find_client(services, args.client)
    named = parse_channels(args.channel)
    if len(named) != 1:
        raise InvalidInput(f"Name one channel: {ACCEPTED_CHANNELS}.")
    [channel] = named
    on = parse_day(args.on, "The withdrawal date") if args.on else today_in_practice(services)
    withdraw_consent(services, client.id or 0, channel, on)
    print(f"Consent for {CHANNEL_LABELS[channel].lower()} withdrawn on {on.isoformat()}.")
    return 0


def _terms_text(terms: ChannelTerms) -> str:
    if terms.withdrawn_on:
        return f"withdrawn {terms.withdrawn_on.isoformat()}"
    if not terms.allowed:
        return "not allowed"
    purposes = ", ".join(sorted(p.value for p in terms.purposes))
    return f"allowed ({purposes}); reply {terms.response_time}"


def _print_changes(previous: Agreement | None, current: Agreement) -> None:
    if previous is None:
        return
    lines = changes(previous, current)
    print(
        f"Changes since version {previous.version}:"
        if lines
        else f"No changes since version {previous.version}."
    )
    for line in lines:
        print(f"  - {line}")


def agreement_json(
    agreement: Agreement, client: Client, previous: Agreement | None
) -> dict[str, Any]:
    return {
        "client": client.code,
        "version": agreement.version,
        "status": agreement.status.value,
        "language": agreement.language,
        "channels": {
            t.channel.value: {
                "allowed": t.allowed,
                "purposes": sorted(p.value for p in t.purposes),
                "response_time": t.response_time if t.allowed else None,
                "withdrawn_on": _iso(t.withdrawn_on),
            }
            for t in agreement.channels
        },
        "allowed_channels": [t.channel.value for t in agreement.allowed_channels],
        "channel_reasons": agreement.channel_reasons,
        "client_signed_on": _iso(agreement.client_signed_on),
        "clinician_signed_on": _iso(agreement.clinician_signed_on),
        "review_on": _iso(agreement.review_on),
        "crisis_resources": [
            {"label": r.label, "number": r.number} for r in agreement.crisis.resources
        ],
        "emergency_number": agreement.crisis.emergency_number,
        "changes": changes(previous, agreement) if previous else [],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
