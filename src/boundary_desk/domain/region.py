"""The practice's region: an ISO country code with an optional subdivision, for holidays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

ACCEPTED_REGION = N_(
    "Region must be a country code, optionally with a subdivision, "
    'such as "US", "US-NY", "CA-ON" or "GB-ENG".'
)

# People say "UK"; ISO and the holiday calendar say "GB".
_COUNTRY_ALIASES = {"UK": "GB"}
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Region:
    """A country code such as "CA" and, optionally, a subdivision such as "ON"."""

    country: str
    subdivision: str | None = None

    def __str__(self) -> str:
        return format_region(self)


@cache
def _supported() -> dict[str, tuple[str, ...]]:
    # holidays is imported at first use in each function, not at the top. Listing the
    # countries and their subdivisions imports every country's module (~250 of them,
    # about 19 MiB kept for the life of the process): holidays 0.109 has no index of
    # subdivisions without the classes, and importing any one country's module runs
    # holidays/countries/__init__.py, which imports them all. So only a region typed by
    # the clinician, or a judgement that needs a date's holidays, loads the calendar;
    # reading the stored region back (`stored_region`) does not.
    import holidays

    # Without aliases the keys are the two-letter codes; the aliases are three-letter ones.
    listing = holidays.list_supported_countries(include_aliases=False)
    return {country: tuple(subdivisions) for country, subdivisions in listing.items()}


def load_calendars() -> None:
    """Load the holiday calendars now (they are kept), rather than at the first judgement."""
    _supported()


def _subdivision(country: str, typed: str) -> str:
    """Return the calendar's own spelling of a subdivision typed in any case."""
    known = _supported()[country]
    if not known:
        raise InvalidInput(
            _(
                '{country} has no subdivisions in the holiday calendar; use just "{country}".'
            ).format(country=country)
        )
    for subdivision in known:
        if subdivision.casefold() == typed.casefold():
            return subdivision
    raise InvalidInput(
        _(
            '"{typed}" is not a subdivision of {country}. Use one of {known} '
            '(e.g. "{example}"), or just "{country}".'
        ).format(
            typed=typed, country=country, known=", ".join(known), example=f"{country}-{known[0]}"
        )
    )


def parse_region(text: str) -> Region:
    """Read "CA-ON", "us-ny", "GB-ENG", "UK" or "CA"; the result uses canonical codes."""
    if not text.strip():
        raise _refused(_("No region was given."))
    country_text, dash, subdivision_text = text.strip().partition("-")
    country = country_text.strip().upper()
    country = _COUNTRY_ALIASES.get(country, country)
    if not _COUNTRY.fullmatch(country):
        raise _refused(_('Could not read "{text}".').format(text=text.strip()))
    if country not in _supported():
        raise _refused(
            _('"{country}" is not a country the holiday calendar knows.').format(country=country)
        )
    if not dash:
        return Region(country)
    if not subdivision_text.strip():
        raise _refused(_('Could not read "{text}".').format(text=text.strip()))
    return Region(country, _subdivision(country, subdivision_text.strip()))


def _refused(problem: str) -> InvalidInput:
    """What was wrong, then what is accepted: two sentences, each in the app's language."""
    return InvalidInput(" ".join((problem, _(ACCEPTED_REGION))))


# What format_region writes for a region the calendar knows: the country's two capitals
# and, optionally, a dash and the calendar's own spelling of a subdivision (which may
# hold lower case and spaces, e.g. "NSW Western" or "Zone A").
_STORED = re.compile(r"(?P<country>[A-Z]{2})(?:-(?P<subdivision>[^\x00-\x1f\x7f]+))?")


