"""The practice region: country and subdivision codes, and their public holidays."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import holidays
import pytest

from boundary_desk.domain.region import (
    Region,
    format_region,
    parse_region,
    public_holidays,
    stored_region,
)
from boundary_desk.errors import InvalidInput

ACCEPTED = 'such as "US", "US-NY", "CA-ON" or "GB-ENG"'


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("CA-ON", Region("CA", "ON")),
        ("US-NY", Region("US", "NY")),
        ("GB-ENG", Region("GB", "ENG")),
        ("CA", Region("CA")),
        ("us-ny", Region("US", "NY")),
        ("Ca-On", Region("CA", "ON")),
        ("  us  ", Region("US")),
        ("us - ny", Region("US", "NY")),
        ("GB", Region("GB")),
        ("UK", Region("GB")),
        ("uk-sct", Region("GB", "SCT")),
        ("IL", Region("IL")),
        ("AU-NSW", Region("AU", "NSW")),
        ("de-by", Region("DE", "BY")),
        # A subdivision the calendar spells with a space keeps its own spelling.
        ("au-nsw western", Region("AU", "NSW Western")),
    ],
)
def test_accepted_forms_are_normalised(text: str, region: Region) -> None:
    assert parse_region(text) == region


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("us-ny", "US-NY"),
        ("ca", "CA"),
        ("uk-eng", "GB-ENG"),
        ("UK", "GB"),
        ("au-nsw western", "AU-NSW Western"),
    ],
)
def test_format_is_canonical_and_reads_back(text: str, canonical: str) -> None:
    region = parse_region(text)
    assert format_region(region) == canonical
    assert str(region) == canonical
    assert parse_region(canonical) == region


def test_every_supported_country_and_subdivision_round_trips() -> None:
    supported = holidays.list_supported_countries(include_aliases=False)
    for country, subdivisions in supported.items():
        assert parse_region(country.lower()) == Region(country)
        for subdivision in subdivisions:
            region = Region(country, subdivision)
            assert parse_region(format_region(region)) == region


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "No region was given."),
        ("   ", "No region was given."),
        ("Canada", 'Could not read "Canada".'),
        ("USA", 'Could not read "USA".'),
        ("U", 'Could not read "U".'),
        ("C1", 'Could not read "C1".'),
        ("US NY", 'Could not read "US NY".'),
        ("-ON", 'Could not read "-ON".'),
        ("CA-", 'Could not read "CA-".'),
        ("XX", '"XX" is not a country the holiday calendar knows.'),
        ("ZZ-ON", '"ZZ" is not a country the holiday calendar knows.'),
    ],
)
def test_refusals_name_the_problem_and_the_accepted_form(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_region(text)
    assert problem in refused.value.message
    assert ACCEPTED in refused.value.message


def test_a_bad_subdivision_lists_the_valid_ones_for_that_country() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_region("CA-XX")
    assert refused.value.message == (
        '"XX" is not a subdivision of CA. Use one of AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, '
        'QC, SK, YT (e.g. "CA-AB"), or just "CA".'
    )


def test_a_bad_uk_subdivision_names_the_four_nations() -> None:
    with pytest.raises(InvalidInput, match=r"Use one of ENG, NIR, SCT, WLS .*just \"GB\""):
        parse_region("UK-London")


def test_a_subdivision_for_a_country_without_any_says_to_use_the_country() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_region("IL-TA")
    assert refused.value.message == (
        'IL has no subdivisions in the holiday calendar; use just "IL".'
    )


# --- reading the stored region back -----------------------------------------------------


def test_every_stored_region_reads_back_as_it_was_saved() -> None:
    supported = holidays.list_supported_countries(include_aliases=False)
    for country, subdivisions in supported.items():
        assert stored_region(country) == Region(country)
        for subdivision in subdivisions:
            region = Region(country, subdivision)
            assert stored_region(format_region(region)) == region


@pytest.mark.parametrize(
    ("text", "region"),
    [("uk-eng", Region("GB", "ENG")), ("UK", Region("GB")), ("ca-on", Region("CA", "ON"))],
)
def test_text_not_in_the_stored_form_is_read_with_the_calendar(text: str, region: Region) -> None:
    assert stored_region(text) == region


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "No region was given."), ("Canada", 'Could not read "Canada".'), ("CA-", "Could not")],
)
def test_a_damaged_stored_region_is_refused_as_a_typed_one_is(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        stored_region(text)


_READ_BACK = """
import json, sys
from boundary_desk.domain.practice_settings import PracticeSettings
settings = PracticeSettings.from_values({"region": sys.argv[1]})
print(json.dumps({"region": str(settings.region),
                  "calendars": sorted(m for m in sys.modules if m.startswith("holidays"))}))
