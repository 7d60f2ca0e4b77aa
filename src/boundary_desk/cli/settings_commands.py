"""settings set and settings show."""

from __future__ import annotations

import argparse

from boundary_desk.cli.output import emit_json, emit_pairs
from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.services import Services


def set_setting(args: argparse.Namespace, services: Services) -> int:
    stored = services.settings.set(args.key, args.value)
    print(f"{args.key} = {stored}")
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    chosen = services.settings.values()
    effective = {spec.key: chosen.get(spec.key, spec.default) for spec in SETTINGS}
    if args.json:
        emit_json(effective)
        return 0
    emit_pairs([(f"{spec.key} ({spec.label})", effective[spec.key] or "—") for spec in SETTINGS])
    return 0
