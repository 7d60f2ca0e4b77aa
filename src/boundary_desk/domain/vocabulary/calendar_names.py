"""Day and month names, and the ways dates are written with them.

The names come from this table, never from the process locale, so a laptop set to
another language prints the same record. French and Hebrew are CLDR's names (Babel's
fr_CA and he), written out here so the domain reads them without loading Babel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta

from boundary_desk.system.i18n import current_language


@dataclass(frozen=True)
class CalendarNames:
    days: tuple[str, ...]  # Monday first, as date.weekday() counts
    short_days: tuple[str, ...]
    months: tuple[str, ...]  # January first
    short_months: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7 or len(self.short_days) != 7:
            raise ValueError("a week has seven day names")
        if len(self.months) != 12 or len(self.short_months) != 12:
            raise ValueError("a year has twelve month names")


LANGUAGE = "en"

_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

CALENDAR_NAMES: Mapping[str, CalendarNames] = {
    "en": CalendarNames(
        days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        short_days=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        months=_ENGLISH_MONTHS,
        short_months=tuple(name[:3] for name in _ENGLISH_MONTHS),
    ),
    "fr": CalendarNames(
        days=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        short_days=("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
        months=(
            "janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        ),
        short_months=(
            "janv.", "févr.", "mars", "avr.", "mai", "juin",
            "juill.", "août", "sept.", "oct.", "nov.", "déc.",
        ),
    ),
    "he": CalendarNames(
        days=(
            "יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "יום שבת", "יום ראשון",
        ),
        short_days=("יום ב׳", "יום ג׳", "יום ד׳", "יום ה׳", "יום ו׳", "שבת", "יום א׳"),
        months=(
            "ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני",
            "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר",
        ),
        short_months=(
            "ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני",
            "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳",
        ),
    ),
}  # fmt: skip


def spellings(name: str) -> set[str]:
    """The ways `name` is typed, casefolded: "dim." also as "dim"; "יום א׳" also as
    "א׳", "א'" and "א"; "נובמבר" also as "בנובמבר" ("on/in November")."""
    folded = name.casefold()
    found = {folded, folded.rstrip(".")}
    if folded.startswith("יום "):
        found.add(folded.removeprefix("יום "))
    for spelling in list(found):
        found |= {spelling.replace("׳", "'"), spelling.replace("׳", "")}
    return {spelling for spelling in found if spelling}


def calendar_names(language: str = LANGUAGE) -> CalendarNames:
    return CALENDAR_NAMES[language]


def day_name(weekday: int, language: str = LANGUAGE) -> str:
    """ "Monday" for 0 to "Sunday" for 6."""
    return CALENDAR_NAMES[language].days[weekday]


def short_day_name(weekday: int, language: str = LANGUAGE) -> str:
    """ "Mon" for 0 to "Sun" for 6."""
    return CALENDAR_NAMES[language].short_days[weekday]


def month_name(month: int, language: str = LANGUAGE) -> str:
    """ "January" for 1 to "December" for 12."""
    return CALENDAR_NAMES[language].months[month - 1]


def short_month_name(month: int, language: str = LANGUAGE) -> str:
    """ "Jan" for 1 to "Dec" for 12."""
    return CALENDAR_NAMES[language].short_months[month - 1]


# The app's languages as Babel names the locales their clinicians write dates in.
BABEL_LOCALES: Mapping[str, str] = {"fr": "fr_CA", "he": "he_IL"}


def shown_language(language: str | None = None) -> str:
    """`language`, by default the app's, or English for one without formats of its own."""
    code = current_language() if language is None else language
    return code if code in BABEL_LOCALES else LANGUAGE


def _babel(day: date, skeleton: str, language: str) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, day, locale=BABEL_LOCALES[language]))


