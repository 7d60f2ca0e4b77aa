"""Dates, times and numbers shown in the app's language, as its clinicians write them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest

from boundary_desk.domain.vocabulary.calendar_names import (
    clock_time,
    day_month,
    decimal_number,
    long_date,
    percent,
    short_date,
    weekday_date,
    weekday_day_month,
)
from boundary_desk.system.i18n import current_language, set_language, use_translations

FRIDAY = date(2026, 11, 20)
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def speaking() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("20 November 2026", "20 Nov 2026", "20 Nov", "Fri 20 Nov 2026", "Fri 20 Nov")),
        (
            "fr",
            ("20 novembre 2026", "20 nov. 2026", "20 nov.", "ven. 20 nov. 2026", "ven. 20 nov."),
        ),
        (
            "he",
            (
                "20 בנובמבר 2026",
                "20 בנוב׳ 2026",
                "20 בנוב׳",
                "יום ו׳, 20 בנוב׳ 2026",
                "יום ו׳, 20 בנוב׳",
            ),
        ),
    ],
)
def test_dates_in_each_language(speaking: None, language: str, expected: tuple[str, ...]) -> None:
    set_language(language)
    helpers = (long_date, short_date, day_month, weekday_date, weekday_day_month)
    assert tuple(helper(FRIDAY) for helper in helpers) == expected
    # Asked for by name, a language is used whatever the app speaks.
    set_language("en")
    assert tuple(helper(FRIDAY, language) for helper in helpers) == expected


@pytest.mark.parametrize(
    ("language", "clock", "decimal", "whole", "thousands", "share"),
    [
        ("en", "22:40", "2.5", "3", "1234.5", "38%"),
        ("fr", "22 h 40", "2,5", "3", f"1{NBSP}234,5", f"38{NBSP}%"),
        ("he", "22:40", "2.5", "3", "1,234.5", "38%"),
    ],
)
def test_times_and_numbers_in_each_language(
    speaking: None,
    language: str,
    clock: str,
    decimal: str,
    whole: str,
    thousands: str,
    share: str,
) -> None:
    set_language(language)
    assert clock_time(time(22, 40)) == clock
    assert decimal_number(2.5) == decimal
    assert decimal_number(3.0) == whole
    assert decimal_number(1234.5) == thousands
    assert percent(0.375) == share


def test_a_language_without_formats_of_its_own_shows_english(speaking: None) -> None:
    import gettext

    use_translations(gettext.NullTranslations(), "pseudo")
    assert weekday_date(FRIDAY) == "Fri 20 Nov 2026"
    assert clock_time(time(9, 5)) == "09:05"
    assert decimal_number(0.25, 2) == "0.25" and decimal_number(7, 0) == "7"
