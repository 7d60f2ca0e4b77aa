"""Clause text with {placeholders}, filled from the agreement's structured fields.

The default wording ships in boundary_desk/data/clauses/; the clinician may override any
clause. An override may use only the known placeholders, bare (no format specs or
conversions), so a typo like {client_nmae} is caught when it is saved, not on a
printed page.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

PLACEHOLDERS: dict[str, str] = {
    "client_name": N_("the client's name"),
    "clinician": N_("your name"),
    "practice": N_("the practice name"),
    "hours": N_("your working hours"),
    "timezone": N_("the practice time zone"),
    "emergency_number": N_("the local emergency number"),
    "review_date": N_("the agreement's review date"),
    "unencrypted_channels": N_("the unencrypted channels the client chose"),
    "guardian_role": N_("the guardian's role"),
}
MAX_CLAUSE = 2000
# What a missing clause shows in the preview: never text the clinician did not choose.
MISSING_MARK = N_("[MISSING: your own wording of this clause is not written in this language yet]")
# Each language as a sentence in another language names it ("French", "français").
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French"), "he": N_("Hebrew")}


@dataclass(frozen=True)
class ClauseSet:
    """The wording in force: defaults with the clinician's overrides on top."""

    defaults: Mapping[str, str]
    overrides: Mapping[str, str]
    # Clauses the clinician reworded in another language and not yet in this one: the
    # default wording here would silently undo their edit, so they print as missing.
    missing: frozenset[str] = frozenset()

    def text(self, name: str) -> str:
        if name in self.missing:
            return MISSING_MARK
        return self.overrides.get(name) or self.defaults[name]

    def check_complete(self, language: str) -> None:
        """InvalidInput naming the missing clauses, before anything is printed or signed."""
        if self.missing:
            names = ", ".join(sorted(self.missing))
            name = _(LANGUAGE_NAMES[language])
            raise InvalidInput(
                _(
                    "Your own wording of {names} has no {language} version yet, so this "
                    "agreement can't be printed or signed in {language}. Write it first (in "
                    'Agreement wording, or boundary-desk clause set NAME "…" --language '
                    "{code}), or choose another language."
                ).format(names=names, language=name, code=language)
            )

    def render(self, name: str, values: Mapping[str, str]) -> str:
        """The clause with its placeholders filled; unknown ones are left as written."""
        if name in self.missing:
            return MISSING_MARK
        return self.text(name).format_map(_Leave(values))

    def resolved(self) -> dict[str, str]:
        """Every clause's text in force, by name."""
        return {name: self.text(name) for name in self.names}

    @property
    def names(self) -> list[str]:
        return [n for n in self.defaults if not n.startswith("_")]


class _Leave(dict[str, str]):
    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def validate_clause(name: str, text: str, defaults: Mapping[str, str]) -> str:
    """An override checked against the clause it replaces; empty means "use the default"."""
    if name not in defaults or name.startswith("_"):
        raise InvalidInput(f"There is no clause called {name!r}.")
    value = text.strip()
    if len(value) > MAX_CLAUSE:
        raise InvalidInput(f"A clause can be at most {MAX_CLAUSE} characters.")
    braces = "A clause uses { and } only around a placeholder, like {client_name}."
    try:
        parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(value)]
    except ValueError:
        raise InvalidInput(braces) from None
    fields = [f for f, _, _ in parsed if f is not None]
    if any(spec or conv for f, spec, conv in parsed if f is not None):
        raise InvalidInput(f"{braces} Nothing may follow the name inside the braces.")
    unknown = sorted({f for f in fields if f not in PLACEHOLDERS})
    if unknown:
        known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise InvalidInput(
            f"Unknown placeholder {{{unknown[0]}}}. The placeholders you can use are: {known}."
        )
    return value
