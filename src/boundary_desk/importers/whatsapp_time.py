"""A chat line's local time, read in the right date order and resolved in one zone.

WhatsApp writes times on the phone's wall clock with no zone. Twice a year that clock
is not a plain line: in autumn one hour happens twice, in spring one hour never
happens. Each is decided explicitly here and counted, so the preview can say so.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.whatsapp_header import Stamp
from boundary_desk.system.i18n import ngettext


class DateOrder(StrEnum):
    DAY_FIRST = "day-first"  # 20/06/2019
    MONTH_FIRST = "month-first"  # 06/20/2019
    YEAR_FIRST = "year-first"  # 2019/06/20

    @property
    def example(self) -> str:
        return {"day-first": "31/12/2026", "month-first": "12/31/2026"}.get(self, "2026/12/31")


# Where a phone's short date puts the month first. Canada's own convention (CLDR's
# en_CA and fr_CA) is year-first, 2026-12-31, which a file shows by its four-digit
# first number and so decides by itself; a Canadian export with two-digit numbers
# comes from a phone set to US English, whose dates are month-first, hence CA here.
# The Philippines write M/d/yy too; US territories follow the US.
_MONTH_FIRST = frozenset({"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM"})
# Korean short dates are year-first with a two-digit year ("26. 12. 31.").
_YEAR_FIRST = frozenset({"KR"})


def default_order(country: str) -> DateOrder:
    """The date order a phone in `country` (ISO 3166 alpha-2) uses when the file can't tell."""
    region = country.strip().upper()
    if region in _MONTH_FIRST:
        return DateOrder.MONTH_FIRST
    if region in _YEAR_FIRST:
        return DateOrder.YEAR_FIRST
    return DateOrder.DAY_FIRST


def day_month_year(stamp: Stamp, order: DateOrder) -> tuple[int, int, int] | None:
    """The stamp's day, month and (four-digit) year in `order`; None when no such date."""
    first, second, third = stamp.fields
    if order is DateOrder.YEAR_FIRST:
        year, month, day, digits = first, second, third, stamp.year_digits[0]
    elif order is DateOrder.MONTH_FIRST:
        month, day, year, digits = first, second, third, stamp.year_digits[2]
    else:
        day, month, year, digits = first, second, third, stamp.year_digits[2]
    if digits <= 2:
        year += 2000  # WhatsApp began in 2009
    if not (1 <= month <= 12 and 1 <= year <= 9998):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return day, month, year


class ZoneClock:
    """Turns wall-clock stamps, in file order, into UTC instants in one zone."""

    def __init__(self, zone: ZoneInfo, order: DateOrder) -> None:
        self.zone = zone
        self.order = order
        self.first_of_two = 0  # in the repeated autumn hour, read as its first pass
        self.second_of_two = 0  # ... read as its second, because the file's order says so
        self.moved_forward = 0  # in the missing spring hour
        self._latest: datetime | None = None

    def instant(self, stamp: Stamp) -> datetime | None:
        """The stamp's moment in UTC; None when its numbers name no date in this order."""
        found = day_month_year(stamp, self.order)
        if found is None:
            return None
        day, month, year = found
        clock = (stamp.hour, stamp.minute, stamp.second)
        earlier = datetime(year, month, day, *clock, tzinfo=self.zone, fold=0)
        later = earlier.replace(fold=1)
        if earlier.utcoffset() == later.utcoffset():
            when = earlier.astimezone(UTC)
        elif _exists(earlier):
            when = self._one_of_two(earlier, later)
        else:
            # A time the clock skipped: read with the offset before the change, which
            # lands it the gap's length later on the new clock (01:30 becomes 02:30).
            self.moved_forward += 1
            when = earlier.astimezone(UTC)
        if self._latest is None or when > self._latest:
            self._latest = when
        return when

    def _one_of_two(self, earlier: datetime, later: datetime) -> datetime:
        first, second = earlier.astimezone(UTC), later.astimezone(UTC)
        # Exports run in time order: a time that would fall before one already read
        # can only be the second pass through the repeated hour.
        if self._latest is not None and first < self._latest <= second:
            self.second_of_two += 1
            return second
        self.first_of_two += 1
        return first

    def notes(self) -> tuple[str, ...]:
        """One sentence for each kind of clock change met, naming only counts."""
        found: list[str] = []
        repeated = self.first_of_two + self.second_of_two
        if repeated:
            found.append(_repeated_sentence(self.first_of_two, self.second_of_two))
        if self.moved_forward:
            count = self.moved_forward
            sentence = ngettext(
                "{count} time fell in the hour the clocks went forward, which never happened; "
                "it was moved forward by that hour.",
                "{count} times fell in the hour the clocks went forward, which never happened; "
                "each was moved forward by that hour.",
                count,
            )
            found.append(sentence.format(count=whole_number(count)))
        return tuple(found)


def _exists(moment: datetime) -> bool:
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _repeated_sentence(first: int, second: int) -> str:
    total = first + second
    if not second:
        sentence = ngettext(
            "{count} time fell in the hour the clocks went back; it was read as its first "
            "occurrence.",
            "{count} times fell in the hour the clocks went back; each was read as its first "
            "occurrence.",
            total,
        )
    elif not first:
        sentence = ngettext(
            "{count} time fell in the hour the clocks went back; it was read as its second "
            "occurrence, as the times before it show.",
            "{count} times fell in the hour the clocks went back; each was read as its second "
            "occurrence, as the times before it show.",
            total,
        )
    else:
        sentence = ngettext(
            "{count} time fell in the hour the clocks went back; {first} read as the first "
            "occurrence and {second} as the second, as the times before them show.",
            "{count} times fell in the hour the clocks went back; {first} read as the first "
            "occurrence and {second} as the second, as the times before them show.",
            total,
        )
    return sentence.format(
        count=whole_number(total), first=whole_number(first), second=whole_number(second)
    )


def local_wall(stamp: Stamp, order: DateOrder, zone: ZoneInfo) -> datetime | None:
    """The stamp as an aware time in `zone` (the first reading of a repeated hour)."""
    found = day_month_year(stamp, order)
    if found is None:
        return None
    day, month, year = found
    wall = datetime(year, month, day, stamp.hour, stamp.minute, stamp.second, tzinfo=zone)
    return wall.astimezone(UTC).astimezone(zone)
