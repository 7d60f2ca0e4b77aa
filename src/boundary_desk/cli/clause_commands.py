"""clause list, show, set and reset: the agreement's wording, kept in the vault."""

from __future__ import annotations

import argparse

from boundary_desk.cli.output import emit_json
from boundary_desk.errors import NotFound
from boundary_desk.services import Services


def list_clauses(args: argparse.Namespace, services: Services) -> int:
    clause_set = services.clauses.clause_set()
    edited = services.clauses.overrides()
    if args.json:
        emit_json(
            [
                {"name": n, "edited": n in edited, "text": clause_set.text(n)}
                for n in clause_set.names
            ]
        )
        return 0
    for name in clause_set.names:
        print(f"{name:20s} {'edited' if name in edited else 'default'}")
    return 0


def show(args: argparse.Namespace, services: Services) -> int:
    clause_set = services.clauses.clause_set()
    if args.name not in clause_set.names:
        raise NotFound(f"There is no clause called {args.name!r}; `boundary-desk clause list`.")
    print(clause_set.text(args.name))
    return 0


def set_clause(args: argparse.Namespace, services: Services) -> int:
    services.clauses.set(args.name, args.text)
    print(f"The wording of {args.name} is saved; new agreements and PDFs use it.")
    return 0


def reset(args: argparse.Namespace, services: Services) -> int:
    services.clauses.set(args.name, "")
    print(f"{args.name} is back to the default wording.")
    return 0
