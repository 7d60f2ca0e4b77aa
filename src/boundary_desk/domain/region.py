"""The practice's region: an ISO country code with an optional subdivision, for holidays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from boundary_desk.errors import InvalidInput

ACCEPTED_REGION = (
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
    # holidays is imported at first use in each function, not at the top: it loads a
    # module per calendar system and its own metadata, the second-slowest import on the
    # way to the unlock screen, which needs no region.
    import holidays

    # Without aliases the keys are the two-letter codes; the aliases are three-letter ones.
    listing = holidays.list_supported_countries(include_aliases=False)
    return {country: tuple(subdivisions) for country, subdivisions in listing.items()}


def load_calendars() -> None:
    """Load the holiday calendars' index now (it is kept), rather than at the first region read."""
    _supported()


def _subdivision(country: str, typed: str) -> str:
    """Return the calendar's own spelling of a subdivision typed in any case."""
    known = _supported()[country]
    if not known:
        raise InvalidInput(
            f'{country} has no subdivisions in the holiday calendar; use just "{country}".'
        )
    for subdivision in known:
        if subdivision.casefold() == typed.casefold():
            return subdivision
    raise InvalidInput(
        f'"{typed}" is not a subdivision of {country}. Use one of {", ".join(known)} '
        f'(e.g. "{country}-{known[0]}"), or just "{country}".'
    )


def parse_region(text: str) -> Region:
    """Read "CA-ON", "us-ny", "GB-ENG", "UK" or "CA"; the result uses canonical codes."""
    if not text.strip():
        raise InvalidInput(f"No region was given. {ACCEPTED_REGION}")
    country_text, dash, subdivision_text = text.strip().partition("-")
    country = country_text.strip().upper()
    country = _COUNTRY_ALIASES.get(country, country)
    if not _COUNTRY.fullmatch(country):
        raise InvalidInput(f'Could not read "{text.strip()}". {ACCEPTED_REGION}')
    if country not in _supported():
        raise InvalidInput(
            f'"{country}" is not a country the holiday calendar knows. {ACCEPTED_REGION}'
        )
    if not dash:
        return Region(country)
    if not subdivision_text.strip():
        raise InvalidInput(f'Could not read "{text.strip()}". {ACCEPTED_REGION}')
    return Region(country, _subdivision(country, subdivision_text.strip()))


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
    """The public holidays of `region` in `year`, by date, in date order."""
    import holidays

    calendar = holidays.country_holidays(
        region.country, subdiv=region.subdivision, years=year, language=_english(region.country)
    )
    return dict(sorted(calendar.items()))
