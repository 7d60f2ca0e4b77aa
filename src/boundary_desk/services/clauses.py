"""The agreement's wording, for the app and the CLI alike: the clinician's own wording over
the defaults, and the wording a signed version was signed with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boundary_desk.domain.agreements import Agreement, AgreementStatus
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.errors import NotFound
from boundary_desk.system.i18n import ENGLISH

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "clause_set",
    "clause_text",
    "edited_clauses",
    "reset_clause",
    "set_clause",
    "wording_for",
]


def clause_set(services: Services, language: str = ENGLISH) -> ClauseSet:
    """Today's wording in `language`: the clinician's own over the defaults, and the
    clauses they reworded in another language only, marked missing."""
    return services.clauses.clause_set(language)


def edited_clauses(services: Services, language: str = ENGLISH) -> dict[str, str]:
    """The clauses the clinician has reworded in `language`, by name."""
    return services.clauses.overrides(language)


def clause_text(services: Services, name: str, language: str = ENGLISH) -> str:
    """One clause's wording today (NotFound for a name that is not a clause)."""
    wording = clause_set(services, language)
    if name not in wording.names:
        raise NotFound(f"There is no clause called {name!r}; `boundary-desk clause list`.")
    return wording.text(name)


def set_clause(services: Services, name: str, text: str, language: str = ENGLISH) -> None:
    """Keep the clinician's wording for a clause (InvalidInput, nothing kept, if refused)."""
    services.clauses.set(name, text, language)


def reset_clause(services: Services, name: str, language: str = ENGLISH) -> None:
    """Back to the default wording for a clause."""
    services.clauses.set(name, "", language)


def wording_for(services: Services, agreement: Agreement) -> ClauseSet:
    """The wording to print, in the agreement's language: as signed for a signed
    agreement, else today's wording."""
    current = clause_set(services, agreement.language)
    if agreement.id is None or agreement.status is AgreementStatus.DRAFT:
        return current
    kept = services.agreements.wording(agreement.id)
    if not kept:
        return current  # signed before wording was kept: today's wording is all there is
    return ClauseSet(defaults={**current.defaults, **kept}, overrides={})
