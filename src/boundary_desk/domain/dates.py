"""Dates written out in full ("22 November 2026"), the same whatever the locale."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
SHORT_MONTHS = tuple(name[:3] for name in MONTHS)


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# Dates a clinical record can hold. Python's calendar stops at years 1 and 9999, so a
# date at either edge overflows as soon as it is moved to UTC or a day is added; anything
# this far out is a typo, refused with a sentence instead.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def year_problem(year: int) -> str | None:
    """Why `year` can't be in a record, or None when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"the year {year} is outside {FIRST_YEAR}–{LAST_YEAR}; check the year"
