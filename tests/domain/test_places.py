"""Regions by name and each region's time zones."""

from __future__ import annotations

import pytest

from boundary_desk.domain.places import (
    first_place_zone,
    is_place_zone,
    region_choices,
    region_name,
    zones_for_region,
)
from boundary_desk.domain.region import Region, parse_region


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("CA-ON", "Ontario, Canada"),
        ("CA-QC", "Quebec, Canada"),
        ("US-NY", "New York, United States"),
        ("GB-SCT", "Scotland, United Kingdom"),
        ("IL", "Israel"),
        ("US", "United States"),
    ],
)
def test_regions_have_names(code: str, name: str) -> None:
    assert region_name(parse_region(code)) == name


def test_every_region_offered_is_one_the_calendar_reads() -> None:
    choices = region_choices()
    assert len({choice.code for choice in choices}) == len(choices)
    for choice in choices:
        assert str(parse_region(choice.code)) == choice.code


@pytest.mark.parametrize(
    ("region", "first"),
    [
        (Region("CA", "ON"), "America/Toronto"),
        (Region("CA", "BC"), "America/Vancouver"),
        (Region("IL"), "Asia/Jerusalem"),
        (Region("GB", "ENG"), "Europe/London"),
        (Region("US"), "America/New_York"),
    ],
)
def test_a_regions_own_zone_comes_first(region: Region, first: str) -> None:
    zones = zones_for_region(region)
    assert zones[0] == first
    assert all(is_place_zone(zone) for zone in zones)


def test_utc_and_etc_zones_name_no_place() -> None:
    assert not is_place_zone("UTC")
    assert not is_place_zone("Etc/UTC")
    assert not is_place_zone("Etc/GMT+5")
    assert is_place_zone("America/Toronto")


def test_the_computer_zone_is_the_first_source_that_names_a_place() -> None:
    assert first_place_zone(["", "UTC", "Etc/GMT+5", "Asia/Jerusalem", "Europe/Paris"]) == (
        "Asia/Jerusalem"
    )
    assert first_place_zone(["", "UTC", "Not/A_Zone"]) is None
    assert first_place_zone([]) is None


def test_a_zone_is_placed_in_its_country() -> None:
    from boundary_desk.domain.places import region_zone_mismatch, zone_country

    assert zone_country("America/Toronto") == "CA"
    assert zone_country("Asia/Jerusalem") == "IL"
    assert zone_country("Europe/London") == "GB"
    assert zone_country("UTC") is None
    assert region_zone_mismatch(Region("CA", "QC"), "America/Toronto") is None
    assert region_zone_mismatch(Region("GB", "ENG"), "Europe/London") is None
    assert region_zone_mismatch(Region("US"), "UTC") is None
    said = region_zone_mismatch(Region("US", "NY"), "America/Toronto")
    assert said is not None and said.startswith("The region is New York, United States, but ")