def stored_region(text: str) -> Region:
    """Read back a region as the settings keep it (`format_region`'s text), without the calendar.

    Every region is checked against the holiday calendar when it is typed and saved
    (`parse_region`, through the settings' validation), and the vault keeps only that
    canonical text. Reading it back at each settings load does not check it again: that
    check loads the whole calendar (see `_supported`), and the settings are read as the
    vault opens. The trade-off: a stored region the calendar no longer knows (after an
    upgrade of the calendar dropped a subdivision) is found when its holidays are first
    needed, where `public_holidays` refuses it and says to choose the region again,
    rather than as the settings are read. Text that is not in the stored form (typed, or
    an alias such as "UK") is read by `parse_region`, with the calendar.
    """
    found = _STORED.fullmatch(text)
    subdivision = None if found is None else found["subdivision"]
    if (
        found is None
        or found["country"] in _COUNTRY_ALIASES
        or (subdivision is not None and subdivision != subdivision.strip())
    ):
        return parse_region(text)
    return Region(found["country"], subdivision)


@cache
def _week_data(country: str) -> tuple[int, frozenset[int]]:
    """CLDR's first day of the week and weekend days for `country`, through Babel."""
    from babel import Locale, UnknownLocaleError

    try:
        week = Locale.parse(f"und_{country}")
    except (UnknownLocaleError, ValueError):
        return 0, frozenset({5, 6})
    start, end = week.weekend_start, week.weekend_end
    return week.first_week_day, frozenset((start + i) % 7 for i in range((end - start) % 7 + 1))


def first_week_day(region: Region) -> int:
    """The first day of the calendar week in `region`, 0 (Monday) to 6 (Sunday), as CLDR
    (Babel's `Locale.first_week_day`) has it: Sunday in Israel, Canada and the US."""
    return _week_data(region.country)[0]


def working_week_start(region: Region) -> int:
    """The day the practice's week starts on in `region`: CLDR's first day of the week,
    unless that day falls in the weekend, in which case the day after the weekend.

    CLDR's first day is what a printed calendar shows first. In Israel it is Sunday, the
    first working day after a Friday–Saturday weekend, so the week is Sunday to Saturday.
    In Canada and the US it is Sunday too, but there Sunday is the second half of the
    weekend: a week from Sunday would put Saturday's after-hours texts in one review and
    Sunday's in the next. There (and in the UK, where CLDR says Monday) the week is
    Monday to Sunday, the ISO week, so one review holds a working week and the weekend
    after it. A clinician who wants otherwise sets the week's first day in Settings.
    """
    first, weekend = _week_data(region.country)
    if first not in weekend:
        return first
    day = first
    while day in weekend:
        day = (day + 1) % 7
    return day


def weekend_days(region: Region) -> frozenset[int]:
    """The weekend in `region` (0 = Monday): Saturday and Sunday, Friday and Saturday in Israel."""
    return _week_data(region.country)[1]


def format_region(region: Region) -> str:
    """Canonical text, e.g. "CA-ON" or "US"."""
    if region.subdivision is None:
        return region.country
    return f"{region.country}-{region.subdivision}"


def _english(country: str) -> str | None:
    """Pick English holiday names where the calendar has them, else its own language."""
    import holidays

    calendar = holidays.country_holidays(country)
    default = calendar.default_language
    if default is not None and default.startswith("en"):
        return default
    for language in ("en_US", "en_GB"):
        if language in calendar.supported_languages:
            return language
    return None


def public_holidays(region: Region, year: int) -> dict[date, str]:
    """The public holidays of `region` in `year`, by date, in date order.

    Refuses (InvalidInput) a region the calendar doesn't know, such as one read back by
    `stored_region` after an upgrade of the calendar dropped it."""
    import holidays

    try:
        region = parse_region(format_region(region))  # the calendar's own spelling
    except InvalidInput:
        raise InvalidInput(
            _(
                'The holiday calendar does not know the region "{region}" saved in Settings. '
                "Choose the region again in Settings."
            ).format(region=format_region(region))
        ) from None
    calendar = holidays.country_holidays(
        region.country, subdiv=region.subdivision, years=year, language=_english(region.country)
    )
    return dict(sorted(calendar.items()))
