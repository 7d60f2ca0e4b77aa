"""Regions by name ("Ontario, Canada") and the time zones that belong to a region.

The names come from the holiday calendar (the `holidays` package), the same one that
decides which days are public holidays, so every region offered is one it knows. The
zones of a country come from the IANA table `zone.tab`, shipped with the zone data.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from boundary_desk.domain.region import Region

_SMALL_WORDS = {"And", "Of", "The"}


@dataclass(frozen=True)
class RegionChoice:
    """One region a clinician can pick: its code ("CA-ON") and its name ("Ontario, Canada")."""

    code: str
    name: str


def _country_name(class_name: str) -> str:
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", class_name)
    return " ".join(w.lower() if i and w in _SMALL_WORDS else w for i, w in enumerate(words))


@cache
def country_names() -> dict[str, str]:
    """{"CA": "Canada", "GB": "United Kingdom", …} for every country the calendar knows."""
    from holidays.registry import COUNTRIES  # the calendar loads when a region is named

    names = {}
    for class_name, code, *_ in COUNTRIES.values():
        names[code] = _country_name(class_name)
    return dict(sorted(names.items(), key=lambda item: item[1]))


def _subdivision_name(code: str, aliases: list[str]) -> str:
    # Aliases mix names and short codes ("GP", "GUA", "Guadeloupe"); prefer a name.
    for alias in aliases:
        if not (alias.isupper() and len(alias) <= 3):
            return alias
    return code


@cache
def region_choices() -> tuple[RegionChoice, ...]:
    """Every country, each followed by its subdivisions by name, countries in name order."""
    import holidays

    choices = []
    for country, country_name in country_names().items():
        choices.append(RegionChoice(country, country_name))
        calendar = holidays.country_holidays(country)
        aliases = calendar.get_subdivision_aliases()
        subdivisions = sorted(
            (_subdivision_name(code, aliases.get(code, [])), code) for code in calendar.subdivisions
        )
        choices += [
            RegionChoice(f"{country}-{code}", f"{name}, {country_name}")
            for name, code in subdivisions
        ]
    return tuple(choices)


def region_code(text: str) -> str:
    """ "CA-ON" for "Ontario, Canada" (any case); other text is returned as it is."""
    wanted = " ".join(text.split()).casefold()
    for choice in region_choices():
        if choice.name.casefold() == wanted:
            return choice.code
    return text


def region_name(region: Region) -> str:
    """ "Ontario, Canada" for CA-ON; the code itself for one the calendar has no name for."""
    code = str(region)
    for choice in region_choices():
        if choice.code == code:
            return choice.name
    return code


def _zone_table() -> str:
    for folder in zoneinfo.TZPATH:
        table = Path(folder) / "zone.tab"
        if table.is_file():
            return table.read_text(encoding="utf-8")
    try:  # where the system has no zone data, the tzdata package carries it
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@cache
def _zones_by_country() -> dict[str, tuple[tuple[str, str], ...]]:
    """{"CA": (("America/Toronto", "Eastern - ON & QC (most areas)"), …), …}."""
    found: dict[str, list[tuple[str, str]]] = {}
    known = known_zones()
    for line in _zone_table().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) >= 3 and columns[2] in known:
            comment = columns[3] if len(columns) > 3 else ""
            found.setdefault(columns[0], []).append((columns[2], comment))
    return {country: tuple(zones) for country, zones in found.items()}


def zones_for_region(region: Region) -> tuple[str, ...]:
    """The zones of the region's country; those its table entry names for the region first."""
    zones = _zones_by_country().get(region.country, ())
    if region.subdivision is None:
        return tuple(name for name, _ in zones)
    mark = re.compile(rf"\b{re.escape(region.subdivision)}\b")
    named = region_name(region).partition(",")[0]
    matches = [(z, c) for z, c in zones if mark.search(c) or (named and named in c)]
    # "Pacific - BC (most areas)" before "MST - BC (Creston)".
    first = [z for z, c in sorted(matches, key=lambda m: "most areas" not in m[1])]
    return tuple(first + [z for z, _ in zones if z not in first])


def zone_country(zone: str) -> str | None:
    """The country whose table entry lists `zone` ("CA" for America/Toronto), or None."""
    for country, zones in _zones_by_country().items():
        if any(name == zone for name, _ in zones):
            return country
    return None


def region_zone_mismatch(region: Region, zone: str) -> str | None:
    """A sentence when the time zone is another country's than the region, else None.

    The region decides public holidays and the crisis numbers printed on agreements, and
    it is easy to set the zone and leave the region at its default.
    """
    country = zone_country(zone)
    if country is None or country == region.country:
        return None
    names = country_names()
    if country not in names:  # a country the holiday calendar doesn't know
        return None
    parts = [c.code for c in region_choices() if c.code.startswith(f"{country}-")]
    part = f', or to a part of it such as "{parts[0]}"' if parts else ""
    return (
        f"The region is {region_name(region)}, but {zone} is a time zone of "
        f"{names[country]}. Public holidays and the crisis numbers follow the region: set it "
        f'to "{country}"{part}.'
    )


@cache
def known_zones() -> frozenset[str]:
    """Every zone name the zone data holds (read from disk once)."""
    return frozenset(zoneinfo.available_timezones())


def is_place_zone(name: str) -> bool:
    """Whether a zone names a place (not "UTC", "Etc/GMT+5" or the like)."""
    return "/" in name and not name.startswith(("Etc/", "SystemV/")) and name in known_zones()


def first_place_zone(names: Iterable[str]) -> str | None:
    """The first of `names` that names a place (see is_place_zone), or None.

    The computer's zone is asked of several sources in turn ($TZ, the desktop's own
    answer, /etc/localtime); each may be empty or "UTC", which names no practice.
    """
    return next((name for name in names if is_place_zone(name)), None)


# Where the working week starts on Sunday, the hours are listed from Sunday.
_SUNDAY_FIRST = {"IL"}


def first_weekday(region: Region) -> int:
    """0 (Monday) or 6 (Sunday): the day a week is listed from in the region."""
    return 6 if region.country in _SUNDAY_FIRST else 0
