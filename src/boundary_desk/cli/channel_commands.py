"""channels show and channels rank: each channel's five factors, and the best for a reply."""

from __future__ import annotations

import argparse
from typing import Any

from boundary_desk.cli.output import emit_json
from boundary_desk.domain.channel_fit import Fit
from boundary_desk.domain.channel_profiles import ChannelProfile
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.channels import (
    adjusted_channels,
    agreed_channels,
    channel_profiles,
    crisis_numbers,
    reply_ranking,
)
from boundary_desk.services.clients import find_client


def _profile_json(profile: ChannelProfile, adjusted: bool) -> dict[str, Any]:
    return {
        "channel": profile.channel.value,
        "label": CONTACT_CHANNEL_LABELS[profile.channel],
        "bandwidth": profile.bandwidth.value,
        "two_way": profile.two_way.value,
        "encrypted": profile.encrypted,
        "formality": profile.formality.value,
        "complexity": profile.complexity.value,
        "good_for": profile.good_for,
        "not_for": profile.not_for,
        "adjusted": adjusted,
    }


def show(args: argparse.Namespace, services: Services) -> int:
    profiles, adjusted = channel_profiles(services), adjusted_channels(services)
    if args.json:
        emit_json([_profile_json(p, p.channel in adjusted) for p in profiles.values()])
        return 0
    width = max(len(label) for label in CONTACT_CHANNEL_LABELS.values())
    for profile in profiles.values():
        mark = "  (adjusted)" if profile.channel in adjusted else ""
        name = CONTACT_CHANNEL_LABELS[profile.channel]
        print(f"{name.ljust(width)}  {' · '.join(profile.factors())}{mark}")
        print(f"{''.ljust(width)}  {profile.good_and_not()}")
    return 0


def _among(args: argparse.Namespace) -> tuple[ContactChannel, ...]:
    if args.among is None:
        return tuple(ContactChannel)
    names = [n.strip() for n in args.among.split(",") if n.strip()]
    known = {c.value for c in ContactChannel}
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise InvalidInput(
            f"--among takes channels separated by commas, from {', '.join(ContactChannel)}; "
            f'"{args.among}" is not that.'
        )
    return tuple(ContactChannel(n) for n in names)


def _fit_json(fit: Fit, crisis: list[dict[str, str]]) -> dict[str, Any]:
    option = fit.channel.value if fit.channel is not None else "crisis-protocol"
    found: dict[str, Any] = {"option": option, "verdict": fit.verdict.value}
    found["reasons"] = list(fit.reasons)
    if fit.channel is None:
        found["crisis_numbers"] = crisis
    return found


def rank(args: argparse.Namespace, services: Services) -> int:
    if args.client is not None and args.among is not None:
        raise InvalidInput("Give either a client or --among, not both.")
    client = find_client(services, args.client) if args.client is not None else None
    among = agreed_channels(services, client) if client is not None else _among(args)
    fits = reply_ranking(services, among, Category(args.category), args.complex)
    resources = crisis_numbers(services, client)
    if args.json:
        numbers = [{"label": r.label, "number": r.number} for r in resources]
        emit_json([_fit_json(f, numbers) for f in fits])
        return 0
    for place, fit in enumerate(fits, 1):
        if fit.channel is None:
            numbers_text = ", ".join(f"{r.label} {r.number}" for r in resources)
            print(f"{place}. Crisis protocol ({numbers_text})")
        else:
            print(f"{place}. {CONTACT_CHANNEL_LABELS[fit.channel]}: {fit.verdict.value}")
        for reason in fit.reasons:
            print(f"   {reason}")
    return 0
