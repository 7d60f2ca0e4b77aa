"""Which dates a clinical record can hold."""

from __future__ import annotations

# Dates a clinical record can hold. Python's calendar stops at years 1 and 9999, so a
# date at either edge overflows as soon as it is moved to UTC or a day is added; anything
# this far out is a typo, refused with a sentence instead.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def year_problem(year: int) -> str | None:
    """Why `year` can't be in a record, or None when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; check the year"
