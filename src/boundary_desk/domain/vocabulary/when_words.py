"""The words people type for "when it happened", per language: English, French, Hebrew.

Day and month names come from calendar_names; this table adds the other words and the
shorter spellings people use ("tues", "sept"). A language is one more entry, keyed by
its code, read by domain/when.py's grammar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from boundary_desk.domain.vocabulary.calendar_names import LANGUAGE, calendar_names, spellings


@dataclass(frozen=True)
class WhenWords:
    now: frozenset[str]
    today: frozenset[str]
    yesterday: frozenset[str]
    last: frozenset[str]  # "last fri": the one before today
    ago: frozenset[str]  # after the amount: "20 min ago"
    filler: frozenset[str]  # words that add nothing: "at", "on"
    morning: frozenset[str]  # "10:40 am"
    evening: frozenset[str]  # "10:40 pm"
    units: Mapping[str, str]  # "min" -> "minutes", as timedelta names them
    extra_days: Mapping[str, int]  # spellings beyond the calendar's, Monday = 0
    extra_months: Mapping[str, int]  # January = 1
    ordinal_suffixes: tuple[str, ...]  # "27th"
    ago_before: tuple[str, ...] = ()  # before the amount: "il y a 20 min", "לפני 20 דקות"
    hour_letter: bool = False  # "22 h 40", "22h", as French writes a time
    month_prefix: str = ""  # "27 בנובמבר": Hebrew's "in" joined to the month

    def weekdays(self, language: str) -> dict[str, int]:
        names = calendar_names(language)
        table = {
            spelling: i
            for i, pair in enumerate(zip(names.days, names.short_days, strict=True))
            for name in pair
            for spelling in spellings(name)
        }
        return table | dict(self.extra_days)

    def months(self, language: str) -> dict[str, int]:
        names = calendar_names(language)
        table = {
            f"{prefix}{spelling}": i
            for i, pair in enumerate(zip(names.months, names.short_months, strict=True), start=1)
            for name in pair
            for spelling in spellings(name)
            for prefix in {"", self.month_prefix}
        }
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
    "fr": WhenWords(
        now=frozenset({"maintenant", "à l'instant", "a l'instant"}),
        today=frozenset({"aujourd'hui", "aujourd’hui", "ce soir", "ce matin", "cet après-midi"}),
        yesterday=frozenset({"hier", "hier soir", "hier matin", "hier après-midi"}),
        last=frozenset({"dernier", "passé"}),  # "vendredi dernier"
        ago=frozenset(),
        ago_before=("il y a",),
        filler=frozenset({"à", "a", "le", "vers"}),
        morning=frozenset(),
        evening=frozenset(),
        units={
            **dict.fromkeys(("m", "min", "mn", "minute", "minutes"), "minutes"),
            **dict.fromkeys(("h", "heure", "heures"), "hours"),
            **dict.fromkeys(("j", "jour", "jours"), "days"),
        },
        extra_days={},
        extra_months={"fév": 2, "fev": 2, "fevr": 2, "juil": 7, "aout": 8, "dec": 12},
        ordinal_suffixes=("er",),  # "1er novembre"
        hour_letter=True,
    ),
    "he": WhenWords(
        now=frozenset({"עכשיו", "כעת"}),
        today=frozenset({"היום", "הערב", "הבוקר", "הלילה"}),
        yesterday=frozenset({"אתמול", "אתמול בערב", "אתמול בבוקר", "אמש"}),
        last=frozenset({"שעבר", "האחרון", "הקודם"}),  # "שישי שעבר"
        ago=frozenset(),
        ago_before=("לפני",),
        filler=frozenset({"יום", "ב", "בשעה", "ב-", "ב־"}),
        morning=frozenset(),
        evening=frozenset(),
        units={
            **dict.fromkeys(("דק׳", "דק'", "דקה", "דקות"), "minutes"),
            **dict.fromkeys(("ש׳", "ש'", "שעה", "שעות"), "hours"),
            **dict.fromkeys(("יום", "ימים"), "days"),
        },
        extra_days={},
        extra_months={},
        ordinal_suffixes=(),
        month_prefix="ב",
    ),
}


def when_words(language: str = LANGUAGE) -> WhenWords:
    return WHEN_WORDS[language]