def long_date(day: date, language: str | None = None) -> str:
    """ "22 November 2026"; "22 novembre 2026", "22 בנובמבר 2026" in the app's language."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        return _babel(day, "yMMMMd", shown)
    return f"{day.day} {month_name(day.month)} {day.year}"


def weekday_long_date(day: date, language: str | None = None) -> str:
    """ "Friday 27 November 2026"; "vendredi 27 novembre 2026", "יום שישי, 27 בנובמבר 2026"."""
    shown = shown_language(language)
    if shown != LANGUAGE:  # CLDR's skeletons shorten the day's name: its patterns don't
        from babel.dates import format_date

        pattern = _WEEKDAY_LONG_DATES[shown]
        return str(format_date(day, pattern, locale=BABEL_LOCALES[shown]))
    return f"{day_name(day.weekday())} {long_date(day, LANGUAGE)}"


_WEEKDAY_LONG_DATES = {"fr": "EEEE d MMMM y", "he": "EEEE, d בMMMM y"}


def short_date(day: date, language: str | None = None) -> str:
    """ "22 Nov 2026"; "22 nov. 2026", "22 בנוב׳ 2026"."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        return _babel(day, "yMMMd", shown)
    return f"{day.day} {short_month_name(day.month)} {day.year}"


def week_span(first: date, language: str | None = None) -> str:
    """The seven days from `first`: "16–22 November 2026", "26 October – 1 November 2026";
    "16–22 novembre 2026" in French, each month in the app's language."""
    last = first + timedelta(days=6)
    if shown_language(language) == LANGUAGE:
        months = CALENDAR_NAMES[LANGUAGE].months
        if first.month == last.month:
            return f"{first.day}–{last.day} {months[last.month - 1]} {last.year}"
        start = f"{first.day} {months[first.month - 1]}"
        if first.year == last.year:
            return f"{start} – {last.day} {months[last.month - 1]} {last.year}"
        return f"{start} {first.year} – {last.day} {months[last.month - 1]} {last.year}"
    if first.month == last.month:
        return f"{first.day}–{long_date(last, language)}"
    return f"{long_date(first, language)} – {long_date(last, language)}"


def day_month(day: date, language: str | None = None) -> str:
    """ "16 Nov"; "16 nov.", "16 בנוב׳"."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        return _babel(day, "MMMd", shown)
    return f"{day.day} {short_month_name(day.month)}"


def weekday_date(day: date, language: str | None = None) -> str:
    """ "Fri 20 Nov 2026"; "ven. 20 nov. 2026", "יום ו׳, 20 בנוב׳ 2026"."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        return _babel(day, "yMMMEd", shown)
    return f"{short_day_name(day.weekday())} {short_date(day, LANGUAGE)}"


def weekday_day_month(day: date, language: str | None = None) -> str:
    """ "Fri 20 Nov"; "ven. 20 nov.", "יום ו׳, 20 בנוב׳"."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        return _babel(day, "MMMEd", shown)
    return f"{short_day_name(day.weekday())} {day_month(day, LANGUAGE)}"


def clock_time(moment: time, language: str | None = None) -> str:
    """ "22:40"; "22 h 40" in French, as Quebec writes a time."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        from babel.dates import format_time

        return str(format_time(moment, "short", locale=BABEL_LOCALES[shown]))
    return f"{moment.hour:02d}:{moment.minute:02d}"


def whole_number(value: int, language: str | None = None) -> str:
    """ "1,234"; "1 234" in French, with its narrow no-break space."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        from babel.numbers import format_decimal

        return str(format_decimal(value, "#,##0", locale=BABEL_LOCALES[shown]))
    return f"{value:,}"


def decimal_number(value: float, places: int = 1, language: str | None = None) -> str:
    """ "2.5" and "3" (a whole number without ".0"); "2,5" in French, with its separators."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "#" * places if places else "")
        return str(format_decimal(value, pattern, locale=BABEL_LOCALES[shown]))
    return f"{value:.{places}f}".removesuffix("." + "0" * places) if places else f"{value:.0f}"


def percent(share: float, language: str | None = None) -> str:
    """ "38%" of a share from 0 to 1; "38 %" in French."""
    shown = shown_language(language)
    if shown != LANGUAGE:
        from babel.numbers import format_percent

        return str(format_percent(share, locale=BABEL_LOCALES[shown]))
    return f"{share:.0%}"
