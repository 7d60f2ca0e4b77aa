"""The words people type for "when it happened", per language (English for now).

Day and month names come from calendar_names; this table adds the other words and the
shorter spellings people use ("tues", "sept"). A language is one more entry, keyed by
its code, read by domain/when.py's grammar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from boundary_desk.domain.vocabulary.calendar_names import LANGUAGE, calendar_names


@dataclass(frozen=True)
class WhenWords:
    now: frozenset[str]
    today: frozenset[str]
    yesterday: frozenset[str]
    last: frozenset[str]  # "last fri": the one before today
    ago: frozenset[str]
    filler: frozenset[str]  # words that add nothing: "at", "on"
    morning: frozenset[str]  # "10:40 am"
    evening: frozenset[str]  # "10:40 pm"
    units: Mapping[str, str]  # "min" -> "minutes", as timedelta names them
    extra_days: Mapping[str, int]  # spellings beyond the calendar's, Monday = 0
    extra_months: Mapping[str, int]  # January = 1
    ordinal_suffixes: tuple[str, ...]  # "27th"

    def weekdays(self, language: str) -> dict[str, int]:
        names = calendar_names(language)
        table = {name.casefold(): i for i, name in enumerate(names.days)}
        table |= {name.casefold(): i for i, name in enumerate(names.short_days)}
        return table | dict(self.extra_days)

    def months(self, language: str) -> dict[str, int]:
        names = calendar_names(language)
        table = {name.casefold(): i for i, name in enumerate(names.months, start=1)}
        table |= {name.casefold(): i for i, name in enumerate(names.short_months, start=1)}
        return table | dict(self.extra_months)


_MINUTES = ("m", "min", "mins", "minute", "minutes")
_HOURS = ("h", "hr", "hrs", "hour", "hours")
_DAYS = ("d", "day", "days")

WHEN_WORDS: Mapping[str, WhenWords] = {
    "en": WhenWords(
        now=frozenset({"now"}),
        today=frozenset({"today", "tonight", "this morning", "this evening"}),
        yesterday=frozenset({"yesterday", "last night"}),
        last=frozenset({"last"}),
        ago=frozenset({"ago"}),
        filler=frozenset({"at", "on"}),
        morning=frozenset({"am", "a.m."}),
        evening=frozenset({"pm", "p.m."}),
        units={
            **dict.fromkeys(_MINUTES, "minutes"),
            **dict.fromkeys(_HOURS, "hours"),
            **dict.fromkeys(_DAYS, "days"),
        },
        extra_days={"tues": 1, "weds": 2, "thur": 3, "thurs": 3},
        extra_months={"sept": 9},
        ordinal_suffixes=("st", "nd", "rd", "th"),
    ),
}


def when_words(language: str = LANGUAGE) -> WhenWords:
    return WHEN_WORDS[language]
