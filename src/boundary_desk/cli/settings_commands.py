"""settings set and settings show."""

from __future__ import annotations

import argparse

from boundary_desk.cli.output import emit_json, emit_pairs
from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.services import Services
from boundary_desk.services.settings import effective_values, save_setting


def set_setting(args: argparse.Namespace, services: Services) -> int:
    stored = save_setting(services, args.key, args.value)
    print(f"{args.key} = {stored}")
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    effective = effective_values(services)
    if args.json:
        emit_json(effective)
        return 0
    emit_pairs([(f"{spec.key} ({spec.label})", effective[spec.key] or "—") for spec in SETTINGS])
    return 0
