"""clause list, show, set and reset: the agreement's wording, kept in the vault."""

from __future__ import annotations

import argparse

from boundary_desk.cli.output import emit_json
from boundary_desk.services import Services
from boundary_desk.services.clauses import (
    clause_set,
    clause_text,
    edited_clauses,
    reset_clause,
)
from boundary_desk.services.clauses import (
    set_clause as keep_clause,
)


def list_clauses(args: argparse.Namespace, services: Services) -> int:
    wording = clause_set(services, args.language)
    edited = edited_clauses(services, args.language)

    def state(name: str) -> str:
        if name in wording.missing:
            return "missing"  # reworded in another language, not yet in this one
        return "edited" if name in edited else "default"

    if args.json:
        emit_json(
            [
                {"name": n, "edited": n in edited, "state": state(n), "text": wording.text(n)}
                for n in wording.names
            ]
        )
        return 0
    for name in wording.names:
        print(f"{name:20s} {state(name)}")
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    print(clause_text(services, args.name, args.language))
    return 0


def set_clause(args: argparse.Namespace, services: Services) -> int:
    keep_clause(services, args.name, args.text, args.language)
    print(f"The wording of {args.name} is saved; new agreements and PDFs use it.")
    return 0


def reset(args: argparse.Namespace, services: Services) -> int:
    reset_clause(services, args.name, args.language)
    print(f"{args.name} is back to the default wording.")
    return 0
