"""settings set and settings show; a change that re-judges entries says so and asks first."""

from __future__ import annotations

import argparse
import sys

from boundary_desk.cli.output import emit_json, emit_pairs
from boundary_desk.cli.text_input import typed
from boundary_desk.domain.practice_settings import SETTINGS
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.settings import (
    change_impact,
    effective_values,
    region_hint,
    save_setting,
)


def set_setting(args: argparse.Namespace, services: Services) -> int:
    impact = change_impact(services, {args.key: args.value})
    if impact is not None:
        print(impact.sentence())
        if impact.asks_first and not args.yes:
            if not sys.stdin.isatty():
                raise InvalidInput(
                    f"Nothing was changed. {impact.sentence()} Add --yes to confirm."
                )
            if typed(input, f"Change {args.key}? [y/N] ").strip().lower() not in ("y", "yes"):
                print("Nothing was changed.")
                return 0
    stored = save_setting(services, args.key, args.value)
    print(f"{args.key} = {stored}")
    if args.key in ("timezone", "region") and (hint := region_hint(services)):
        print(hint)
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    effective = effective_values(services)
    if args.json:
        emit_json(effective)
        return 0
    emit_pairs([(f"{spec.key} ({spec.label})", effective[spec.key] or "—") for spec in SETTINGS])
    return 0