"""


@pytest.mark.parametrize("stored", ["CA-ON", "AU-NSW Western", "US"])
def test_reading_the_settings_back_loads_no_holiday_calendar(stored: str) -> None:
    # Each country's module costs memory for the life of the app; the settings are read
    # as the vault opens, so the stored region is read back without them.
    done = subprocess.run(
        [sys.executable, "-c", _READ_BACK, stored],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
    )
    read = json.loads(done.stdout)
    assert read == {"region": stored, "calendars": []}


def test_a_stored_region_the_calendar_no_longer_knows_is_refused_when_its_holidays_are_needed() -> (
    None
):
    # E.g. a subdivision dropped by an upgrade of the calendar: read back without a check,
    # then refused with what to do as soon as a judgement needs its holidays.
    region = stored_region("CA-XX")
    assert region == Region("CA", "XX")
    with pytest.raises(InvalidInput) as refused:
        public_holidays(region, 2026)
    assert refused.value.message == (
        'The holiday calendar does not know the region "CA-XX" saved in Settings. '
        "Choose the region again in Settings."
    )
    with pytest.raises(InvalidInput, match='"ZZ" saved in Settings'):
        public_holidays(stored_region("ZZ"), 2026)


def test_holidays_use_the_calendar_spelling_of_a_subdivision() -> None:
    assert public_holidays(Region("CA", "on"), 2026) == public_holidays(Region("CA", "ON"), 2026)


# --- public holidays ---------------------------------------------------------------------


def test_ontario_2026_has_christmas_canada_day_and_family_day() -> None:
    found = public_holidays(Region("CA", "ON"), 2026)
    assert found[date(2026, 12, 25)] == "Christmas Day"
    assert found[date(2026, 7, 1)] == "Canada Day"
    assert found[date(2026, 2, 16)] == "Family Day"
    # Canadian spelling, not the US one.
    assert found[date(2026, 9, 7)] == "Labour Day"
    assert all(day.year == 2026 for day in found)


def test_holidays_come_in_date_order() -> None:
    found = public_holidays(Region("CA", "ON"), 2026)
    assert list(found) == sorted(found)


def test_quebec_differs_from_ontario() -> None:
    ontario = public_holidays(Region("CA", "ON"), 2026)
    quebec = public_holidays(Region("CA", "QC"), 2026)
    assert date(2026, 2, 16) not in quebec  # no Family Day in Quebec
    assert date(2026, 6, 24) in quebec  # Fête nationale
    assert date(2026, 6, 24) not in ontario


def test_england_2026_bank_holidays() -> None:
    found = public_holidays(Region("GB", "ENG"), 2026)
    assert found[date(2026, 4, 6)] == "Easter Monday"
    assert found[date(2026, 8, 31)] == "Late Summer Bank Holiday"
    assert found[date(2026, 12, 25)] == "Christmas Day"
    assert date(2026, 1, 2) not in found  # a Scottish holiday only


def test_scotland_has_its_own_holidays() -> None:
    found = public_holidays(parse_region("UK-SCT"), 2026)
    assert date(2026, 1, 2) in found
    assert date(2026, 4, 6) not in found  # Easter Monday is not a Scottish bank holiday


def test_a_whole_country_without_a_subdivision() -> None:
    found = public_holidays(Region("US"), 2026)
    assert found[date(2026, 7, 4)] == "Independence Day"
    assert found[date(2026, 11, 26)] == "Thanksgiving Day"


def test_names_are_in_english_where_the_calendar_has_english() -> None:
    found = public_holidays(Region("IL"), 2026)
    assert found[date(2026, 9, 21)] == "Yom Kippur"
    assert public_holidays(Region("DE", "BY"), 2026)[date(2026, 10, 3)] == "German Unity Day"
