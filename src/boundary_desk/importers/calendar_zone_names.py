"""Outlook's display-name time zones, placed: pure, no storage.

Outlook can name a time's zone by the name Windows shows for it,
`TZID="(UTC-05:00) Eastern Time (US & Canada)"`, without defining that zone in the
file. icalendar places Windows zone ids ("Eastern Standard Time") but not these names,
so such a time would be read in the practice's zone, hours off for a calendar kept
elsewhere. Here each such name is given its IANA zone before the file is parsed:

- the North American names, which name no city, from a short table;
- any other by a city it lists that is an IANA zone's city ("(UTC+02:00) Jerusalem",
  "(UTC) Dublin, Edinburgh, Lisbon, London").

A zone is used only when its standard offset is the one the name begins with, and a
name the file defines in a VTIMEZONE is left to that definition. A name placed neither
way stays as it was: its times are read in the practice's zone, and said so.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import cache

# The Windows names that list no city (tzutil /l); the cities of the rest are matched.
_NO_CITY = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "newfoundland": "America/St_Johns",
    "saskatchewan": "America/Regina",
    "arizona": "America/Phoenix",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "indiana (east)": "America/Indiana/Indianapolis",
    "coordinated universal time": "UTC",
}
_FOLDED_LINE = re.compile(r"\r?\n[ \t]")
_DISPLAY_NAME = re.compile(
    r'TZID="(\((?:UTC|GMT)(?:([+-])(\d{1,2}):(\d{2}))?\)\s*([^"]*))"', re.IGNORECASE
)
_DEFINED = re.compile(r"^TZID:(.*?)\r?$", re.MULTILINE)


def with_zones_placed(text: str) -> str:
    """`text`, its lines unfolded, each undefined display-name zone named by IANA."""
    if '"(UTC' not in text.upper() and '"(GMT' not in text.upper():
        return text
    text = _FOLDED_LINE.sub("", text)
    defined = {name.strip() for name in _DEFINED.findall(text)}

    def placed(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in defined:
            return found.group(0)
        sign, hours, minutes, rest = found.group(2, 3, 4, 5)
        offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        zone = iana_zone(rest, -offset if sign == "-" else offset)
        return f"TZID={zone}" if zone else found.group(0)

    return _DISPLAY_NAME.sub(placed, text)


def iana_zone(name: str, offset: timedelta) -> str:
    """The IANA zone a Windows display name (without its offset) stands for, or ""."""
    wanted = " ".join(name.split()).casefold()
    candidates = [_NO_CITY[wanted]] if wanted in _NO_CITY else []
    for city in wanted.split(","):
        candidates.extend(_zones_by_city().get(city.strip().replace(" ", "_"), ()))
    return next((zone for zone in candidates if _standard_offset(zone) == offset), "")


@cache
def _zones_by_city() -> dict[str, tuple[str, ...]]:
    cities: dict[str, list[str]] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            cities.setdefault(zone.rsplit("/", 1)[1].casefold(), []).append(zone)
    return {city: tuple(zones) for city, zones in cities.items()}


def _standard_offset(zone: str) -> timedelta | None:
    """The zone's offset outside summer time: the smaller of its January and July ones."""
    try:
        place = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    year = datetime.now(UTC).year
    offsets = [datetime(year, month, 15, 12, tzinfo=place).utcoffset() for month in (1, 7)]
    return min(o for o in offsets if o is not None)
